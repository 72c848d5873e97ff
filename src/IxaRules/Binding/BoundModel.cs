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

/// <summary>Which days of a cycle a drug is given on (1-based, ascending), and how the author wrote it.</summary>
public sealed record Schedule(IReadOnlyList<int> Days, string Text);

public sealed record DrugPlan(string Name, string Route, Dose StartingDose, Schedule Schedule, IReadOnlyList<Dose>? Ladder, int Line)
{
    public bool HasLadder => Ladder is { Count: > 0 };
}

public sealed record StartAdjustment(string Drug, Dose Dose, Schedule? Schedule, Condition When, int Line);

/// <summary>What a discontinuation stops: the regimen (Drugs empty) or the named drugs.</summary>
public sealed record Target(bool Regimen, IReadOnlyList<string> Drugs)
{
    public override string ToString() => Regimen ? "regimen" : string.Join(", ", Drugs);
}

/// <summary>
/// Criteria tested on the day a cycle is due. Unmet: the cycle is delayed and re-checked every
/// <see cref="RecheckDays"/>; past <see cref="MaxDelayDays"/> the <see cref="Then"/> target is discontinued.
/// </summary>
public sealed record CycleStartCriteria(Condition Require, int RecheckDays, int? MaxDelayDays, Target? Then, int Line);

public sealed record Titration(string Drug, Dose To, int FromCycle, bool IfTolerated, int Line);

public sealed record Phase(
    string Name,
    int CycleDays,
    int? CycleCount,
    IReadOnlyList<string> Until,
    IReadOnlyList<DrugPlan> Drugs,
    IReadOnlyList<StartAdjustment> StartAdjustments,
    CycleStartCriteria? CycleStart,
    IReadOnlyList<Titration> Titrations);

/// <summary>Missed dose: null hours means skip; otherwise take it late only if the next dose is at least that far away.</summary>
public sealed record MissedDosePolicy(string Drug, int? MinHoursToNextDose, int Line);

public sealed record VomitedDosePolicy(string Drug, bool Repeat, int Line);

public enum BsaMethod
{
    Mosteller,
    DuBois,
}

public sealed record Regimen(
    string Name,
    string? Title,
    string? Version,
    string? Source,
    BsaMethod Bsa,
    IReadOnlyList<Phase> Phases,
    IReadOnlyList<MissedDosePolicy> Missed,
    IReadOnlyList<VomitedDosePolicy> Vomited,
    int Line)
{
    /// <summary>Every drug of every phase, first declaration wins (names are unique within a phase).</summary>
    public IEnumerable<string> DrugNames => Phases.SelectMany(p => p.Drugs).Select(d => d.Name).Distinct();

    public DrugPlan? FindDrug(string name) => Phases.SelectMany(p => p.Drugs).FirstOrDefault(d => d.Name == name);
}

/// <summary>How a held drug comes back on recovery.</summary>
public abstract record Resume;

public sealed record ResumeEach(IReadOnlyList<(string Drug, ResumeLevel Level)> Items) : Resume;

/// <summary>On occurrence k of the counter, the (k-1) mod n-th drug (in this order) goes one level lower; the others resume at the same level.</summary>
public sealed record ResumeAlternating(IReadOnlyList<string> Order) : Resume;

public abstract record RuleAction(int Line);

public sealed record HoldDrugs(IReadOnlyList<string> Drugs, Condition Until, Resume Resume, int Line) : RuleAction(Line);

public sealed record ReduceDrugs(IReadOnlyList<string> Drugs, Dose? To, int Line) : RuleAction(Line);

public sealed record Discontinue(Target Target, int Line) : RuleAction(Line);

/// <summary>The actions for occurrences From..To (To null: and every later one).</summary>
public sealed record RuleBranch(int From, int? To, IReadOnlyList<RuleAction> Actions, int Line)
{
    public bool Covers(int occurrence) => occurrence >= From && (To is null || occurrence <= To);
}

/// <summary>A dose-modification rule. <see cref="Counter"/> is the counter's name: the rule's own name unless shared.</summary>
public sealed record DoseRule(
    string Name,
    string? Source,
    IReadOnlyList<string> Regimens,
    string Counter,
    bool CounterShared,
    Condition Trigger,
    IReadOnlyList<RuleBranch> Branches,
    int Line);

/// <summary>A baseline fact of a scenario's patient: a quantity in canonical units, or a class/flag as text.</summary>
public sealed record PatientFact(string Name, decimal? Quantity, string? Text)
{
    public override string ToString() => Quantity is { } q
        ? Name == "neuropathy" ? "grade " + ConditionText.Num(q)
          : (ConditionText.Num(q) + " " + (Catalog.Covariate(Name)?.Dimension is { } d ? Units.CanonicalName(d) : "")).TrimEnd()
        : Text ?? "";
}

public sealed record ScenarioEvent(int Day, string Kind, string Subject, decimal? Value, string? Unit, IReadOnlyList<string> Qualifiers, string? AttributedTo);

public sealed record Expectation(string Kind, string Subject, string What, int FromDay, int ToDay, int Line);

public sealed record Scenario(
    string Title,
    string Regimen,
    IReadOnlyList<PatientFact> Patient,
    IReadOnlyList<ScenarioEvent> Events,
    IReadOnlyList<Expectation> Expectations,
    int Line);

/// <summary>Everything one rule file declares, resolved and validated.</summary>
public sealed record BoundFile(
    SourceText Source,
    IReadOnlyList<Regimen> Regimens,
    IReadOnlyList<DoseRule> Rules,
    IReadOnlyList<Scenario> Scenarios)
{
    public IEnumerable<DoseRule> RulesFor(string regimen) => Rules.Where(r => r.Regimens.Contains(regimen));
}

internal static class SpanLines
{
    public static int Line(this SourceText source, TextSpan span) => source.GetLineColumn(span.Start).Line;
}
