using IxaRules.Binding;

namespace IxaRules.Evaluation;

/// <summary>
/// What an embedded C# condition can read: a typed, read-only view of the day being evaluated.
/// Lab values are in canonical units (×10⁹/L for counts, mg/dL); a value never measured is null,
/// and a comparison with null is false. Nothing here can change the run or reach outside it.
/// <code>`Cycle > 2 &amp;&amp; Lab("anc") &lt; 0.5`</code>
/// </summary>
public abstract class RuleContext
{
    private WorldState _world = null!;

    internal void Use(WorldState world) => _world = world;

    /// <summary>The study day (day 1 = the first day of cycle 1).</summary>
    public int Day => _world.Day;

    /// <summary>The cycle number (1 = the first cycle of the regimen).</summary>
    public int Cycle => _world.Cycle;

    /// <summary>The day within the current cycle.</summary>
    public int CycleDay => _world.CycleDay;

    /// <summary>The latest value of a lab (canonical units), or null if never measured.</summary>
    public double? Lab(string name) => _world.Lab(Catalog.Lab(name)?.Name ?? name) is { } v ? (double)v.Value : null;

    /// <summary>The study day of the latest measurement of a lab, or null.</summary>
    public int? LabDay(string name) => _world.Lab(Catalog.Lab(name)?.Name ?? name)?.Day;

    /// <summary>The current grade of an adverse event (0 when none is reported).</summary>
    public int Grade(string adverseEvent) => _world.AdverseEvent(Catalog.AdverseEvent(adverseEvent)?.Name ?? adverseEvent)?.Grade ?? 0;

    /// <summary>How many times a counter (a rule's own, or a shared one) has fired.</summary>
    public int Counter(string name) => _world.Counters.TryGetValue(name, out var n) ? n : 0;

    public double? Age => (double?)_world.Patient.Age;

    public double? Weight => (double?)_world.Patient.Weight;

    public double? Height => (double?)_world.Patient.Height;

    /// <summary>Creatinine clearance in mL/min (as given, or Cockcroft–Gault).</summary>
    public double? CrCl => (double?)_world.Patient.EffectiveCrCl;

    /// <summary>Whether the patient is on dialysis; null when the patient file does not say.</summary>
    public bool? Dialysis => _world.Patient.Dialysis;

    public bool Female => _world.Patient.Sex == "female";

    /// <summary>The hepatic impairment class as a number: 0 none, 1 mild, 2 moderate, 3 severe; null if not given.</summary>
    public int? Hepatic => _world.Patient.Hepatic switch
    {
        "none" => 0,
        "mild" => 1,
        "moderate" => 2,
        "severe" => 3,
        _ => null,
    };
}
