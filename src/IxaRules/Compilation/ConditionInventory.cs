using IxaRules.Binding;

namespace IxaRules.Compilation;

/// <summary>
/// Every condition a run of a regimen evaluates, in one fixed order with a label. The emitter
/// numbers generated methods in this order and the loader maps them back, so the same bound file
/// always gives the same source (and the same content hash).
/// </summary>
internal static class ConditionInventory
{
    public static List<(Condition Condition, string Label)> Of(BoundFile file, Regimen regimen) =>
        [.. RegimenConditions.Of(file.Rules, regimen, file.Source.Path).Select(c => (c.Condition, c.Label))];
}
