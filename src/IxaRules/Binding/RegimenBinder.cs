using System.Globalization;
using IxaRules.Syntax;
using IxaRules.Text;

namespace IxaRules.Binding;

/// <summary>Binds one regimen: phases, drugs and their ladders, schedules, adjustments, cycle-start criteria, titration.</summary>
internal sealed class RegimenBinder(SourceText source, BindDiagnostics diagnostics, QuantityBinder quantities, ConditionBinder conditions)
{
    /// <summary>Stated limits (docs/threat-model.md): a cycle lasts at most a year, a phase has at most 1,000 cycles.</summary>
    public const int MaxCycleDays = 365;

    public const int MaxCycles = 1000;

    private sealed class PhaseBuilder(string name, TextSpan span, int cycleDays, int? cycleCount, IReadOnlyList<string> until)
    {
        public string Name { get; } = name;
        public TextSpan Span { get; } = span;

        /// <summary>The cycle length; 0 when the written one was invalid (already reported), which turns off day checks.</summary>
        public int CycleDays { get; } = cycleDays;
        public int DrugClauses { get; set; }
        public int? CycleCount { get; } = cycleCount;
        public List<DrugPlan> Drugs { get; } = [];
        public List<StartAdjustment> Adjustments { get; } = [];
        public List<Titration> Titrations { get; } = [];
        public CycleStartCriteria? CycleStart { get; set; }
        public Phase Build() => new(Name, CycleDays, CycleCount, until, Drugs, Adjustments, CycleStart, Titrations);
    }

    public Regimen Bind(RegimenSyntax syntax)
    {
        string? version = null, citation = null;
        var bsa = BsaMethod.Mosteller;
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        var phases = new List<PhaseBuilder>();
        var missed = new List<(Token Drug, MissedDosePolicy Policy)>();
        var vomited = new List<(Token Drug, VomitedDosePolicy Policy)>();

        foreach (var clause in syntax.Clauses)
        {
            var current = phases.Count > 0 ? phases[^1] : null;
            switch (clause)
            {
                case VersionClause v when Once("version", v):
                    version = v.Value is StringLiteral text ? text.Value : ((NumberLiteral)v.Value).Text;
                    break;
                case SourceClause s when Once("source", s):
                    citation = s.Citation.Value;
                    break;
                case BsaClause b when Once("bsa", b):
                    bsa = b.Method.Text switch
                    {
                        "mosteller" => BsaMethod.Mosteller,
                        "dubois" => BsaMethod.DuBois,
                        _ => Report(() => diagnostics.UnknownBsaMethod(b.Method.Span, b.Method.Text), BsaMethod.Mosteller),
                    };
                    break;
                case PhaseClause p:
                    if (BindPhase(p, phases) is { } phase)
                    {
                        phases.Add(phase);
                    }

                    break;
                case MissedClause m:
                    missed.Add((m.Drug, new MissedDosePolicy(m.Drug.Text, m.MinHoursToNextDose is { } h ? h.ToInt() : null, Line(m))));
                    break;
                case VomitedClause v:
                    vomited.Add((v.Drug, new VomitedDosePolicy(v.Drug.Text, v.Repeat, Line(v))));
                    break;
                case DrugClause or StartClause or CycleStartClause or TitrateClause when current is null:
                    diagnostics.ClauseOutsidePhase(clause.Keyword.Span, clause.Keyword.Text);
                    break;
                case DrugClause d:
                    current!.DrugClauses++;
                    BindDrug(d, current);
                    break;
                case StartClause start:
                    BindStart(start, current!);
                    break;
                case CycleStartClause c:
                    BindCycleStart(c, current!);
                    break;
                case TitrateClause t:
                    BindTitration(t, current!);
                    break;
            }
        }

        if (!syntax.Clauses.OfType<PhaseClause>().Any())
        {
            diagnostics.RegimenWithoutCycle(syntax.Name.Span, syntax.Name.Text);
        }

        foreach (var phase in phases.Where(p => p.DrugClauses == 0))
        {
            diagnostics.PhaseWithoutDrugs(phase.Span, phase.Name);
        }

        var built = phases.Select(p => p.Build()).ToList();
        var drugNames = built.SelectMany(p => p.Drugs).Select(d => d.Name).Distinct().ToList();
        foreach (var (drug, _) in missed.Concat(vomited.Select(v => (v.Drug, (MissedDosePolicy)null!))))
        {
            if (!drugNames.Contains(drug.Text))
            {
                diagnostics.DrugNotInRegimen(drug.Span, drug.Text, syntax.Name.Text, drugNames);
            }
        }

        return new Regimen(syntax.Name.Text, syntax.Title?.Value, version, citation, bsa, built,
            [.. missed.Select(m => m.Policy)], [.. vomited.Select(v => v.Policy)], Line(syntax));

        bool Once(string name, ClauseSyntax clause)
        {
            if (seen.TryGetValue(name, out var first))
            {
                diagnostics.DuplicateClause(clause.Keyword.Span, name, first);
                return false;
            }

            seen[name] = Line(clause);
            return true;
        }
    }

