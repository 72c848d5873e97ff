using IxaRules.Diagnostics;
using IxaRules.Diagnostics.Catalog;
using IxaRules.Text;

namespace IxaRules.Binding;

/// <summary>
/// Binder diagnostics: <c>IXR1xxx</c> names, <c>IXR2xxx</c> units and validation, <c>IXR3xxx</c> warnings.
/// Codes are stable; messages are lowercase with no trailing period.
/// </summary>
internal sealed class BindDiagnostics(SourceText source)
{
    public List<Diagnostic> Items { get; } = [];

    /// <summary>How many of <see cref="Items"/> are errors (kept as they are added: a scenario asks before and after it binds).</summary>
    public int Errors { get; private set; }

    public SourceText Source => source;

    /// <summary>
    /// Adds a diagnostic; <paramref name="fix"/>, a known name closest to the span's text, becomes its
    /// <see cref="Diagnostic.Replacement"/> (an editor's quick fix) when the help line is the
    /// did-you-mean that names it — not when the help took another turn (a lab written as an adverse event).
    /// </summary>
    private void Add(DiagnosticDescriptor descriptor, TextSpan span, string message, string? help = null, string? fix = null)
    {
        var diagnostic = descriptor.At(source, span, message, help);
        Items.Add(fix is not null && help == Suggest.DidYouMean(fix, [fix]) ? diagnostic with { Replacement = fix } : diagnostic);
        Errors += diagnostic.IsError ? 1 : 0;
    }

    private static string? Near(string name, IEnumerable<string> known) => Suggest.DidYouMean(name, known);

    /// <summary>The replacement for a misspelt name, when the span is exactly the name (so replacing the span replaces the word).</summary>
    private static string? Fix(TextSpan span, string name, IEnumerable<string> known) =>
        span.Length == name.Length ? Suggest.Closest(name, known) : null;

    public void UnknownDrug(TextSpan span, string name) =>
        Add(NameCodes.UnknownDrug, span, $"unknown drug `{name}`", Near(name, Catalog.Drugs) ?? $"known drugs: {string.Join(", ", Catalog.Drugs)}", fix: Fix(span, name, Catalog.Drugs));

    /// <summary>A use of a drug the regimen does not give; silent for the regimen's error symbols (see <see cref="Regimen.BrokenDrugs"/>).</summary>
    public void DrugNotInRegimen(TextSpan span, string name, Regimen regimen)
    {
        if (!regimen.BrokenDrugs.Contains(name))
        {
            DrugNotInRegimen(span, name, regimen.Name, regimen.DrugNames);
        }
    }

    public void DrugNotInRegimen(TextSpan span, string name, string regimen, IEnumerable<string> drugs) =>
        Add(NameCodes.DrugNotInRegimen, span, $"regimen `{regimen}` has no drug `{name}`",
            Near(name, drugs) ?? $"`{regimen}` gives: {string.Join(", ", drugs)}", fix: Fix(span, name, drugs));

    public void DrugNotInPhase(TextSpan span, string name, string phase, IEnumerable<string> drugs) =>
        Add(NameCodes.DrugNotInRegimen, span, $"phase `{phase}` has no drug `{name}`",
            Near(name, drugs) ?? $"declare `drug {name} …` in phase `{phase}` first", fix: Fix(span, name, drugs));

    /// <summary>An unknown lab; an adverse event written like a lab (`neuropathy 2`) gets its fix, with the number written after it as the grade.</summary>
    public void UnknownLab(TextSpan span, string name, IEnumerable<string> allowed, string? grade = null) =>
        Add(NameCodes.UnknownLab, span, $"unknown lab or covariate `{name}`",
            Catalog.AdverseEvent(name) is { } ae
                ? $"`{ae.Name}` is an adverse event, graded: write `{ae.Name} grade {grade ?? "N"}`"
                : Near(name, allowed) ?? $"known here: {string.Join(", ", allowed.Order(StringComparer.Ordinal))}", fix: Fix(span, name, allowed));

    public void UnknownAdverseEvent(TextSpan span, string name) =>
        Add(NameCodes.UnknownAdverseEvent, span, $"unknown adverse event `{name}`",
            Near(name, Catalog.AdverseEventNames.Concat(Catalog.AeClassNames)) ?? "name an adverse event (`rash`, `neuropathy`, …) or a class (`non-haematologic`)", fix: Fix(span, name, Catalog.AdverseEventNames.Concat(Catalog.AeClassNames)));

