using System.Diagnostics;
using IxaRules.Checks;
using IxaRules.Evaluation;

namespace IxaRules.Benchmarks;

/// <summary>
/// `-- profile-loop SECONDS [backend]`: runs the IRd evaluation cohort in a loop for a sampling
/// profiler to attach to (e.g. <c>DOTNET_PerfMapEnabled=1 perf record -g dotnet IxaRules.Benchmarks.dll profile-loop 20</c>).
/// </summary>
internal static class ProfileLoop
{
    public static void Run(double seconds, string backend)
    {
        var model = Repository.Rules("ird.ixr");
        var regimen = model.Regimens[0];
        var cohort = VirtualCohort.Generate(200, seed: 2026);
        var compiled = backend == "compiled" ? RuleFiles.Compile(model, regimen) : null;
        var outcomes = cohort.Select(c => RuleFiles.Run(model, regimen, c.Patient, c.Events, new RunOptions(EvaluationBenchmarks.Days), compiled)).ToList();
        Console.WriteLine($"per cohort: {cohort.Sum(c => c.Events.Count)} events, {outcomes.Sum(o => o.Administrations.Count)} administrations, {outcomes.Sum(o => o.Decisions.Count)} decisions ("
            + string.Join(", ", outcomes.SelectMany(o => o.Decisions).GroupBy(d => DecisionKinds.Name(d.Kind)).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => $"{g.Key} {g.Count()}")) + ")");
        if (backend == "ratio")
        {
            Ratio(seconds, model, regimen, cohort, RuleFiles.Compile(model, regimen));
            return;
        }

        var clock = Stopwatch.StartNew();
        var rounds = 0;
        while (clock.Elapsed.TotalSeconds < seconds)
        {
            foreach (var (patient, events) in cohort)
            {
                if (backend == "handwritten")
                {
                    Shared.HandWrittenIrd.Run(patient, events, EvaluationBenchmarks.Days);
                }
                else
                {
                    RuleFiles.Run(model, regimen, patient, events, new RunOptions(EvaluationBenchmarks.Days), compiled);
                }
            }

            rounds++;
        }

        Console.WriteLine($"{backend}: {rounds} rounds, {clock.Elapsed.TotalMilliseconds / rounds:0.00} ms per cohort");
    }

    /// <summary>`ratio`: hand-written, compiled and interpreted rounds interleaved in one process, so drift in the machine's speed hits all three alike.</summary>
    private static void Ratio(double seconds, Binding.BoundFile model, Binding.Regimen regimen,
        IReadOnlyList<(Patient Patient, IReadOnlyList<PatientEvent> Events)> cohort, Compilation.CompiledRegimen compiled)
    {
        var times = new double[3];
        var clock = Stopwatch.StartNew();
        var rounds = 0;
        while (clock.Elapsed.TotalSeconds < seconds)
        {
            for (var backend = 0; backend < 3; backend++)
            {
                var start = clock.Elapsed.TotalMilliseconds;
                foreach (var (patient, events) in cohort)
                {
                    _ = backend == 0
                        ? Shared.HandWrittenIrd.Run(patient, events, EvaluationBenchmarks.Days).Log.Count
                        : RuleFiles.Run(model, regimen, patient, events, new RunOptions(EvaluationBenchmarks.Days), backend == 1 ? compiled : null).Administrations.Count;
                }

                if (rounds >= 20)
                {
                    times[backend] += clock.Elapsed.TotalMilliseconds - start; // the first rounds warm up the tiers
                }
            }

            rounds++;
        }

        var measured = rounds - 20;
        Console.WriteLine($"{measured} rounds: hand-written {times[0] / measured:0.00} ms, compiled {times[1] / measured:0.00} ms ({times[1] / times[0]:0.00}x), interpreted {times[2] / measured:0.00} ms ({times[2] / times[0]:0.00}x)");
    }
}
