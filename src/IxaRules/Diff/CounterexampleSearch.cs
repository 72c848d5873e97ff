using IxaRules.Binding;
using IxaRules.Evaluation;

namespace IxaRules.Diff;

/// <summary>A patient and event stream on which the two versions give different administrations, and where they first part.</summary>
internal sealed record Counterexample(CaseFiles Case, FirstDifference Difference);

/// <summary>What the search explored: cases run, at most this many episodes, over at most this many days.</summary>
internal sealed record SearchBound(int Cases, int MaxEpisodes, int MaxDays);

/// <summary>The state one episode sets on its onset day: labs, adverse events, and events written as they are (progression).</summary>
internal sealed record Episode(IReadOnlyDictionary<string, decimal> Labs, IReadOnlyList<WitnessEvent> Events, IReadOnlyList<string> Plain)
{
    public static Episode From(Witness w) => new(
        w.Labs.Where(l => l.Value is not null).ToDictionary(l => l.Key, l => l.Value!.Value, StringComparer.Ordinal),
        [.. w.Events.Values.Where(e => e.Grade > 0)],
        [.. w.Terminal]);

    public string Key => string.Join(";", Labs.OrderBy(l => l.Key, StringComparer.Ordinal).Select(l => $"{l.Key}={l.Value}"))
        + "|" + string.Join(";", Events.Select(e => $"{e.Name}={e.Grade}{string.Concat(e.Qualifiers)}{e.AttributedTo}")) + "|" + string.Join(";", Plain);
}

/// <summary>
/// The run-level search: the simplest case on which the versions give different administrations.
/// Candidates grow from no event at all (a changed starting dose shows on day 1) to one, two and
/// three episodes 28 days apart (a change reached only on a second occurrence needs two), each
/// episode's values taken from the solver's witnesses — the disagreement of a changed condition, or
/// a state that fires a rule — with the witnesses of changed recovery conditions three days in, and
/// normal counts weekly. The first case that differs is then shrunk, as a property test's
/// counterexample is: episodes, events, covariates and days are dropped while the difference stays.
/// </summary>
internal static class CounterexampleSearch
{
    public const int MaxEpisodes = 3;
    public const int MaxCandidates = 400;
    private const int Spacing = 28;

    /// <summary>The two versions' regimens and rules, for the seeds the changes alone do not give.</summary>
    internal sealed record Versions(BoundFile OldFile, Regimen Old, BoundFile NewFile, Regimen New)
    {
        public IEnumerable<DoseRule> Rules => OldFile.RulesFor(Old.Name).Concat(NewFile.RulesFor(New.Name));

        public IEnumerable<Regimen> Both => [Old, New];
    }

    public static (Counterexample? Found, SearchBound Bound) Search(CaseRunner runner, IReadOnlyList<Change> changes, Versions versions, IReadOnlyList<string> labs, Smt? smt)
    {
        var seeds = Seeds(changes, versions, labs, smt);
        var tried = 0;
        var maxDays = 0;
        foreach (var candidate in CaseGenerator.Candidates(seeds))
        {
            if (tried++ >= MaxCandidates)
            {
                break;
            }

            maxDays = Math.Max(maxDays, candidate.RunDays);
            if (runner.Compare(candidate) is { } difference)
            {
                var shrunk = Shrink(runner, candidate, difference);
                return (shrunk, new SearchBound(tried, MaxEpisodes, maxDays));
            }
        }

        return (null, new SearchBound(tried, MaxEpisodes, maxDays));
    }

