using IxaRules.Text;
using Xunit.Abstractions;

namespace IxaRules.Tests.Safety;

/// <summary>
/// The fuzz batch: 20,000 mutated inputs with a fixed seed in CI (IXARULES_FUZZ_COUNT=1000000 for a
/// long run, IXARULES_SEED for another seed). A crash is written to Corpus/fuzz/ as a regression
/// input and fails the test; every saved regression input is replayed by Regression_inputs_never_crash.
/// </summary>
public class FuzzTests(ITestOutputHelper output)
{
    private static int Count => int.TryParse(Environment.GetEnvironmentVariable("IXARULES_FUZZ_COUNT"), out var n) ? n : 20_000;

    private static int Seed => int.TryParse(Environment.GetEnvironmentVariable("IXARULES_SEED"), out var s) ? s : 2026;

    private static string Corpus => Path.Combine(TestPaths.Root, "tests", "IxaRules.Tests", "Corpus", "fuzz");

    private static readonly Lazy<IxaRules.Binding.BoundFile> Ird = new(() => RuleFiles.Check(SourceText.FromFile(Path.Combine(TestPaths.Rules, "ird.ixr"))).Model!);

    [Fact]
    public void Mutated_inputs_end_in_diagnostics_or_an_outcome_never_a_crash()
    {
        var seeds = MutationFuzzer.Seeds(TestPaths.Root);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var (findings, slowest, slowestInput) = MutationFuzzer.Run(seeds, Ird.Value, Count, Seed, TimeSpan.FromSeconds(2));
        output.WriteLine($"fuzz: {Count} inputs from {seeds.Count} seed files, seed {Seed}: {findings.Count} findings in {clock.Elapsed.TotalSeconds:0.0} s; slowest input {slowest.TotalMilliseconds:0} ms ({slowestInput})");
        foreach (var f in findings.Take(20))
        {
            Directory.CreateDirectory(Corpus);
            var extension = f.Kind switch { "rules" => ".ixr", "events" => ".events", "population" => ".population.yaml", _ => ".patient.yaml" };
            File.WriteAllText(Path.Combine(Corpus, $"crash-{Seed}-{f.Index}{extension}"), f.Input);
        }

        Assert.True(findings.Count == 0, string.Join("\n\n", findings.Take(3).Select(f => $"{f.Path} mutation #{f.Index}: {f.Problem}")));
    }

    public static TheoryData<string> RegressionInputs()
    {
        var data = new TheoryData<string>();
        if (Directory.Exists(Corpus))
        {
            foreach (var file in Directory.EnumerateFiles(Corpus).Order(StringComparer.Ordinal))
            {
                data.Add(Path.GetFileName(file));
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(RegressionInputs))]
    public void Regression_inputs_never_crash(string file)
    {
        var kind = file.EndsWith(".ixr", StringComparison.Ordinal) ? "rules"
            : file.EndsWith(".events", StringComparison.Ordinal) ? "events"
            : file.EndsWith(".population.yaml", StringComparison.Ordinal) ? "population"
            : "patient";
        var path = Path.Combine(Corpus, file);
        MutationFuzzer.Drive(new MutationFuzzer.Seed(kind, path, ""), File.ReadAllText(path), Ird.Value);
    }
}
