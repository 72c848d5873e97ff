using System.Diagnostics;
using IxaRules.Evaluation;
using IxaRules.Text;
using Xunit.Abstractions;

namespace IxaRules.Tests.Safety;

/// <summary>
/// The fixed-seed batch of deep and long structures (IXARULES_DEEP_CASES, IXARULES_SEED): every input
/// ends in diagnostics or an outcome within 2 s, never an exception or a stack overflow; and a rule
/// file that checks runs identically on both backends (check accepts only what the compiler compiles).
/// </summary>
public class DeepStructureTests(ITestOutputHelper output)
{
    private static int Cases => int.TryParse(Environment.GetEnvironmentVariable("IXARULES_DEEP_CASES"), out var n) ? n : 300;

    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(2);

    private static readonly Lazy<Binding.BoundFile> Ird = new(() => RuleFiles.Check(SourceText.FromFile(Path.Combine(TestPaths.Rules, "ird.ixr"))).Model!);

    [Fact]
    public void Deep_and_long_rule_files_check_quickly_and_accepted_ones_agree_on_both_backends()
    {
        var generator = new DeepStructureGenerator((int)(SafetyPropertyTests.Seed % int.MaxValue));
        var (accepted, compiledRuns, slowest) = (0, 0, TimeSpan.Zero);
        for (var i = 0; i < Cases; i++)
        {
            var text = generator.RuleFile();
            var clock = Stopwatch.StartNew();
            var result = RuleFiles.Check(new SourceText($"deep-{i}.ixr", text));
            slowest = clock.Elapsed > slowest ? clock.Elapsed : slowest;
            Assert.True(clock.Elapsed < Budget, $"case {i} took {clock.Elapsed}:\n{text[..Math.Min(text.Length, 400)]}");
            Assert.True(result.HasErrors || result.Model is not null);
            if (result.Model is not { } model)
            {
                Assert.Contains(result.Diagnostics, d => d.IsError && d.Span.Start >= 0);
                continue;
            }

            accepted++;
            var (regimen, patient, events) = RuleFiles.ScenarioInputs(model, model.Scenarios[0]);
            var interpreted = OutcomeJson.Write(RuleFiles.Run(model, regimen, patient, events, new RunOptions(Days: 60)));
            if (i % 10 == 0)
            {
                using var compiled = RuleFiles.Compile(model, regimen);
                Assert.Equal(interpreted, OutcomeJson.Write(RuleFiles.Run(model, regimen, patient, events, new RunOptions(Days: 60), compiled)));
                compiledRuns++;
            }
        }

        output.WriteLine($"{Cases} deep rule files (seed {SafetyPropertyTests.Seed}): {accepted} accepted, {compiledRuns} compiled and compared; slowest check {slowest.TotalMilliseconds:0} ms");
        Assert.InRange(accepted, 1, Cases - 1); // the generator reaches both sides of the limits
    }

    [Fact]
    public void Deep_patient_files_and_long_events_files_load_quickly()
    {
        var generator = new DeepStructureGenerator((int)(SafetyPropertyTests.Seed % int.MaxValue) + 1);
        for (var i = 0; i < Cases; i++)
        {
            var patient = generator.PatientFile();
            var events = generator.EventsFile();
            var clock = Stopwatch.StartNew();
            _ = RuleFiles.LoadPatient(new SourceText("deep.yaml", patient));
            var (_, problems) = RuleFiles.LoadEvents(new SourceText("long.events", events), Ird.Value.Regimens[0], null);
            Assert.True(clock.Elapsed < Budget, $"case {i} took {clock.Elapsed}");
            Assert.True(problems.Count <= IxaRules.Diagnostics.DiagnosticBag.MaxPerFile + 2, $"{problems.Count} diagnostics shown");
        }
    }
}
