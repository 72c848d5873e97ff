using System.Collections;
using System.Globalization;
using IxaRules.Binding;

namespace IxaRules.Evaluation;

/// <summary>What kind of value a fact recorded, and so how it is printed.</summary>
internal enum FactKind : byte
{
    Lab,
    LabNeverMeasured,

    /// <summary>A lab value older than its criterion's freshness window (Value, Day: the measurement; Reference: the day of evaluation).</summary>
    LabStale,
    Quantity,
    Unknown,
    Class,
    Flag,
    Terminal,
    AdverseEvents,
    CSharp,
}

/// <summary>
/// One value a condition read, as it was at decision time: the leaf that read it plus the value
/// (a lab value and its day, a terminal day, the worst current adverse event, …). Everything it
/// holds is immutable, so printing it later prints what was true then.
/// </summary>
internal readonly record struct Fact(FactKind Kind, Condition Leaf, decimal Value = 0, int Day = 0, object? Reference = null);

/// <summary>
/// The facts of one decision. They are recorded as values when the decision is made and printed
/// the first time anyone reads them (the JSON, the table, a check script): a cohort run that only
/// wants metrics makes thousands of decisions nobody reads, and printing numbers is most of their
/// cost. The text is exactly what printing at decision time would give (the recorded values never change).
/// </summary>
internal sealed class FactList : IReadOnlyList<string>
{
    private readonly List<Fact> _facts = new(4);
    private string[]? _text;

    public void Add(in Fact fact) => _facts.Add(fact);

    /// <summary>The facts as recorded (for callers that need the leaves, such as naming unknown covariates).</summary>
    internal IReadOnlyList<Fact> Recorded => _facts;

    public int Count => _facts.Count;

    public string this[int index] => Text[index];

    public IEnumerator<string> GetEnumerator() => ((IEnumerable<string>)Text).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>Printed once; a race between readers prints the same text twice, which is harmless.</summary>
    private string[] Text => _text ??= [.. _facts.Select(Print)];

    private static string Print(Fact fact) => fact.Leaf switch
    {
        LabCondition l when fact.Kind == FactKind.LabNeverMeasured => $"{l.Lab} never measured",
        LabCondition l when fact.Kind == FactKind.LabStale => string.Create(CultureInfo.InvariantCulture,
            $"{l.Lab} = {Patient.Format(fact.Value)} {Units.CanonicalName(l.Dimension)} (day {fact.Day}) is {(int)fact.Reference! - fact.Day} days old: stale (must be measured within {l.WithinDays} days)"),
        LabCondition l => string.Create(CultureInfo.InvariantCulture, $"{l.Lab} = {Patient.Format(fact.Value)} {Units.CanonicalName(l.Dimension)} (day {fact.Day})"),
        CovariateCondition c when fact.Kind == FactKind.Unknown => c.Covariate + " unknown",
        CovariateCondition c => $"{c.Covariate} = {Patient.Format(fact.Value)} {Units.CanonicalName(c.Dimension)}".TrimEnd(),
        CovariateIn i when fact.Kind == FactKind.Unknown => i.Covariate + " unknown",
        CovariateIn i => $"{i.Covariate} = {fact.Reference}",
        CovariateFlag f when fact.Kind == FactKind.Unknown => f.Covariate + " unknown",
        CovariateFlag f => fact.Value != 0 ? f.Covariate : "no " + f.Covariate,
        TerminalCondition t => fact.Day > 0 ? string.Create(CultureInfo.InvariantCulture, $"{t.Event} on day {fact.Day}") : "no " + t.Event,
        AdverseEventCondition ae => fact.Reference is CurrentAe worst ? Describe(worst) : $"{ae.Event ?? DescribeScope(ae)}: none",
        CSharpCondition cs => fact.Kind == FactKind.Unknown ? $"`{cs.Code}` could not be evaluated" : $"`{cs.Code}` is {(fact.Value != 0 ? "true" : "false")}",
        _ => "",
    };

    private static string Describe(CurrentAe e) => string.Create(CultureInfo.InvariantCulture,
        $"{e.Name} grade {e.Grade}{string.Concat(e.Qualifiers.Select(q => " " + q))}{(e.AttributedTo is null ? "" : " attributed to " + e.AttributedTo)} (day {e.Day})");

    private static string DescribeScope(AdverseEventCondition ae) =>
        (ae.Class switch
        {
            AeClass.Haematologic => "haematologic adverse events",
            AeClass.NonHaematologic => "non-haematologic adverse events",
            _ => "adverse events",
        })
        + (ae.Except.Count > 0 ? " other than " + string.Join(", ", ae.Except) : "")
        + (ae.AttributedTo is null ? "" : " attributed to " + ae.AttributedTo);
}