    public void UnknownRegimen(TextSpan span, string name, IEnumerable<string> regimens) =>
        Add(NameCodes.UnknownRegimen, span, $"unknown regimen `{name}`", Near(name, regimens)
            ?? (regimens.Any() ? $"this file declares: {string.Join(", ", regimens)}" : $"this file declares no regimen: name the file that does, e.g. `for {name} in \"ird.ixr\"`"), fix: Fix(span, name, regimens));

    public void UnknownRegimenIn(TextSpan span, string name, string file, IEnumerable<string> regimens) =>
        Add(NameCodes.UnknownRegimen, span, $"`{file}` declares no regimen `{name}`", Near(name, regimens)
            ?? (regimens.Any() ? $"it declares: {string.Join(", ", regimens)}" : "it declares no regimen: name the rule file that does"), fix: Fix(span, name, regimens));

    public void UnknownRule(TextSpan span, string name, IEnumerable<string> rules) =>
        Add(NameCodes.UnknownRule, span, $"unknown rule `{name}`", Near(name, rules), fix: Fix(span, name, rules));

    public void UnknownRoute(TextSpan span, string name) =>
        Add(NameCodes.UnknownRoute, span, $"unknown route `{name}`", Near(name, Catalog.Routes) ?? "routes are `oral` (or `po`), `iv` (or `intravenous`), `sc` (or `subcutaneous`)", fix: Fix(span, name, Catalog.Routes));

    public void UnknownBsaMethod(TextSpan span, string name) =>
        Add(NameCodes.UnknownBsaMethod, span, $"unknown body-surface formula `{name}`", Near(name, Catalog.BsaMethods) ?? "use `mosteller` or `dubois`", fix: Fix(span, name, Catalog.BsaMethods));

    public void UnknownUntil(TextSpan span, string text) =>
        Add(NameCodes.UnknownUntil, span, $"`{text}` is not an end of treatment", Near(text, Catalog.UntilTerms) ?? $"use {string.Join(", ", Catalog.UntilTerms.Select(t => $"`{t}`"))}", fix: Fix(span, text, Catalog.UntilTerms));

    public void UnknownQualifier(TextSpan span, string name) =>
        Add(NameCodes.UnknownQualifier, span, $"unknown qualifier `{name}`", Near(name, Catalog.Qualifiers) ?? $"qualifiers: {string.Join(", ", Catalog.Qualifiers)}", fix: Fix(span, name, Catalog.Qualifiers));

    public void UnknownName(TextSpan span, string name, IEnumerable<string> candidates) =>
        Add(NameCodes.UnknownName, span, $"`{name}` is not a yes/no condition", Near(name, candidates) ?? "a bare name must be `dialysis` or a terminal event (`progression`, `death`, `withdrawal`)", fix: Fix(span, name, candidates));

    /// <summary>A bare word in an events line that is no event: often a lab or adverse event written without its value or grade.</summary>
    public void UnknownEvent(TextSpan span, string name) =>
        Add(NameCodes.UnknownName, span, $"`{name}` is not an event",
            Catalog.Lab(name) is not null ? $"a lab needs its value, e.g. `{name} 25 x10^9/L`"
            : Catalog.AdverseEvent(name) is not null ? $"an adverse event needs its grade, e.g. `{name} grade 2`"
            : Near(name, Catalog.TerminalEvents.Append("dialysis")) ?? "a bare event is `progression`, `death`, `withdrawal` or `dialysis`", fix: Fix(span, name, Catalog.TerminalEvents.Append("dialysis")));

    public void UnknownValue(TextSpan span, string value, string covariate, IEnumerable<string> values) =>
        Add(NameCodes.UnknownValue, span, $"`{value}` is not a value of `{covariate}`", Near(value, values) ?? $"`{covariate}` is one of: {string.Join(", ", values)}", fix: Fix(span, value, values));

    public void Duplicate(TextSpan span, string kind, string name, int firstLine) =>
        Add(NameCodes.Duplicate, span, $"{kind} `{name}` is declared twice", $"first declared on line {firstLine}");

    public void NotAllowedHere(TextSpan span, string name, string why) =>
        Add(NameCodes.NotAllowedHere, span, $"`{name}` cannot be used here: {why}");

    public void RuleNeedsRegimen(TextSpan span, string rule, IEnumerable<string> regimens) =>
        Add(NameCodes.RuleNeedsRegimen, span, $"rule `{rule}` must say which regimen it is for",
            $"this file declares several regimens; write `rule {rule} for {string.Join(", ", regimens)}`");

    public void UnknownPatientItem(TextSpan span, string name) =>
        Add(NameCodes.UnknownPatientItem, span, $"unknown patient fact `{name}`", Near(name, Catalog.CovariateNames.Append("neuropathy")), fix: Fix(span, name, Catalog.CovariateNames.Append("neuropathy")));

