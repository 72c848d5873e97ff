using IxaRules.Syntax;
using IxaRules.Text;
using Sprache;
using static IxaRules.Parsing.ExpressionGrammar;
using static IxaRules.Parsing.Lexical;

namespace IxaRules.Parsing;

/// <summary>Scenarios: a patient, day-by-day events, and expectations about the outcome.</summary>
internal static class ScenarioGrammar
{
    public static readonly string[] ClauseKeywords = ["source", "patient", "day", "expect"];

    /// <summary>
    /// <c>age 66</c>, <c>sex female</c>, <c>dialysis</c>, <c>dialysis no</c>, <c>crcl unknown</c>, or a
    /// baseline adverse event <c>neuropathy grade 1 with pain</c>.
    /// </summary>
    private static readonly Parser<PatientItem> PatientItemParser =
        from name in Name
        from value in Kw("grade").Then(_ => Integer).Select(n => (SyntaxNode)n)
            .Or(Quantity.Select(q => (SyntaxNode)q))
            .Or(Kw("unknown").Or(Kw("no")).Select(t => (SyntaxNode)t))
            .Or(Name.Select(t => (SyntaxNode)t))
            .Optional()
        from qualifiers in value.IsDefined && value.Get() is NumberLiteral ? Qualifier.Many() : Parse.Return(Enumerable.Empty<QualifierSyntax>())
        let quals = qualifiers.ToList()
        let last = quals.Count > 0 ? quals[^1].Span : value.IsDefined ? value.Get().Span : name.Span
        select new PatientItem(name, value.GetOrDefault(), quals, name.Span.Union(last));

    private static readonly Parser<ClauseSyntax> Patient =
        from kw in Kw("patient")
        from first in PatientItemParser
        from rest in Sym(",").Then(_ => PatientItemParser).Many()
        select (ClauseSyntax)new PatientClause(kw, [first, .. rest]);

    private static readonly Parser<EventSyntax> DoseEventParser =
        from kind in Kw("missed").Or(Kw("vomited"))
        from drug in Name
        select (EventSyntax)new DoseEvent(kind, drug);

    private static readonly Parser<EventSyntax> AeEventParser =
        from name in Name
        from gradeKw in Kw("grade")
        from grade in Integer
        from qualifiers in Qualifier.Many()
        from attributed in Kw("attributed").Then(_ => Kw("to")).Then(_ => Name).XOptional()
        let quals = qualifiers.ToList()
        select (EventSyntax)new AeEvent(name, grade, quals, attributed.GetOrDefault(),
            name.Span.Union(attributed.IsDefined ? attributed.Get().Span : quals.Count > 0 ? quals[^1].Span : grade.Span));

    private static readonly Parser<EventSyntax> LabEventParser =
        from lab in Name
        from value in Quantity
        select (EventSyntax)new LabEvent(lab, value);

    internal static readonly Parser<EventSyntax> Event =
        DoseEventParser.Or(AeEventParser).Or(LabEventParser).Or(Name.Select(n => (EventSyntax)new TerminalEvent(n)))
            .Named("an event (`platelets 25 x10^9/L`, `rash grade 2`, `missed ixazomib`, `progression`)");

    private static readonly Parser<ClauseSyntax> Day =
        from kw in Kw("day")
        from day in Integer
        from colon in Sym(":")
        from first in Event
        from rest in Sym(",").Then(_ => Event).Many()
        select (ClauseSyntax)new DayClause(kw, day, [first, .. rest]);

    /// <summary><c>[on] day N</c> or <c>[on] days N-M</c>: one day or one range, so that a comma always starts a new item.</summary>
    private static readonly Parser<DaysSyntax> Days =
        from onKw in Kw("on").Optional()
        from kw in Kw("day").Or(Kw("days"))
        from item in RegimenGrammar.Day
        select new DaysSyntax(kw, [item], (onKw.IsDefined ? onKw.Get().Span : kw.Span).Union(item.Span));

    private static readonly string[] Statuses = ["given", "held", "delayed", "missed", "discontinued"];

    private static readonly Parser<Token> Status =
        Statuses.Select(Kw).Aggregate((a, b) => a.Or(b)).Named("a status (`given`, `held`, `delayed`, `missed`, `discontinued`)");

    private static readonly Parser<DrugExpectItem> DrugItem =
        from what in Status.Select(s => new StatusOrDose(s, null, s.Span))
            .XOr(Quantity.Select(q => new StatusOrDose(null, q, q.Span)))
        from days in Days
        select new DrugExpectItem(what.Status, what.Dose, days, what.Span.Union(days.Span));

    private static readonly Parser<Token> Metric =
        Kw("rdi").Or(Kw("rdi-time")).Or(Kw("doses")).Or(Kw("cumulative")).Or(Kw("reductions"));

    private static readonly Parser<ExpectationSyntax> DrugOrMetric =
        from drug in Name
        from rest in (from metric in Metric
                      from op in CompareOp
                      from value in Quantity
                      select (ExpectationSyntax)new MetricExpectation(drug, metric, op, value))
            .XOr(from first in DrugItem
                 from more in Sym(",").Then(_ => DrugItem).Many()
                 select (ExpectationSyntax)new DrugExpectation(drug, [first, .. more]))
        select rest;

    private static readonly Parser<ExpectationSyntax> Expectation =
        (from kw in Kw("cycle")
         from n in Integer
         from starts in Kw("starts")
         from days in Days
         select (ExpectationSyntax)new CycleExpectation(kw, n, days))
        .XOr(from kw in Kw("regimen")
             from disc in Kw("discontinued")
             from days in Days
             select (ExpectationSyntax)new RegimenExpectation(kw, days))
        .XOr(from kw in Kw("rule")
             from name in Name
             from fires in Kw("fires")
             from days in Days
             select (ExpectationSyntax)new RuleExpectation(kw, name, days))
        .XOr(DrugOrMetric);

    private static readonly Parser<ClauseSyntax> Expect =
        from kw in Kw("expect")
        from expectation in Expectation
        select (ClauseSyntax)new ExpectClause(kw, expectation);

    internal static readonly Parser<ClauseSyntax> Clause = RegimenGrammar.Source.XOr(Patient).XOr(Day).XOr(Expect);

    /// <summary>The declaration's first line, as the function that completes it with its clauses (the parser's recovery reuses it).</summary>
    internal static readonly Parser<Func<IReadOnlyList<ClauseSyntax>, DeclarationSyntax>> Head =
        from kw in Kw("scenario")
        from title in Lexical.String
        from regimen in Kw("for").Then(_ => Name).XOptional()
        from file in Kw("in").Then(_ => Lexical.String).XOptional()
        select (Func<IReadOnlyList<ClauseSyntax>, DeclarationSyntax>)(list => new ScenarioSyntax(kw, title, regimen.GetOrDefault(), list,
            kw.Span.Union(list.Count > 0 ? list[^1].Span : file.IsDefined ? file.Get().Span : regimen.IsDefined ? regimen.Get().Span : title.Span))
        {
            InFile = file.GetOrDefault(),
        });

    public static readonly Parser<DeclarationSyntax> Scenario =
        from complete in Head
        from clauses in Clause.XMany()
        select complete([.. clauses]);

    // A class rather than a tuple, for ReadyToRun (see RuleGrammar's note).
    private sealed record StatusOrDose(Token? Status, QuantitySyntax? Dose, TextSpan Span);
}
