using IxaRules.Binding;

namespace IxaRules.Compilation;

/// <summary>
/// Every condition a run of a regimen evaluates, in one fixed order with a label. The emitter
/// numbers generated methods in this order and the loader maps them back, so the same bound file
/// always gives the same source (and the same content hash).
/// </summary>
internal static class ConditionInventory
{
    public static List<(Condition Condition, string Label)> Of(BoundFile file, Regimen regimen)
    {
        var list = new List<(Condition, string)>();
        var path = file.Source.Path;
        foreach (var phase in regimen.Phases)
        {
            list.AddRange(phase.StartAdjustments.Select(a => (a.When, $"start {a.Drug} at {a.Dose} ({path}:{a.Line})")));
            if (phase.CycleStart is { } criteria)
            {
                list.Add((criteria.Require, $"before each cycle of phase {phase.Name} ({path}:{criteria.Line})"));
            }
        }

        foreach (var rule in file.RulesFor(regimen.Name))
        {
            list.Add((rule.Trigger, $"rule {rule.Name} ({path}:{rule.Line})"));
            list.AddRange(rule.Branches.SelectMany(b => b.Actions).OfType<HoldDrugs>()
                .Select(h => ((Condition)h.Until, $"recovery of rule {rule.Name} ({path}:{h.Line})")));
        }

        return list;
    }
}
