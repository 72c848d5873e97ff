using IxaRules.Binding;

namespace IxaRules.Evaluation;

/// <summary>Where one drug stands: its level on the ladder, schedule, and what has happened to it.</summary>
/// <remarks>Every change of level is also added to <c>effects</c>, the interpreter's list for the decision being made.</remarks>
internal sealed class DrugState(DrugPlan plan, Dose startingDose, Schedule schedule, int cycleDays, Func<Dose, decimal> toMg, List<DecisionEffect> effects)
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

    private int _cycleDays = cycleDays;

    /// <summary>Dose slots per cycle of the phase's planned schedule (a resume at another schedule does not change what was planned).</summary>
    private int _plannedSlots = schedule.Days.Count;

    private bool[] _days = DayTable(schedule);

    public bool IsScheduled(int cycleDay) => cycleDay >= 0 && cycleDay < _days.Length && _days[cycleDay];

    /// <summary>Doses logged as given, and their mg summed in log order (the metrics; kept as the log grows, not recounted).</summary>
    public int DosesGiven { get; set; }

    public decimal GivenTotal { get; set; }

    /// <summary>The prescribed mg summed over this drug's dose slots so far (dose-based RDI).</summary>
    public decimal PrescribedTotal { get; set; }

    /// <summary>The protocol's planned mg per day of the current phase (its starting dose and schedule), for time-based RDI.</summary>
    public decimal PlannedPerDay { get; private set; } = toMg(startingDose) * schedule.Days.Count / Math.Max(1, cycleDays);

    /// <summary>The planned mg summed over the days of treatment so far, delays included (time-based RDI).</summary>
    public decimal PlannedOverTime { get; set; }

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

    private readonly HashSet<int> _heldInCycles = [];
    private readonly HashSet<int> _reducedInCycles = [];

    /// <summary>Whether the drug was held (a dose held, or a hold made) in a cycle of the current phase.</summary>
    public bool HeldIn(int cycleInPhase) => _heldInCycles.Contains(cycleInPhase);

    public bool ReducedIn(int cycleInPhase) => _reducedInCycles.Contains(cycleInPhase);

    public void MarkHeld(int cycleInPhase) => _heldInCycles.Add(cycleInPhase);

    public decimal CurrentMg { get; private set; } = toMg(startingDose);

    /// <summary>Moves to a new phase's plan. A reduction made earlier carries over when it is lower than the new start.</summary>
    public void EnterPhase(DrugPlan newPlan, Dose newStart, Schedule newSchedule, int newCycleDays)
    {
        var keepLower = !Discontinued && Current.Basis == newStart.Basis && Current.Amount < newStart.Amount && newPlan.Ladder is { } l && l.Contains(Current);
        Plan = newPlan;
        StartingDose = newStart;
        SetSchedule(newSchedule);
        PrescribedMg = toMg(newStart);
        _cycleDays = newCycleDays;
        _plannedSlots = newSchedule.Days.Count;
        PlannedPerDay = PrescribedMg * newSchedule.Days.Count / Math.Max(1, newCycleDays);
        Current = keepLower ? Current : newStart;
        _heldInCycles.Clear();
        _reducedInCycles.Clear();
    }

    private void SetSchedule(Schedule newSchedule)
    {
        Schedule = newSchedule;
        _days = DayTable(newSchedule);
    }

    /// <summary>
    /// One step down the ladder: the highest level below the current dose (which a proportional
    /// reduction may have left between levels); below the lowest level the drug is discontinued.
    /// </summary>
    public string Lower(int day, int cycleInPhase)
    {
        var ladder = Plan.Ladder!;
        Dose? next = null;
        for (var i = 0; i < ladder.Count && next is null; i++)
        {
            next = ladder[i].Basis == Current.Basis && ladder[i].Amount < Current.Amount ? ladder[i] : null;
        }

        CountReduction(day, cycleInPhase);
        if (next is null)
        {
            Discontinued = true;
            effects.Add(new Stopped(new Target(false, [Name])));
            return $"{Name} discontinued (no level below {Current})";
        }

        return Change(DoseChange.Reduced, next, $"{Name} {Current} → {next}");
    }

    /// <summary>Lowers to a named level; never raises.</summary>
    public string LowerTo(Dose target, int day, int cycleInPhase)
    {
        if (target.Amount >= Current.Amount)
        {
            return Change(DoseChange.Unchanged, Current, $"{Name} stays at {Current} (already at or below {target})");
        }

        CountReduction(day, cycleInPhase);
        return Change(DoseChange.Reduced, target, $"{Name} {Current} → {target}");
    }

    /// <summary>Lowers by a percentage of the current dose (2 decimals, half away from zero), where a label gives no ladder.</summary>
    public string ReduceBy(decimal percent, int day, int cycleInPhase)
    {
        var to = Current with { Amount = Math.Round(Current.Amount * (100m - percent) / 100m, 2, MidpointRounding.AwayFromZero) };
        CountReduction(day, cycleInPhase);
        return Change(DoseChange.Reduced, to, $"{Name} {Current} → {to} ({ConditionText.Num(percent)}% less)");
    }

    public string ResumeAtStarting()
    {
        return Change(DoseChange.Resumed, StartingDose,
            Current == StartingDose ? $"{Name} resumes at {StartingDose}" : $"{Name} resumes at its starting dose {StartingDose} (was {Current})");
    }

    public string ResumeSame() => Change(DoseChange.Resumed, Current, $"{Name} resumes at {Current}");

    /// <summary>Resumes at an explicit dose (never above the current one) and, when given, a new schedule.</summary>
    public string ResumeAt(Dose dose, Schedule? newSchedule, int day, int cycleInPhase)
    {
        var from = Current;
        if (newSchedule is not null)
        {
            SetSchedule(newSchedule);
        }

        var scheduleText = newSchedule is null ? "" : " " + newSchedule.Text;
        if (dose.Amount >= from.Amount)
        {
            return Change(DoseChange.Resumed, from, $"{Name} resumes at {from}{scheduleText}" + (dose.Amount > from.Amount ? $" (not raised to {dose})" : ""));
        }

        CountReduction(day, cycleInPhase);
        return Change(DoseChange.Resumed, dose, $"{Name} resumes at {dose}{scheduleText} (was {from})");
    }

    public string RaiseTo(Dose target)
    {
        var text = Change(DoseChange.Raised, target, $"{Name} {Current} → {target}");
        PrescribedMg = toMg(target);
        PlannedPerDay = PrescribedMg * _plannedSlots / Math.Max(1, _cycleDays);
        return text;
    }

    /// <summary>Moves to a level and records the change as an effect of the decision being made; returns the trail's text for it.</summary>
    private string Change(DoseChange change, Dose to, string text)
    {
        effects.Add(new DoseChanged(Name, change, Current, to));
        Current = to;
        return text;
    }

    public void Discontinue() => Discontinued = true;

    private void CountReduction(int day, int cycleInPhase)
    {
        Reductions++;
        FirstReductionDay ??= day;
        _reducedInCycles.Add(cycleInPhase);
    }
}
