using System.Globalization;
using IxaRules.Binding;

namespace IxaRules.Evaluation;

/// <summary>Steps 2 and 4: terminal events, and edge-triggered rules with occurrence counters and their actions.</summary>
internal sealed partial class Interpreter
{
    private int _rulesEvaluatedAt = -1;

    private readonly Dictionary<string, int> _counters = new(StringComparer.Ordinal);

    private static readonly string[] EndsTreatmentAlways = ["death", "withdrawal"];

    private void TerminalEvents(int day, List<PatientEvent> today)
    {
        if (today.Count == 0 || !today.Exists(e => e.Kind == EventKind.Terminal))
        {
            return; // the common day: no allocation on the per-day path
        }

        var terminal = today.Where(e => e.Kind == EventKind.Terminal).Select(e => e.Subject).Distinct().ToList();
        if (terminal.Count == 0)
        {
            return;
        }

        Rules(day, terminalOnly: true);
        if (_calendar == Calendar.Stopped)
        {
            return;
        }

        var ending = terminal.FirstOrDefault(t => EndsTreatmentAlways.Contains(t) || _regimen.Phases[_cycle.Phase].Until.Contains(t));
        if (ending is not null)
        {
            _effects.Add(new Stopped(new Target(true, [])));
            Decide(day, DecisionKind.Terminal, ending, _regimen.At, [$"{ending} on day {day}"], null, "treatment ends");
            Stop($"{ending} on day {day}");
        }
    }

    /// <summary>
    /// Occurrence k lowers drug (k − 1) mod n of the order. If that drug is discontinued, the turn
    /// passes to the next one still given. Null when every drug of the order is discontinued.
    /// </summary>
    private string? AlternatingTurn(IReadOnlyList<string> order, int occurrence)
    {
        for (var step = 0; step < order.Count; step++)
        {
            var candidate = order[(occurrence - 1 + step) % order.Count];
            foreach (var d in _drugs)
            {
                if (d.Name == candidate && !d.Discontinued)
                {
                    return candidate;
                }
            }
        }

        return null;
    }

    /// <summary>
    /// Step 4 (and 2 for rules naming terminal events): fire each rule whose condition became true.
    /// A rule is armed until it fires; it re-arms when its condition is known to be false (a new episode).
    /// </summary>
    private void Rules(int day, bool terminalOnly)
    {
        if (!terminalOnly && _incremental && _rulesEvaluatedAt == _world.Version)
        {
            return; // nothing a trigger reads has changed since the last pass: every rule would do as it did then (nothing more)
        }

        for (var i = 0; i < _rules.Length; i++)
        {
            if (_calendar == Calendar.Stopped)
            {
                return;
            }

            if (terminalOnly && !_namesTerminal[i])
            {
                continue;
            }

            var rule = _rules[i];
            switch (_triggers[i](_world))
            {
                case Truth.True when _armed[i]:
                    _armed[i] = false;
                    _unknownWarned[i] = false;
                    var facts = new FactList();
                    _code.Explain(rule.Trigger, _world, facts); // again, to say what it read
                    Fire(rule, day, facts);
                    break;
                case Truth.False:
                    _armed[i] = true;
                    _unknownWarned[i] = false;
                    break;
                case Truth.Unknown when !_unknownWarned[i] && !terminalOnly:
                    _unknownWarned[i] = true;
                    WarnUnknown(rule, day);
                    break;
            }
        }

        if (!terminalOnly)
        {
            _rulesEvaluatedAt = _world.Version;
        }
    }

    /// <summary>
    /// A rule that cannot be evaluated (a lab never measured) cannot protect the doses that follow:
    /// that is said once, loudly, until the rule can be evaluated again, so an unknown never passes
    /// silently as a full dose.
    /// </summary>
    private void WarnUnknown(DoseRule rule, int day)
    {
        var facts = new FactList();
        _code.Explain(rule.Trigger, _world, facts);
        Decide(day, DecisionKind.Warning, rule.Name, rule.At, facts, null,
            string.Create(CultureInfo.InvariantCulture, $"rule {rule.Name} could not be evaluated from day {day}: doses go ahead without it until its values are known"), rule: rule);
    }

    private void Fire(DoseRule rule, int day, FactList facts)
    {
        var occurrence = _counters[rule.Counter] = _counters.GetValueOrDefault(rule.Counter) + 1;
        var branch = rule.Branches.FirstOrDefault(b => b.Covers(occurrence));
        var source = rule.At;
        if (branch is null)
        {
            Decide(day, DecisionKind.Rule, rule.Name, source, facts, occurrence, $"occurrence {occurrence}: no branch covers it, nothing is done", rule: rule);
            return;
        }

        var done = new string[branch.Actions.Count];
        for (var i = 0; i < done.Length; i++)
        {
            done[i] = Apply(rule, branch.Actions[i], occurrence, day);
        }

        Decide(day, DecisionKind.Rule, rule.Name, source, facts, occurrence, string.Join("; ", done), rule: rule, branch: branch, hold: branch.Actions.OfType<HoldDrugs>().FirstOrDefault());
    }

    private string Apply(DoseRule rule, RuleAction action, int occurrence, int day)
    {
        switch (action)
        {
            case HoldDrugs hold:
                var held = new List<string>(hold.Drugs.Count);
                foreach (var d in _drugs)
                {
                    if (!d.Discontinued && ConditionEvaluator.Contains(hold.Drugs, d.Name))
                    {
                        d.MarkHeld(_cycle.InPhase);
                        held.Add(d.Name);
                    }
                }

                if (held.Count == 0)
                {
                    return $"hold {string.Join(", ", hold.Drugs)}: nothing to hold (discontinued)";
                }

                var active = new ActiveHold(rule, hold, held, occurrence, day, _code.For(hold.Until));
                foreach (var e in _world.CurrentAdverseEvents)
                {
                    if (e.AttributedTo is { } by && TriggerCovers(rule, e.Name))
                    {
                        active.AttributedTo.Add(by);
                    }
                }

                _holds.Add(active);
                _effects.Add(new HoldStarted(held, hold.Until));
                return $"hold {string.Join(", ", held)} until {ConditionText.Friendly(hold.Until)}";
            case ReduceDrugs reduce:
                return string.Join("; ", _drugs.Where(d => reduce.Drugs.Contains(d.Name) && !d.Discontinued)
                    .Select(d => "reduce " + (reduce.ByPercent is { } percent ? d.ReduceBy(percent, day, _cycle.InPhase)
                        : reduce.To is null ? d.Lower(day, _cycle.InPhase)
                        : d.LowerTo(reduce.To, day, _cycle.InPhase))));
            case Discontinue { Target.Regimen: true }:
                Stop(string.Create(CultureInfo.InvariantCulture, $"regimen discontinued by rule {rule.Name} on day {day}"));
                _effects.Add(new Stopped(((Discontinue)action).Target));
                return "discontinue the regimen";
            case Discontinue discontinue:
                foreach (var d in _drugs.Where(d => discontinue.Target.Drugs.Contains(d.Name)))
                {
                    d.Discontinue();
                }

                _holds.RemoveAll(h => h.Drugs.All(name => _drugs.First(d => d.Name == name).Discontinued));
                _effects.Add(new Stopped(discontinue.Target));
                return "discontinue " + discontinue.Target;
            default:
                return "";
        }
    }
}
