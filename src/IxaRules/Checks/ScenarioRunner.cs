using System.Globalization;
using IxaRules.Binding;
using IxaRules.Evaluation;

namespace IxaRules.Checks;

/// <summary>
/// Runs a scenario and checks each of its expectations. A failed expectation says where it is
/// written, what was expected and what happened, and lists the decisions around that day.
/// </summary>
internal static class ScenarioRunner
{
    public static (CaseResult Result, Outcome Outcome) Run(BoundFile file, Scenario scenario, Compilation.CompiledRegimen? compiled = null)
    {
        var started = DateTime.UtcNow;
        var (regimen, patient, events) = RuleFiles.ScenarioInputs(file, scenario);
        // Run at least through the last day an expectation is about, so a scenario sees what it asks about.
        var through = scenario.Expectations.Select(e => e.ToDay).DefaultIfEmpty(0).Max();
        var outcome = RuleFiles.Run(file, regimen, patient, events, new RunOptions(Through: through > 0 ? through : null), compiled);
        var failures = new List<CheckFailure>();
        foreach (var expectation in scenario.Expectations)
        {
            if (Check(expectation, outcome, patient, regimen) is { } problem)
            {
                failures.Add(new CheckFailure(file.Source.Path, expectation.Line, $"{Describe(expectation)}: {problem}", Around(outcome, expectation.FromDay)));
            }
        }

        return (new CaseResult(CaseKind.Scenario, file.Source.Path, scenario.Line, scenario.Title, failures, DateTime.UtcNow - started), outcome);
    }

    private static string Describe(Expectation e) => e.Kind switch
    {
        "metric" => $"expect {e.Subject} {e.What}",
        "cycle-start" => $"expect cycle {e.Subject} starts on day {e.FromDay}",
        "regimen" => $"expect regimen discontinued on day {e.FromDay}",
        "rule" => $"expect rule {e.Subject} fires on {Days(e)}",
        _ => $"expect {e.Subject} {e.What} on {Days(e)}",
    };

    private static string Days(Expectation e) => e.FromDay == e.ToDay ? $"day {e.FromDay}" : $"days {e.FromDay}-{e.ToDay}";

    /// <summary>Null when the expectation holds; otherwise what actually happened.</summary>
    private static string? Check(Expectation e, Outcome o, Patient patient, Regimen regimen) => e.Kind switch
    {
        "drug" => CheckDrug(e, o, patient, regimen),
        "metric" => CheckMetric(e, o),
        "cycle-start" => o.Decisions.FirstOrDefault(d => d.Kind == "cycle" && d.Name == e.Subject) is { } start
            ? start.Day == e.FromDay ? null : $"cycle {e.Subject} started on day {start.Day}"
            : $"cycle {e.Subject} never started (the run ended on day {o.Days}: {o.EndReason})",
        "regimen" => o.StoppedOn == e.FromDay ? null
            : o.StoppedOn is { } day ? $"it was discontinued on day {day} ({o.EndReason})"
            : $"it was not discontinued ({o.EndReason})",
        "rule" => o.Decisions.Any(d => d.Kind == "rule" && d.Name == e.Subject && d.Day >= e.FromDay && d.Day <= e.ToDay) ? null
            : o.Decisions.Where(d => d.Kind == "rule" && d.Name == e.Subject).Select(d => d.Day).ToList() is { Count: > 0 } days
                ? $"it fired on day {string.Join(", ", days)}"
                : "it never fired",
        _ => $"unknown expectation kind {e.Kind}",
    };

    private static string? CheckDrug(Expectation e, Outcome o, Patient patient, Regimen regimen)
    {
        var entries = o.Administrations.Where(a => a.Drug == e.Subject && a.Day >= e.FromDay && a.Day <= e.ToDay).ToList();
        if (entries.Count == 0)
        {
            return o.Days < e.FromDay
                ? $"the run ended on day {o.Days} ({o.EndReason})"
                : $"{e.Subject} is not scheduled on {Days(e)}";
        }

        var status = Enum.TryParse<DoseStatus>(e.What, ignoreCase: true, out var s) ? s : (DoseStatus?)null;
        var expectedMg = status is null ? ExpectedMg(e.What, patient, regimen) : null;
        foreach (var a in entries)
        {
            var ok = status is { } wanted
                ? a.Status == wanted
                : a.Status == DoseStatus.Given && a.GivenMg == expectedMg;
            if (!ok)
            {
                var actual = a.Status == DoseStatus.Given ? $"{ConditionText.Num(a.GivenMg)} mg given" : a.Status.ToString().ToLowerInvariant();
                var wantedText = status is null ? $"{ConditionText.Num(expectedMg ?? 0)} mg given" : e.What;
                return string.Create(CultureInfo.InvariantCulture, $"expected {wantedText} on day {a.Day}, was {actual}{(a.Note is null ? "" : $" ({a.Note})")}");
            }
        }

        return null;
    }

    /// <summary>An expected dose in mg: fixed as written, per m² or kg converted like the interpreter does.</summary>
    private static decimal? ExpectedMg(string dose, Patient patient, Regimen regimen)
    {
        var parts = dose.Split(' ');
        var amount = decimal.Parse(parts[0], CultureInfo.InvariantCulture);
        return parts[1] switch
        {
            "mg/m²" => Math.Round(amount * (patient.BodySurface(regimen.Bsa) ?? 0), 2, MidpointRounding.AwayFromZero),
            "mg/kg" => Math.Round(amount * (patient.Weight ?? 0), 2, MidpointRounding.AwayFromZero),
            _ => amount,
        };
    }

    private static string? CheckMetric(Expectation e, Outcome o)
    {
        var parts = e.What.Split(' ');
        var (metric, op, value) = (parts[0], parts[1], decimal.Parse(parts[2], CultureInfo.InvariantCulture));
        var m = o.Metrics.FirstOrDefault(x => x.Drug == e.Subject);
        decimal? actual = metric switch
        {
            "rdi" => m?.RelativeDoseIntensity,
            "rdi-time" => m?.TimeRelativeDoseIntensity,
            "doses" => m?.DosesGiven,
            "reductions" => m?.Reductions,
            "cumulative" => m?.CumulativeMg,
            _ => null,
        };
        if (actual is null)
        {
            return $"{metric} of {e.Subject} is not known";
        }

        var compare = op switch
        {
            "<" => CompareOp.Less,
            "<=" => CompareOp.LessOrEqual,
            ">" => CompareOp.Greater,
            ">=" => CompareOp.GreaterOrEqual,
            "=" => CompareOp.Equal,
            _ => CompareOp.NotEqual,
        };
        return ConditionEvaluator.Compare(actual.Value, compare, value) ? null : $"was {ConditionText.Num(actual.Value)}";
    }

    /// <summary>The decisions within three days of the expectation: usually the why of a surprise.</summary>
    private static List<string> Around(Outcome o, int day) =>
        [.. o.Decisions.Where(d => Math.Abs(d.Day - day) <= 3 && d.Kind is not "cycle")
            .Select(d => $"day {d.Day}: {d.Kind} {d.Name}{(d.Occurrence is { } n ? $" #{n}" : "")} [{d.Source}] → {d.Action}")];
}
