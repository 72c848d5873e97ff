using IxaRules.Evaluation;

namespace IxaRules.Cohort;

/// <summary>
/// What the generator made happen to one patient's event, for checking that the model's inputs are
/// honoured: the cycles in which an episode could start (on treatment, none going on), the episodes
/// that started, and the worst grade reached.
/// </summary>
internal sealed record RealisedEvent(string Name, int CyclesAtRisk, int Episodes, int WorstGrade);

internal sealed record GeneratedPatient(Patient Patient, IReadOnlyList<PatientEvent> Events, IReadOnlyList<RealisedEvent> Realised);

/// <summary>
/// Makes virtual patients of one arm: covariates from the arm's baseline table; progression and
/// death from their hazards; per nominal 28-day cycle, weekly platelet and ANC counts (days 1, 8, 15,
/// 22 of the cycle) and, per adverse event, at most one episode whose grade is drawn from the
/// per-cycle hazards of each worst grade. A lab episode is a nadir on day 15 in its grade's band
/// and a partial recovery on day 22; a graded episode starts on a day of days 1–21 and resolves
/// after its duration. Patient <c>i</c> of a seed is the same on any thread (<see cref="SplitMix64"/>).
/// </summary>
internal sealed class PatientGenerator
{
    /// <summary>CTCAE v4.03 bands per grade (×10⁹/L): [grade] = (from, to).</summary>
    private static readonly (decimal From, decimal To)[] PlateletBands = [(150, 400), (75, 150), (50, 75), (25, 50), (5, 25)];

    private static readonly (decimal From, decimal To)[] AncBands = [(2.0m, 6.0m), (1.5m, 2.0m), (1.0m, 1.5m), (0.5m, 1.0m), (0.1m, 0.5m)];

    private readonly int _cycles;
    private readonly double _progression;
    private readonly double _death;
    private readonly (AdverseEventProcess Process, double[] AtLeast)[] _processes;

    /// <summary>The age quantile function's points (quantile, age), in quantile order: made once, not per patient.</summary>
    private readonly (decimal Quantile, decimal Age)[] _agePoints;

    private readonly decimal _crclTotal;

    public PatientGenerator(Arm arm, int followUpCycles)
    {
        Arm = arm;
        _cycles = followUpCycles;
        var c = arm.Covariates;
        _agePoints = [.. new[] { (0m, c.AgeMin.Value), (1 - c.AgeOverFraction.Value, c.AgeOverThreshold.Value + 1), (0.5m, c.AgeMedian.Value), (1m, c.AgeMax.Value) }
            .OrderBy(p => p.Item1)];
        _crclTotal = c.CrclBands.Sum(b => b.Fraction.Value);
        _progression = Hazards.Progression(arm.Disease.ProgressionMedianMonths.Value);
        _death = Hazards.Death(arm.Disease.DeathIncidence.Value, _progression, followUpCycles);
        _processes = [.. arm.Events.Select(e => (e, Enumerable.Range(0, 5).Select(g => g == 0 ? 1.0 : Hazards.Episode(e.AtLeast(g), _progression, _death, followUpCycles)).ToArray()))];
    }

    /// <summary>The per-cycle hazard of an episode of at least <paramref name="grade"/> (what the realised rates are checked against).</summary>
    public double HazardAtLeast(string adverseEvent, int grade) => _processes.First(p => p.Process.Name == adverseEvent).AtLeast[grade];

    public int Days => _cycles * Population.CycleDays;

    public Arm Arm { get; }

