using IxaRules.Binding;

namespace IxaRules.Evaluation;

/// <summary>
/// The runtime that generated regimen classes call: Kleene operators, lab comparisons by index,
/// and the shared evaluation of everything else (so both backends mean exactly the same thing).
/// </summary>
public static class CompiledHelpers
{
    public static Truth And(Truth a, Truth b) => ConditionEvaluator.And(a, b);

    public static Truth Or(Truth a, Truth b) => ConditionEvaluator.Or(a, b);

    public static Truth Not(Truth a) => ConditionEvaluator.Not(a);

    /// <summary>A lab compared with a threshold; unknown when the lab was never measured.</summary>
    public static Truth Lab(WorldState w, int lab, CompareOp op, decimal threshold) =>
        w.LabAt(lab) is { } measured ? (ConditionEvaluator.Compare(measured.Value, op, threshold) ? Truth.True : Truth.False) : Truth.Unknown;

    /// <summary>Any other condition (covariates, adverse events, terminal events, C#), by the shared evaluator.</summary>
    public static Truth Eval(WorldState w, Condition condition) => ConditionEvaluator.Evaluate(condition, w, null);
}
