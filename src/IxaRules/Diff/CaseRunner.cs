using IxaRules.Binding;
using IxaRules.Evaluation;
using IxaRules.Text;

namespace IxaRules.Diff;

/// <summary>What one version did with a generated case: refused it (and why), or the administrations it gave.</summary>
internal sealed record CaseResult(string? Refused, IReadOnlyList<Administration> Administrations, bool Unloadable = false);

/// <summary>Where two versions first part on a case: the day, the drug, and what each did.</summary>
internal sealed record FirstDifference(int Day, string Drug, string Old, string New);

/// <summary>
/// Runs a generated case through both versions the way `ixarules run` does: the written patient and
/// events text is loaded and checked by the same loaders, then run by the interpreter.
/// </summary>
internal sealed class CaseRunner(BoundFile oldFile, Regimen oldRegimen, BoundFile newFile, Regimen newRegimen) : IDisposable
{
    private readonly PreparedRegimen _old = PreparedRegimen.Prepare(oldFile, oldRegimen, Backend.Interpreted, null);
    private readonly PreparedRegimen _new = PreparedRegimen.Prepare(newFile, newRegimen, Backend.Interpreted, null);

    /// <summary>The two versions as prepared for the search (the population replay runs them too).</summary>
    public (PreparedRegimen Old, PreparedRegimen New) Prepared => (_old, _new);

    public int Runs { get; private set; }

    public FirstDifference? Compare(CaseFiles c)
    {
        Runs++;
        var a = Run(_old, c);
        var b = Run(_new, c);
        return Difference(a, b);
    }

    private static CaseResult Run(PreparedRegimen prepared, CaseFiles c)
    {
        var input = RuleFiles.LoadPatient(new SourceText("counterexample.patient.yaml", c.PatientText()));
        if (input.Patient is not { } patient || input.Diagnostics.Count > 0)
        {
            return new CaseResult("the patient file does not load: " + string.Join("; ", input.Diagnostics.Select(d => d.Message)), [], Unloadable: true);
        }

        var refusals = RuleFiles.CheckRunInputs(prepared.File, prepared.Regimen, input);
        if (refusals.Count > 0)
        {
            return new CaseResult(refusals[0].Message, []);
        }

        var (events, problems) = RuleFiles.LoadEvents(new SourceText("counterexample.events", c.EventsText()), prepared.Regimen, patient.StartDate, prepared.File);
        if (problems.Count > 0)
        {
            return new CaseResult("the events file does not load: " + problems[0].Message, [], Unloadable: true);
        }

        return new CaseResult(null, prepared.Run(patient, events, new RunOptions(Days: c.RunDays)).Administrations);
    }

    private static FirstDifference? Difference(CaseResult a, CaseResult b)
    {
        // Both refusing give nobody anything: the same (their messages name their own files). A case
        // whose files one version cannot load is a flaw of the case, not a difference.
        if (a.Refused is not null || b.Refused is not null)
        {
            return a.Refused is not null && b.Refused is not null || a.Unloadable || b.Unloadable ? null
                : new FirstDifference(1, "(the run)", a.Refused is null ? "runs" : "refuses: " + a.Refused, b.Refused is null ? "runs" : "refuses: " + b.Refused);
        }

        // By day and drug: the order drugs are declared in is not a difference.
        var (xs, ys) = (InOrder(a.Administrations), InOrder(b.Administrations));
        var count = Math.Max(xs.Count, ys.Count);
        for (var i = 0; i < count; i++)
        {
            var x = i < xs.Count ? xs[i] : null;
            var y = i < ys.Count ? ys[i] : null;
            if (x is null || y is null || x.Day != y.Day || x.Drug != y.Drug || x.GivenMg != y.GivenMg || x.Status != y.Status)
            {
                var first = x is null ? y! : y is null ? x : x.Day <= y.Day ? x : y;
                return new FirstDifference(first.Day, first.Drug, Show(x, first), Show(y, first));
            }
        }

        return null;
    }

    /// <summary>Administrations by day, then drug name (a stable sort: one drug's doses on one day keep their order).</summary>
    internal static List<Administration> InOrder(IReadOnlyList<Administration> list) =>
        [.. list.OrderBy(x => x.Day).ThenBy(x => x.Drug, StringComparer.Ordinal)];

    /// <summary>Whether two runs gave the same doses (day, drug, amount, status), whatever order the drugs are declared in.</summary>
    internal static bool SameDoses(IReadOnlyList<Administration> a, IReadOnlyList<Administration> b)
    {
        var (xs, ys) = (InOrder(a), InOrder(b));
        return xs.Count == ys.Count && xs.Zip(ys).All(p => p.First.Day == p.Second.Day && p.First.Drug == p.Second.Drug
            && p.First.GivenMg == p.Second.GivenMg && p.First.Status == p.Second.Status);
    }

    private static string Show(Administration? a, Administration at) =>
        a is null || a.Day != at.Day || a.Drug != at.Drug ? $"no {at.Drug} dose on day {at.Day}"
        : a.Status == DoseStatus.Given ? $"{a.Drug} {ConditionText.Num(a.GivenMg)} mg given"
        : $"{a.Drug} {a.Status.ToString().ToLowerInvariant()}";

    public void Dispose()
    {
        _old.Dispose();
        _new.Dispose();
    }
}
