using IxaRules.Binding;

namespace IxaRules.Evaluation;

/// <summary>
/// How a backend evaluates a condition on the fast path (no explanation). The interpreter walks the
/// bound tree; the compiled backend calls code generated for the regimen. When a decision is made,
/// both explain it with the same tree walk, so their decision trails are identical.
/// </summary>
internal abstract class ConditionCode
{
    public abstract Func<WorldState, Truth> For(Condition condition);

    /// <summary>Evaluates a condition and adds the facts it read (for the decision trail). Both backends must add the same facts.</summary>
    internal virtual Truth Explain(Condition condition, WorldState world, FactList facts) => ConditionEvaluator.Evaluate(condition, world, facts);
}

/// <summary>The reference: the bound condition tree, walked on every evaluation.</summary>
internal sealed class InterpretedConditions : ConditionCode
{
    public static readonly InterpretedConditions Instance = new();

    public override Func<WorldState, Truth> For(Condition condition) => world => ConditionEvaluator.Evaluate(condition, world, null);
}
