using IxaRules.Binding;

namespace IxaRules.Evaluation;

/// <summary>Where one drug stands: its level on the ladder, schedule, and what has happened to it.</summary>
internal sealed class DrugState(DrugPlan plan, Dose startingDose, Schedule schedule, Func<Dose, decimal> toMg)
{
    public DrugPlan Plan { get; private set; } = plan;

    public string Name => Plan.Name;

    /// <summary>The starting dose of the current phase after adjustments (resume `starting` returns here).</summary>
    public Dose StartingDose { get; private set; } = startingDose;

    private Dose _current = startingDose;

    /// <summary>The level now; its mg are worked out when it changes, not on every dose.</summary>
    public Dose Current
    {
        get => _current;
        private set
        {
            _current = value;
            CurrentMg = toMg(value);
        }
    }

    public Schedule Schedule { get; private set; } = schedule;

    private bool[] _days = DayTable(schedule);

    public bool IsScheduled(int cycleDay) => cycleDay >= 0 && cycleDay < _days.Length && _days[cycleDay];

    /// <summary>Doses logged as given, and their mg summed in log order (the metrics; kept as the log grows, not recounted).</summary>
    public int DosesGiven { get; set; }

    public decimal GivenTotal { get; set; }

    /// <summary>The prescribed mg summed over this drug's dose slots so far (for RDI).</summary>
    public decimal PrescribedTotal { get; set; }

    private static bool[] DayTable(Schedule schedule)
    {
        var table = new bool[(schedule.Days.Count == 0 ? 0 : schedule.Days.Max()) + 1];
        foreach (var day in schedule.Days)
        {
            table[day] = true;
        }

        return table;
    }

    /// <summary>The dose the protocol prescribes per slot before toxicity changes (for RDI); raised by titration.</summary>
    public decimal PrescribedMg { get; private set; } = toMg(startingDose);

    public bool Discontinued { get; private set; }

    public int Reductions { get; private set; }

    public int? FirstReductionDay { get; private set; }

    /// <summary>Held or reduced in the current phase: such a drug is not "tolerated" for titration.</summary>
    public bool HeldOrReducedInPhase { get; set; }

    public decimal CurrentMg { get; private set; } = toMg(startingDose);

    /// <summary>Moves to a new phase's plan. A reduction made earlier carries over when it is lower than the new start.</summary>
    public void EnterPhase(DrugPlan newPlan, Dose newStart, Schedule newSchedule)
    {
        var keepLower = !Discontinued && Current.Basis == newStart.Basis && Current.Amount < newStart.Amount && newPlan.Ladder is { } l && l.Contains(Current);
        Plan = newPlan;
        StartingDose = newStart;
        Schedule = newSchedule;
        _days = DayTable(newSchedule);
        PrescribedMg = toMg(newStart);
        Current = keepLower ? Current : newStart;
        HeldOrReducedInPhase = false;
    }

    /// <summary>One step down the ladder; past the lowest level the drug is discontinued. Returns what happened.</summary>
    public string Lower(int day)
    {
        var ladder = Plan.Ladder!;
        var index = -1;
        for (var i = 0; i < ladder.Count && index < 0; i++)
        {
            index = ladder[i] == Current ? i : -1;
        }

        CountReduction(day);
        if (index < 0 || index + 1 >= ladder.Count)
        {
            Discontinued = true;
            return $"{Name} discontinued (no level below {Current})";
        }

        Current = ladder[index + 1];
        return $"{Name} {ladder[index]} → {Current}";
    }

    /// <summary>Lowers to a named level; never raises.</summary>
    public string LowerTo(Dose target, int day)
    {
        if (target.Amount >= Current.Amount)
        {
            return $"{Name} stays at {Current} (already at or below {target})";
        }

        var from = Current;
        Current = target;
        CountReduction(day);
        return $"{Name} {from} → {target}";
    }

    public string ResumeAtStarting()
    {
        var from = Current;
        Current = StartingDose;
        return from == Current ? $"{Name} resumes at {Current}" : $"{Name} resumes at its starting dose {Current} (was {from})";
    }

    public string RaiseTo(Dose target)
    {
        var from = Current;
        Current = target;
        PrescribedMg = toMg(target);
        return $"{Name} {from} → {target}";
    }

    public void Discontinue() => Discontinued = true;

    private void CountReduction(int day)
    {
        Reductions++;
        FirstReductionDay ??= day;
        HeldOrReducedInPhase = true;
    }
}
