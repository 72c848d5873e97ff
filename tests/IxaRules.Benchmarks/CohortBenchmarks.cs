using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using IxaRules.Cohort;

namespace IxaRules.Benchmarks;

/// <summary>
/// The in-silico trial at scale: TOURMALINE-MM1's IRd arm (populations/mm1.yaml) over 26 cycles,
/// generated and replayed through the compiled rules on every core. Goal: 100,000 patients in
/// ≤ 30 s on this 2-core machine, and memory flat in the number of patients — compare the
/// allocation per patient of the two sizes, and `-- cohort-memory N` for the peak working set.
/// Run: <c>dotnet run -c Release --project tests/IxaRules.Benchmarks -- --filter '*Cohort*'</c>.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 3)]
public class CohortBenchmarks
{
    private PreparedRegimen _prepared = null!;
    private Population _population = null!;

    [Params(10_000, 100_000)]
    public int Patients { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        (_population, _prepared) = Mm1(26);
    }

    [GlobalCleanup]
    public void Cleanup() => _prepared.Dispose();

    [Benchmark]
    public int Replay() => CohortRunner.Run(_prepared, _population, _population.ArmFor("IRd")!, Patients, seed: 1).Treated;

    /// <summary>The MM1 population with a follow-up of <paramref name="cycles"/> cycles, and IRd prepared with the compiled backend.</summary>
    internal static (Population Population, PreparedRegimen Prepared) Mm1(int cycles)
    {
        var (population, problems) = PopulationFile.Load(Text.SourceText.FromFile(Path.Combine(Repository.Root, "populations", "mm1.yaml")));
        if (population is null)
        {
            throw new InvalidOperationException(string.Join("\n", problems));
        }

        return (population with { FollowUpCycles = cycles }, PreparedRegimen.Prepare(Repository.Rules("ird.ixr"), "IRd", Backend.Compiled));
    }

    /// <summary>`-- cohort-memory N`: one replay of N patients, then the process's peak working set.</summary>
    public static void PeakMemory(int patients)
    {
        var (population, prepared) = Mm1(26);
        using (prepared)
        {
            var clock = System.Diagnostics.Stopwatch.StartNew();
            var figures = CohortRunner.Run(prepared, population, population.ArmFor("IRd")!, patients, seed: 1);
            Console.WriteLine(string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"{patients} patients x 26 cycles: {clock.Elapsed.TotalSeconds:0.0} s, peak working set {Environment.WorkingSet / 1048576} MiB now, {System.Diagnostics.Process.GetCurrentProcess().PeakWorkingSet64 / 1048576} MiB peak (treated {figures.Treated})"));
        }
    }
}
