using System.Globalization;
using IxaRules.Binding;

namespace IxaRules.Evaluation;

/// <summary>Step 5: the cycle calendar — due cycles, their start criteria and delays, phases and their starting doses, titration.</summary>
internal sealed partial class Interpreter
{
    /// <summary>The cycle the calendar is in: its phase (index), its number within the phase and overall, and its first day.</summary>
    private struct CycleAt
    {
        public int Phase;
        public int InPhase;
        public int Number;
        public int StartDay;
    }

    /// <summary>While <see cref="Calendar.Awaiting"/>: the cycle that is due but not started, since when, and the next day its criteria are checked.</summary>
    private struct AwaitedCycle
    {
        public int Phase;
        public int InPhase;
        public int Since;
        public int NextCheck;
    }

    /// <summary>Step 5: a cycle that is due starts when its criteria hold, or waits (re-checked) up to the maximum delay.</summary>
    private void CycleCalendar(int day)
    {
        if (_calendar == Calendar.Running && day == NextDue)
        {
            if (!NextCycle(out _awaited.Phase, out _awaited.InPhase))
            {
                _calendar = Calendar.Finished;
                _endReason = string.Create(CultureInfo.InvariantCulture, $"regimen completed after cycle {_cycle.Number} (day {day - 1})");
                return;
            }

            _calendar = Calendar.Awaiting;
            _awaited.Since = day;
            TryStartCycle(day);
        }
        else if (_calendar == Calendar.Awaiting && day == _awaited.NextCheck)
        {
            TryStartCycle(day);
        }
    }

    private bool NextCycle(out int phase, out int cycle)
    {
        (phase, cycle) = (_cycle.Phase, _cycle.InPhase + 1);
        if (CurrentPhase.CycleCount is { } count && _cycle.InPhase >= count)
        {
            (phase, cycle) = (_cycle.Phase + 1, 1);
        }

        return phase < _regimen.Phases.Count;
    }

    private void TryStartCycle(int day)
    {
        var next = _cycle.Number + 1;
        var phase = _regimen.Phases[_awaited.Phase];
        if (phase.CycleStart is not { } criteria)
        {
            StartCycle(day, []);
            return;
        }

        var facts = new FactList();
        var truth = _code.Explain(criteria.Require, _world, facts); // a cycle decision is always explained
        if (truth == Truth.True)
        {
            StartCycle(day, facts);
            return;
        }

        var waited = day - _awaited.Since;
        var why = truth == Truth.Unknown ? "criteria could not be evaluated" : "criteria not met";
        if (criteria.MaxDelayDays is { } max && waited >= max && criteria.Then is { } target)
        {
            _effects.Add(new Stopped(target));
            Decide(day, DecisionKind.CycleDelay, CycleName(next), criteria.At, facts, null,
                $"{why} after {waited} days of delay (maximum {max}): discontinue {target}", criterion: criteria);
            if (target.Regimen)
            {
                Stop(string.Create(CultureInfo.InvariantCulture, $"cycle {next} could not start within the {max}-day maximum delay"));
                return;
            }

            foreach (var drug in _drugs.Where(d => target.Drugs.Contains(d.Name)))
            {
                drug.Discontinue();
            }

            StartCycle(day, facts);
            return;
        }

        _awaited.NextCheck = day + criteria.RecheckDays;
        _effects.Add(new CycleDelayed(next, _awaited.NextCheck));
        Decide(day, DecisionKind.CycleDelay, CycleName(next), criteria.At, facts, null,
            string.Create(CultureInfo.InvariantCulture, $"{why}: cycle {next} delayed, re-check on day {_awaited.NextCheck}"), criterion: criteria);
        LogDelayed(day);
    }

    private void StartCycle(int day, IReadOnlyList<string> facts)
    {
        if (_awaited.Phase != _cycle.Phase)
        {
            StartPhase(_awaited.Phase, day);
        }

        _cycle.Phase = _awaited.Phase;
        _cycle.InPhase = _awaited.InPhase;
        _cycle.Number++;
        _cycle.StartDay = day;
        _calendar = Calendar.Running;
        SetCycleDay(day);
        var delay = day - _awaited.Since;
        if (delay > 0)
        {
            _delayedStarts.Add((_cycle.Phase, _cycle.InPhase));
        }

        _effects.Add(new CycleStarted(_cycle.Number, CurrentPhase.Name));
        Decide(day, DecisionKind.Cycle, CycleName(_cycle.Number), CurrentPhase.CycleStart?.At ?? _regimen.At, facts, null,
            string.Create(CultureInfo.InvariantCulture, $"cycle {_cycle.Number}{PhaseLabel()} starts on day {day}") + (delay > 0 ? $" after a {delay}-day delay" : ""),
            criterion: CurrentPhase.CycleStart);
        Titrate(day);
    }

    /// <summary>Cycles (phase index, cycle in phase) whose start was delayed: "a delay in cycle k" for titration is a late start of cycle k + 1.</summary>
    private readonly HashSet<(int Phase, int Cycle)> _delayedStarts = [];

