using System.Globalization;
using IxaRules.Binding;
using IxaRules.Evaluation;

namespace IxaRules.Checks;

/// <summary>
/// Runs a scenario and checks each of its expectations. A failed expectation says where it is
/// written, what was expected and what happened, and lists the decisions around that day.
/// Expectations and decisions are compared as values: the bound drug, rule and dose, the decision's kind and effects.
/// </summary>
internal static class ScenarioRunner
{
    public static (CaseResult Result, Outcome Outcome) Run(BoundFile file, Scenario scenario, PreparedRegimen prepared, IRunObserver? observer = null)
    {
        var started = DateTime.UtcNow;
        var (_, patient, events) = RuleFiles.ScenarioInputs(file, scenario);
        // Run at least through the last day an expectation is about, so a scenario sees what it asks about.
        var through = scenario.Expectations.Select(e => e.ToDay).DefaultIfEmpty(0).Max();
        var outcome = prepared.Run(patient, events, new RunOptions(Through: through > 0 ? through : null), observer);
        var failures = new List<CheckFailure>();
        foreach (var expectation in scenario.Expectations)
        {
            if (Check(expectation, outcome, patient, prepared.Regimen) is { } problem)
            {
                failures.Add(new CheckFailure(file.Source.Path, expectation.Line, $"{Describe(expectation)}: {problem}", Around(outcome, expectation.FromDay)));
            }
        }

        return (new CaseResult(CaseKind.Scenario, file.Source.Path, scenario.Line, scenario.Title, failures, DateTime.UtcNow - started), outcome);
    }

    private static string Describe(Expectation e) => e switch
    {
        MetricExpected m => $"expect {m.Drug.Name} {Metrics.Name(m.Metric)} {ConditionText.Op(m.Op)} {Metrics.Text(m.Metric, m.Value)}",
        CycleStartExpected c => $"expect cycle {c.Cycle} starts on day {c.FromDay}",
        DiscontinuedExpected => $"expect regimen discontinued on day {e.FromDay}",
        RuleFiresExpected r => $"expect rule {r.Rule.Name} fires on {Days(e)}",
        DoseStatusExpected d => $"expect {d.Drug.Name} {StatusText(d.Status)} on {Days(e)}",
        DoseGivenExpected d => $"expect {d.Drug.Name} {d.Dose} on {Days(e)}",
        _ => throw new ArgumentOutOfRangeException(nameof(e), e.GetType().Name, "an expectation the binder does not make"),
    };

    private static string StatusText(DoseStatus status) => status.ToString().ToLowerInvariant();

    private static string Days(Expectation e) => e.FromDay == e.ToDay ? $"day {e.FromDay}" : $"days {e.FromDay}-{e.ToDay}";

    /// <summary>Null when the expectation holds; otherwise what actually happened.</summary>
    private static string? Check(Expectation e, Outcome o, Patient patient, Regimen regimen) => e switch
    {
        DoseStatusExpected d => CheckDrug(d.Drug, e, o, a => a.Status == d.Status, StatusText(d.Status)),
        DoseGivenExpected d => ExpectedMg(d.Dose, patient, regimen) is var mg
            ? CheckDrug(d.Drug, e, o, a => a.Status == DoseStatus.Given && a.GivenMg == mg, $"{ConditionText.Num(mg)} mg given")
            : null,
        MetricExpected m => CheckMetric(m, o),
        CycleStartExpected c => o.Decisions.FirstOrDefault(d => d.Kind == DecisionKind.Cycle && d.Effects.OfType<CycleStarted>().Any(s => s.Cycle == c.Cycle)) is { } start
            ? start.Day == c.FromDay ? null : $"cycle {c.Cycle} started on day {start.Day}"
            : $"cycle {c.Cycle} never started (the run ended on day {o.Days}: {o.EndReason})",
        DiscontinuedExpected => o.StoppedOn == e.FromDay ? null
            : o.StoppedOn is { } day ? $"it was discontinued on day {day} ({o.EndReason})"
            : $"it was not discontinued ({o.EndReason})",
        RuleFiresExpected r => Fired(o, r.Rule).ToList() is var days && days.Any(d => d >= e.FromDay && d <= e.ToDay) ? null
            : days.Count > 0 ? $"it fired on day {string.Join(", ", days)}"
            : "it never fired",
        _ => throw new ArgumentOutOfRangeException(nameof(e), e.GetType().Name, "an expectation the binder does not make"),
    };

    private static IEnumerable<int> Fired(Outcome o, DoseRule rule) =>
        o.Decisions.Where(d => d.Kind == DecisionKind.Rule && ReferenceEquals(d.Rule, rule)).Select(d => d.Day);

    private static string? CheckDrug(DrugPlan drug, Expectation e, Outcome o, Func<Administration, bool> ok, string wantedText)
    {
        var entries = o.Administrations.Where(a => a.Drug == drug.Name && a.Day >= e.FromDay && a.Day <= e.ToDay).ToList();
        if (entries.Count == 0)
        {
            return o.Days < e.FromDay
                ? $"the run ended on day {o.Days} ({o.EndReason})"
                : $"{drug.Name} is not scheduled on {Days(e)}";
        }

        foreach (var a in entries.Where(a => !ok(a)))
        {
            var actual = a.Status == DoseStatus.Given ? $"{ConditionText.Num(a.GivenMg)} mg given" : StatusText(a.Status);
            return string.Create(CultureInfo.InvariantCulture, $"expected {wantedText} on day {a.Day}, was {actual}{(a.Note is null ? "" : $" ({a.Note})")}");
        }

        return null;
    }

    /// <summary>An expected dose in mg, converted as the interpreter converts it.</summary>
    private static decimal ExpectedMg(Dose dose, Patient patient, Regimen regimen) => DoseMg.Of(dose, patient.BodySurface(regimen.Bsa), patient.Weight);

    private static string? CheckMetric(MetricExpected e, Outcome o)
    {
        var actual = Metrics.Of(e.Metric, o.Metrics.FirstOrDefault(x => x.Drug == e.Drug.Name));
        if (actual is null)
        {
            return $"{Metrics.Name(e.Metric)} of {e.Drug.Name} is not known";
        }

        return ConditionEvaluator.Compare(actual.Value, e.Op, e.Value) ? null : $"was {Metrics.Text(e.Metric, actual.Value)}";
    }

    /// <summary>The decisions within three days of the expectation: usually the why of a surprise.</summary>
    private static List<string> Around(Outcome o, int day) =>
        [.. o.Decisions.Where(d => Math.Abs(d.Day - day) <= 3 && d.Kind != DecisionKind.Cycle)
            .Select(d => $"day {d.Day}: {DecisionKinds.Name(d.Kind)} {d.Name}{(d.Occurrence is { } n ? $" #{n}" : "")} [{d.Source}] → {d.Action}")];
}