    private int Line(SyntaxNode node) => source.Line(node.Span);

    private static T Report<T>(Action report, T fallback)
    {
        report();
        return fallback;
    }

    private PhaseBuilder? BindPhase(PhaseClause p, List<PhaseBuilder> existing)
    {
        var name = p.Name?.Text ?? "main";
        if (existing.FirstOrDefault(e => e.Name == name) is { } twin)
        {
            diagnostics.Duplicate(p.Name?.Span ?? p.Keyword.Span, "phase", name, source.Line(twin.Span));
            return null;
        }

        // A bad number is reported, but the phase is kept so that its drugs are still checked.
        var days = p.CycleDays.ToInt();
        if (days < 1 || days > MaxCycleDays)
        {
            diagnostics.BadNumber(p.CycleDays.Span, $"cycle length: a cycle lasts 1 to {MaxCycleDays} days");
            days = 0;
        }

        if (p.CycleCount is { } count && (count.Value < 1 || count.Value > MaxCycles))
        {
            diagnostics.BadNumber(count.Span, $"number of cycles: 1 to {MaxCycles}");
        }

        foreach (var term in p.Until.Where(t => !Catalog.UntilTerms.Contains(t.Text)))
        {
            diagnostics.UnknownUntil(term.Span, term.Text);
        }

        return new PhaseBuilder(name, p.Span, days, p.CycleCount is { } c ? Math.Clamp(c.ToInt(), 1, MaxCycles) : null, [.. p.Until.Select(t => t.Text)]);
    }

    private void BindDrug(DrugClause d, PhaseBuilder phase)
    {
        var name = d.Name.Text;
        if (!Catalog.Drugs.Contains(name))
        {
            diagnostics.UnknownDrug(d.Name.Span, name);
            return;
        }

        if (phase.Drugs.FirstOrDefault(x => x.Name == name) is { } twin)
        {
            diagnostics.Duplicate(d.Name.Span, "drug", name, twin.Line);
            return;
        }

        if (!Catalog.Routes.Contains(d.Route.Text))
        {
            diagnostics.UnknownRoute(d.Route.Span, d.Route.Text);
        }

        var dose = quantities.BindDose(d.Dose);
        var schedule = BindSchedule(d.Schedule, phase.CycleDays);
        if (dose is null || schedule is null)
        {
            return;
        }

        var ladder = d.Levels is null ? null : BindLadder(d.Levels, name, dose);
        phase.Drugs.Add(new DrugPlan(name, d.Route.Text, dose, schedule, ladder, Line(d)));
    }

    private List<Dose>? BindLadder(LevelsSyntax levels, string drug, Dose start)
    {
        var ladder = new List<Dose>();
        var ok = true;
        foreach (var level in levels.Levels)
        {
            var dose = quantities.BindDoseLike(level, drug, start);
            if (dose is null)
            {
                ok = false;
                continue;
            }

            if (ladder.Count > 0 && dose.Amount >= ladder[^1].Amount)
            {
                diagnostics.LevelsNotDescending(level.Span, ladder[^1], dose);
                ok = false;
            }

            ladder.Add(dose);
        }

        if (levels.Discontinue is null)
        {
            diagnostics.LadderNeedsDiscontinue(levels.Levels[^1].Span, drug);
            ok = false;
        }

        if (ok && !ladder.Contains(start))
        {
            diagnostics.StartNotOnLadder(levels.Span, drug, start);
            ok = false;
        }

        return ok ? ladder : null;
    }

    public Schedule? BindSchedule(ScheduleSyntax schedule, int cycleDays)
    {
        switch (schedule)
        {
            case DailySchedule:
                return new Schedule([.. Enumerable.Range(1, cycleDays)], "daily");
            case DayListSchedule list:
                var days = BindDays(list.Days, cycleDays);
                return days is null ? null : new Schedule(days, "days " + DaysText(list.Days));
            case EveryOtherDaySchedule every:
                var within = every.Within is null ? [.. Enumerable.Range(1, cycleDays)] : BindDays(every.Within.Days, cycleDays);
                if (within is null)
                {
                    return null;
                }

                var first = within[0];
                return new Schedule([.. within.Where(d => (d - first) % 2 == 0)],
                    "every other day" + (every.Within is null ? "" : " days " + DaysText(every.Within.Days)));
            default:
                return null;
        }
    }

    private static string DaysText(IEnumerable<DayItem> items) =>
        string.Join(", ", items.Select(i => i.To is null ? i.From.Text : $"{i.From.Text}-{i.To.Text}"));

