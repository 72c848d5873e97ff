using IxaRules.Syntax;
using IxaRules.Text;
using Sprache;
using static IxaRules.Parsing.ExpressionGrammar;
using static IxaRules.Parsing.Lexical;

namespace IxaRules.Parsing;

/// <summary>The rule declaration: trigger, counter, occurrence branches and actions.</summary>
internal static class RuleGrammar
{
    public static readonly string[] ClauseKeywords =
        ["source", "counter", "when", "occurrence", "hold", "on", "reduce", "discontinue"];

    private static readonly Parser<ClauseSyntax> Counter =
        from kw in Kw("counter")
        from kind in Kw("per").Then(_ => Kw("rule")).Select(r => new CounterKind(null, r))
            .XOr(Kw("shared").Then(_ => Name).Select(n => new CounterKind(n, n)))
        select (ClauseSyntax)new CounterClause(kw, kind.Shared, kw.Span.Union(kind.End.Span));

    private static readonly Parser<ClauseSyntax> When =
        from kw in Kw("when")
        from condition in Condition
        select (ClauseSyntax)new WhenClause(kw, condition);

    private static readonly Parser<ClauseSyntax> Occurrence =
        from kw in Kw("occurrence")
        from low in Integer
        from range in Sym("..").Then(_ => Integer).Select(n => new OccurrenceRange(n, Later: false))
            .Or(Kw("or").Then(_ => Kw("later")).Return(new OccurrenceRange(null, Later: true)))
            .Optional()
        from colon in Sym(":")
        select (ClauseSyntax)new OccurrenceClause(kw, low, range.IsDefined ? range.Get().To : null,
            range.IsDefined && range.Get().Later, kw.Span.Union(colon.Span));

    /// <summary><c>at most 14 days then discontinue TARGET</c>: the longest a hold may last.</summary>
    private static readonly Parser<HoldLimitSyntax> HoldLimit =
        from at in Kw("at")
        from most in Kw("most")
        from days in Integer
        from daysKw in Kw("days")
        from then in Kw("then")
        from discontinue in Kw("discontinue")
        from target in RegimenGrammar.Target
        select new HoldLimitSyntax(days, target, at.Span.Union(target.Span));

    private static readonly Parser<ClauseSyntax> Hold =
        from kw in Kw("hold")
        from drugs in CommaList(Name)
        from until in Kw("until")
        from condition in Condition
        from limit in HoldLimit.XOptional()
        select (ClauseSyntax)new HoldAction(kw, drugs, condition, limit.GetOrDefault());

    /// <summary><c>next lower</c> or its long form <c>one level lower</c>; returns the last word.</summary>
    private static readonly Parser<Token> Lower =
        Kw("next").Then(_ => Kw("lower"))
            .XOr(Kw("one").Then(_ => Kw("level")).Then(_ => Kw("lower")))
            .Named("`next lower`");

    private static readonly Parser<LevelWord> Level =
        Kw("same").Select(t => new LevelWord(ResumeLevel.Same, t))
            .XOr(Kw("starting").Select(t => new LevelWord(ResumeLevel.Starting, t)))
            .XOr(Lower.Select(t => new LevelWord(ResumeLevel.NextLower, t)))
            .Named("a level (`same`, `next lower`, `starting`)");

    /// <summary><c>at 1.0 mg/m2 [days 1, 8]</c>: an explicit resume dose and, optionally, a new schedule.</summary>
    private static readonly Parser<ResumeDose> AtDose =
        from at in Kw("at")
        from dose in Quantity
        from schedule in RegimenGrammar.Schedule.Optional()
        select new ResumeDose(dose, schedule.GetOrDefault());

    /// <summary><c>if attributed to DRUG [else LEVEL]</c>: the level holds only when the toxicity was attributed to DRUG by the time the hold ends.</summary>
    private static readonly Parser<Attribution> IfAttributed =
        from ifKw in Kw("if")
        from attributed in Kw("attributed")
        from to in Kw("to")
        from drug in Name
        from otherwise in Kw("else").Then(_ => Level).XOptional()
        select new Attribution(drug, otherwise.GetOrDefault());

