using IxaRules.Diagnostics;
using IxaRules.Text;

namespace IxaRules.Syntax;

/// <summary>Every node of the tree knows the span of source it came from.</summary>
internal abstract record SyntaxNode(TextSpan Span);

/// <summary>A word: a keyword, a name or an operator, as written.</summary>
internal sealed record Token(string Text, TextSpan Span) : SyntaxNode(Span)
{
    public override string ToString() => Text;
}

internal sealed record StringLiteral(string Value, TextSpan Span) : SyntaxNode(Span);

/// <summary>A number as written (<c>30,000</c>, <c>2.3</c>) and its value.</summary>
internal sealed record NumberLiteral(decimal Value, string Text, TextSpan Span) : SyntaxNode(Span);

internal sealed record UnitSyntax(string Text, TextSpan Span) : SyntaxNode(Span);

internal sealed record QuantitySyntax(NumberLiteral Number, UnitSyntax? Unit)
    : SyntaxNode(Unit is null ? Number.Span : Number.Span.Union(Unit.Span));

/// <summary>A source comment, kept so that the formatter can put it back.</summary>
internal sealed record Comment(string Text, TextSpan Span, bool OwnLine);

/// <summary>One parsed file: its declarations, its comments and its syntax diagnostics.</summary>
internal sealed record SyntaxTree(
    SourceText Source,
    IReadOnlyList<DeclarationSyntax> Declarations,
    IReadOnlyList<Comment> Comments,
    IReadOnlyList<Diagnostic> Diagnostics)
{
    public bool HasErrors => Diagnostics.Any(d => d.IsError);

    /// <summary>Declarations that did not parse, with the name each declares when it could be read (the binder's error symbols).</summary>
    public IReadOnlyList<BrokenDeclaration> Broken { get; init; } = [];

    /// <summary>The declarations that parsed without any diagnostic, by their text (comments blanked) and start: what the next parse of an edited document may reuse (kept only when asked for).</summary>
    public IReadOnlyDictionary<string, (int Start, DeclarationSyntax Declaration)> CleanSlices { get; init; } = new Dictionary<string, (int, DeclarationSyntax)>();
}

/// <summary>
/// A declaration that did not parse: its keyword (<c>regimen</c>, <c>rule</c>, <c>scenario</c>) and,
/// when the line after the keyword holds one, the name it declares. The binder declares that name
/// as an error symbol, so references to it are not reported a second time as unknown.
/// </summary>
internal sealed record BrokenDeclaration(string Keyword, Token? Name, TextSpan Span);

internal abstract record DeclarationSyntax(Token Keyword, TextSpan Span) : SyntaxNode(Span);

internal sealed record RegimenSyntax(Token Keyword, Token Name, StringLiteral? Title, IReadOnlyList<ClauseSyntax> Clauses, TextSpan Span)
    : DeclarationSyntax(Keyword, Span);

internal sealed record RuleSyntax(Token Keyword, Token Name, IReadOnlyList<Token> ForRegimens, IReadOnlyList<ClauseSyntax> Clauses, TextSpan Span)
    : DeclarationSyntax(Keyword, Span);

internal sealed record ScenarioSyntax(Token Keyword, StringLiteral Title, Token? ForRegimen, IReadOnlyList<ClauseSyntax> Clauses, TextSpan Span)
    : DeclarationSyntax(Keyword, Span)
{
    /// <summary>`for R in "ird.ixr"`: the rule file that declares the regimen (relative to this file), when it is another one.</summary>
    public StringLiteral? InFile { get; init; }
}

/// <summary>A clause: one statement inside a declaration, introduced by its keyword.</summary>
internal abstract record ClauseSyntax(Token Keyword, TextSpan Span) : SyntaxNode(Span);

internal sealed record SourceClause(Token Keyword, StringLiteral Citation) : ClauseSyntax(Keyword, Keyword.Span.Union(Citation.Span));

/// <summary><c>version 1</c> or <c>version "1.2"</c>; the value is a <see cref="NumberLiteral"/> or <see cref="StringLiteral"/>.</summary>
internal sealed record VersionClause(Token Keyword, SyntaxNode Value) : ClauseSyntax(Keyword, Keyword.Span.Union(Value.Span));

internal sealed record BsaClause(Token Keyword, Token Method) : ClauseSyntax(Keyword, Keyword.Span.Union(Method.Span));

/// <summary>One phrase of an <c>until</c> list, e.g. <c>unacceptable toxicity</c>.</summary>
internal sealed record UntilTerm(string Text, TextSpan Span) : SyntaxNode(Span);

