using IxaRules.Syntax;
using IxaRules.Text;
using Sprache;
using static IxaRules.Parsing.ExpressionGrammar;
using static IxaRules.Parsing.Lexical;

namespace IxaRules.Parsing;

/// <summary>The regimen declaration and its clauses.</summary>
internal static class RegimenGrammar
{
    public static readonly string[] ClauseKeywords =
        ["version", "source", "bsa", "phase", "cycle", "drug", "start", "before", "titrate", "missed", "vomited", "dispense"];

    public static readonly Parser<ClauseSyntax> Source =
        from kw in Kw("source")
        from text in Lexical.String
        select (ClauseSyntax)new SourceClause(kw, text);

    private static readonly Parser<ClauseSyntax> Version =
        from kw in Kw("version")
        from value in Number.Select(n => (SyntaxNode)n).Or(Lexical.String)
        select (ClauseSyntax)new VersionClause(kw, value);

    private static readonly Parser<ClauseSyntax> Bsa =
        from kw in Kw("bsa")
        from method in Name
        select (ClauseSyntax)new BsaClause(kw, method);

    private static readonly Parser<UntilTerm> UntilPhrase =
        Name.AtLeastOnce().Select(words =>
        {
            var list = words.ToList();
            return new UntilTerm(string.Join(' ', list.Select(w => w.Text)), list[0].Span.Union(list[^1].Span));
        });

    private static Parser<ClauseSyntax> CycleSpec(Token keyword, Token? name) =>
        from cycleKw in name is null ? Parse.Return(keyword) : Kw("cycle")
        from length in Integer
        from daysKw in Kw("days")
        from count in (from forKw in Kw("for")
                       from n in Integer
                       from cyclesKw in Kw("cycles")
                       select new CycleCount(n, cyclesKw)).XOptional()
        from until in count.IsDefined
            ? Parse.Return<IReadOnlyList<UntilTerm>>([])
            : Kw("until").Then(_ =>
                from first in UntilPhrase
                from rest in Kw("or").Then(_ => UntilPhrase).Many()
                select (IReadOnlyList<UntilTerm>)[first, .. rest])
        let end = count.IsDefined ? count.Get().CyclesWord.Span : until[^1].Span
        select (ClauseSyntax)new PhaseClause(keyword, name, length, count.IsDefined ? count.Get().Count : null, until, keyword.Span.Union(end));

    private static readonly Parser<ClauseSyntax> Phase =
        (from kw in Kw("phase")
         from name in Name
         from colon in Sym(":")
         from spec in CycleSpec(kw, name)
         select spec)
        .XOr(Kw("cycle").Then(kw => CycleSpec(kw, null)));

    public static readonly Parser<DayItem> Day =
        from low in Integer
        from to in Sym("-").Then(_ => Integer).XOptional()
        select new DayItem(low, to.GetOrDefault());

    public static readonly Parser<DayListSchedule> DayList =
        from kw in Kw("days").Or(Kw("day"))
        from first in Day
        from rest in Sym(",").Then(_ => Day).Many()
        select new DayListSchedule(kw, [first, .. rest]);

    /// <summary><c>every other day [days 1-21]</c> or <c>every 48 hours [days 1-21]</c>; one word decides which.</summary>
    private static readonly Parser<ScheduleSyntax> Every =
        from every in Kw("every")
        from schedule in (from other in Kw("other")
                          from day in Kw("day")
                          from within in DayList.Optional()
                          select (ScheduleSyntax)new EveryOtherDaySchedule(every, within.GetOrDefault(),
                              every.Span.Union(within.IsDefined ? within.Get().Span : day.Span)))
            .XOr(from hours in Integer
                 from hoursKw in Kw("hours")
                 from within in DayList.Optional()
                 select (ScheduleSyntax)new EveryHoursSchedule(every, hours, within.GetOrDefault(),
                     every.Span.Union(within.IsDefined ? within.Get().Span : hoursKw.Span)))
        select schedule;

