using System.Globalization;
using IxaRules.Binding;
using IxaRules.Syntax;

namespace IxaRules.Evaluation;

/// <summary>Step 3: holds in force — recoveries, hold limits, how held drugs come back, attributions reported while held.</summary>
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