    private static SearchSeeds Seeds(IReadOnlyList<Change> changes, Versions versions, IReadOnlyList<string> labs, Smt? smt)
    {
        var witnesses = changes.Where(c => c.Verdict is not null).SelectMany(c => c.Verdict!.Disagreements.Select(d => d.Witness)).ToList();

        // Patients: typical; each witness's covariates; a patient each starting-dose row or titration
        // of either version applies to; and, for what those rows read, one covariate left unknown.
        var rows = versions.Both.SelectMany(r => r.Phases).SelectMany(p => p.StartAdjustments.Select(a => a.When).Concat(p.Titrations.Select(t => t.When).OfType<Condition>())).ToList();
        if (smt is not null)
        {
            witnesses.AddRange(rows.Select(c => ConditionComparison.Satisfying(smt, c, Truth.True)).OfType<Witness>());
        }

        var patients = new List<IReadOnlyDictionary<string, string?>> { CaseFiles.Typical };
        patients.AddRange(witnesses.Where(w => w.Covariates.Count > 0 || w.Events.Values.Any(e => e.Baseline > 0)).Select(w => WithCovariates(w)));
        foreach (var name in rows.SelectMany(ConditionLeaves.Of).Select(Covariate).OfType<string>().Distinct().Order(StringComparer.Ordinal))
        {
            patients.Add(new SortedDictionary<string, string?>(CaseFiles.Typical.ToDictionary(), StringComparer.Ordinal) { [name] = null });
        }

        var triggers = versions.Rules.Select(r => r.Trigger).DistinctBy(ConditionText.Render).ToList();
        var onsets = witnesses.Select(Episode.From).ToList();
        onsets.AddRange(smt is not null
            ? triggers.Select(t => ConditionComparison.Satisfying(smt, t, Truth.True)).OfType<Witness>().Select(Episode.From)
            : triggers.SelectMany(ConditionLeaves.Of).Select(Leaf).OfType<Episode>());
        // The events that end a phase or the regimen in either version (`until progression`).
        onsets.AddRange(versions.Both.SelectMany(r => r.Phases).SelectMany(p => p.Until).Where(Catalog.TerminalEvents.Contains).Distinct()
            .Select(t => new Episode(new Dictionary<string, decimal>(), [], [t])));
        onsets = [.. onsets.Where(e => e.Labs.Count + e.Events.Count + e.Plain.Count > 0).DistinctBy(e => e.Key)];

        var between = changes.Where(c => c.Subject.Contains("occurrence", StringComparison.Ordinal) || c.Text.StartsWith("hold until", StringComparison.Ordinal))
            .SelectMany(c => c.Verdict is { } v
                ? v.Disagreements.Select(d => Episode.From(d.Witness))
                : new[] { c.OldCondition, c.NewCondition }.OfType<Condition>().SelectMany(ConditionLeaves.Of).Select(Leaf).OfType<Episode>())
            .Prepend(null).DistinctBy(e => e?.Key).ToList();

        // A missed and a vomited dose of each drug with a policy in either version, on a day it is given.
        var doses = versions.Both.SelectMany(r => r.Missed.Select(m => ("missed", m.Drug)).Concat(r.Vomited.Select(v => ("vomited", v.Drug))))
            .Distinct().Select(x => (Day: DoseDay(versions.Old, x.Drug), Event: $"{x.Item1} {x.Drug}")).ToList();
        var horizon = Math.Min(MaxHorizon, versions.Both.Max(Horizon));
        return new SearchSeeds(patients.DistinctBy(p => string.Join(";", p.Select(x => x.Key + "=" + x.Value))).ToList(), onsets, between, doses, labs, horizon);
    }

    /// <summary>Stated limit: the longest a case runs (two years).</summary>
    public const int MaxHorizon = 730;

    /// <summary>How long a regimen runs with nothing happening: its fixed cycles (open-ended phases: six cycles), and past its last titration.</summary>
    private static int Horizon(Regimen r) =>
        Math.Max(Spacing * 2, r.Phases.Sum(p => p.CycleDays * (p.CycleCount ?? 6))
            + r.Phases.SelectMany(p => p.Titrations.Select(t => p.CycleDays * t.FromCycle)).DefaultIfEmpty(0).Max());

    /// <summary>A day the drug is given in the first phase (its second scheduled day, so that a day-1 start is settled).</summary>
    private static int DoseDay(Regimen r, string drug) =>
        r.Phases.SelectMany(p => p.Drugs).FirstOrDefault(d => d.Name == drug)?.Schedule.Days is { Count: > 0 } days ? days[Math.Min(1, days.Count - 1)] : 1;

