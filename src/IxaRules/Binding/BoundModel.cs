using System.Globalization;
using IxaRules.Syntax;
using IxaRules.Text;

namespace IxaRules.Binding;

/// <summary>How a dose is expressed: a fixed amount, per m² of body surface, or per kg of body weight.</summary>
public enum DoseBasis
{
    Fixed,
    PerSquareMetre,
    PerKilogram,
}

public sealed record Dose(decimal Amount, DoseBasis Basis)
{
    public override string ToString() => Amount.ToString(CultureInfo.InvariantCulture) + Basis switch
    {
        DoseBasis.PerSquareMetre => " mg/m²",
        DoseBasis.PerKilogram => " mg/kg",
        _ => " mg",
    };
}

/// <summary>
/// Which days of a cycle a drug is given on (1-based, ascending), and how the author wrote it.
/// <see cref="AfterDialysis"/>: on a day the events report dialysis, the dose is given after it.
/// </summary>
internal sealed record Schedule(IReadOnlyList<int> Days, string Text, bool AfterDialysis = false);

internal sealed record DrugPlan(string Name, string Route, Dose StartingDose, Schedule Schedule, IReadOnlyList<Dose>? Ladder, SourceLocation At)
{
    public int Line => At.Line;

    public bool HasLadder => Ladder is { Count: > 0 };
}

/// <summary>
/// What a covariate condition (a starting-dose adjustment, a titration) does when it cannot be
/// evaluated: the run is refused (the default: an unknown covariate never means a full dose), or
/// the file says to apply it anyway or to skip it.
/// </summary>
internal enum UnknownPolicy
{
    Refuse,
    Apply,
    Skip,
}

internal sealed record StartAdjustment(string Drug, Dose Dose, Schedule? Schedule, Condition When, UnknownPolicy IfUnknown, SourceLocation At)
{
    public int Line => At.Line;
}

/// <summary>What a discontinuation stops: the regimen (Drugs empty) or the named drugs.</summary>
internal sealed record Target(bool Regimen, IReadOnlyList<string> Drugs)
{
    public override string ToString() => Regimen ? "regimen" : string.Join(", ", Drugs);
}

/// <summary>
/// Criteria tested on the day a cycle is due. Unmet: the cycle is delayed and re-checked every
/// <see cref="RecheckDays"/>; past <see cref="MaxDelayDays"/> the <see cref="Then"/> target is discontinued.
/// With <see cref="LabsWithinDays"/>, a lab value older than that is unknown (its lab leaves carry the window).
/// </summary>
internal sealed record CycleStartCriteria(Condition Require, int RecheckDays, int? MaxDelayDays, Target? Then, int? LabsWithinDays, SourceLocation At)
{
    public int Line => At.Line;
}

/// <summary>What a tolerated cycle did not have.</summary>
[Flags]
internal enum ToleranceCriteria
{
    None = 0,
    NoHold = 1,
    NoReduction = 2,
    NoDelay = 4,
}

/// <summary>
/// What "if tolerated" means for a titration: none of <see cref="Criteria"/> happened to the drug in
/// cycles <see cref="FromCycle"/>..<see cref="ToCycle"/> of the phase (a delay "in" cycle k is a
/// late start of cycle k + 1). <see cref="Stated"/> is false when the file wrote only <c>if tolerated</c>.
/// </summary>
internal sealed record Tolerance(ToleranceCriteria Criteria, int FromCycle, int ToCycle, bool Stated);

/// <summary>A titration from cycle <see cref="FromCycle"/> of its phase; <see cref="When"/> (baseline covariates) must hold too.</summary>
internal sealed record Titration(string Drug, Dose To, int FromCycle, Tolerance? Tolerated, Condition? When, UnknownPolicy IfUnknown, SourceLocation At)
{
    public int Line => At.Line;
}

internal enum DispenseRounding
{
    Down,
    Nearest,
}

/// <summary>
/// The strengths (mg) a drug's dose is made of: a body-size dose in mg becomes the sum of whole
/// units closest to it, rounded down (never more than prescribed) or to the nearest (ties down).
/// </summary>
internal sealed record Dispensing(string Drug, IReadOnlyList<decimal> StrengthsMg, DispenseRounding Rounding, string Form, int Line);

