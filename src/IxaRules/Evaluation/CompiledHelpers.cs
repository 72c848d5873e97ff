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

    /// <summary>An adverse-event condition, straight to the shared evaluation (no dispatch on the condition's kind).</summary>
    public static Truth AdverseEvent(WorldState w, AdverseEventCondition condition) => ConditionEvaluator.AdverseEventTruth(condition, w);

    /// <summary>Whether a terminal event has happened by now.</summary>
    public static Truth Terminal(WorldState w, string terminalEvent) => w.TerminalDay(terminalEvent) is null ? Truth.False : Truth.True;

    /// <summary>Any other condition (covariates, C#), by the shared evaluator.</summary>
    public static Truth Eval(WorldState w, Condition condition) => ConditionEvaluator.Evaluate(condition, w, null);
}
