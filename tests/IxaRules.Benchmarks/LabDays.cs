namespace IxaRules.Benchmarks;

/// <summary>One patient-day of the stateless stream: platelets (×10⁹/L) and ANC (×10⁹/L).</summary>
public sealed class StreamDay
{
    public int Platelets { get; init; }

    public decimal Anc { get; init; }
}

/// <summary>
/// The stateless stream every engine is measured on (issue 14): the LCG s = (s·1103515245 + 12345)
/// mod 2³¹ in exact 64-bit integers from s = 12345, u = s / 2³¹ after each step; platelets =
/// floor(10 + u·250), then ANC = round-half-up((0.2 + u′·4)·10) / 10 with the next draw u′. The rules:
/// hold when platelets &lt; 30 or ANC &lt; 0.5 (one decision per rule that holds), delay when ANC &lt; 1.0
/// or platelets &lt; 75.
/// </summary>
public static class LabDays
{
    public static StreamDay[] Days(int count)
    {
        var days = new StreamDay[count];
        long s = 12345;
        decimal Next()
        {
            s = ((s * 1103515245) + 12345) % 2147483648L;
            return s / 2147483648m;
        }

        for (var i = 0; i < count; i++)
        {
            var platelets = (int)Math.Floor(10 + (Next() * 250));
            var anc = Math.Round((0.2m + (Next() * 4)) * 10, MidpointRounding.AwayFromZero) / 10;
            days[i] = new StreamDay { Platelets = platelets, Anc = anc };
        }

        return days;
    }

    /// <summary>The decisions a day gives: holds (0–2, one per rule) and delays (0–2).</summary>
    public static (int Holds, int Delays) Decide(StreamDay d) =>
        ((d.Platelets < 30 ? 1 : 0) + (d.Anc < 0.5m ? 1 : 0), (d.Anc < 1.0m ? 1 : 0) + (d.Platelets < 75 ? 1 : 0));
}