internal sealed record Phase(
    string Name,
    int CycleDays,
    int? CycleCount,
    IReadOnlyList<string> Until,
    IReadOnlyList<DrugPlan> Drugs,
    IReadOnlyList<StartAdjustment> StartAdjustments,
    CycleStartCriteria? CycleStart,
    IReadOnlyList<Titration> Titrations);

/// <summary>Missed dose: null hours means skip; otherwise take it late only if the next dose is at least that far away.</summary>
internal sealed record MissedDosePolicy(string Drug, int? MinHoursToNextDose, int Line);

internal sealed record VomitedDosePolicy(string Drug, bool Repeat, int Line);

public enum BsaMethod
{
    Mosteller,
    DuBois,
}

/// <summary>
/// A bound regimen. Publicly it is a name, a title and where it was written; its phases, drugs and
/// policies are for the stages of this library (and the tools built with it), not a public contract.
/// </summary>
public sealed class Regimen
{
    internal Regimen(string name, string? title, string? version, string? source, BsaMethod bsa, IReadOnlyList<Phase> phases,
        IReadOnlyList<MissedDosePolicy> missed, IReadOnlyList<VomitedDosePolicy> vomited, IReadOnlyList<Dispensing> dispensing, SourceLocation at)
    {
        (Name, Title, Version, Source, Bsa, Phases, Missed, Vomited, Dispensing, At) = (name, title, version, source, bsa, phases, missed, vomited, dispensing, at);
    }

    public string Name { get; }

    public string? Title { get; }

    public string? Version { get; }

    /// <summary>The citation of the regimen's `source` clause.</summary>
    public string? Source { get; }

    public BsaMethod Bsa { get; }

    /// <summary>Where the regimen is declared.</summary>
    public SourceLocation At { get; }

    internal IReadOnlyList<Phase> Phases { get; }

    internal IReadOnlyList<MissedDosePolicy> Missed { get; }

    internal IReadOnlyList<VomitedDosePolicy> Vomited { get; }

    internal IReadOnlyList<Dispensing> Dispensing { get; }

    public int Line => At.Line;

    public override string ToString() => Name;

    /// <summary>Every drug of every phase, first declaration wins (names are unique within a phase).</summary>
    public IEnumerable<string> DrugNames => Phases.SelectMany(p => p.Drugs).Select(d => d.Name).Distinct();

    internal DrugPlan? FindDrug(string name) => Phases.SelectMany(p => p.Drugs).FirstOrDefault(d => d.Name == name);

    /// <summary>
    /// Error symbols: drugs whose declaration did not bind (already reported there), by their written
    /// name and, for an unknown name, the drug it is closest to. A use of one is not reported again.
    /// </summary>
    internal IReadOnlySet<string> BrokenDrugs { get; init; } = new HashSet<string>();
}

/// <summary>How a held drug comes back on recovery.</summary>
internal abstract record Resume;

/// <summary>
/// How one drug comes back: <see cref="Level"/> (with <see cref="At"/> and <see cref="Schedule"/> for
/// an explicit dose); with <see cref="IfAttributedTo"/>, that level only when the toxicity was
/// attributed to that drug by the day the hold ends, else <see cref="Otherwise"/>.
/// </summary>
internal sealed record ResumeStep(string Drug, ResumeLevel Level, Dose? At = null, Schedule? Schedule = null, string? IfAttributedTo = null,
    ResumeLevel Otherwise = ResumeLevel.Same);

internal sealed record ResumeEach(IReadOnlyList<ResumeStep> Items) : Resume;

/// <summary>On occurrence k of the counter, the (k-1) mod n-th drug (in this order) goes one level lower; the others resume at the same level.</summary>
internal sealed record ResumeAlternating(IReadOnlyList<string> Order) : Resume;

internal abstract record RuleAction(SourceLocation At)
{
    public int Line => At.Line;
}

/// <summary>A hold until <see cref="Until"/>; a hold that lasts <see cref="MaxDays"/> days without recovering discontinues <see cref="Then"/>.</summary>
internal sealed record HoldDrugs(IReadOnlyList<string> Drugs, Condition Until, Resume Resume, SourceLocation At, int? MaxDays = null, Target? Then = null) : RuleAction(At);

/// <summary>One level lower, to a named level (<see cref="To"/>), or by a percentage of the current dose (<see cref="ByPercent"/>).</summary>
internal sealed record ReduceDrugs(IReadOnlyList<string> Drugs, Dose? To, SourceLocation At, decimal? ByPercent = null) : RuleAction(At);