    private static string? Covariate(Condition leaf) => leaf switch
    {
        CovariateCondition c => c.Covariate,
        CovariateIn i => i.Covariate,
        CovariateFlag f => f.Covariate,
        _ => null,
    };

    /// <summary>Without the solver: one episode per lab or adverse-event leaf of a trigger, a value just inside it.</summary>
    private static Episode? Leaf(Condition leaf)
    {
        switch (leaf)
        {
            case LabCondition l:
                var step = l.Value >= 10 ? 1 : l.Value >= 1 ? 0.1m : 0.01m;
                var value = l.Op switch
                {
                    CompareOp.Less => l.Value - step,
                    CompareOp.Greater => l.Value + step,
                    CompareOp.NotEqual => l.Value + step,
                    _ => l.Value,
                };
                return new Episode(new Dictionary<string, decimal>(StringComparer.Ordinal) { [l.Lab] = Math.Max(0, value) }, [], []);
            case AdverseEventCondition { Event: { } name } ae when ae.MaxGrade > 0:
                return new Episode(new Dictionary<string, decimal>(), [new WitnessEvent(name, Math.Max(1, ae.MinGrade == 0 ? ae.MaxGrade : ae.MinGrade), ae.With, ae.AttributedTo, 0) { Without = ae.Without }], []);
            case TerminalCondition t:
                return new Episode(new Dictionary<string, decimal>(), [], [t.Event]);
            default:
                return null;
        }
    }

    private static IReadOnlyDictionary<string, string?> WithCovariates(Witness w)
    {
        var covariates = new SortedDictionary<string, string?>(CaseFiles.Typical.ToDictionary(), StringComparer.Ordinal);
        foreach (var (name, value) in w.Covariates)
        {
            covariates[name] = value;
        }

        foreach (var e in w.Events.Values.Where(e => e.Baseline > 0))
        {
            covariates[e.Name] = e.Baseline.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return covariates;
    }

    /// <summary>Drops what the difference does not need, one piece at a time, until nothing more can go (bounded).</summary>
    private static Counterexample Shrink(CaseRunner runner, CaseFiles found, FirstDifference difference)
    {
        var (best, diff) = (found, difference);
        for (var round = 0; round < 8; round++)
        {
            var improved = false;
            foreach (var smaller in Smaller(best, diff))
            {
                if (runner.Runs > MaxCandidates * 3)
                {
                    return new Counterexample(best, diff);
                }

                if (runner.Compare(smaller) is { } d)
                {
                    (best, diff, improved) = (smaller, d, true);
                    break;
                }
            }

            if (!improved)
            {
                break;
            }
        }

        return new Counterexample(best, diff);
    }

    private static IEnumerable<CaseFiles> Smaller(CaseFiles c, FirstDifference difference)
    {
        if (c.RunDays > difference.Day)
        {
            yield return c with { RunDays = difference.Day, Days = [.. c.Days.Where(d => d.Day <= difference.Day)] };
        }

        for (var i = c.Days.Count - 1; i >= 0; i--)
        {
            var day = c.Days[i];
            foreach (var lab in day.Labs.Keys)
            {
                yield return Replace(c, i, day with { Labs = day.Labs.Where(l => l.Key != lab).ToDictionary(l => l.Key, l => l.Value, StringComparer.Ordinal) });
            }

            foreach (var e in day.Events)
            {
                yield return Replace(c, i, day with { Events = [.. day.Events.Where(x => x != e)] });
            }
        }

        foreach (var (name, value) in c.Covariates)
        {
            var typical = CaseFiles.Typical.GetValueOrDefault(name);
            if (value != typical)
            {
                var covariates = new SortedDictionary<string, string?>(c.Covariates.ToDictionary(), StringComparer.Ordinal);
                if (typical is null)
                {
                    covariates.Remove(name);
                }
                else
                {
                    covariates[name] = typical;
                }

                yield return c with { Covariates = covariates };
            }
        }
    }

    private static CaseFiles Replace(CaseFiles c, int index, CaseDay day) =>
        c with { Days = [.. c.Days.Take(index), .. day.IsEmpty ? [] : new[] { day }, .. c.Days.Skip(index + 1)] };
}