    /// <summary>
    /// Starting doses of a phase: the first adjustment whose condition holds sets a drug's dose (and
    /// schedule). One that cannot be evaluated does what the file says (`if unknown apply|skip`); a
    /// run whose adjustments would need an unknown covariate was refused before it started.
    /// </summary>
    private void StartPhase(int index, int day)
    {
        var phase = _regimen.Phases[index];
        if (_regimen.Phases.Count > 1)
        {
            Decide(day, DecisionKind.Phase, phase.Name, _regimen.At, [], null, $"phase {phase.Name} starts on day {day}");
        }

        foreach (var plan in phase.Drugs)
        {
            var (dose, schedule) = (plan.StartingDose, plan.Schedule);
            foreach (var adjustment in phase.StartAdjustments.Where(a => a.Drug == plan.Name))
            {
                var facts = new FactList();
                var truth = _code.Explain(adjustment.When, _world, facts);
                var applies = truth == Truth.True || (truth == Truth.Unknown && adjustment.IfUnknown != UnknownPolicy.Skip);
                if (applies)
                {
                    _effects.Add(new DoseChanged(plan.Name, DoseChange.Adjusted, dose, adjustment.Dose));
                    (dose, schedule) = (adjustment.Dose, adjustment.Schedule ?? schedule);
                    Decide(day, DecisionKind.StartAdjustment, plan.Name, adjustment.At, facts, null,
                        $"{plan.Name} starts at {dose}" + (adjustment.Schedule is null ? "" : " " + adjustment.Schedule.Text)
                        + (truth == Truth.Unknown ? " (its condition could not be evaluated; the file says `if unknown apply`)" : ""), adjustment: adjustment);
                    break;
                }

                if (truth == Truth.Unknown)
                {
                    Decide(day, DecisionKind.StartAdjustment, plan.Name, adjustment.At, facts, null,
                        $"not applied: its condition could not be evaluated and the file says `if unknown skip` ({plan.Name} would start at {adjustment.Dose})", adjustment: adjustment);
                }
            }

            if (_drugs.FirstOrDefault(d => d.Name == plan.Name) is { } existing)
            {
                existing.EnterPhase(plan, dose, schedule, phase.CycleDays);
            }
            else
            {
                _drugs.Add(new DrugState(plan, dose, schedule, phase.CycleDays, ToMg(plan.Name), _effects));
            }
        }
    }

    private void Titrate(int day)
    {
        if (CurrentPhase.Titrations.Count == 0)
        {
            return; // most regimens: no query built on every cycle start
        }

        foreach (var titration in CurrentPhase.Titrations.Where(t => t.FromCycle == _cycle.InPhase))
        {
            var drug = _drugs.First(d => d.Name == titration.Drug);
            var source = titration.At;
            var facts = new FactList();
            var truth = titration.When is null ? Truth.True : _code.Explain(titration.When, _world, facts);
            var why = drug.Discontinued ? $"{drug.Name} was discontinued"
                : truth == Truth.False ? "its condition is not met"
                : truth == Truth.Unknown && titration.IfUnknown != UnknownPolicy.Apply ? "its condition could not be evaluated"
                : titration.Tolerated is { } tolerance ? NotTolerated(drug, tolerance) : null;
            if (why is not null)
            {
                Decide(day, DecisionKind.Titration, drug.Name, source, facts, null, $"not titrated to {titration.To}: {why}", titration: titration);
            }
            else if (drug.Current.Amount < titration.To.Amount)
            {
                Decide(day, DecisionKind.Titration, drug.Name, source, facts, null, drug.RaiseTo(titration.To) + (titration.Tolerated is null ? "" : " (tolerated)"), titration: titration);
            }
        }
    }

    /// <summary>Why a drug was not tolerated in the titration's cycles (the first thing found, cycle by cycle), or null.</summary>
    private string? NotTolerated(DrugState drug, Tolerance tolerance)
    {
        for (var cycle = tolerance.FromCycle; cycle <= tolerance.ToCycle; cycle++)
        {
            if (tolerance.Criteria.HasFlag(ToleranceCriteria.NoHold) && drug.HeldIn(cycle))
            {
                return string.Create(CultureInfo.InvariantCulture, $"{drug.Name} was held in cycle {cycle}");
            }

            if (tolerance.Criteria.HasFlag(ToleranceCriteria.NoReduction) && drug.ReducedIn(cycle))
            {
                return string.Create(CultureInfo.InvariantCulture, $"{drug.Name} was reduced in cycle {cycle}");
            }

            if (tolerance.Criteria.HasFlag(ToleranceCriteria.NoDelay) && _delayedStarts.Contains((_cycle.Phase, cycle + 1)))
            {
                return string.Create(CultureInfo.InvariantCulture, $"cycle {cycle + 1} started late (a delay in cycle {cycle})");
            }
        }

        return null;
    }

    private static readonly string[] CycleNames = [.. Enumerable.Range(0, 101).Select(n => n.ToString(CultureInfo.InvariantCulture))];

    /// <summary>A cycle number as a decision's name: the first hundred made once (every cycle start and delayed day names one).</summary>
    private static string CycleName(int cycle) => cycle < CycleNames.Length ? CycleNames[cycle] : cycle.ToString(CultureInfo.InvariantCulture);
}