    private static readonly Parser<ResumeItem> ResumeItemParser =
        from drug in Name
        from level in Level.Select(l => new ResumeChoice(l.Level, l.Last, null))
            .XOr(AtDose.Select(a => new ResumeChoice(ResumeLevel.At, new Token(a.Dose.Number.Text, a.Schedule?.Span ?? a.Dose.Span), a)))
            .Named("a level (`same`, `next lower`, `starting`, `at DOSE`)")
        from condition in IfAttributed.XOptional()
        let end = condition.IsDefined ? condition.Get().Otherwise?.Last.Span ?? condition.Get().Drug.Span : level.Last.Span
        select new ResumeItem(drug, level.Level, level.At?.Dose, level.At?.Schedule, condition.IsDefined ? condition.Get().Drug : null,
            condition.IsDefined ? condition.Get().Otherwise?.Level : null, drug.Span.Union(end));

    private static readonly Parser<ResumeSyntax> ResumeList =
        from kw in Kw("resume")
        from first in ResumeItemParser
        from rest in Sym(",").Then(_ => ResumeItemParser).Many()
        select (ResumeSyntax)new ResumeListSyntax(kw, [first, .. rest]);

    private static readonly Parser<ResumeSyntax> Alternate =
        from kw in Kw("alternate")
        from drugs in CommaList(Name)
        from lower in Lower
        from starting in (from comma in Sym(",").Optional()
                          from s in Kw("starting")
                          from with in Kw("with")
                          from drug in Name
                          select drug).XOptional()
        select (ResumeSyntax)new AlternateSyntax(kw, drugs, starting.GetOrDefault(),
            kw.Span.Union(starting.IsDefined ? starting.Get().Span : lower.Span));

    private static readonly Parser<ClauseSyntax> Recovery =
        from kw in Kw("on")
        from recovery in Kw("recovery")
        from resume in ResumeList.XOr(Alternate).Named("`resume` or `alternate`")
        select (ClauseSyntax)new RecoveryAction(kw, resume);

    private static readonly Parser<ClauseSyntax> Reduce =
        from kw in Kw("reduce")
        from drugs in CommaList(Name)
        from how in Lower.Select(t => new ReduceBy(null, null, t.Span))
            .XOr(Kw("to").Then(_ => Quantity).Select(q => new ReduceBy(q, null, q.Span)))
            .XOr(Kw("by").Then(_ => Quantity).Select(q => new ReduceBy(null, q, q.Span)))
            .Named("`next lower`, `to DOSE` or `by PERCENT%`")
        select (ClauseSyntax)new ReduceAction(kw, drugs, how.To, how.Percent, kw.Span.Union(how.End));

    private static readonly Parser<ClauseSyntax> Discontinue =
        from kw in Kw("discontinue")
        from target in RegimenGrammar.Target
        select (ClauseSyntax)new DiscontinueAction(kw, target);

    internal static readonly Parser<ClauseSyntax> Clause =
        RegimenGrammar.Source.XOr(Counter).XOr(When).XOr(Occurrence).XOr(Hold).XOr(Recovery).XOr(Reduce).XOr(Discontinue);

    /// <summary>The declaration's first line, as the function that completes it with its clauses (the parser's recovery reuses it).</summary>
    internal static readonly Parser<Func<IReadOnlyList<ClauseSyntax>, DeclarationSyntax>> Head =
        from kw in Kw("rule")
        from name in Name
        from regimens in Kw("for").Then(_ => CommaList(Name)).XOptional()
        let forList = regimens.GetOrElse([])
        select (Func<IReadOnlyList<ClauseSyntax>, DeclarationSyntax>)(list => new RuleSyntax(kw, name, forList, list,
            kw.Span.Union(list.Count > 0 ? list[^1].Span : forList.Count > 0 ? forList[^1].Span : name.Span)));

    public static readonly Parser<DeclarationSyntax> Rule =
        from complete in Head
        from clauses in Clause.XMany()
        select complete([.. clauses]);

    // The parts of a clause, as small classes rather than tuples: a grammar over value tuples makes
    // every Sprache combinator a generic instantiation over a framework struct, which ReadyToRun
    // cannot compile ahead of time (the JIT did ~360 of them on every cold start; docs/performance.md).
    private sealed record CounterKind(Token? Shared, Token End);

    private sealed record OccurrenceRange(NumberLiteral? To, bool Later);

    private sealed record LevelWord(ResumeLevel Level, Token Last);

    private sealed record ResumeDose(QuantitySyntax Dose, ScheduleSyntax? Schedule);

    private sealed record Attribution(Token Drug, LevelWord? Otherwise);

    private sealed record ResumeChoice(ResumeLevel Level, Token Last, ResumeDose? At);

    private sealed record ReduceBy(QuantitySyntax? To, QuantitySyntax? Percent, TextSpan End);
}