    private static readonly Parser<ScheduleSyntax> DaysOfCycle =
        DayList.Select(d => (ScheduleSyntax)d)
            .XOr(Kw("daily").Select(kw => (ScheduleSyntax)new DailySchedule(kw)))
            .XOr(Every)
            .Named("a schedule (`days 1, 8, 15`, `days 1-21`, `daily`, `every other day`, `every 48 hours`)");

    /// <summary><c>after dialysis</c>: the timing of a dose on dialysis days.</summary>
    public static readonly Parser<Token> AfterDialysis =
        from after in Kw("after")
        from dialysis in Kw("dialysis")
        select new Token("after dialysis", after.Span.Union(dialysis.Span));

    public static readonly Parser<ScheduleSyntax> Schedule =
        from days in DaysOfCycle
        from after in AfterDialysis.XOptional()
        select after.IsDefined ? new AfterDialysisSchedule(days, after.Get(), days.Span.Union(after.Get().Span)) : days;

    /// <summary>A schedule, or only its timing (<c>after dialysis</c>), in a starting-dose adjustment.</summary>
    private static readonly Parser<ScheduleSyntax> StartSchedule =
        Schedule.XOr(AfterDialysis.Select(a => (ScheduleSyntax)new AfterDialysisSchedule(null, a, a.Span)));

    /// <summary><c>if unknown apply</c> / <c>if unknown skip</c>.</summary>
    public static readonly Parser<IfUnknownSyntax> IfUnknown =
        from ifKw in Kw("if")
        from unknown in Kw("unknown")
        from action in Kw("apply").XOr(Kw("skip")).Named("`apply` or `skip`")
        select new IfUnknownSyntax(ifKw, action, ifKw.Span.Union(action.Span));

    private static readonly Parser<Token> DiscontinueWord = Kw("discontinue").Or(Kw("stop"));

    /// <summary>
    /// <c>levels 4 mg &gt; 3 mg &gt; discontinue</c>. <c>XMany</c> makes a broken step (<c>&gt; &gt;</c>) an
    /// error where it is, instead of ending the list early.
    /// </summary>
    private static readonly Parser<LevelsSyntax> Levels =
        from kw in Kw("levels")
        from first in Quantity
        from steps in Sym(">").Then(_ => Quantity.Select(q => new LevelStep(q, null))
                .Or(DiscontinueWord.Select(t => new LevelStep(null, t)))
                .Named("a dose or `discontinue`"))
            .XMany()
        from levels in LevelsFrom(kw, first, [.. steps])
        select levels;

    private static Parser<LevelsSyntax> LevelsFrom(Token kw, QuantitySyntax first, List<LevelStep> steps) => input =>
    {
        var stop = steps.FindIndex(s => s.Stop is not null);
        if (stop >= 0 && stop < steps.Count - 1)
        {
            // What follows may be a dose or a second `discontinue` (found by afl): either is located.
            var after = steps[stop + 1].Level?.Span ?? steps[stop + 1].Stop!.Span;
            return Result.Failure<LevelsSyntax>(new SourceInput(input.Source, after.Start, after.End), "nothing may follow `discontinue`", ["the end of the levels (`discontinue` is the last step)"]);
        }

        var all = (IReadOnlyList<QuantitySyntax>)[first, .. steps.Where(s => s.Level is not null).Select(s => s.Level!)];
        var end = stop >= 0 ? steps[stop].Stop! : null;
        return Result.Success(new LevelsSyntax(kw, all, end, kw.Span.Union(end?.Span ?? all[^1].Span)), input);
    };

    private static readonly Parser<ClauseSyntax> Drug =
        from kw in Kw("drug")
        from name in Name
        from route in Name.Named("a route (`oral`, `iv`, `sc`)")
        from dose in Quantity
        from schedule in Schedule
        from levels in Levels.XOptional()
        select (ClauseSyntax)new DrugClause(kw, name, route, dose, schedule, levels.GetOrDefault(),
            kw.Span.Union(levels.IsDefined ? levels.Get().Span : schedule.Span));

