using IxaRules.Evaluation;

namespace IxaRules.Cohort;

/// <summary>How a virtual patient's treatment ended.</summary>
internal enum CourseEnd
{
    FollowUp,
    Progression,
    Death,
    AdverseEvent,
    Refused,
}

internal sealed record DrugSummary(string Drug, decimal? Rdi, decimal? TimeRdi, int Reductions, int? FirstReductionDay);

/// <summary>What the cohort keeps of one patient's run: a few numbers, never the run's full log.</summary>
internal sealed record PatientSummary(
    int Index, Patient Patient, int Cycles, CourseEnd End, int? StoppedOn, IReadOnlyList<DrugSummary> Drugs, decimal? AucPerDay, IReadOnlyList<RealisedEvent> Realised,
    IReadOnlyDictionary<string, int> CyclesByPhase)
{
    public static PatientSummary Of(int index, GeneratedPatient generated, Outcome outcome)
    {
        // Stopped on the day of the patient's progression or death: that ended it (whether the rules
        // stop on it as a terminal event or by a rule such as `when progression discontinue regimen`);
        // stopped on any other day: a rule or a maximum delay did, for an adverse event.
        var terminal = generated.Events.FirstOrDefault(e => e.Kind == EventKind.Terminal);
        var end = outcome.Refused ? CourseEnd.Refused
            : outcome.StoppedOn is not { } stopped ? CourseEnd.FollowUp
            : terminal is not null && terminal.Day == stopped ? terminal.Subject == "death" ? CourseEnd.Death : CourseEnd.Progression
            : CourseEnd.AdverseEvent;
        var cycles = 0;
        var byPhase = new SortedDictionary<string, int>(StringComparer.Ordinal);
        foreach (var decision in outcome.Decisions)
        {
            foreach (var effect in decision.Effects)
            {
                if (effect is CycleStarted started)
                {
                    cycles++;
                    byPhase[started.Phase] = byPhase.GetValueOrDefault(started.Phase) + 1;
                }
            }
        }

        return new PatientSummary(index, generated.Patient, cycles, end, outcome.StoppedOn,
            [.. outcome.Metrics.Select(m => new DrugSummary(m.Drug, m.RelativeDoseIntensity, m.TimeRelativeDoseIntensity, m.Reductions, m.FirstReductionDay))],
            outcome.Exposure?.AucPerDay, generated.Realised, byPhase);
    }
}

/// <summary>Counts in fixed bins, so that medians and quartiles of any number of patients take the same memory.</summary>
internal sealed class Histogram(decimal step, decimal max)
{
    private readonly long[] _bins = new long[(int)(max / step) + 1];

    public long Count { get; private set; }

    public decimal Sum { get; private set; }

    public void Add(decimal value)
    {
        _bins[(int)Math.Clamp(Math.Round(value / step, MidpointRounding.AwayFromZero), 0, _bins.Length - 1)]++;
        Count++;
        Sum += value;
    }

    public decimal? Mean => Count == 0 ? null : Math.Round(Sum / Count, 1);

    /// <summary>The counts in bins <paramref name="width"/> wide (a multiple of the step), from 0 up to the last bin with a count.</summary>
    public IReadOnlyList<(decimal From, long Count)> Bins(decimal width)
    {
        var per = Math.Max(1, (int)(width / step));
        var last = Array.FindLastIndex(_bins, c => c > 0);
        var bins = new List<(decimal, long)>();
        for (var i = 0; i <= last; i += per)
        {
            bins.Add((i * step, _bins.Skip(i).Take(per).Sum()));
        }

        return bins;
    }

    /// <summary>The value at quantile <paramref name="q"/> (the lower one of a tie), to the bin's resolution.</summary>
    public decimal? Quantile(decimal q)
    {
        if (Count == 0)
        {
            return null;
        }

        var rank = (long)Math.Ceiling(q * Count);
        long seen = 0;
        for (var i = 0; i < _bins.Length; i++)
        {
            seen += _bins[i];
            if (seen >= Math.Max(1, rank))
            {
                return i * step;
            }
        }

        return max;
    }
}
