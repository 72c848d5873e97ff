using IxaRules.Syntax;

namespace IxaRules.Binding;

/// <summary>A rule's actions: holds, reductions, discontinuations, closed into the branch they belong to.</summary>
internal sealed partial class RuleBinder
{
    private void Close(BranchBuilder? branch)
    {
        if (branch?.PendingHold is { } pending)
        {
            if (pending.Until is not null)
            {
                branch.Actions.Add(new HoldDrugs(pending.Drugs, pending.Until, new ResumeEach([.. pending.Drugs.Select(d => new ResumeStep(d, ResumeLevel.Same))]),
                    At(pending.Syntax), pending.MaxDays, pending.Then));
            }

            branch.PendingHold = null;
        }
    }

    private bool BindAction(ClauseSyntax clause, BranchBuilder branch)
    {
        if (clause is RecoveryAction recovery)
        {
            return BindRecovery(recovery, branch);
        }

        Close(branch);
        switch (clause)
        {
            case HoldAction hold:
                var drugsOk = CheckDrugs(hold.Drugs);
                var until = Conditions.Bind(hold.Until, ConditionScope.DuringTreatment);
                var (limitOk, maxDays, then) = BindHoldLimit(hold.Limit);
                branch.PendingHold = (hold, [.. hold.Drugs.Select(d => d.Text).Distinct()], until, maxDays, then, drugsOk);
                return drugsOk && until is not null && limitOk;
            case ReduceAction reduce:
                return BindReduce(reduce, branch);
            case DiscontinueAction discontinue:
                var targetOk = CheckDrugs(discontinue.Target.Drugs);
                branch.Actions.Add(new Discontinue(new Target(discontinue.Target.Regimen is not null, [.. discontinue.Target.Drugs.Select(d => d.Text)]), At(discontinue)));
                return targetOk;
            default:
                return true;
        }
    }

    private bool BindReduce(ReduceAction reduce, BranchBuilder branch)
    {
        if (!CheckDrugs(reduce.Drugs))
        {
            return false;
        }

        if (reduce.By is { } by)
        {
            var percent = quantities.Bind(by, "a reduction", Dimension.Percent);
            if (percent is null)
            {
                return false;
            }

            if (percent <= 0 || percent >= 100)
            {
                diagnostics.BadNumber(by.Span, "reduction: more than 0% and less than 100% of the current dose");
                return false;
            }

            branch.Actions.Add(new ReduceDrugs([.. reduce.Drugs.Select(d => d.Text)], null, At(reduce), percent));
            return true;
        }

        Dose? to = null;
        if (reduce.To is { } quantity)
        {
            foreach (var regimen in _regimens)
            {
                foreach (var drug in reduce.Drugs)
                {
                    var plan = regimen.FindDrug(drug.Text)!;
                    to = quantities.BindDoseLike(quantity, plan.Name, plan.StartingDose);
                    if (to is null)
                    {
                        return false;
                    }

                    if (plan.Ladder is { } ladder && !ladder.Contains(to))
                    {
                        diagnostics.AdjustmentNotOnLadder(quantity.Span, plan.Name, to, ladder);
                        return false;
                    }
                }
            }
        }
        else if (!reduce.Drugs.Select(CheckLadder).ToList().TrueForAll(x => x))
        {
            return false;
        }

        branch.Actions.Add(new ReduceDrugs([.. reduce.Drugs.Select(d => d.Text)], to, At(reduce)));
        return true;
    }
}