    private static readonly Parser<ClauseSyntax> Start =
        from kw in Kw("start")
        from drug in Name
        from at in Kw("at")
        from dose in Quantity
        from schedule in StartSchedule.Optional()
        from when in Kw("when")
        from condition in Condition
        from ifUnknown in IfUnknown.XOptional()
        select (ClauseSyntax)new StartClause(kw, drug, dose, schedule.GetOrDefault(), condition, ifUnknown.GetOrDefault());

    public static readonly Parser<TargetSyntax> Target =
        Kw("regimen").Select(r => new TargetSyntax(r, [], r.Span))
            .Or(CommaList(Name).Select(drugs => new TargetSyntax(null, drugs, drugs[0].Span.Union(drugs[^1].Span))))
            .Named("`regimen` or drug names");

    private static readonly Parser<DelaySyntax> Delay =
        from elseKw in Kw("else")
        from delayKw in Kw("delay")
        from recheck in Kw("recheck").Then(_ => Kw("every")).Then(_ => Integer).Then(n => Kw("days").Return(n)).XOptional()
        from max in (from at in Kw("at")
                     from most in Kw("most")
                     from days in Integer
                     from daysKw in Kw("days")
                     from then in Kw("then")
                     from disc in Kw("discontinue")
                     from target in Target
                     select new DelayLimit(days, target)).XOptional()
        select new DelaySyntax(elseKw, recheck.GetOrDefault(), max.IsDefined ? max.Get().Days : null, max.IsDefined ? max.Get().Target : null,
            elseKw.Span.Union(max.IsDefined ? max.Get().Target.Span : recheck.IsDefined ? recheck.Get().Span : delayKw.Span));

    private static readonly Parser<ClauseSyntax> CycleStart =
        from kw in Kw("before")
        from each in Kw("each")
        from cycle in Kw("cycle")
        from require in Kw("require")
        from condition in Condition
        from within in (from measured in Kw("measured")
                        from withinKw in Kw("within")
                        from days in Integer
                        from daysKw in Kw("days")
                        select new MeasuredWithin(days, daysKw.Span)).XOptional()
        from delay in Delay.XOptional()
        select (ClauseSyntax)new CycleStartClause(kw, condition, within.IsDefined ? within.Get().Days : null, delay.GetOrDefault(),
            kw.Span.Union(delay.IsDefined ? delay.Get().Span : within.IsDefined ? within.Get().End : condition.Span));

    /// <summary><c>no hold</c>, <c>no reduction</c>, <c>no delay</c>: one thing a tolerated cycle did not have.</summary>
    private static readonly Parser<Token> ToleranceCriterion =
        Kw("no").Then(_ => Kw("hold").Or(Kw("reduction")).Or(Kw("delay")).Named("`hold`, `reduction` or `delay`"));

    private static readonly Parser<ToleranceSyntax> Tolerance =
        from ifKw in Kw("if")
        from tolerated in Kw("tolerated")
        from criteria in Sym(":").Then(_ => CommaList(ToleranceCriterion)).XOptional()
        from cycles in Kw("in").Then(_ => Kw("cycles")).Then(_ => Day).XOptional()
        let list = criteria.GetOrElse([])
        select new ToleranceSyntax(ifKw, list, cycles.GetOrDefault(),
            ifKw.Span.Union(cycles.IsDefined ? cycles.Get().Span : list.Count > 0 ? list[^1].Span : tolerated.Span));

    private static readonly Parser<ClauseSyntax> Titrate =
        from kw in Kw("titrate")
        from drug in Name
        from to in Kw("to")
        from dose in Quantity
        from fromKw in Kw("from")
        from cycleKw in Kw("cycle")
        from cycle in Integer
        from tolerated in Tolerance.XOptional()
        from when in Kw("when").Then(_ => Condition).XOptional()
        from ifUnknown in IfUnknown.XOptional()
        let end = ifUnknown.IsDefined ? ifUnknown.Get().Span : when.IsDefined ? when.Get().Span : tolerated.IsDefined ? tolerated.Get().Span : cycle.Span
        select (ClauseSyntax)new TitrateClause(kw, drug, dose, cycle, tolerated.GetOrDefault(), when.GetOrDefault(), ifUnknown.GetOrDefault(), kw.Span.Union(end));