/// <summary>
/// <c>[phase NAME:] cycle 28 days (for 8 cycles | until progression or unacceptable toxicity)</c>.
/// Keyword is <c>phase</c> when named, else <c>cycle</c>.
/// </summary>
internal sealed record PhaseClause(Token Keyword, Token? Name, NumberLiteral CycleDays, NumberLiteral? CycleCount, IReadOnlyList<UntilTerm> Until, TextSpan Span)
    : ClauseSyntax(Keyword, Span);

internal sealed record DayItem(NumberLiteral From, NumberLiteral? To) : SyntaxNode(To is null ? From.Span : From.Span.Union(To.Span));

internal abstract record ScheduleSyntax(TextSpan Span) : SyntaxNode(Span);

/// <summary><c>days 1, 8, 15</c> or <c>days 1-21</c>.</summary>
internal sealed record DayListSchedule(Token Keyword, IReadOnlyList<DayItem> Days) : ScheduleSyntax(Keyword.Span.Union(Days[^1].Span));

/// <summary><c>daily</c>: every day of the cycle.</summary>
internal sealed record DailySchedule(Token Keyword) : ScheduleSyntax(Keyword.Span);

/// <summary><c>every other day [days 1-21]</c>: days 1, 3, 5 … of the cycle (or of the range).</summary>
internal sealed record EveryOtherDaySchedule(Token Keyword, DayListSchedule? Within, TextSpan Span) : ScheduleSyntax(Span);

/// <summary><c>every 48 hours [days 1-21]</c>: every (hours ÷ 24)-th day of the cycle (or of the range).</summary>
internal sealed record EveryHoursSchedule(Token Keyword, NumberLiteral Hours, DayListSchedule? Within, TextSpan Span) : ScheduleSyntax(Span);

/// <summary>
/// <c>[SCHEDULE] after dialysis</c>: on a day the events report dialysis, the dose is given after
/// it (lenalidomide in end-stage renal disease, dosing-facts §2.4). Inner is null when only the
/// timing is written (a starting-dose adjustment that keeps the drug's days).
/// </summary>
internal sealed record AfterDialysisSchedule(ScheduleSyntax? Inner, Token After, TextSpan Span) : ScheduleSyntax(Span);

internal sealed record LevelsSyntax(Token Keyword, IReadOnlyList<QuantitySyntax> Levels, Token? Discontinue, TextSpan Span) : SyntaxNode(Span);

internal sealed record DrugClause(Token Keyword, Token Name, Token Route, QuantitySyntax Dose, ScheduleSyntax Schedule, LevelsSyntax? Levels, TextSpan Span)
    : ClauseSyntax(Keyword, Span);

/// <summary><c>if unknown apply</c> or <c>if unknown skip</c>: what a covariate condition does when it cannot be evaluated.</summary>
internal sealed record IfUnknownSyntax(Token Keyword, Token Action, TextSpan Span) : SyntaxNode(Span);

internal sealed record StartClause(Token Keyword, Token Drug, QuantitySyntax Dose, ScheduleSyntax? Schedule, ExprSyntax Condition, IfUnknownSyntax? IfUnknown)
    : ClauseSyntax(Keyword, Keyword.Span.Union(IfUnknown?.Span ?? Condition.Span));

/// <summary>What a discontinuation stops: the whole regimen, or the named drugs.</summary>
internal sealed record TargetSyntax(Token? Regimen, IReadOnlyList<Token> Drugs, TextSpan Span) : SyntaxNode(Span);

/// <summary><c>else delay [recheck every N days] [at most N days then discontinue TARGET]</c>.</summary>
internal sealed record DelaySyntax(Token Keyword, NumberLiteral? RecheckDays, NumberLiteral? MaxDays, TargetSyntax? Then, TextSpan Span) : SyntaxNode(Span);

/// <summary><c>before each cycle require CONDITION [measured within N days] [else delay …]</c>.</summary>
internal sealed record CycleStartClause(Token Keyword, ExprSyntax Require, NumberLiteral? WithinDays, DelaySyntax? Else, TextSpan Span) : ClauseSyntax(Keyword, Span);

/// <summary>
/// <c>if tolerated[: no hold, no reduction, no delay] [in cycles 1-4]</c>. Criteria are the words
/// after each <c>no</c>; empty when the file does not say what tolerated means.
/// </summary>
internal sealed record ToleranceSyntax(Token Keyword, IReadOnlyList<Token> Criteria, DayItem? Cycles, TextSpan Span) : SyntaxNode(Span);

