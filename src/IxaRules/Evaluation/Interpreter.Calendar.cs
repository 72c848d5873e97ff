using System.Globalization;
using IxaRules.Binding;

namespace IxaRules.Evaluation;

/// <summary>Step 5: the cycle calendar — due cycles, their start criteria and delays, phases and their starting doses, titration.</summary>
internal sealed partial class Interpreter
{
    /// <summary>Step 5: a cycle that is due starts when its criteria hold, or waits (re-checked) up to the maximum delay.</summary>
    private void CycleCalendar(int day)
    {
        if (_calendar == Calendar.Running && day == NextDue)
        {
            if (!NextCycle(out _pendingPhase, out _pendingCycle))
            {
                _calendar = Calendar.Finished;
                _endReason = string.Create(CultureInfo.InvariantCulture, $"regimen completed after cycle {_cycleNumber} (day {day - 1})");
                return;
            }

            _calendar = Calendar.Awaiting;
            _delayStart = day;
            TryStartCycle(day);
        }
        else if (_calendar == Calendar.Awaiting && day == _nextCheck)
        {
            TryStartCycle(day);
        }
    }

    private bool NextCycle(out int phase, out int cycle)
    {
        (phase, cycle) = (_phase, _cycleInPhase + 1);
        if (CurrentPhase.CycleCount is { } count && _cycleInPhase >= count)
        {
            (phase, cycle) = (_phase + 1, 1);
        }

        return phase < _regimen.Phases.Count;
    }

    private void TryStartCycle(int day)
    {
        var next = _cycleNumber + 1;
        var phase = _regimen.Phases[_pendingPhase];
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

        var waited = day - _delayStart;
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

        _nextCheck = day + criteria.RecheckDays;
        _effects.Add(new CycleDelayed(next, _nextCheck));
        Decide(day, DecisionKind.CycleDelay, CycleName(next), criteria.At, facts, null,
            string.Create(CultureInfo.InvariantCulture, $"{why}: cycle {next} delayed, re-check on day {_nextCheck}"), criterion: criteria);
        LogDelayed(day);
    }

    private void StartCycle(int day, IReadOnlyList<string> facts)
    {
        if (_pendingPhase != _phase)
        {
            StartPhase(_pendingPhase, day);
        }

        _phase = _pendingPhase;
        _cycleInPhase = _pendingCycle;
        _cycleNumber++;
        _cycleStart = day;
        _calendar = Calendar.Running;
        SetCycleDay(day);
        var delay = day - _delayStart;
        if (delay > 0)
        {
            _delayedStarts.Add((_phase, _cycleInPhase));
        }

        _effects.Add(new CycleStarted(_cycleNumber, CurrentPhase.Name));
        Decide(day, DecisionKind.Cycle, CycleName(_cycleNumber), CurrentPhase.CycleStart?.At ?? _regimen.At, facts, null,
            string.Create(CultureInfo.InvariantCulture, $"cycle {_cycleNumber}{PhaseLabel()} starts on day {day}") + (delay > 0 ? $" after a {delay}-day delay" : ""),
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

        foreach (var titration in CurrentPhase.Titrations.Where(t => t.FromCycle == _cycleInPhase))
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

            if (tolerance.Criteria.HasFlag(ToleranceCriteria.NoDelay) && _delayedStarts.Contains((_phase, cycle + 1)))
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
