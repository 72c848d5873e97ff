using IxaRules.Binding;
using IxaRules.Evaluation;

namespace IxaRules.Tests.Safety;

/// <summary>
/// The safety promises of a run, each checked from the outcome and the inputs rather than from the
/// interpreter's own state: holds are rebuilt from the decision trail, cycle-start criteria are
/// re-evaluated from the events, allowed doses are derived from the regimen.
/// </summary>
public static class Invariants
{
    public static List<string> Violations(BoundFile file, Regimen regimen, RunInput input)
    {
        var o = RuleFiles.Run(file, regimen, input.Patient, input.Events, new RunOptions(Days: 240));
        var problems = Violations(file, regimen, input, o);

        // Same inputs, byte-identical outputs.
        if (OutcomeJson.Write(o) != OutcomeJson.Write(RuleFiles.Run(file, regimen, input.Patient, input.Events, new RunOptions(Days: 240))))
        {
            problems.Add("two runs of the same input differ");
        }

        return problems;
    }

    public static List<string> Violations(BoundFile file, Regimen regimen, RunInput input, Outcome o)
    {
        var problems = new List<string>();
        var given = o.Administrations.Where(a => a.Status == DoseStatus.Given).ToList();

        // At most one administration per drug per day.
        problems.AddRange(o.Administrations.Where(a => a.Status != DoseStatus.Delayed).GroupBy(a => (a.Day, a.Drug)).Where(g => g.Count() > 1)
            .Select(g => $"{g.Key.Drug} logged {g.Count()} times on day {g.Key.Day}"));

        // No dose on a held day: holds rebuilt from the trail (rule "hold … until" → its recovery).
        foreach (var hold in o.Decisions.Where(d => d.Kind == DecisionKind.Rule && d.Action.Contains("hold ", StringComparison.Ordinal)))
        {
            var recovery = o.Decisions.FirstOrDefault(d => d.Kind == DecisionKind.Recovery && d.Name == hold.Name && d.Occurrence == hold.Occurrence);
            var end = recovery?.Day ?? int.MaxValue;
            foreach (var part in hold.Action.Split("; ").Where(p => p.StartsWith("hold ", StringComparison.Ordinal) && p.Contains(" until ", StringComparison.Ordinal)))
            {
                var drugs = part[5..part.IndexOf(" until ", StringComparison.Ordinal)].Split(", ");
                problems.AddRange(given.Where(a => drugs.Contains(a.Drug) && a.Day >= hold.Day && a.Day < end)
                    .Select(a => $"{a.Drug} given on day {a.Day} during the hold of {hold.Name} (day {hold.Day}–{(recovery is null ? "" : end)})"));
            }
        }

        // No dose after discontinuation (of the drug, or of the regimen).
        foreach (var stop in o.Administrations.Where(a => a.Status == DoseStatus.Discontinued).GroupBy(a => a.Drug))
        {
            var from = stop.Min(a => a.Day);
            problems.AddRange(given.Where(a => a.Drug == stop.Key && a.Day > from).Select(a => $"{a.Drug} given on day {a.Day} after it was discontinued on day {from}"));
        }

        if (o.StoppedOn is { } stopped)
        {
            problems.AddRange(o.Administrations.Where(a => a.Day > stopped).Select(a => $"{a.Drug} logged on day {a.Day}, after treatment stopped on day {stopped}"));
        }

        // Every dose given is a level of the drug's ladder (or its stated dose), in mg for this patient;
        // and never above the starting level unless a titration raised it.
        foreach (var a in given)
        {
            var phase = regimen.Phases.First(p => p.Name == a.Phase);
            var plan = phase.Drugs.First(d => d.Name == a.Drug);
            var levels = plan.Ladder ?? [plan.StartingDose, .. phase.StartAdjustments.Where(s => s.Drug == plan.Name).Select(s => s.Dose)];
            var allowed = WithProportionalReductions(levels, file, regimen, plan.Name).Select(d => Mg(d, regimen, input.Patient)).ToList();
            if (!allowed.Contains(a.GivenMg))
            {
                problems.Add($"{a.Drug} {a.GivenMg} mg on day {a.Day} is not one of its levels ({string.Join(", ", allowed)})");
            }

            var ceiling = phase.Titrations.Where(t => t.Drug == plan.Name).Select(t => Mg(t.To, regimen, input.Patient))
                .Append(Mg(StartingDose(phase, plan, input.Patient), regimen, input.Patient)).Max();
            if (a.GivenMg > ceiling)
            {
                problems.Add($"{a.Drug} {a.GivenMg} mg on day {a.Day} is above its starting level {ceiling} mg");
            }
        }

        // A cycle never starts while its start criteria are unmet (re-evaluated from the events).
        foreach (var start in o.Decisions.Where(d => d.Kind == DecisionKind.Cycle && d.Name != "1"))
        {
            var forced = o.Decisions.Any(d => d.Kind == DecisionKind.CycleDelay && d.Day == start.Day && d.Action.Contains("discontinue", StringComparison.Ordinal));
            var phaseName = o.Administrations.FirstOrDefault(a => a.Day == start.Day && a.CycleDay == 1)?.Phase;
            var criteria = regimen.Phases.FirstOrDefault(p => p.Name == phaseName)?.CycleStart;
            if (criteria is null || forced)
            {
                continue;
            }

            if (Replay(input, start.Day, criteria.Require) != Truth.True)
            {
                problems.Add($"cycle {start.Name} started on day {start.Day} although its criteria were not met");
            }
        }

        // Occurrence counters never decrease: each counter's firings are numbered 1, 2, 3, …
        foreach (var counter in file.RulesFor(regimen.Name).GroupBy(r => r.Counter))
        {
            var names = counter.Select(r => r.Name).ToHashSet();
            var numbers = o.Decisions.Where(d => d.Kind == DecisionKind.Rule && names.Contains(d.Name)).Select(d => d.Occurrence!.Value).ToList();
            if (!numbers.SequenceEqual(Enumerable.Range(1, numbers.Count)))
            {
                problems.Add($"counter {counter.Key} went {string.Join(", ", numbers)}");
            }
        }

        return problems;
    }

