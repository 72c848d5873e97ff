using IxaRules.Evaluation;
using IxaRules.Text;

namespace IxaRules.Binding;

/// <summary>A metric a scenario can expect of a drug (the <c>metrics</c> of docs/run.md).</summary>
internal enum Metric
{
    Rdi,
    RdiTime,
    Doses,
    Reductions,
    Cumulative,
}

/// <summary>
/// One expectation of a scenario, bound: the binder resolves what it names (a drug's plan, a rule)
/// and parses its values, so the runner compares values and never re-reads the author's text.
/// <see cref="FromDay"/>..<see cref="ToDay"/> is the day range (0..0 for a metric, which is about the whole run).
/// </summary>
internal abstract record Expectation(int FromDay, int ToDay, int Line, TextSpan Span);

/// <summary><c>expect lenalidomide held on day 15</c>: every scheduled dose in the range has this status.</summary>
internal sealed record DoseStatusExpected(DrugPlan Drug, DoseStatus Status, int FromDay, int ToDay, int Line, TextSpan Span)
    : Expectation(FromDay, ToDay, Line, Span);

/// <summary><c>expect ixazomib 3 mg on day 22</c>: every scheduled dose in the range is given at this dose (mg, or the drug's own basis).</summary>
internal sealed record DoseGivenExpected(DrugPlan Drug, Dose Dose, int FromDay, int ToDay, int Line, TextSpan Span)
    : Expectation(FromDay, ToDay, Line, Span);

/// <summary><c>expect lenalidomide rdi >= 80%</c>: a metric of the run, in the metric's canonical unit.</summary>
internal sealed record MetricExpected(DrugPlan Drug, Metric Metric, CompareOp Op, decimal Value, int Line, TextSpan Span)
    : Expectation(0, 0, Line, Span);

/// <summary><c>expect cycle 2 starts on day 36</c>.</summary>
internal sealed record CycleStartExpected(int Cycle, int FromDay, int ToDay, int Line, TextSpan Span)
    : Expectation(FromDay, ToDay, Line, Span);

/// <summary><c>expect regimen discontinued on day 40</c>.</summary>
internal sealed record DiscontinuedExpected(Regimen Regimen, int FromDay, int ToDay, int Line, TextSpan Span)
    : Expectation(FromDay, ToDay, Line, Span);

/// <summary><c>expect rule thrombocytopenia fires on days 14-16</c>: the rule, resolved.</summary>
internal sealed record RuleFiresExpected(DoseRule Rule, int FromDay, int ToDay, int Line, TextSpan Span)
    : Expectation(FromDay, ToDay, Line, Span);

/// <summary>The spelling of metrics in the language, one table for the binder, the printer and the runner.</summary>
internal static class Metrics
{
    private static readonly (Metric Metric, string Name, Dimension Dimension)[] Table =
    [
        (Metric.Rdi, "rdi", Dimension.Percent),
        (Metric.RdiTime, "rdi-time", Dimension.Percent),
        (Metric.Doses, "doses", Dimension.Count),
        (Metric.Reductions, "reductions", Dimension.Count),
        (Metric.Cumulative, "cumulative", Dimension.DoseMass),
    ];

    public static string Name(Metric metric) => Array.Find(Table, t => t.Metric == metric).Name;

    /// <summary>A metric's value as people read it, with its unit: `78.4 %`, `13.29 mg`, `12` (a count).</summary>
    public static string Text(Metric metric, decimal value) => Array.Find(Table, t => t.Metric == metric).Dimension switch
    {
        Dimension.Percent => ConditionText.Num(value) + " %",
        Dimension.DoseMass => ConditionText.Num(value) + " mg",
        _ => ConditionText.Num(value),
    };

    internal static (Metric Metric, Dimension Dimension)? Parse(string name) =>
        Array.FindIndex(Table, t => t.Name == name) is var i and >= 0 ? (Table[i].Metric, Table[i].Dimension) : null;

    /// <summary>The value of a metric in a run's per-drug metrics; null when the run does not know it (an RDI without prescribed doses).</summary>
    public static decimal? Of(Metric metric, DrugMetrics? m) => metric switch
    {
        Metric.Rdi => m?.RelativeDoseIntensity,
        Metric.RdiTime => m?.TimeRelativeDoseIntensity,
        Metric.Doses => m?.DosesGiven,
        Metric.Reductions => m?.Reductions,
        Metric.Cumulative => m?.CumulativeMg,
        _ => null,
    };
}