    public void NamedTwice(TextSpan span, string name, int firstColumn) =>
        Add(NameCodes.NamedTwice, span, $"`{name}` is named twice in this list", $"it is already named at column {firstColumn}; name each drug once");

    public void NotAnEnum(TextSpan span, string name) =>
        Add(NameCodes.NotAnEnum, span, $"`{name}` has no named classes to test with `is`", "compare it with a quantity instead, e.g. `crcl < 30 mL/min`");

    public void Implausible(TextSpan span, string covariate, string range) =>
        Add(RunInputCodes.Implausible, span, $"`{covariate}` is outside the plausible range", $"a patient's {covariate} is {range}; check the value and its unit");

    public void UnknownUnit(TextSpan span, string unit) =>
        Add(ValidationCodes.UnknownUnit, span, $"unknown unit `{unit}`", Near(unit, Units.KnownSpellings) ?? "see the language reference for the units the language knows", fix: Fix(span, unit, Units.KnownSpellings));

    public void WrongUnit(TextSpan span, string subject, Dimension expected, string unit, Dimension actual) =>
        Add(ValidationCodes.WrongUnit, span, $"`{subject}` is {Units.Describe(expected)} but `{unit}` is {Units.Describe(actual)}",
            $"write the value in {Units.CanonicalName(expected)} or a unit of the same kind");

    public void MissingUnit(TextSpan span, string subject, Dimension expected) =>
        Add(ValidationCodes.MissingUnit, span, $"`{subject}` needs a unit", $"add a unit, e.g. `{Units.CanonicalName(expected)}`");

    public void DoseBasisMismatch(TextSpan span, string drug, Dose expected, string written) =>
        Add(ValidationCodes.DoseBasisMismatch, span, $"`{written}` cannot be compared with {drug}'s {expected}", "all doses of one drug must use the same unit (mg, mg/m² or mg/kg); mg/m² needs a body surface to become mg");

    public void NotADose(TextSpan span, string unit) =>
        Add(ValidationCodes.NotADose, span, $"`{unit}` is not a dose unit", "doses are in `mg`, `mg/m²` or `mg/kg`");

    public void LevelsNotDescending(TextSpan span, Dose previous, Dose level) =>
        Add(ValidationCodes.LevelsNotDescending, span, $"dose levels must be strictly descending, but {level} follows {previous}", "list levels from the highest to the lowest");

    public void StartNotOnLadder(TextSpan span, string drug, Dose start) =>
        Add(ValidationCodes.StartNotOnLadder, span, $"the starting dose {start} of `{drug}` is not one of its levels", "add the starting dose to `levels`");

    public void LadderNeedsDiscontinue(TextSpan span, string drug) =>
        Add(ValidationCodes.LadderNeedsDiscontinue, span, $"the levels of `{drug}` must end in `discontinue`", "add `> discontinue` after the lowest level");

    public void DayOutsideCycle(TextSpan span, int day, int cycleDays) =>
        Add(ValidationCodes.DayOutsideCycle, span, $"day {day} is outside a {cycleDays}-day cycle", $"schedule days run from 1 to {cycleDays}");

    public void BadRange(TextSpan span, int from, int to) =>
        Add(ValidationCodes.DayOutsideCycle, span, $"the range {from}-{to} is empty", "write the lower day first");

    public void AdjustmentNotOnLadder(TextSpan span, string drug, Dose dose, IReadOnlyList<Dose> ladder) =>
        Add(ValidationCodes.AdjustmentNotOnLadder, span, $"{dose} is not a level of `{drug}`", $"`{drug}` levels: {string.Join(" > ", ladder)} > discontinue");

    public void BranchNeverRuns(TextSpan span, string why) =>
        Add(ValidationCodes.BranchNeverRuns, span, $"this occurrence branch can never run: {why}");

    public void RuleWithoutTrigger(TextSpan span, string rule) =>
        Add(ValidationCodes.RuleWithoutTrigger, span, $"rule `{rule}` has no `when` condition", "add `when <condition>`");

    public void RuleWithoutAction(TextSpan span, string rule) =>
        Add(ValidationCodes.RuleWithoutAction, span, $"rule `{rule}` does nothing", "add `hold`, `reduce` or `discontinue`");

    public void CounterNotStated(TextSpan span, string rule) =>
        Add(ValidationCodes.CounterNotStated, span, $"rule `{rule}` counts occurrences but does not say which counter",
            "add `counter per rule` or `counter shared <name>`; the labels do not say which (dosing-facts §1.4)");

    public void NoLadder(TextSpan span, string drug) =>
        Add(ValidationCodes.NoLadder, span, $"`{drug}` has no dose levels to go lower on", $"give `{drug}` a `levels … > discontinue` ladder");

