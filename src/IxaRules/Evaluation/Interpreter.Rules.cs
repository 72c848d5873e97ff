using System.Globalization;
using IxaRules.Binding;
using IxaRules.Syntax;

namespace IxaRules.Evaluation;

/// <summary>Steps 2–4: terminal events, recoveries, and edge-triggered rules with occurrence counters.</summary>
internal sealed partial class Interpreter
{
    /// <summary>A hold in force: which rule made it, on which occurrence, how its drugs come back, and its recovery test.</summary>
    private sealed record ActiveHold(DoseRule Rule, HoldDrugs Action, IReadOnlyList<string> Drugs, int Occurrence, int Since, Func<WorldState, Truth> Recovered)
    {
        /// <summary>The note on each held dose, formatted once per hold rather than once per held day.</summary>
        public string Note { get; } = string.Create(CultureInfo.InvariantCulture, $"held by {Rule.Name} since day {Since}");

        /// <summary>The world version at which the recovery test last came out not true (see <see cref="RunPlan.Incremental"/>).</summary>
        public int NotRecoveredAt { get; set; } = -1;

        /// <summary>
        /// The drugs the toxicity behind this hold has been attributed to, from the day it fired to
        /// the day it ends: attribution often arrives days after onset, and a resume level may depend on it.
        /// </summary>
        public HashSet<string> AttributedTo { get; } = new(StringComparer.Ordinal);

        /// <summary>The maximum hold was reached and its drugs discontinued; the other held drugs stay held until recovery.</summary>
        public bool LimitReached { get; set; }
    }

    private readonly List<ActiveHold> _holds = [];

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

    private void Recoveries(int day)
    {
        if (_holds.Count == 0)
        {
            return;
        }

        // By index, in the order the holds were made: resuming never adds or removes another hold.
        for (var i = 0; i < _holds.Count;)
        {
            var hold = _holds[i];
            var unchanged = _incremental && hold.NotRecoveredAt == _world.Version;
            if (unchanged || hold.Recovered(_world) != Truth.True)
            {
                hold.NotRecoveredAt = _world.Version;
                if (hold.Action.MaxDays is { } max && !hold.LimitReached && day - hold.Since >= max)
                {
                    hold.LimitReached = true;
                    HoldLimitReached(hold, day, max);
                    if (_calendar == Calendar.Stopped)
                    {
                        return;
                    }

                    // Discontinuing may end other holds (all their drugs stopped): scan again from the first; a hold
                    // already found not recovered today stays so, and a limit is applied once.
                    i = 0;
                    continue;
                }

                i++;
                continue;
            }

            var facts = new FactList();
            _code.Explain(hold.Action.Until, _world, facts); // again, to say what it read
            _holds.RemoveAt(i);
            var action = Resume(hold, day);
            Decide(day, DecisionKind.Recovery, hold.Rule.Name, hold.Action.At, facts, hold.Occurrence,
                $"recovered ({ConditionText.Friendly(hold.Action.Until)}): {action}", rule: hold.Rule, hold: hold.Action);
        }
    }

    /// <summary>A hold that lasted its maximum without recovering: what it names is discontinued.</summary>
    private void HoldLimitReached(ActiveHold hold, int day, int max)
    {
        var facts = new FactList();
        _code.Explain(hold.Action.Until, _world, facts);
        var target = hold.Action.Then!;
        _effects.Add(new Stopped(target));
        Decide(day, DecisionKind.HoldLimit, hold.Rule.Name, hold.Action.At, facts, hold.Occurrence,
            string.Create(CultureInfo.InvariantCulture, $"not recovered ({ConditionText.Friendly(hold.Action.Until)}) after {day - hold.Since} days of hold (at most {max}): discontinue {target}"),
            rule: hold.Rule, hold: hold.Action);
        if (target.Regimen)
        {
            Stop(string.Create(CultureInfo.InvariantCulture, $"{hold.Rule.Name}: not recovered within the {max}-day maximum hold"));
            return;
        }

        foreach (var d in _drugs.Where(d => target.Drugs.Contains(d.Name)))
        {
            d.Discontinue();
        }

        _holds.RemoveAll(h => h.Drugs.All(name => _drugs.First(d => d.Name == name).Discontinued));
    }

