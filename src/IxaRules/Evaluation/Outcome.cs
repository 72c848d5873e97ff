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
/// it read, the occurrence number, and what it did.
/// </summary>
public sealed record Decision(
    int Day,
    string Kind,
    string Name,
    string Source,
    IReadOnlyList<string> Facts,
    int? Occurrence,
    string Action);

public sealed record DrugMetrics(
    string Drug,
    int DosesGiven,
    decimal CumulativeMg,
    decimal PrescribedMg,
    decimal? RelativeDoseIntensity,
    int Reductions,
    int? FirstReductionDay,
    string FinalLevel);

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

/// <summary>The result of a run. <see cref="StoppedOn"/> is the day treatment was stopped (a terminal event, a rule, a maximum delay), or null.</summary>
public sealed record Outcome(
    string Regimen,
    string Patient,
    int Days,
    string EndReason,
    int? StoppedOn,
    IReadOnlyList<Administration> Administrations,
    IReadOnlyList<Decision> Decisions,
    IReadOnlyList<DrugMetrics> Metrics,
    Exposure? Exposure);

/// <summary>
/// How long to run and what to measure exposure to. <see cref="Days"/> null: a fixed-length regimen
/// runs to its end; an open-ended one to the end of the cycle holding the last event, or holding
/// day <see cref="Through"/> when that is later (scenarios pass the last day they expect something of).
/// </summary>
public sealed record RunOptions(int? Days = null, string ExposureTo = "progression", int? Through = null)
{
    public const int MaxDays = 36_500;
}
