using IxaRules.Syntax;

namespace IxaRules.Binding;

/// <summary>How held drugs come back: resume lists, alternation, hold limits.</summary>
internal sealed partial class RuleBinder
{
    private (bool Ok, int? MaxDays, Target? Then) BindHoldLimit(HoldLimitSyntax? limit)
    {
        if (limit is null)
        {
            return (true, null, null);
        }

        var days = limit.MaxDays.ToInt();
        var ok = CheckDrugs(limit.Then.Drugs);
        if (days < 1 || days > MaxHoldDays)
        {
            diagnostics.BadNumber(limit.MaxDays.Span, $"maximum hold: 1 to {MaxHoldDays} days");
            ok = false;
        }

        return (ok, days, new Target(limit.Then.Regimen is not null, [.. limit.Then.Drugs.Select(d => d.Text)]));
    }

    private bool BindRecovery(RecoveryAction recovery, BranchBuilder branch)
    {
        if (branch.PendingHold is not { } pending)
        {
            diagnostics.RecoveryWithoutHold(recovery.Keyword.Span);
            return false;
        }

        branch.PendingHold = null;
        Resume? resume = null;
        var ok = true;
        switch (recovery.Resume)
        {
            case ResumeListSyntax list:
                ok &= CheckDrugs(list.Items.Select(i => i.Drug));
                var items = pending.Drugs.ToDictionary(d => d, d => new ResumeStep(d, ResumeLevel.Same), StringComparer.Ordinal);
                foreach (var item in list.Items)
                {
                    if (!items.ContainsKey(item.Drug.Text))
                    {
                        if (pending.DrugsOk)
                        {
                            diagnostics.ResumeNotHeld(item.Drug.Span, item.Drug.Text); // a misspelt held drug is one mistake, reported at the hold
                        }

                        ok = false;
                    }
                    else if (BindResumeStep(item) is { } step)
                    {
                        items[item.Drug.Text] = step;
                    }
                    else
                    {
                        ok = false;
                    }
                }

                resume = new ResumeEach([.. pending.Drugs.Select(d => items[d])]);
                break;
            case AlternateSyntax alternate:
                ok &= CheckDrugs(alternate.Drugs);
                foreach (var drug in alternate.Drugs.Where(d => !pending.Drugs.Contains(d.Text)))
                {
                    if (pending.DrugsOk)
                    {
                        diagnostics.ResumeNotHeld(drug.Span, drug.Text);
                    }

                    ok = false;
                }

                ok &= alternate.Drugs.Select(CheckLadder).ToList().TrueForAll(x => x);
                var order = alternate.Drugs.Select(d => d.Text).Distinct().ToList();
                if (alternate.StartingWith is { } first)
                {
                    var index = order.IndexOf(first.Text);
                    if (index < 0)
                    {
                        diagnostics.StartingWithNotListed(first.Span, first.Text);
                        ok = false;
                    }
                    else
                    {
                        WarnIfBranchStartsElsewhere(first, order, index, branch.From);
                        order = [.. order.Skip(index), .. order.Take(index)];
                    }
                }

                resume = new ResumeAlternating(order);
                break;
        }

        if (ok && pending.Until is not null && resume is not null)
        {
            branch.Actions.Add(new HoldDrugs(pending.Drugs, pending.Until, resume, At(pending.Syntax), pending.MaxDays, pending.Then));
        }

        return ok;
    }

    /// <summary>
    /// Alternation indexes the rule's whole counter: occurrence k lowers drug (k − 1) mod n of the
    /// order that starts with the named drug. In a branch from occurrence f > 1 the first drug lowered
    /// is then another one, which the text does not say: warn, and name the start that would.
    /// </summary>
    private void WarnIfBranchStartsElsewhere(Token startingWith, List<string> written, int index, int from)
    {
        var n = written.Count;
        var k = (from - 1) % n;
        if (from <= 1 || k == 0)
        {
            return;
        }

        var lowered = written[(index + k) % n];
        var suggestion = written[((index - k) % n + n) % n];
        diagnostics.AlternationStartsElsewhere(startingWith.Span, startingWith.Text, from, lowered, suggestion);
    }

    /// <summary>One drug of a `resume` list: its level, an explicit dose (on the ladder) and schedule, and the attribution it depends on.</summary>
    private ResumeStep? BindResumeStep(ResumeItem item)
    {
        var ok = true;
        if ((item.Level == ResumeLevel.NextLower || item.Otherwise == ResumeLevel.NextLower) && !CheckLadder(item.Drug))
        {
            ok = false;
        }

        if (item.IfAttributedTo is { } attributed)
        {
            ok &= CheckDrug(attributed);
        }

        Dose? at = null;
        Schedule? schedule = null;
        if (item.AtDose is { } quantity)
        {
            foreach (var regimen in _regimens)
            {
                if (regimen.FindDrug(item.Drug.Text) is not { } plan)
                {
                    return null; // a drug one of the rule's regimens lacks: reported by CheckDrugs (found by afl)
                }

                at = quantities.BindDoseLike(quantity, plan.Name, plan.StartingDose);
                if (at is null)
                {
                    return null;
                }

                if (plan.Ladder is { } ladder && !ladder.Contains(at))
                {
                    diagnostics.AdjustmentNotOnLadder(quantity.Span, plan.Name, at, ladder);
                    return null;
                }

                if (item.AtSchedule is { } days)
                {
                    // The days must fit every cycle the drug is given in.
                    var shortest = regimen.Phases.Where(p => p.Drugs.Any(d => d.Name == plan.Name)).Min(p => p.CycleDays);
                    schedule = _schedules.Bind(days, shortest);
                    if (schedule is null)
                    {
                        return null;
                    }
                }
            }
        }

        return ok ? new ResumeStep(item.Drug.Text, item.Level, at, schedule, item.IfAttributedTo?.Text, item.Otherwise ?? ResumeLevel.Same) : null;
    }
}
