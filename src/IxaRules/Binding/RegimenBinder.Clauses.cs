using System.Globalization;
using IxaRules.Syntax;

namespace IxaRules.Binding;

/// <summary>The clauses of a phase that refer to its drugs: starting-dose adjustments, cycle-start criteria, titration; and dispensing.</summary>
internal sealed partial class RegimenBinder
{
    /// <summary>Stated limit: a lab value for a cycle start may be required to be at most this many days old.</summary>
    public const int MaxFreshnessDays = 60;

    private DrugPlan? DrugInPhase(Token drug, PhaseBuilder phase)
    {
        var plan = phase.Drugs.FirstOrDefault(d => d.Name == drug.Text);
        if (plan is null && !_brokenDrugs.Contains(drug.Text))
        {
            diagnostics.DrugNotInPhase(drug.Span, drug.Text, phase.Name, phase.Drugs.Select(d => d.Name));
        }

        return plan;
    }

    private static UnknownPolicy Policy(IfUnknownSyntax? syntax) => syntax?.Action.Text switch
    {
        "apply" => UnknownPolicy.Apply,
        "skip" => UnknownPolicy.Skip,
        _ => UnknownPolicy.Refuse,
    };

    private void BindStart(StartClause s, PhaseBuilder phase)
    {
        var condition = conditions.Bind(s.Condition, ConditionScope.StartAdjustment);
        if (DrugInPhase(s.Drug, phase) is not { } plan)
        {
            return;
        }

        var dose = quantities.BindDoseLike(s.Dose, plan.Name, plan.StartingDose);
        var schedule = s.Schedule is null ? null : _schedules.Bind(s.Schedule, phase.CycleDays, plan.Schedule);
        if (dose is null || condition is null || (s.Schedule is not null && schedule is null))
        {
            return;
        }

        if (plan.Ladder is { } ladder && !ladder.Contains(dose))
        {
            diagnostics.AdjustmentNotOnLadder(s.Dose.Span, plan.Name, dose, ladder);
            return;
        }

        phase.Adjustments.Add(new StartAdjustment(plan.Name, dose, schedule, condition, Policy(s.IfUnknown), At(s)));
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

        int? within = null;
        if (c.WithinDays is { } w)
        {
            within = w.ToInt();
            if (within < 0 || within > MaxFreshnessDays)
            {
                diagnostics.BadNumber(w.Span, $"lab freshness: 0 to {MaxFreshnessDays} days");
                within = null;
            }
            else if (require is not null && !ConditionLeaves.Of(require).Any(l => l is LabCondition))
            {
                diagnostics.NotAllowedHere(c.WithinDays.Span, "measured within", "the criteria read no lab value");
            }
        }

        if (require is not null)
        {
            phase.CycleStart = new CycleStartCriteria(within is { } days ? WithFreshness(require, days) : require, recheck, maxDays, then, within, At(c));
        }
    }

    /// <summary>Every lab leaf of the criteria gets the freshness window (so both backends and the trail see it).</summary>
    private static Condition WithFreshness(Condition condition, int days) => condition switch
    {
        AllOf a => new AllOf(WithFreshness(a.Left, days), WithFreshness(a.Right, days)),
        AnyOf o => new AnyOf(WithFreshness(o.Left, days), WithFreshness(o.Right, days)),
        Negation n => new Negation(WithFreshness(n.Operand, days)),
        LabCondition l => l with { WithinDays = days },
        _ => condition,
    };

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
        var when = t.When is null ? null : conditions.Bind(t.When, ConditionScope.StartAdjustment);
        if (DrugInPhase(t.Drug, phase) is not { } plan || quantities.BindDoseLike(t.Dose, plan.Name, plan.StartingDose) is not { } dose
            || (t.When is not null && when is null))
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
        else if (t.IfUnknown is { } unknown && t.When is null)
        {
            diagnostics.BadTitration(unknown.Span, "`if unknown` follows a `when` condition");
        }
        else if (BindTolerance(t.Tolerated, cycle) is var tolerance && (t.Tolerated is null || tolerance is not null))
        {
            phase.Titrations.Add(new Titration(plan.Name, dose, cycle, tolerance, when, Policy(t.IfUnknown), At(t)));
        }
    }

    /// <summary>`if tolerated` without criteria keeps the historical meaning (no hold, no reduction) and is warned about.</summary>
    private Tolerance? BindTolerance(ToleranceSyntax? syntax, int titrationCycle)
    {
        if (syntax is null)
        {
            return null;
        }

        var criteria = ToleranceCriteria.None;
        foreach (var word in syntax.Criteria)
        {
            criteria |= word.Text switch
            {
                "hold" => ToleranceCriteria.NoHold,
                "reduction" => ToleranceCriteria.NoReduction,
                _ => ToleranceCriteria.NoDelay,
            };
        }

        var (from, to) = (1, titrationCycle - 1);
        if (syntax.Cycles is { } cycles)
        {
            (from, to) = (cycles.From.ToInt(), (cycles.To ?? cycles.From).ToInt());
            if (from < 1 || to < from || to >= titrationCycle)
            {
                diagnostics.BadTitration(cycles.Span, string.Create(CultureInfo.InvariantCulture, $"the tolerated cycles must lie within cycles 1-{titrationCycle - 1}, before the titration"));
                return null;
            }
        }

        if (syntax.Criteria.Count == 0)
        {
            diagnostics.ToleranceNotStated(syntax.Span);
            return new Tolerance(ToleranceCriteria.NoHold | ToleranceCriteria.NoReduction, from, to, Stated: false);
        }

        return new Tolerance(criteria, from, to, Stated: true);
    }

    /// <summary>Stated limit: a dispensing list names at most 8 strengths.</summary>
    public const int MaxStrengths = 8;

    private Dispensing? BindDispense(DispenseClause d, IEnumerable<Dispensing> earlier)
    {
        if (earlier.FirstOrDefault(x => x.Drug == d.Drug.Text) is { } twin)
        {
            diagnostics.DuplicateClause(d.Keyword.Span, "dispense " + d.Drug.Text, twin.Line);
            return null;
        }

        var strengths = new List<decimal>();
        foreach (var q in d.Strengths)
        {
            if (quantities.BindDose(q) is not { } dose)
            {
                return null;
            }

            if (dose.Basis != DoseBasis.Fixed || dose.Amount <= 0 || dose.Amount > 10_000 || decimal.Round(dose.Amount, 2) != dose.Amount)
            {
                diagnostics.BadNumber(q.Span, "strength: a fixed amount in mg above 0 and at most 10,000 mg, with at most 2 decimals");
                return null;
            }

            strengths.Add(dose.Amount);
        }

        if (strengths.Count > MaxStrengths)
        {
            diagnostics.BadNumber(d.Strengths[MaxStrengths].Span, $"dispensing: at most {MaxStrengths} strengths");
            return null;
        }

        return new Dispensing(d.Drug.Text, [.. strengths.Distinct().OrderDescending()], d.Rounding.Text == "down" ? DispenseRounding.Down : DispenseRounding.Nearest,
            d.Form?.Text ?? "units", Line(d));
    }
}
