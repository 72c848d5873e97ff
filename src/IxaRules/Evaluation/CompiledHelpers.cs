using IxaRules.Binding;

namespace IxaRules.Evaluation;

/// <summary>
/// The runtime that generated regimen classes call: Kleene operators, lab comparisons by index,
/// and the shared evaluation of everything else (so both backends mean exactly the same thing).
/// </summary>
internal static class CompiledHelpers
{
    public static Truth And(Truth a, Truth b) => ConditionEvaluator.And(a, b);

    public static Truth Or(Truth a, Truth b) => ConditionEvaluator.Or(a, b);

    public static Truth Not(Truth a) => ConditionEvaluator.Not(a);

    public static Truth Known(bool value) => value ? Truth.True : Truth.False;

    // A lab (by its index in Catalog.LabOrder) compared with a threshold, one helper per operator; unknown when never measured.
    public static Truth LabLess(WorldState w, int lab, decimal threshold) => w.TryLab(lab, out var v) ? Known(v < threshold) : Truth.Unknown;

    public static Truth LabLessOrEqual(WorldState w, int lab, decimal threshold) => w.TryLab(lab, out var v) ? Known(v <= threshold) : Truth.Unknown;

    public static Truth LabGreater(WorldState w, int lab, decimal threshold) => w.TryLab(lab, out var v) ? Known(v > threshold) : Truth.Unknown;

    public static Truth LabGreaterOrEqual(WorldState w, int lab, decimal threshold) => w.TryLab(lab, out var v) ? Known(v >= threshold) : Truth.Unknown;

    public static Truth LabEqual(WorldState w, int lab, decimal threshold) => w.TryLab(lab, out var v) ? Known(v == threshold) : Truth.Unknown;

    public static Truth LabNotEqual(WorldState w, int lab, decimal threshold) => w.TryLab(lab, out var v) ? Known(v != threshold) : Truth.Unknown;

    /// <summary>An adverse-event condition with qualifiers, straight to the shared evaluation (no dispatch on the condition's kind).</summary>
    public static Truth AdverseEvent(WorldState w, AdverseEventCondition condition) => ConditionEvaluator.AdverseEventTruth(condition, w);

    /// <summary>The highest current grade of one named adverse event; 0 when it is not reported.</summary>
    public static int HighestGrade(WorldState w, string name)
    {
        var events = w.CurrentAdverseEvents;
        var grade = 0;
        for (var i = 0; i < events.Count; i++)
        {
            if (events[i].Grade > grade && events[i].Name == name)
            {
                grade = events[i].Grade;
            }
        }

        return grade;
    }

    /// <summary>The highest current grade among the events a condition covers (class, exceptions, attribution); 0 when none.</summary>
    public static int HighestGrade(WorldState w, AdverseEventCondition condition) => ConditionEvaluator.HighestGrade(condition, w.CurrentAdverseEvents);

    /// <summary>A grade within an inclusive range (grade 0: nothing reported, which is known, not unknown).</summary>
    public static Truth GradeIn(int grade, int min, int max) => grade >= min && grade <= max ? Truth.True : Truth.False;

    /// <summary>Whether a terminal event has happened by now.</summary>
    public static Truth Terminal(WorldState w, string terminalEvent) => w.TerminalDay(terminalEvent) is null ? Truth.False : Truth.True;

    /// <summary>Any other condition (covariates, C#), by the shared evaluator.</summary>
    public static Truth Eval(WorldState w, Condition condition) => ConditionEvaluator.Evaluate(condition, w, null);
}