    public GeneratedPatient Generate(int seed, int index)
    {
        var rng = SplitMix64.ForPatient(seed, index);
        var covariates = Arm.Covariates;
        var patient = new Patient($"p{index + 1}", Age(ref rng), rng.NextDouble() < (double)covariates.Male.Value ? "male" : "female",
            null, null, Crcl(ref rng), null, covariates.Hepatic, covariates.Dialysis,
            rng.NextDouble() < (double)covariates.BaselineNeuropathyGrade1.Value ? [new BaselineEvent("neuropathy", 1, ["without pain"])] : [], null, null);
        var basePlatelets = rng.Uniform(covariates.PlateletsMin.Value, covariates.PlateletsMax.Value);
        var baseAnc = rng.Uniform(covariates.AncMin.Value, covariates.AncMax.Value);

        var events = new List<PatientEvent>();
        var line = 0;
        void Add(int day, EventKind kind, string subject, decimal value, IReadOnlyList<string>? qualifiers = null) =>
            events.Add(new PatientEvent(day, kind, subject, value, qualifiers ?? [], null, ++line));

        // Treatment ends at the first progression or death (both end it: docs/run.md).
        var (endCycle, endDay) = (int.MaxValue, int.MaxValue);
        for (var t = 1; t <= _cycles && endCycle == int.MaxValue; t++)
        {
            var died = rng.NextDouble() < _death;
            var progressed = rng.NextDouble() < _progression;
            if (died || progressed)
            {
                (endCycle, endDay) = (t, ((t - 1) * Population.CycleDays) + rng.Between(1, Population.CycleDays));
                Add(endDay, EventKind.Terminal, died ? "death" : "progression", 0);
            }
        }

        var realised = _processes.Select(_ => (Cycles: 0, Episodes: 0, Worst: 0)).ToArray();
        var busyUntil = new int[_processes.Length];
        for (var t = 1; t <= Math.Min(_cycles, endCycle); t++)
        {
            var start = ((t - 1) * Population.CycleDays) + 1;
            var platelets = new decimal?[4];
            var anc = new decimal?[4];
            for (var p = 0; p < _processes.Length; p++)
            {
                var (process, atLeast) = _processes[p];
                if (start <= busyUntil[p])
                {
                    continue; // an episode still going on: no second one of the same event (a cycle not at risk)
                }

                realised[p].Cycles++;
                var grade = DrawGrade(ref rng, atLeast);
                if (grade == 0)
                {
                    continue;
                }

                realised[p] = (realised[p].Cycles, realised[p].Episodes + 1, Math.Max(realised[p].Worst, grade));
                if (process.Kind == ProcessKind.Lab)
                {
                    var (target, bands) = process.Lab == "platelets" ? (platelets, PlateletBands) : (anc, AncBands);
                    target[2] = Round(process.Lab!, rng.Uniform(bands[grade].From, bands[grade].To));                 // the nadir, day 15
                    target[3] = Round(process.Lab!, rng.Uniform(bands[Math.Max(1, grade - 2)].From, bands[Math.Max(1, grade - 2)].To)); // recovering, day 22
                    continue;
                }

                var onset = start + rng.Between(0, 20);
                var pain = process.WithPain is { } withPain && rng.NextDouble() * (double)process.AtLeast(1) < (double)withPain.Value;
                IReadOnlyList<string>? qualifiers = process.Name == "neuropathy" ? [pain ? "with pain" : "without pain"]
                    : process is { Qualifier: { } q, Qualified: { } share } ? [(rng.NextDouble() < (double)share.Value ? "with " : "without ") + q]
                    : null;
                Add(onset, EventKind.AdverseEvent, process.Name, grade, qualifiers);
                busyUntil[p] = onset + (int)process.DurationDays.Value;
                if (busyUntil[p] < Math.Min(endDay, Days))
                {
                    Add(busyUntil[p], EventKind.AdverseEvent, process.Name, 0, process.Name == "neuropathy" ? ["without pain"] : null);
                }
            }

            for (var week = 0; week < 4; week++)
            {
                var day = start + (7 * week);
                if (day >= endDay)
                {
                    break;
                }

                Add(day, EventKind.Lab, "platelets", platelets[week] ?? Round("platelets", basePlatelets * rng.Uniform(0.85m, 1.0m)));
                Add(day, EventKind.Lab, "anc", anc[week] ?? Round("anc", baseAnc * rng.Uniform(0.8m, 1.0m)));
            }
        }

        var truth = _processes.Select((p, i) => new RealisedEvent(p.Process.Name, realised[i].Cycles, realised[i].Episodes, realised[i].Worst)).ToList();
        return new GeneratedPatient(patient, [.. events.OrderBy(e => e.Day).ThenBy(e => e.Line)], truth);
    }

    private static int DrawGrade(ref SplitMix64 rng, double[] atLeast)
    {
        var u = rng.NextDouble();
        for (var grade = 4; grade >= 1; grade--)
        {
            if (u < atLeast[grade])
            {
                return grade;
            }
        }

        return 0;
    }

    private static decimal Round(string lab, decimal value) => Math.Round(value, lab == "platelets" ? 0 : 2, MidpointRounding.AwayFromZero);

    /// <summary>Age from a piecewise-linear quantile function through (0, min), (1 − over, threshold + 1), (0.5, median), (1, max).</summary>
    private decimal Age(ref SplitMix64 rng)
    {
        var points = _agePoints;
        var u = (decimal)rng.NextDouble();
        for (var i = 1; i < points.Length; i++)
        {
            if (u <= points[i].Item1)
            {
                var (q0, a0) = points[i - 1];
                var (q1, a1) = points[i];
                return Math.Floor(q1 == q0 ? a1 : a0 + ((a1 - a0) * (u - q0) / (q1 - q0)));
            }
        }

        return Arm.Covariates.AgeMax.Value;
    }

    private decimal Crcl(ref SplitMix64 rng)
    {
        var c = Arm.Covariates;
        var u = (decimal)rng.NextDouble() * _crclTotal;
        foreach (var (from, to, fraction) in c.CrclBands)
        {
            if (u < fraction.Value)
            {
                return Math.Round(from + ((to - from) * (decimal)rng.NextDouble()), 1);
            }

            u -= fraction.Value;
        }

        return c.CrclBands[^1].To;
    }
}