    /// <summary>How each held drug still given comes back (loops, not LINQ: a recovery is a common decision in a cohort).</summary>
    private string Resume(ActiveHold hold, int day)
    {
        var alternating = hold.Action.Resume as ResumeAlternating;
        var lowered = alternating is null ? null : AlternatingTurn(alternating.Order, hold.Occurrence);
        var parts = new List<string>(hold.Drugs.Count);
        foreach (var d in _drugs)
        {
            if (d.Discontinued || !ConditionEvaluator.Contains(hold.Drugs, d.Name))
            {
                continue;
            }

            var step = hold.Action.Resume is ResumeEach each ? StepOf(each, d.Name) : null;
            var level = alternating is not null ? d.Name == lowered ? ResumeLevel.NextLower : ResumeLevel.Same
                : step is null ? ResumeLevel.Same
                : step.IfAttributedTo is { } drug && !hold.AttributedTo.Contains(drug) ? step.Otherwise
                : step.Level;
            var why = step?.IfAttributedTo is { } by
                ? hold.AttributedTo.Contains(by) ? $" (attributed to {by})" : $" (not attributed to {by})"
                : "";
            parts.Add(level switch
            {
                ResumeLevel.NextLower => "resume " + d.Lower(day, _cycle.InPhase),
                ResumeLevel.Starting => d.ResumeAtStarting(),
                ResumeLevel.At => d.ResumeAt(step!.At!, step.Schedule, day, _cycle.InPhase),
                _ => d.ResumeSame(),
            } + why);
        }

        return string.Join("; ", parts);
    }

    /// <summary>The resume step written for a drug (the binder makes one per held drug).</summary>
    private static ResumeStep? StepOf(ResumeEach each, string drug)
    {
        for (var i = 0; i < each.Items.Count; i++)
        {
            if (each.Items[i].Drug == drug)
            {
                return each.Items[i];
            }
        }

        return null;
    }

    /// <summary>Attribution reported while a hold is active, for the adverse events its rule's trigger covers.</summary>
    private void TrackAttributions(List<PatientEvent> today)
    {
        if (_holds.Count == 0 || today.Count == 0)
        {
            return;
        }

        foreach (var e in today)
        {
            if (e.Kind == EventKind.AdverseEvent && e.AttributedTo is { } drug)
            {
                foreach (var hold in _holds)
                {
                    if (TriggerCovers(hold.Rule, e.Subject))
                    {
                        hold.AttributedTo.Add(drug);
                    }
                }
            }
        }
    }

    /// <summary>Whether a rule's trigger names an adverse event, by name or class (grade and attribution aside).</summary>
    private static bool TriggerCovers(DoseRule rule, string adverseEvent)
    {
        var cls = Catalog.AdverseEvent(adverseEvent)?.Class;
        foreach (var leaf in ConditionLeaves.Of(rule.Trigger))
        {
            if (leaf is AdverseEventCondition ae && (ae.Event is null || ae.Event == adverseEvent) && (ae.Class is null || ae.Class == cls)
                && !ConditionEvaluator.Contains(ae.Except, adverseEvent))
            {
                return true;
            }
        }

        return false;
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

    /// <summary>The hold a drug is under, if any. Index loops: a foreach over the hold's IReadOnlyList would box an enumerator for every held dose.</summary>
    private ActiveHold? HoldOf(string drug)
    {
        for (var i = 0; i < _holds.Count; i++)
        {
            if (ConditionEvaluator.Contains(_holds[i].Drugs, drug))
            {
                return _holds[i];
            }
        }

        return null;
    }
}
