using System.Globalization;

namespace IxaRules.Binding;

/// <summary>
/// A small, sound check for triggers that can never be true: within one conjunction, the bounds on
/// each lab or covariate must leave some value. Disjunctions are satisfiable if either side is.
/// </summary>
internal static class Satisfiability
{
    public static string? WhyUnsatisfiable(Condition condition) => condition switch
    {
        AnyOf o => WhyUnsatisfiable(o.Left) is { } left && WhyUnsatisfiable(o.Right) is not null ? left : null,
        _ => CheckConjunction(Flatten(condition)),
    };

    private static IEnumerable<Condition> Flatten(Condition c) =>
        c is AllOf a ? Flatten(a.Left).Concat(Flatten(a.Right)) : [c];

    private static string? CheckConjunction(IEnumerable<Condition> terms)
    {
        var list = terms.ToList();
        if (list.OfType<AnyOf>().Any())
        {
            return null; // mixed and/or: not analysed, never reported
        }

        var bounds = list.Select(t => t switch
            {
                LabCondition l => (Key: "lab " + l.Lab, l.Op, l.Value),
                CovariateCondition c => (Key: c.Covariate, c.Op, c.Value),
                _ => (Key: (string?)null, CompareOp.Equal, 0m),
            })
            .Where(b => b.Key is not null)
            .GroupBy(b => b.Key!);
        foreach (var group in bounds)
        {
            decimal low = decimal.MinValue, high = decimal.MaxValue;
            bool lowOpen = false, highOpen = false;
            foreach (var (_, op, value) in group)
            {
                switch (op)
                {
                    case CompareOp.Greater when value >= low:
                        (low, lowOpen) = (value, true);
                        break;
                    case CompareOp.GreaterOrEqual when value > low:
                        (low, lowOpen) = (value, false);
                        break;
                    case CompareOp.Less when value <= high:
                        (high, highOpen) = (value, true);
                        break;
                    case CompareOp.LessOrEqual when value < high:
                        (high, highOpen) = (value, false);
                        break;
                    case CompareOp.Equal:
                        if (value > low || (value == low && !lowOpen))
                        {
                            (low, lowOpen) = (value, false);
                        }

                        if (value < high || (value == high && !highOpen))
                        {
                            (high, highOpen) = (value, false);
                        }

                        break;
                }
            }

            if (low > high || (low == high && (lowOpen || highOpen)))
            {
                return $"no value of {group.Key.Replace("lab ", "", StringComparison.Ordinal)} is both above {low.ToString(CultureInfo.InvariantCulture)} and below {high.ToString(CultureInfo.InvariantCulture)}";
            }
        }

        var grades = list.OfType<AdverseEventCondition>().Where(a => a.Event is not null).GroupBy(a => a.Event);
        foreach (var group in grades)
        {
            var min = group.Max(g => g.MinGrade);
            var max = group.Min(g => g.MaxGrade);
            if (min > max)
            {
                return $"`{group.Key}` cannot be both grade ≥ {min} and ≤ {max}";
            }
        }

        return null;
    }
}
