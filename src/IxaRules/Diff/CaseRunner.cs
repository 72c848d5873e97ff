using IxaRules.Binding;
using IxaRules.Evaluation;
using IxaRules.Text;

namespace IxaRules.Diff;

/// <summary>What one version did with a generated case: refused it (and why), or the administrations it gave.</summary>
internal sealed record CaseResult(string? Refused, IReadOnlyList<Administration> Administrations);

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
            return new CaseResult("the patient file does not load: " + string.Join("; ", input.Diagnostics.Select(d => d.Message)), []);
        }

        var refusals = RuleFiles.CheckRunInputs(prepared.File, prepared.Regimen, input);
        if (refusals.Count > 0)
        {
            return new CaseResult(refusals[0].Message, []);
        }

        var (events, problems) = RuleFiles.LoadEvents(new SourceText("counterexample.events", c.EventsText()), prepared.Regimen, patient.StartDate, prepared.File);
        if (problems.Count > 0)
        {
            return new CaseResult("the events file does not load: " + problems[0].Message, []);
        }

        return new CaseResult(null, prepared.Run(patient, events, new RunOptions(Days: c.RunDays)).Administrations);
    }

    private static FirstDifference? Difference(CaseResult a, CaseResult b)
    {
        if (a.Refused is not null || b.Refused is not null)
        {
            return a.Refused == b.Refused ? null
                : new FirstDifference(1, "(the run)", a.Refused is null ? "runs" : "refuses: " + a.Refused, b.Refused is null ? "runs" : "refuses: " + b.Refused);
        }

        var count = Math.Max(a.Administrations.Count, b.Administrations.Count);
        for (var i = 0; i < count; i++)
        {
            var x = i < a.Administrations.Count ? a.Administrations[i] : null;
            var y = i < b.Administrations.Count ? b.Administrations[i] : null;
            if (x is null || y is null || x.Day != y.Day || x.Drug != y.Drug || x.GivenMg != y.GivenMg || x.Status != y.Status)
            {
                var first = x is null ? y! : y is null ? x : x.Day <= y.Day ? x : y;
                return new FirstDifference(first.Day, first.Drug, Show(x, first), Show(y, first));
            }
        }

        return null;
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