    /// <summary><c>dispense DRUG as 4 mg, 3 mg, 2.3 mg capsules rounded down</c>: the strengths a body-size dose is made of.</summary>
    private static readonly Parser<ClauseSyntax> Dispense =
        from kw in Kw("dispense")
        from drug in Name
        from asKw in Kw("as")
        from first in Quantity
        from rest in Sym(",").Then(_ => Quantity).Many()
        from form in Kw("capsules").Or(Kw("tablets")).Optional()
        from rounded in Kw("rounded")
        from rounding in Kw("down").XOr(Kw("to").Then(_ => Kw("nearest"))).Named("`down` or `to nearest`")
        select (ClauseSyntax)new DispenseClause(kw, drug, [first, .. rest], form.GetOrDefault(), rounding, kw.Span.Union(rounding.Span));

    private static readonly Parser<ClauseSyntax> Missed =
        from kw in Kw("missed")
        from drug in Name
        from colon in Sym(":")
        from rule in Kw("skip").Select(s => new MissedRule(null, s.Span))
            .XOr(from take in Kw("take")
                 from ifKw in Kw("if")
                 from next in Kw("next")
                 from dose in Kw("dose")
                 from ge in Sym(">=")
                 from hours in Integer
                 from hoursKw in Kw("hours")
                 from away in Kw("away")
                 select new MissedRule(hours, away.Span))
        select (ClauseSyntax)new MissedClause(kw, drug, rule.Hours, kw.Span.Union(rule.End));

    private static readonly Parser<ClauseSyntax> Vomited =
        from kw in Kw("vomited")
        from drug in Name
        from colon in Sym(":")
        from rule in Kw("repeat").Select(r => new VomitedRule(Repeat: true, r.Span))
            .XOr(Kw("do").Then(_ => Kw("not")).Then(_ => Kw("repeat")).Select(r => new VomitedRule(Repeat: false, r.Span)))
        select (ClauseSyntax)new VomitedClause(kw, drug, rule.Repeat, kw.Span.Union(rule.End));

    internal static readonly Parser<ClauseSyntax> Clause =
        Version.XOr(Source).XOr(Bsa).XOr(Phase).XOr(Drug).XOr(Start).XOr(CycleStart).XOr(Titrate).XOr(Missed).XOr(Vomited).XOr(Dispense);

    /// <summary>The declaration's first line, as the function that completes it with its clauses (the parser's recovery reuses it).</summary>
    internal static readonly Parser<Func<IReadOnlyList<ClauseSyntax>, DeclarationSyntax>> Head =
        from kw in Kw("regimen")
        from name in Name
        from title in Lexical.String.Optional()
        select (Func<IReadOnlyList<ClauseSyntax>, DeclarationSyntax>)(list => new RegimenSyntax(kw, name, title.GetOrDefault(), list,
            kw.Span.Union(list.Count > 0 ? list[^1].Span : title.IsDefined ? title.Get().Span : name.Span)));

    public static readonly Parser<DeclarationSyntax> Regimen =
        from complete in Head
        from clauses in Clause.XMany()
        select complete([.. clauses]);

    // Classes rather than tuples, for ReadyToRun (see RuleGrammar's note).
    private sealed record LevelStep(QuantitySyntax? Level, Token? Stop);

    private sealed record CycleCount(NumberLiteral Count, Token CyclesWord);

    private sealed record DelayLimit(NumberLiteral Days, TargetSyntax Target);

    private sealed record MeasuredWithin(NumberLiteral Days, TextSpan End);

    private sealed record MissedRule(NumberLiteral? Hours, TextSpan End);

    private sealed record VomitedRule(bool Repeat, TextSpan End);
}
