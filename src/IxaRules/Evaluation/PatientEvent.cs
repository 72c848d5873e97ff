namespace IxaRules.Evaluation;

public enum EventKind
{
    Lab,
    AdverseEvent,
    Missed,
    Vomited,
    Terminal,

    /// <summary>The patient had dialysis that day (doses given `after dialysis` say so).</summary>
    Dialysis,
}

/// <summary>
/// One event on a study day (day 1 = the first day of cycle 1). Lab values are canonical
/// (×10⁹/L, mg/dL); an adverse event carries its grade (0 = resolved), qualifiers and attribution.
/// </summary>
public sealed record PatientEvent(
    int Day,
    EventKind Kind,
    string Subject,
    decimal Value,
    IReadOnlyList<string> Qualifiers,
    string? AttributedTo,
    int Line)
{
    /// <summary>For a lab event, the lab's slot in a run's arrays (<see cref="Binding.Catalog.LabOrder"/>), resolved when the event is made; otherwise -1.</summary>
    internal int LabIndex { get; } = Kind == EventKind.Lab ? Binding.Catalog.LabIndex(Subject) : -1;

    public bool HasQualifier(string qualifier) => Qualifiers.Contains("with " + qualifier);
}
