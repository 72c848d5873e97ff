namespace IxaRules.Binding;

/// <summary>
/// Which reports must say `with Q` or `without Q`: when a regimen's conditions decide on a qualifier
/// of an event at some grades (`neuropathy grade 2 with pain` and `… without pain` are different
/// rows), a report of that event at those grades that says neither is ambiguous. Read as "without",
/// it would take the milder row — a silence turned into the less safe choice — so it is an error
/// (`IXR4008`) that asks for the words. Grade 0 (no event) never needs them.
/// </summary>
internal sealed class QualifierNeeds
{
    private readonly List<Need> _needs;

    private QualifierNeeds(List<Need> needs) => _needs = needs;

    public static QualifierNeeds None { get; } = new([]);

    public static QualifierNeeds Of(IEnumerable<DoseRule> rules, Regimen regimen, string path)
    {
        var needs = new List<Need>();
        foreach (var (condition, _, line) in RegimenConditions.Of(rules, regimen, path))
        {
            foreach (var ae in ConditionLeaves.Of(condition).OfType<AdverseEventCondition>())
            {
                if (ae.Event is { } name)
                {
                    needs.AddRange(ae.With.Concat(ae.Without).Distinct(StringComparer.Ordinal)
                        .Select(q => new Need(name, q, Math.Max(1, ae.MinGrade), ae.MaxGrade, $"{path}:{line}")));
                }
            }
        }

        // One entry per (event, qualifier, grades), the first rule line kept: thousands of rules often decide on the same few.
        return new QualifierNeeds([.. needs.DistinctBy(n => n with { Where = "" })]);
    }

    /// <summary>Every (event, qualifier) the regimen's conditions decide on, with the first rule line that does.</summary>
    public IEnumerable<(string Event, string Qualifier, string Where)> All =>
        _needs.DistinctBy(n => (n.Event, n.Qualifier)).Select(n => (n.Event, n.Qualifier, n.Where));

    /// <summary>The first qualifier a report of this event and grade must state but does not, with the rule line that needs it.</summary>
    public (string Qualifier, string Where)? Missing(string adverseEvent, int grade, IReadOnlyList<string> stated)
    {
        foreach (var (name, qualifier, min, max, where) in _needs)
        {
            if (name == adverseEvent && grade >= min && grade <= max
                && !stated.Any(s => s == "with " + qualifier || s == "without " + qualifier))
            {
                return (qualifier, where);
            }
        }

        return null;
    }

    // A class rather than a tuple: ReadyToRun cannot compile List and LINQ over a framework struct
    // ahead of time, and this runs on every cold `check` (docs/performance.md).
    private sealed record Need(string Event, string Qualifier, int MinGrade, int MaxGrade, string Where);
}
