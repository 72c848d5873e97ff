namespace IxaRules.Cohort;

/// <summary>
/// From published incidences to per-cycle hazards. A trial reports the fraction of patients whose
/// worst grade of an event reached some grade while on treatment; a replay needs the chance of an
/// episode in one cycle. With time on treatment T (progression and death, never a published dose
/// outcome, decide it), the per-cycle hazard h of an episode solves E[1 − (1 − h)^T] = incidence,
/// found by bisection. <see cref="SplitMix64"/> is the generator's random source.
/// </summary>
internal static class Hazards
{
    /// <summary>The per-cycle chance of progression for an exponential progression-free survival with this median (months of 30.4375 days, 28-day cycles).</summary>
    public static double Progression(decimal medianMonths) => 1 - Math.Pow(2, -Population.CycleDays / (30.4375 * (double)medianMonths));

    /// <summary>The per-cycle chance of death such that <paramref name="incidence"/> of patients die on treatment within the follow-up, progression competing.</summary>
    public static double Death(decimal incidence, double progression, int cycles) =>
        Solve(h => Cumulative(h, t => Math.Pow(1 - progression, t - 1), cycles), (double)incidence);

    /// <summary>The per-cycle hazard of an episode that gives <paramref name="incidence"/> of patients at least one episode while on treatment.</summary>
    public static double Episode(decimal incidence, double progression, double death, int cycles) =>
        Solve(h => Cumulative(h, t => Math.Pow((1 - progression) * (1 - death), t - 1), cycles), (double)incidence);

    /// <summary>P(at least one episode): a sum over the cycle of the first episode, while still on treatment.</summary>
    private static double Cumulative(double hazard, Func<int, double> onTreatment, int cycles)
    {
        var total = 0.0;
        for (var t = 1; t <= cycles; t++)
        {
            total += onTreatment(t) * Math.Pow(1 - hazard, t - 1) * hazard;
        }

        return total;
    }

    private static double Solve(Func<double, double> cumulative, double target)
    {
        if (target <= 0)
        {
            return 0;
        }

        var (low, high) = (0.0, 1.0);
        if (cumulative(high) < target)
        {
            return 1; // unreachable within the follow-up: the most the model can do (the realised table shows it)
        }

        for (var i = 0; i < 60; i++)
        {
            var mid = (low + high) / 2;
            (low, high) = cumulative(mid) < target ? (mid, high) : (low, mid);
        }

        return (low + high) / 2;
    }
}

/// <summary>
/// SplitMix64 (Steele, Lea and Flood 2014): a tiny, fast generator whose whole state is one number,
/// so that patient <c>i</c> of seed <c>s</c> has its own stream whatever thread makes it — a cohort
/// is the same however it is split. Hand-written because System.Random promises no stream across
/// .NET versions for a given seed.
/// </summary>
internal struct SplitMix64(ulong seed)
{
    private ulong _state = seed;

    public static SplitMix64 ForPatient(int seed, int index) => new(Mix((ulong)(uint)seed * 0x9E3779B97F4A7C15UL) ^ Mix((ulong)index + 1));

    public ulong Next()
    {
        _state += 0x9E3779B97F4A7C15UL;
        return Mix(_state);
    }

    /// <summary>A double in [0, 1) with 53 random bits.</summary>
    public double NextDouble() => (Next() >> 11) * (1.0 / (1UL << 53));

    public decimal Uniform(decimal from, decimal to) => from + ((to - from) * (decimal)NextDouble());

    /// <summary>An integer in [from, to].</summary>
    public int Between(int from, int to) => from + (int)(NextDouble() * (to - from + 1));

    private static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
