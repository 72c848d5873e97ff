using IxaRules.Binding;

namespace IxaRules.Evaluation;

/// <summary>
/// Makes a dose out of whole units of the strengths a regimen dispenses (an oral mg/m² dose is
/// given in whole capsules). Hand-written: a small exact search over sums of at most
/// <see cref="MaxUnits"/> units, in hundredths of a mg, which no package offers for this.
/// </summary>
internal static class Dispenser
{
    /// <summary>Stated limit: a dose is made of at most 20 units; a dose above 1,000 mg is not dispensed (given as computed).</summary>
    public const int MaxUnits = 20;

    private const int MaxHundredths = 100_000;

    /// <summary>
    /// The sum of whole units closest to <paramref name="mg"/>: the largest not above it (rounded
    /// down; 0 when even the smallest unit is more), or the nearest (ties go down).
    /// </summary>
    public static decimal Nearest(decimal mg, Dispensing rule)
    {
        if (mg <= 0 || mg > MaxHundredths / 100m)
        {
            return mg;
        }

        var target = (int)Math.Round(mg * 100m, MidpointRounding.AwayFromZero);

        var units = rule.StrengthsMg.Select(s => (int)(s * 100m)).Where(s => s > 0).ToArray();
        var limit = target + units.Max();
        var count = new int[limit + 1];
        Array.Fill(count, int.MaxValue);
        count[0] = 0;
        for (var v = 0; v < limit; v++)
        {
            if (count[v] >= MaxUnits)
            {
                continue;
            }

            foreach (var unit in units)
            {
                if (v + unit <= limit && count[v] + 1 < count[v + unit])
                {
                    count[v + unit] = count[v] + 1;
                }
            }
        }

        var below = target;
        while (below > 0 && count[below] == int.MaxValue)
        {
            below--;
        }

        if (rule.Rounding == DispenseRounding.Down)
        {
            return below / 100m;
        }

        var above = target;
        while (above <= limit && count[above] == int.MaxValue)
        {
            above++;
        }

        var useAbove = above <= limit && (below == 0 || above - target < target - below);
        return (useAbove ? above : below) / 100m;
    }
}