internal sealed record Discontinue(Target Target, SourceLocation At) : RuleAction(At);

/// <summary>The actions for occurrences From..To (To null: and every later one).</summary>
internal sealed record RuleBranch(int From, int? To, IReadOnlyList<RuleAction> Actions, SourceLocation At)
{
    public int Line => At.Line;

    public bool Covers(int occurrence) => occurrence >= From && (To is null || occurrence <= To);
}

/// <summary>A dose-modification rule. <see cref="Counter"/> is the counter's name: the rule's own name unless shared.</summary>
internal sealed record DoseRule(
    string Name,
    string? Source,
    IReadOnlyList<string> Regimens,
    string Counter,
    bool CounterShared,
    Condition Trigger,
    IReadOnlyList<RuleBranch> Branches,
    SourceLocation At)
{
    public int Line => At.Line;
}

/// <summary>
/// A baseline fact of a patient: a quantity in canonical units, a class or flag as text, a covariate
/// stated as unknown, or (when <see cref="Name"/> is an adverse event) a baseline grade with its qualifiers.
/// </summary>
internal sealed record PatientFact(string Name, decimal? Quantity, string? Text, bool Unknown = false, IReadOnlyList<string>? Qualifiers = null)
{
    public override string ToString() => Unknown ? "unknown"
        : Quantity is { } q
        ? Catalog.AdverseEvent(Name) is not null ? "grade " + ConditionText.Num(q) + string.Concat((Qualifiers ?? []).Select(x => " " + x))
          : (ConditionText.Num(q) + " " + (Catalog.Covariate(Name)?.Dimension is { } d ? Units.CanonicalName(d) : "")).TrimEnd()
        : Text ?? "";
}

/// <summary>One bound event of a scenario or events file: its kind is typed, its lab value canonical (<see cref="Unit"/> names the unit).</summary>
internal sealed record ScenarioEvent(int Day, Evaluation.EventKind Kind, string Subject, decimal? Value, string? Unit, IReadOnlyList<string> Qualifiers, string? AttributedTo)
{
    /// <summary>The kind as the bound-model baselines print it.</summary>
    internal string KindText => Kind switch
    {
        Evaluation.EventKind.Lab => "lab",
        Evaluation.EventKind.AdverseEvent => "ae",
        Evaluation.EventKind.Missed => "missed",
        Evaluation.EventKind.Vomited => "vomited",
        Evaluation.EventKind.Dialysis => "dialysis",
        _ => "terminal",
    };
}

/// <summary>A scenario; <see cref="PatientSpan"/> locates its `patient` clause (or its title), where run-input problems are reported.</summary>
internal sealed record Scenario(
    string Title,
    Regimen Regimen,
    IReadOnlyList<PatientFact> Patient,
    IReadOnlyList<ScenarioEvent> Events,
    IReadOnlyList<Expectation> Expectations,
    int Line,
    TextSpan PatientSpan)
{
    /// <summary>The file that declares the regimen and its rules, when it is another one (`for R in "ird.ixr"`).</summary>
    public BoundFile? RegimenFile { get; init; }
}

/// <summary>Everything one rule file declares, resolved and validated.</summary>
public sealed class BoundFile
{
    internal BoundFile(SourceText source, IReadOnlyList<Regimen> regimens, IReadOnlyList<DoseRule> rules, IReadOnlyList<Scenario> scenarios) =>
        (Source, Regimens, Rules, Scenarios) = (source, regimens, rules, scenarios);

    public SourceText Source { get; }

    public IReadOnlyList<Regimen> Regimens { get; }

    /// <summary>The file's dose-modification rules (internal: the bound rule model is not a public contract).</summary>
    internal IReadOnlyList<DoseRule> Rules { get; }

    internal IReadOnlyList<Scenario> Scenarios { get; }

    internal IEnumerable<DoseRule> RulesFor(string regimen) => Rules.Where(r => r.Regimens.Contains(regimen));
}

internal static class SpanLines
{
    public static int Line(this SourceText source, TextSpan span) => source.GetLineColumn(span.Start).Line;

    public static SourceLocation At(this SourceText source, TextSpan span) => new(source.Path, source.Line(span), span);
}
