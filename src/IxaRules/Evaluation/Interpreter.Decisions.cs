using System.Globalization;
using IxaRules.Binding;
using IxaRules.Text;

namespace IxaRules.Evaluation;

/// <summary>The trail: making a decision (with the effects gathered for it), exposure and treatment-day tracking, stopping the regimen.</summary>
internal sealed partial class Interpreter
{
    /// <summary>What the decision being made has done so far (drug states add theirs); the decision takes them.</summary>
    private readonly List<DecisionEffect> _effects = [];

    private void Decide(int day, DecisionKind kind, string name, SourceLocation source, IReadOnlyList<string> facts, int? occurrence, string action,
        DoseRule? rule = null, RuleBranch? branch = null, HoldDrugs? hold = null, CycleStartCriteria? criterion = null,
        StartAdjustment? adjustment = null, Titration? titration = null)
    {
        var decision = new Decision(day, kind, name, source, facts, occurrence, action)
        {
            Rule = rule,
            Branch = branch,
            Hold = hold,
            Criterion = criterion,
            Adjustment = adjustment,
            Titration = titration,
            Effects = _effects.Count == 0 ? [] : [.. _effects],
        };
        _effects.Clear();
        _decisions.Add(decision);
        _observer?.OnDecision(decision);
    }

    /// <summary>mg given for a dose: fixed, or per m² / per kg rounded to 2 decimals (half away from zero); then made of the strengths the regimen dispenses.</summary>
    private Func<Dose, decimal> ToMg(string drug)
    {
        var dispensing = _regimen.Dispensing.FirstOrDefault(d => d.Drug == drug);
        return dose =>
        {
            var mg = DoseMg.Of(dose, _bsa, _world.Patient.Weight);
            return dispensing is null ? mg : Dispenser.Nearest(mg, dispensing);
        };
    }

    /// <summary>" (maintenance cycle 2)" in a multi-phase regimen; nothing in a single-phase one.</summary>
    private string PhaseLabel() => _regimen.Phases.Count > 1
        ? string.Create(CultureInfo.InvariantCulture, $" ({CurrentPhase.Name} cycle {_cycle.InPhase})")
        : "";

    /// <summary>The first day the exposure event's condition holds (re-tested only when an event arrived: it reads only what events change).</summary>
    private void TrackExposureEvent(int day)
    {
        if (_exposure is null || _exposureDay is not null || _exposureCheckedAt == _world.Version)
        {
            return;
        }

        _exposureCheckedAt = _world.Version;
        var truth = ConditionEvaluator.Evaluate(_exposure.Condition, _world, null);
        if (truth == Truth.True && _exposureArmed)
        {
            _exposureDay = day;
        }
        else if (truth == Truth.False)
        {
            _exposureArmed = true;
        }
    }

    /// <summary>Time-based RDI: every day of treatment (delays included) adds the planned mg per day of each drug of the phase.</summary>
    private void CountTreatmentDay()
    {
        var phase = _calendar == Calendar.Awaiting ? _regimen.Phases[_awaited.Phase] : CurrentPhase;
        foreach (var drug in _drugs)
        {
            if (InPhase(phase, drug.Name))
            {
                drug.PlannedOverTime += drug.PlannedPerDay;
            }
        }
    }

    private void Stop(string reason)
    {
        _calendar = Calendar.Stopped;
        _endReason = reason;
    }
}
