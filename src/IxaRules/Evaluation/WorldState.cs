namespace IxaRules.Evaluation;

/// <summary>A reported adverse event as it stands now.</summary>
public sealed record CurrentAe(string Name, int Grade, IReadOnlyList<string> Qualifiers, string? AttributedTo, int Day)
{
    /// <summary>Haematologic or not (looked up once per report, not on every condition that scans it).</summary>
    internal Binding.AeClass? Class { get; } = Binding.Catalog.AdverseEvent(Name)?.Class;
}

/// <summary>
/// What is known on the day being evaluated: the latest value of each lab (a value holds until the
/// next measurement), the current grade of each adverse event, and the patient's baseline.
/// </summary>
internal sealed class WorldState(Patient patient)
{
    private readonly decimal[] _labValues = new decimal[Binding.Catalog.LabOrder.Count];
    private readonly int[] _labDays = new int[Binding.Catalog.LabOrder.Count]; // 0 = never measured
    // Few at a time; a list kept in name order is cheaper to scan than a sorted dictionary (whose enumerator allocates).
    private readonly List<CurrentAe> _aes = [];
    private readonly Dictionary<string, int> _terminal = new(StringComparer.Ordinal);

    public Patient Patient { get; } = patient;

    /// <summary>The body-surface formula of the regimen being run (for `bsa` conditions).</summary>
    public Binding.BsaMethod Bsa { get; init; }

    public int Day { get; set; }

    public int Cycle { get; set; }

    public int CycleDay { get; set; }

    public (decimal Value, int Day)? Lab(string name) => LabAt(Binding.Catalog.LabIndex(name));

    /// <summary>The latest value of the lab at <paramref name="index"/> (<see cref="Binding.Catalog.LabOrder"/>), or null if never measured.</summary>
    public (decimal Value, int Day)? LabAt(int index) =>
        index >= 0 && _labDays[index] > 0 ? (_labValues[index], _labDays[index]) : null;

    /// <summary>The rule counters by name, for C# conditions (set by the run).</summary>
    public IReadOnlyDictionary<string, int> Counters { get; internal set; } = new Dictionary<string, int>();

    /// <summary>Evaluates an embedded C# condition (set by the run when the file has any).</summary>
    internal Func<Binding.CSharpCondition, WorldState, bool?>? CSharp { get; set; }

    /// <summary>The current adverse events, in name order.</summary>
    public IReadOnlyList<CurrentAe> AdverseEvents => _aes;

    /// <summary>The same, as the list itself: indexing it is not an interface call (compiled conditions scan it every day).</summary>
    internal List<CurrentAe> CurrentAdverseEvents => _aes;

    /// <summary>The latest value of the lab at <paramref name="index"/>; false when it was never measured.</summary>
    internal bool TryLab(int index, out decimal value)
    {
        value = _labValues[index];
        return _labDays[index] > 0;
    }

    public bool HasAdverseEvents => _aes.Count > 0;

    public CurrentAe? AdverseEvent(string name)
    {
        var i = IndexOf(name);
        return i >= 0 ? _aes[i] : null;
    }

    private int IndexOf(string name)
    {
        for (var i = 0; i < _aes.Count; i++)
        {
            if (_aes[i].Name == name)
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>The day a terminal event (progression, death, withdrawal) first happened; it stays true after.</summary>
    public int? TerminalDay(string name) => _terminal.TryGetValue(name, out var day) ? day : null;

    /// <summary>
    /// Counts the events taken in. Conditions other than C# ones read only what events change, so
    /// a condition evaluated at the same version has the same value (runs skip re-evaluating it).
    /// </summary>
    internal int Version { get; private set; }

    public void Apply(PatientEvent e)
    {
        Version++;
        switch (e.Kind)
        {
            case EventKind.Lab:
                var index = e.LabIndex;
                if (index >= 0)
                {
                    _labValues[index] = e.Value;
                    _labDays[index] = Math.Max(1, e.Day);
                }

                break;
            case EventKind.AdverseEvent:
                var existing = IndexOf(e.Subject);
                if (existing >= 0)
                {
                    _aes.RemoveAt(existing);
                }

                if (e.Value != 0)
                {
                    var at = 0;
                    while (at < _aes.Count && string.CompareOrdinal(_aes[at].Name, e.Subject) < 0)
                    {
                        at++;
                    }

                    _aes.Insert(at, new CurrentAe(e.Subject, (int)e.Value, e.Qualifiers, e.AttributedTo, e.Day));
                }

                break;
            case EventKind.Terminal:
                _terminal.TryAdd(e.Subject, e.Day);
                break;
        }
    }
}
