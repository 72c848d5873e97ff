using IxaRules.Binding;

namespace IxaRules.Evaluation;

/// <summary>What made a decision; <see cref="DecisionKinds.Name"/> is its spelling in the trail (text and JSON).</summary>
public enum DecisionKind
{
    Refusal,
    Cycle,
    CycleDelay,
    Phase,
    StartAdjustment,
    Titration,
    Note,
    Terminal,
    Recovery,
    HoldLimit,
    Warning,
    Rule,
}

internal static class DecisionKinds
{
    private static readonly string[] Names =
        ["refusal", "cycle", "cycle-delay", "phase", "start-adjustment", "titration", "note", "terminal", "recovery", "hold-limit", "warning", "rule"];

    /// <summary>The kind as the trail spells it: <c>cycle-delay</c>, <c>hold-limit</c>, …</summary>
    public static string Name(DecisionKind kind) => Names[(int)kind];
}

/// <summary>How a drug's dose level changed.</summary>
public enum DoseChange
{
    /// <summary>One level lower, to a named level, or by a percentage.</summary>
    Reduced,

    /// <summary>Back from a hold: at the same, a lower, an explicit or the starting level.</summary>
    Resumed,

    /// <summary>A titration up.</summary>
    Raised,

    /// <summary>A starting-dose adjustment at the start of a phase.</summary>
    Adjusted,

    /// <summary>Asked to change, stayed (already at or below the level, not raised).</summary>
    Unchanged,
}

/// <summary>One thing a decision did, as data. <c>ToString</c> is the trail's wording of it.</summary>
public abstract record DecisionEffect;

/// <summary>Drugs held until a condition holds.</summary>
internal sealed record HoldStarted(IReadOnlyList<string> Drugs, Condition Until) : DecisionEffect;

/// <summary>A drug's level moved (or stayed, <see cref="DoseChange.Unchanged"/>), from one dose to another.</summary>
public sealed record DoseChanged(string Drug, DoseChange Change, Dose From, Dose To) : DecisionEffect;

/// <summary>Drugs, or the regimen, discontinued.</summary>
internal sealed record Stopped(Target Target) : DecisionEffect;

/// <summary>A cycle started on this day (<see cref="Cycle"/> counts every cycle of the regimen from 1).</summary>
public sealed record CycleStarted(int Cycle, string Phase) : DecisionEffect;

/// <summary>A due cycle was delayed; it is tested again on <see cref="RecheckDay"/>.</summary>
public sealed record CycleDelayed(int Cycle, int RecheckDay) : DecisionEffect;

/// <summary>Nothing was given: the run was refused (what the patient lacks is in the decision's action).</summary>
public sealed record RunRefused(string Problem) : DecisionEffect;
