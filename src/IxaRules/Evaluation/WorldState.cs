namespace IxaRules.Evaluation;

/// <summary>A reported adverse event as it stands now.</summary>
internal sealed record CurrentAe(string Name, int Grade, IReadOnlyList<string> Qualifiers, string? AttributedTo, int Day);

/// <summary>
/// What is known on the day being evaluated: the latest value of each lab (a value holds until the
/// next measurement), the current grade of each adverse event, and the patient's baseline.
/// </summary>
internal sealed class WorldState(Patient patient)
{
    private readonly Dictionary<string, (decimal Value, int Day)> _labs = new(StringComparer.Ordinal);
    private readonly SortedDictionary<string, CurrentAe> _aes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _terminal = new(StringComparer.Ordinal);

    public Patient Patient { get; } = patient;

    public int Day { get; set; }

    public int Cycle { get; set; }

    public int CycleDay { get; set; }

    public (decimal Value, int Day)? Lab(string name) => _labs.TryGetValue(name, out var v) ? v : null;

    public IEnumerable<CurrentAe> AdverseEvents => _aes.Values;

    public bool HasAdverseEvents => _aes.Count > 0;

    public CurrentAe? AdverseEvent(string name) => _aes.GetValueOrDefault(name);

    /// <summary>The day a terminal event (progression, death, withdrawal) first happened; it stays true after.</summary>
    public int? TerminalDay(string name) => _terminal.TryGetValue(name, out var day) ? day : null;

    public void Apply(PatientEvent e)
    {
        switch (e.Kind)
        {
            case EventKind.Lab:
                _labs[e.Subject] = (e.Value, e.Day);
                break;
            case EventKind.AdverseEvent when e.Value == 0:
                _aes.Remove(e.Subject);
                break;
            case EventKind.AdverseEvent:
                _aes[e.Subject] = new CurrentAe(e.Subject, (int)e.Value, e.Qualifiers, e.AttributedTo, e.Day);
                break;
            case EventKind.Terminal:
                _terminal.TryAdd(e.Subject, e.Day);
                break;
        }
    }
}
