using IxaRules.Text;

namespace IxaRules.Syntax;

/// <summary>
/// One baseline fact: <c>age 66</c>, <c>crcl 78 mL/min</c>, <c>sex female</c>, <c>dialysis</c>,
/// <c>dialysis no</c>, <c>crcl unknown</c>, <c>neuropathy grade 1 with pain</c> (a baseline adverse event).
/// </summary>
internal sealed record PatientItem(Token Name, SyntaxNode? Value, IReadOnlyList<QualifierSyntax> Qualifiers, TextSpan Span) : SyntaxNode(Span);

internal sealed record PatientClause(Token Keyword, IReadOnlyList<PatientItem> Items) : ClauseSyntax(Keyword, Keyword.Span.Union(Items[^1].Span));

internal abstract record EventSyntax(TextSpan Span) : SyntaxNode(Span);

internal sealed record LabEvent(Token Lab, QuantitySyntax Value) : EventSyntax(Lab.Span.Union(Value.Span));

internal sealed record AeEvent(Token Name, NumberLiteral Grade, IReadOnlyList<QualifierSyntax> Qualifiers, Token? AttributedTo, TextSpan Span) : EventSyntax(Span);

/// <summary><c>missed ixazomib</c>, <c>vomited ixazomib</c>.</summary>
internal sealed record DoseEvent(Token Kind, Token Drug) : EventSyntax(Kind.Span.Union(Drug.Span));

/// <summary><c>progression</c>, <c>death</c>, <c>withdrawal</c>.</summary>
internal sealed record TerminalEvent(Token Kind) : EventSyntax(Kind.Span);

internal sealed record DayClause(Token Keyword, NumberLiteral Day, IReadOnlyList<EventSyntax> Events) : ClauseSyntax(Keyword, Keyword.Span.Union(Events[^1].Span));

/// <summary><c>on day 43</c>, <c>on days 47-49</c>, <c>days 1, 8</c>.</summary>
internal sealed record DaysSyntax(Token Keyword, IReadOnlyList<DayItem> Days, TextSpan Span) : SyntaxNode(Span);

/// <summary>One item of a drug expectation: a status word or a dose, on some days.</summary>
internal sealed record DrugExpectItem(Token? Status, QuantitySyntax? Dose, DaysSyntax Days, TextSpan Span) : SyntaxNode(Span);

internal abstract record ExpectationSyntax(TextSpan Span) : SyntaxNode(Span);

/// <summary><c>expect ixazomib held on day 43, 4 mg on day 57</c>.</summary>
internal sealed record DrugExpectation(Token Drug, IReadOnlyList<DrugExpectItem> Items) : ExpectationSyntax(Drug.Span.Union(Items[^1].Span));

/// <summary><c>expect lenalidomide rdi &gt;= 90 %</c>, <c>expect ixazomib reductions = 1</c>.</summary>
internal sealed record MetricExpectation(Token Drug, Token Metric, Token Operator, QuantitySyntax Value) : ExpectationSyntax(Drug.Span.Union(Value.Span));

/// <summary><c>expect cycle 3 starts on day 64</c>.</summary>
internal sealed record CycleExpectation(Token Keyword, NumberLiteral Cycle, DaysSyntax StartDay) : ExpectationSyntax(Keyword.Span.Union(StartDay.Span));

/// <summary><c>expect regimen discontinued on day 90</c>.</summary>
internal sealed record RegimenExpectation(Token Keyword, DaysSyntax Day) : ExpectationSyntax(Keyword.Span.Union(Day.Span));

/// <summary><c>expect rule thrombocytopenia fires on day 43</c>.</summary>
internal sealed record RuleExpectation(Token Keyword, Token Rule, DaysSyntax Days) : ExpectationSyntax(Keyword.Span.Union(Days.Span));

internal sealed record ExpectClause(Token Keyword, ExpectationSyntax Expectation) : ClauseSyntax(Keyword, Keyword.Span.Union(Expectation.Span));
