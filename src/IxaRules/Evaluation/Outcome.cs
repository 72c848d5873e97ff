using IxaRules.Binding;
using IxaRules.Text;

namespace IxaRules.Evaluation;

public enum DoseStatus
{
    Given,
    Held,
    Delayed,
    Missed,
    Discontinued,
}

/// <summary>One scheduled (or late) dose: what the protocol planned for that day and what was given.</summary>
public sealed record Administration(
    int Day,
    string? Date,
    string Phase,
    int Cycle,
    int CycleDay,
    string Drug,
    decimal PlannedMg,
    decimal GivenMg,
    DoseStatus Status,
    string? Note);

/// <summary>
/// One decision, with why: the rule (or mechanism) that made it, where it is written, the values
/// it read, the occurrence number, and what it did. <see cref="Action"/> is the trail's prose;
/// <see cref="Effects"/> the same as data, and <see cref="Rule"/>, <see cref="Branch"/> and the
/// other references name the bound declaration itself, so a consumer never matches names or text.
/// </summary>
public sealed record Decision(
    int Day,
    DecisionKind Kind,
    string Name,
    SourceLocation Source,
    IReadOnlyList<string> Facts,
    int? Occurrence,
    string Action)
{
    /// <summary>The rule that decided (a rule, recovery, hold-limit or warning decision).</summary>
    internal DoseRule? Rule { get; init; }

    /// <summary>The occurrence branch whose actions were applied (a rule decision that did something).</summary>
    internal RuleBranch? Branch { get; init; }

    /// <summary>The hold this decision started (a rule decision whose branch holds), or whose recovery or limit it is.</summary>
    internal HoldDrugs? Hold { get; init; }

    /// <summary>The cycle-start criteria that were tested (a delayed or late cycle).</summary>
    internal CycleStartCriteria? Criterion { get; init; }

    /// <summary>The starting-dose adjustment applied or skipped.</summary>
    internal StartAdjustment? Adjustment { get; init; }

    /// <summary>The titration applied or not.</summary>
    internal Titration? Titration { get; init; }

    /// <summary>What the decision changed, as data, in the order it was done.</summary>
    public IReadOnlyList<DecisionEffect> Effects { get; init; } = [];

    /// <summary>The values read, as recorded (<see cref="Facts"/> is their text).</summary>
    internal IReadOnlyList<Fact> Read => Facts is FactList list ? list.Recorded : [];
}

/// <summary>
/// Per-drug metrics. <see cref="RelativeDoseIntensity"/> is dose-based (received ÷ prescribed for the
/// dose slots of the cycles that started); <see cref="TimeRelativeDoseIntensity"/> is time-based
/// (received ÷ the protocol's planned dose per day × the days of treatment, delays included).
/// </summary>
public sealed record DrugMetrics(
    string Drug,
    int DosesGiven,
    decimal CumulativeMg,
    decimal PrescribedMg,
    decimal? RelativeDoseIntensity,
    int Reductions,
    int? FirstReductionDay,
    string FinalLevel,
    decimal? TimeRelativeDoseIntensity = null);

/// <summary>
/// Ixazomib time-averaged exposure to an event (seed 000 §2.2): total dose before the event day
/// over CL/F, divided by the days from day 1 to the event inclusive (a full cycle for day 1).
/// </summary>
public sealed record Exposure(
    string Drug,
    string Event,
    int EventDay,
    bool EventOccurred,
    int Days,
    decimal TotalDoseMg,
    decimal ClearanceLitresPerHour,
    decimal AucPerDay);

/// <summary>
/// The result of a run. <see cref="StoppedOn"/> is the day treatment was stopped (a terminal event, a
/// rule, a maximum delay), or null. <see cref="Refused"/>: the patient lacks what the regimen needs
/// (an unknown covariate, a body size); nothing was given and the decisions say why.
/// </summary>
public sealed record Outcome(
    string Regimen,
    string Patient,
    int Days,
    string EndReason,
    int? StoppedOn,
    IReadOnlyList<Administration> Administrations,
    IReadOnlyList<Decision> Decisions,
    IReadOnlyList<DrugMetrics> Metrics,
    Exposure? Exposure,
    bool Refused = false);

/// <summary>What ixazomib exposure is measured to (seed 000 §2.2); <see cref="Text"/> is how the user named it.</summary>
public abstract record ExposureTarget(string Text)
{
    /// <summary>The default: progression (the exposure–PFS analysis).</summary>
    public static readonly ExposureTarget Progression = new ExposureToEvent("progression", new Binding.TerminalCondition("progression"));
}

/// <summary>The first study day on which a condition holds: a terminal event, or an adverse event of a grade (<c>rash grade >= 2</c>).</summary>
internal sealed record ExposureToEvent(string Text, Binding.Condition Condition) : ExposureTarget(Text)
{
    /// <summary>Progression, death, withdrawal (efficacy events): one after the last dosing cycle counts time to that cycle's end (seed 000 §2.2).</summary>
    internal bool IsEfficacyEvent => Binding.ConditionLeaves.Of(Condition).All(l => l is Binding.TerminalCondition);
}

public sealed record ExposureToFirstReduction() : ExposureTarget("first-reduction");

public sealed record ExposureToEnd() : ExposureTarget("end");

public sealed record ExposureToDay(int Day) : ExposureTarget(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"day:{Day}"));

/// <summary>
/// How long to run and what to measure exposure to. <see cref="Days"/> null: a fixed-length regimen
/// runs to its end; an open-ended one to the end of the cycle holding the last event, or holding
/// day <see cref="Through"/> when that is later (scenarios pass the last day they expect something of).
/// </summary>
public sealed record RunOptions(int? Days = null, ExposureTarget? ExposureTo = null, int? Through = null)
{
    public const int MaxDays = 36_500;

    /// <summary>Evaluate every rule every day, even when nothing it reads changed (a test proves incremental evaluation changes nothing).</summary>
    internal bool EvaluateEveryDay { get; init; }

    public ExposureTarget Exposure => ExposureTo ?? ExposureTarget.Progression;
}

/// <summary>
/// Sees each decision as the run makes it (as OPA's tracers see evaluation events): coverage, a
/// report or a debugger observe a run without the interpreter knowing them.
/// </summary>
public interface IRunObserver
{
    void OnDecision(Decision decision);
}