    private List<int>? BindDays(IReadOnlyList<DayItem> items, int cycleDays)
    {
        var days = new SortedSet<int>();
        var ok = true;
        foreach (var item in items)
        {
            var from = item.From.ToInt();
            var to = item.To is null ? from : item.To.ToInt();
            if (to < from)
            {
                diagnostics.BadRange(item.Span, from, to);
                ok = false;
                continue;
            }

            foreach (var (day, span) in new[] { (from, item.From.Span), (to, item.To?.Span ?? item.From.Span) })
            {
                if (day < 1 || (cycleDays > 0 && day > cycleDays))
                {
                    diagnostics.DayOutsideCycle(span, day, cycleDays);
                    ok = false;
                }
            }

            for (var d = Math.Max(1, from); d <= (cycleDays > 0 ? Math.Min(to, cycleDays) : to); d++)
            {
                days.Add(d);
            }
        }

        return ok ? [.. days] : null;
    }

    private DrugPlan? DrugInPhase(Token drug, PhaseBuilder phase)
    {
        var plan = phase.Drugs.FirstOrDefault(d => d.Name == drug.Text);
        if (plan is null)
        {
            diagnostics.DrugNotInPhase(drug.Span, drug.Text, phase.Name, phase.Drugs.Select(d => d.Name));
        }

        return plan;
    }

    private void BindStart(StartClause s, PhaseBuilder phase)
    {
        var condition = conditions.Bind(s.Condition, ConditionScope.StartAdjustment);
        if (DrugInPhase(s.Drug, phase) is not { } plan)
        {
            return;
        }

        var dose = quantities.BindDoseLike(s.Dose, plan.Name, plan.StartingDose);
        var schedule = s.Schedule is null ? null : BindSchedule(s.Schedule, phase.CycleDays);
        if (dose is null || condition is null || (s.Schedule is not null && schedule is null))
        {
            return;
        }

        if (plan.Ladder is { } ladder && !ladder.Contains(dose))
        {
            diagnostics.AdjustmentNotOnLadder(s.Dose.Span, plan.Name, dose, ladder);
            return;
        }

        phase.Adjustments.Add(new StartAdjustment(plan.Name, dose, schedule, condition, Line(s)));
    }

    private void BindCycleStart(CycleStartClause c, PhaseBuilder phase)
    {
        if (phase.CycleStart is { } first)
        {
            diagnostics.DuplicateClause(c.Keyword.Span, "before each cycle", first.Line);
            return;
        }

        var require = conditions.Bind(c.Require, ConditionScope.DuringTreatment);
        var recheck = 1;
        int? maxDays = null;
        Target? then = null;
        if (c.Else is { } delay)
        {
            if (delay.RecheckDays is { } r)
            {
                recheck = r.ToInt();
                if (recheck < 1 || recheck > MaxCycleDays)
                {
                    diagnostics.BadNumber(r.Span, $"re-check interval: 1 to {MaxCycleDays} days");
                    recheck = 1;
                }
            }

            if (delay.MaxDays is { } m)
            {
                maxDays = m.ToInt();
                if (maxDays < 1 || maxDays > MaxCycleDays * 10)
                {
                    diagnostics.BadNumber(m.Span, $"maximum delay: 1 to {MaxCycleDays * 10} days");
                }
            }

            if (delay.Then is { } target)
            {
                then = BindTarget(target, phase);
            }
        }

        if (require is not null)
        {
            phase.CycleStart = new CycleStartCriteria(require, recheck, maxDays, then, Line(c));
        }
    }

    private Target BindTarget(TargetSyntax target, PhaseBuilder phase)
    {
        foreach (var drug in target.Drugs)
        {
            DrugInPhase(drug, phase);
        }

        return new Target(target.Regimen is not null, [.. target.Drugs.Select(d => d.Text)]);
    }

    private void BindTitration(TitrateClause t, PhaseBuilder phase)
    {
        if (DrugInPhase(t.Drug, phase) is not { } plan || quantities.BindDoseLike(t.Dose, plan.Name, plan.StartingDose) is not { } dose)
        {
            return;
        }

        if (plan.Ladder is { } ladder && !ladder.Contains(dose))
        {
            diagnostics.AdjustmentNotOnLadder(t.Dose.Span, plan.Name, dose, ladder);
            return;
        }

        var cycle = t.FromCycle.ToInt();
        if (dose.Amount <= plan.StartingDose.Amount)
        {
            diagnostics.BadTitration(t.Dose.Span, $"{dose} is not above the starting dose {plan.StartingDose}; use a rule to go lower");
        }
        else if (cycle < 2)
        {
            diagnostics.BadTitration(t.FromCycle.Span, "titration starts from cycle 2 at the earliest");
        }
        else if (phase.CycleCount is { } count && cycle > count)
        {
            diagnostics.BadTitration(t.FromCycle.Span, string.Create(CultureInfo.InvariantCulture, $"phase `{phase.Name}` has only {count} cycles"));
        }
        else
        {
            phase.Titrations.Add(new Titration(plan.Name, dose, cycle, t.IfTolerated is not null, Line(t)));
        }
    }
}