/// <summary><c>titrate DRUG to DOSE from cycle N [if tolerated …] [when CONDITION [if unknown …]]</c>.</summary>
internal sealed record TitrateClause(Token Keyword, Token Drug, QuantitySyntax Dose, NumberLiteral FromCycle, ToleranceSyntax? Tolerated,
    ExprSyntax? When, IfUnknownSyntax? IfUnknown, TextSpan Span)
    : ClauseSyntax(Keyword, Span);

/// <summary><c>dispense DRUG as 4 mg, 3 mg, 2.3 mg capsules rounded down</c> (or <c>rounded to nearest</c>).</summary>
internal sealed record DispenseClause(Token Keyword, Token Drug, IReadOnlyList<QuantitySyntax> Strengths, Token? Form, Token Rounding, TextSpan Span)
    : ClauseSyntax(Keyword, Span);

/// <summary><c>missed DRUG: skip</c> or <c>missed DRUG: take if next dose &gt;= 72 hours away</c>.</summary>
internal sealed record MissedClause(Token Keyword, Token Drug, NumberLiteral? MinHoursToNextDose, TextSpan Span) : ClauseSyntax(Keyword, Span);

/// <summary><c>vomited DRUG: do not repeat</c> or <c>vomited DRUG: repeat</c>.</summary>
internal sealed record VomitedClause(Token Keyword, Token Drug, bool Repeat, TextSpan Span) : ClauseSyntax(Keyword, Span);

/// <summary><c>counter per rule</c> or <c>counter shared NAME</c>.</summary>
internal sealed record CounterClause(Token Keyword, Token? SharedName, TextSpan Span) : ClauseSyntax(Keyword, Span);

internal sealed record WhenClause(Token Keyword, ExprSyntax Condition) : ClauseSyntax(Keyword, Keyword.Span.Union(Condition.Span));

/// <summary><c>occurrence 1:</c>, <c>occurrence 2..3:</c> or <c>occurrence 3 or later:</c>; the actions after it belong to it.</summary>
internal sealed record OccurrenceClause(Token Keyword, NumberLiteral From, NumberLiteral? To, bool OrLater, TextSpan Span) : ClauseSyntax(Keyword, Span);

/// <summary><c>at most N days then discontinue TARGET</c> after a hold's recovery condition.</summary>
internal sealed record HoldLimitSyntax(NumberLiteral MaxDays, TargetSyntax Then, TextSpan Span) : SyntaxNode(Span);

internal sealed record HoldAction(Token Keyword, IReadOnlyList<Token> Drugs, ExprSyntax Until, HoldLimitSyntax? Limit)
    : ClauseSyntax(Keyword, Keyword.Span.Union(Limit?.Span ?? Until.Span));

internal sealed record RecoveryAction(Token Keyword, ResumeSyntax Resume) : ClauseSyntax(Keyword, Keyword.Span.Union(Resume.Span));

/// <summary><c>reduce DRUGS next lower</c>, <c>reduce DRUG to 10 mg</c> or <c>reduce DRUG by 50%</c>.</summary>
internal sealed record ReduceAction(Token Keyword, IReadOnlyList<Token> Drugs, QuantitySyntax? To, QuantitySyntax? By, TextSpan Span) : ClauseSyntax(Keyword, Span);

internal sealed record DiscontinueAction(Token Keyword, TargetSyntax Target) : ClauseSyntax(Keyword, Keyword.Span.Union(Target.Span));

internal enum ResumeLevel
{
    Same,
    NextLower,
    Starting,

    /// <summary><c>at DOSE [SCHEDULE]</c>: an explicit dose (and schedule).</summary>
    At,
}

internal abstract record ResumeSyntax(TextSpan Span) : SyntaxNode(Span);

/// <summary>
/// One drug of a <c>resume</c> list: <c>ixazomib next lower</c>, <c>bortezomib at 1.0 mg/m2 days 1, 8</c>,
/// <c>ixazomib next lower if attributed to ixazomib else same</c> (attribution judged when the hold ends).
/// </summary>
internal sealed record ResumeItem(Token Drug, ResumeLevel Level, QuantitySyntax? AtDose, ScheduleSyntax? AtSchedule, Token? IfAttributedTo,
    ResumeLevel? Otherwise, TextSpan Span) : SyntaxNode(Span);

/// <summary><c>resume lenalidomide next lower, ixazomib same</c>.</summary>
internal sealed record ResumeListSyntax(Token Keyword, IReadOnlyList<ResumeItem> Items) : ResumeSyntax(Keyword.Span.Union(Items[^1].Span));

/// <summary><c>alternate lenalidomide, ixazomib next lower, starting with lenalidomide</c>.</summary>
internal sealed record AlternateSyntax(Token Keyword, IReadOnlyList<Token> Drugs, Token? StartingWith, TextSpan Span) : ResumeSyntax(Span);
