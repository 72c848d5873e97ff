using IxaRules.Binding;
using IxaRules.Cohort;

namespace IxaRules.Diff;

/// <summary>One regimen's diff: its changes (with the solver's verdicts), the run-level search's result and bound, and the population impact.</summary>
internal sealed record RegimenDiff(string Regimen, IReadOnlyList<Change> Changes, Counterexample? Counterexample, SearchBound? Bound)
{
    public PopulationImpact? Impact { get; init; }

    /// <summary>Nothing changed, or every change is a condition the solver proved equivalent (or metadata).</summary>
    public bool ProvenEquivalent => Changes.All(c => c.NoEffect);
}

/// <summary>The whole diff of two rule files.</summary>
internal sealed record DiffResult(string OldPath, string NewPath, IReadOnlyList<RegimenDiff> Regimens, IReadOnlyList<string> Added, IReadOnlyList<string> Removed,
    string? SolverUnavailable, string? SolverVersion)
{
    public bool ProvenEquivalent => Added.Count == 0 && Removed.Count == 0 && Regimens.All(r => r.ProvenEquivalent);
}

/// <summary>What to replay both versions over, for the population impact.</summary>
internal sealed record ImpactOptions(Population Population, int Patients, int Seed);

/// <summary>
/// `ixarules diff`: the structural changes of each regimen both files declare, each changed
/// condition proven equivalent or shown with the region where the versions disagree (SMT), and a
/// searched, shrunk patient for whom the administrations differ.
/// </summary>
internal static class AmendmentDiff
{
    /// <summary>Stated limits: at most this many changed conditions go to the solver, within this much time in all; the rest are reported as not analysed.</summary>
    public const int MaxSolvedConditions = 500;

    public static readonly TimeSpan SolverBudget = TimeSpan.FromSeconds(60);

    public static DiffResult Compare(BoundFile old, BoundFile @new, string? regimen, ImpactOptions? impact = null, bool useSolver = true)
    {
        var names = old.Regimens.Select(r => r.Name).Where(n => regimen is null || n == regimen).ToList();
        var common = names.Where(n => @new.Regimens.Any(r => r.Name == n)).ToList();
        var removed = regimen is null ? names.Except(common).ToList() : [];
        var added = regimen is null ? @new.Regimens.Select(r => r.Name).Where(n => !names.Contains(n)).ToList() : [];

        using var smt = useSolver ? Smt.TryCreate() : null;
        if (smt is not null)
        {
            smt.Budget = SolverBudget;
        }

        var solved = 0;
        var results = new List<RegimenDiff>();
        foreach (var name in common)
        {
            var (a, b) = (old.Regimens.First(r => r.Name == name), @new.Regimens.First(r => r.Name == name));
            var changes = StructuralDiff.Compare(old, a, @new, b);
            if (smt is not null)
            {
                foreach (var change in changes.Where(c => c.OldCondition is not null && c.NewCondition is not null))
                {
                    change.Verdict = solved++ >= MaxSolvedConditions || smt.Expired
                        ? new ConditionVerdict([], $"not analysed: the solver's budget ({MaxSolvedConditions} conditions, {SolverBudget.TotalSeconds:0} s) was spent")
                        : ConditionComparison.Compare(smt, change.OldCondition!, change.NewCondition!);
                }
            }

            using var runner = new CaseRunner(old, a, @new, b);
            var (found, bound) = changes.All(c => c.NoEffect)
                ? (null, null)
                : CounterexampleSearch.Search(runner, changes, new CounterexampleSearch.Versions(old, a, @new, b), Labs(old, a, @new, b), smt);
            var diff = new RegimenDiff(name, changes, found, bound);
            if (impact is not null && impact.Population.Arms.FirstOrDefault(x => x.Regimen == name) is { } arm)
            {
                diff = diff with { Impact = PopulationImpactRunner.Run(runner.Prepared.Old, runner.Prepared.New, impact.Population, arm, impact.Patients, impact.Seed) };
            }

            results.Add(diff);
        }

        return new DiffResult(old.Source.Path, @new.Source.Path, results, added, removed,
            useSolver ? Smt.Unavailable : "the SMT solver was not used (--no-solver)", smt is null ? null : Smt.Version());
    }

    /// <summary>The labs either version reads (the search measures them weekly), platelets and ANC always.</summary>
    private static List<string> Labs(BoundFile old, Regimen a, BoundFile @new, Regimen b) =>
        [.. RegimenConditions.Of(old.RulesFor(a.Name), a, "").Concat(RegimenConditions.Of(@new.RulesFor(b.Name), b, ""))
            .SelectMany(c => ConditionLeaves.Of(c.Condition)).OfType<LabCondition>().Select(l => l.Lab)
            .Concat(["platelets", "anc"]).Distinct().OrderBy(Catalog.LabIndex)];
}