    /// <summary>The levels, and what `reduce … by P%` rules can make of them (a few steps deep, rounded as the interpreter rounds).</summary>
    private static IEnumerable<Dose> WithProportionalReductions(IEnumerable<Dose> levels, BoundFile file, Regimen regimen, string drug)
    {
        var percents = file.RulesFor(regimen.Name).SelectMany(r => r.Branches).SelectMany(b => b.Actions).OfType<ReduceDrugs>()
            .Where(r => r.ByPercent is not null && r.Drugs.Contains(drug)).Select(r => r.ByPercent!.Value).ToList();
        var all = levels.ToHashSet();
        for (var step = 0; step < 6 && percents.Count > 0; step++)
        {
            foreach (var dose in all.ToList())
            {
                foreach (var p in percents)
                {
                    all.Add(dose with { Amount = Math.Round(dose.Amount * (100m - p) / 100m, 2, MidpointRounding.AwayFromZero) });
                }
            }
        }

        return all;
    }

    /// <summary>The starting dose the adjustments give, as the interpreter decides it (`if unknown` included).</summary>
    private static Dose StartingDose(Phase phase, DrugPlan plan, Patient patient)
    {
        foreach (var adjustment in phase.StartAdjustments.Where(s => s.Drug == plan.Name))
        {
            var truth = ConditionEvaluator.Evaluate(adjustment.When, new WorldState(patient), null);
            if (truth == Truth.True || (truth == Truth.Unknown && adjustment.IfUnknown != UnknownPolicy.Skip))
            {
                return adjustment.Dose;
            }
        }

        return plan.StartingDose;
    }

    private static decimal Mg(Dose dose, Regimen regimen, Patient patient) => dose.Basis switch
    {
        DoseBasis.PerSquareMetre => Math.Round(dose.Amount * patient.BodySurface(regimen.Bsa)!.Value, 2, MidpointRounding.AwayFromZero),
        DoseBasis.PerKilogram => Math.Round(dose.Amount * patient.Weight!.Value, 2, MidpointRounding.AwayFromZero),
        _ => dose.Amount,
    };

    private static Truth Replay(RunInput input, int day, Condition condition)
    {
        var world = new WorldState(input.Patient) { Day = day };
        foreach (var baseline in input.Patient.Baseline)
        {
            world.Apply(new PatientEvent(0, EventKind.AdverseEvent, baseline.Event, baseline.Grade, baseline.Qualifiers, null, 0));
        }

        foreach (var e in input.Events.Where(e => e.Day <= day))
        {
            world.Apply(e);
        }

        return ConditionEvaluator.Evaluate(condition, world, null);
    }
}
