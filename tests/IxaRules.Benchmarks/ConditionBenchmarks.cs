using BenchmarkDotNet.Attributes;
using IxaRules.Checks;
using IxaRules.Compilation;
using IxaRules.Evaluation;

namespace IxaRules.Benchmarks;

/// <summary>
/// Where generated code wins by itself: every condition of rules/ird.ixr (21: adjustments, cycle
/// criteria, triggers, recoveries) evaluated on the world states of a generated cohort, by the
/// compiled methods and by the interpreter's tree walk. A whole run re-evaluates conditions only when
/// an event changed what they read, so this gain shows in runs mostly as fewer nanoseconds per event day.
/// </summary>
public class ConditionBenchmarks
{
    private Func<WorldState, Truth>[] _compiled = [];
    private Func<WorldState, Truth>[] _interpreted = [];
    private WorldState[] _worlds = [];

    [GlobalSetup]
    public void Setup()
    {
        var model = Repository.Rules("ird.ixr");
        var regimen = model.Regimens[0];
        var conditions = ConditionInventory.Of(model, regimen).Select(c => c.Condition).ToArray();
        var code = RuleFiles.Compile(model, regimen).Code;
        _compiled = [.. conditions.Select(code.For)];
        _interpreted = [.. conditions.Select(InterpretedConditions.Instance.For)];
        // A world per patient after each of its events: labs, adverse events with qualifiers and attribution.
        _worlds = [.. VirtualCohort.Generate(50, seed: 2026).SelectMany(c => WorldsAlong(c.Patient, c.Events)).Take(2_000)];
        for (var i = 0; i < conditions.Length; i++)
        {
            foreach (var w in _worlds)
            {
                if (_compiled[i](w) != _interpreted[i](w))
                {
                    throw new InvalidOperationException($"condition {i} disagrees between the backends");
                }
            }
        }
    }

    private static IEnumerable<WorldState> WorldsAlong(Patient patient, IReadOnlyList<PatientEvent> events)
    {
        for (var n = 1; n <= events.Count; n++)
        {
            var world = new WorldState(patient);
            foreach (var e in events.Take(n))
            {
                world.Apply(e);
            }

            yield return world;
        }
    }

    [Benchmark(Baseline = true)]
    public int Interpreted() => Evaluate(_interpreted);

    [Benchmark]
    public int Compiled() => Evaluate(_compiled);

    private int Evaluate(Func<WorldState, Truth>[] conditions)
    {
        var trues = 0;
        foreach (var w in _worlds)
        {
            foreach (var condition in conditions)
            {
                trues += condition(w) == Truth.True ? 1 : 0;
            }
        }

        return trues;
    }
}
