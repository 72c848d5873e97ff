namespace IxaRules.Binding;

/// <summary>
/// Every condition a run of a regimen evaluates, in one fixed order, with a label and its line:
/// starting-dose adjustments and cycle-start criteria by phase, then each rule's trigger and the
/// recovery conditions of its holds. The compiled backend numbers its methods in this order; the
/// qualifier check reads the adverse events named here.
/// </summary>
internal static class RegimenConditions
{
    public static List<LabelledCondition> Of(IEnumerable<DoseRule> rules, Regimen regimen, string path)
    {
        var list = new List<LabelledCondition>();
        foreach (var phase in regimen.Phases)
        {
            list.AddRange(phase.StartAdjustments.Select(a => new LabelledCondition(a.When, $"start {a.Drug} at {a.Dose} ({path}:{a.Line})", a.Line)));
            if (phase.CycleStart is { } criteria)
            {
                list.Add(new LabelledCondition(criteria.Require, $"before each cycle of phase {phase.Name} ({path}:{criteria.Line})", criteria.Line));
            }
        }

        foreach (var rule in rules.Where(r => r.Regimens.Contains(regimen.Name)))
        {
            list.Add(new LabelledCondition(rule.Trigger, $"rule {rule.Name} ({path}:{rule.Line})", rule.Line));
            list.AddRange(rule.Branches.SelectMany(b => b.Actions).OfType<HoldDrugs>()
                .Select(h => new LabelledCondition(h.Until, $"recovery of rule {rule.Name} ({path}:{h.Line})", h.Line)));
        }

        return list;
    }
}

/// <summary>One condition of <see cref="RegimenConditions"/>. A class rather than a tuple, for ReadyToRun (docs/performance.md).</summary>
internal sealed record LabelledCondition(Condition Condition, string Label, int Line);