    public void BadGrade(TextSpan span, string why) =>
        Add(ValidationCodes.BadGrade, span, $"invalid grade: {why}", "CTCAE grades run from 0 (resolved) to 5");

    public void StartingWithNotListed(TextSpan span, string drug) =>
        Add(ValidationCodes.StartingWithNotListed, span, $"`{drug}` is not one of the drugs that alternate");

    public void RecoveryWithoutHold(TextSpan span) =>
        Add(ValidationCodes.RecoveryWithoutHold, span, "`on recovery` must follow a `hold`", "write `hold <drugs> until <condition>` first");

    public void ResumeNotHeld(TextSpan span, string drug) =>
        Add(ValidationCodes.RecoveryWithoutHold, span, $"`{drug}` is resumed but not held by this action");

    public void BadTitration(TextSpan span, string why) =>
        Add(ValidationCodes.BadTitration, span, $"invalid titration: {why}");

    public void DuplicateClause(TextSpan span, string clause, int firstLine) =>
        Add(ValidationCodes.DuplicateClause, span, $"`{clause}` is given twice", $"first given on line {firstLine}");

    public void RegimenWithoutCycle(TextSpan span, string regimen) =>
        Add(ValidationCodes.RegimenWithoutCycle, span, $"regimen `{regimen}` has no cycle", "add `cycle 28 days for 6 cycles` or `phase NAME: cycle …`");

    public void PhaseWithoutDrugs(TextSpan span, string phase) =>
        Add(ValidationCodes.PhaseWithoutDrugs, span, $"phase `{phase}` gives no drug", "add a `drug` clause after the phase");

    public void BadNumber(TextSpan span, string what) =>
        Add(ValidationCodes.BadNumber, span, $"invalid {what}");

    public void ClauseOutsidePhase(TextSpan span, string clause) =>
        Add(ValidationCodes.ClauseOutsidePhase, span, $"`{clause}` must come after a `cycle` or `phase` clause", "declare the cycle first");

    public void ActionOutsideBranch(TextSpan span) =>
        Add(ValidationCodes.ActionOutsideBranch, span, "this action is outside every occurrence branch", "once a rule has `occurrence` branches, put every action inside one");

    public void NoRegimen(TextSpan span) =>
        Add(ValidationCodes.NoRegimen, span, "this file declares no regimen for it to apply to", "declare a `regimen` in the same file");

    public void BaselineNeedsUpperBound(TextSpan span) =>
        Add(ValidationCodes.BaselineNeedsUpperBound, span, "`or baseline` follows an upper bound on the grade",
            "write `grade <= 1 or baseline`: the event is at most grade 1, or no worse than the patient's baseline");

    public void QualifierNotStated(TextSpan span, string adverseEvent, int grade, string qualifier, string where) =>
        Add(RunInputCodes.QualifierNotStated, span, $"`{adverseEvent} grade {grade}` does not say whether it is with or without {qualifier}, and the rules decide on it ({where})",
            $"write `{adverseEvent} grade {grade} with {qualifier}` or `{adverseEvent} grade {grade} without {qualifier}`");

    public void ConflictingReports(TextSpan span, string subject, int day, string first, int firstLine) =>
        Add(RunInputCodes.ConflictingReports, span, $"`{subject}` is reported twice on day {day} with different values (line {firstLine} says {first})",
            "keep one report per lab or adverse event and day; if both were measured, say which one counts");

    public void UnusedLevels(TextSpan span, string drug, IEnumerable<Dose> levels) =>
        Add(WarningCodes.UnusedLevels, span, $"no rule lowers `{drug}`, so its levels {string.Join(", ", levels)} are never used",
            "add a rule that reduces it, or drop the unreachable levels");

    public void NeverFires(TextSpan span, string rule, string why) =>
        Add(WarningCodes.NeverFires, span, $"rule `{rule}` can never fire: {why}");

    public void ToleranceNotStated(TextSpan span) =>
        Add(WarningCodes.ToleranceNotStated, span, "`if tolerated` does not say what tolerated means; it is taken as no hold and no reduction (a delay does not count)",
            "say it: `if tolerated: no hold, no reduction, no delay` (any of the three)");

    public void AlternationStartsElsewhere(TextSpan span, string written, int from, string lowered, string suggestion) =>
        Add(WarningCodes.AlternationStartsElsewhere, span,
            $"`starting with {written}` in a branch from occurrence {from}: alternation counts the rule's whole counter, so occurrence {from} lowers `{lowered}`",
            $"to lower `{written}` first in this branch write `starting with {suggestion}`; to keep what runs now, drop `starting with`");
}
