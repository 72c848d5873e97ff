using FsCheck;
using FsCheck.Fluent;
using IxaRules.Evaluation;
using IxaRules.Tests.Safety;
using IxaRules.Text;
using Microsoft.FSharp.Core;
using Xunit.Abstractions;

namespace IxaRules.Tests.Compilation;

/// <summary>
/// Compiled and interpreted runs must be byte-identical in JSON. FsCheck generates patients and
/// event streams for every regimen in rules/; CI runs IXARULES_DIFFERENTIAL_CASES (default 10,000)
/// in all, with the logged seed (IXARULES_SEED).
/// </summary>
public class DifferentialTests(ITestOutputHelper output)
{
    private static int TotalCases => int.TryParse(Environment.GetEnvironmentVariable("IXARULES_DIFFERENTIAL_CASES"), out var n) ? n : 10_000;

    /// <summary>Every regimen of rules/, and of the baseline that uses each construct the shipped rules do not (dispensing, resume at a dose, hold limits, …).</summary>
    public static TheoryData<string, string> Regimens()
    {
        var data = new TheoryData<string, string>();
        foreach (var file in Directory.EnumerateFiles(TestPaths.Rules, "*.ixr").Order(StringComparer.Ordinal)
            .Append(Path.Combine(TestPaths.Baselines, "label-constructs.ixr")))
        {
            foreach (var regimen in RuleFiles.Check(SourceText.FromFile(file)).Model!.Regimens)
            {
                data.Add(TestPaths.Relative(file), regimen.Name);
            }
        }

        return data;
    }

    private static (Binding.BoundFile Model, Binding.Regimen Regimen) Load(string file, string regimenName)
    {
        var model = RuleFiles.Check(new SourceText(file, File.ReadAllText(Path.Combine(TestPaths.Root, file)))).Model!;
        return (model, model.Regimens.Single(r => r.Name == regimenName));
    }

    [Theory]
    [MemberData(nameof(Regimens))]
    public void Compiled_and_interpreted_outcomes_are_byte_identical(string file, string regimenName)
    {
        var (model, regimen) = Load(file, regimenName);
        using var compiled = RuleFiles.Compile(model, regimen);
        var cases = Math.Max(1, TotalCases / Regimens().Count);
        output.WriteLine($"{regimenName}: {cases} cases, seed {SafetyPropertyTests.Seed} (IXARULES_DIFFERENTIAL_CASES, IXARULES_SEED)");
        var config = Config.QuickThrowOnFailure.WithMaxTest(cases).WithQuietOnSuccess(true)
            .WithReplay(FSharpOption<Replay>.Some(new Replay(new Rnd(SafetyPropertyTests.Seed, 0xD1B54A32D192ED03UL), FSharpOption<int>.None)));
        Prop.ForAll(RunGenerators.For(regimen).ToArbitrary(), input =>
        {
            var options = new RunOptions(Days: 200);
            var interpreted = OutcomeJson.Write(RuleFiles.Run(model, regimen, input.Patient, input.Events, options));
            var viaCompiled = OutcomeJson.Write(RuleFiles.Run(model, regimen, input.Patient, input.Events, options, compiled));
            Assert.True(interpreted == viaCompiled, $"{regimenName}: backends differ for {input}");
        }).Check(config);
    }

    /// <summary>
    /// Runs skip re-evaluating conditions on days without events; evaluating every day must give the
    /// same outcome, byte for byte (IXARULES_INCREMENTAL_CASES, default 2,100 in all).
    /// </summary>
    [Theory]
    [MemberData(nameof(Regimens))]
    public void Incremental_evaluation_gives_what_evaluating_every_day_gives(string file, string regimenName)
    {
        var (model, regimen) = Load(file, regimenName);
        var total = int.TryParse(Environment.GetEnvironmentVariable("IXARULES_INCREMENTAL_CASES"), out var n) ? n : 2_100;
        var cases = Math.Max(1, total / Regimens().Count);
        output.WriteLine($"{regimenName}: {cases} cases, seed {SafetyPropertyTests.Seed} (IXARULES_INCREMENTAL_CASES, IXARULES_SEED)");
        var config = Config.QuickThrowOnFailure.WithMaxTest(cases).WithQuietOnSuccess(true)
            .WithReplay(FSharpOption<Replay>.Some(new Replay(new Rnd(SafetyPropertyTests.Seed, 0x94D049BB133111EBUL), FSharpOption<int>.None)));
        Prop.ForAll(RunGenerators.For(regimen).ToArbitrary(), input =>
        {
            var options = new RunOptions(Days: 200);
            var incremental = OutcomeJson.Write(RuleFiles.Run(model, regimen, input.Patient, input.Events, options));
            var everyDay = OutcomeJson.Write(RuleFiles.Run(model, regimen, input.Patient, input.Events, options with { EvaluateEveryDay = true }));

            Assert.True(incremental == everyDay, $"{regimenName}: incremental evaluation differs for {input}");
        }).Check(config);
    }

    [Theory]
    [MemberData(nameof(IxaRules.Tests.Evaluation.ExampleTests.Cases), MemberType = typeof(IxaRules.Tests.Evaluation.ExampleTests))]
    public void Every_example_runs_identically_compiled(string patientPath)
    {
        using var compiled = new IxaRules.Checks.ProgramCache(Backend.Compiled);
        Assert.Equal(
            OutcomeJson.Write(IxaRules.Checks.ExampleRunner.Run(patientPath)),
            OutcomeJson.Write(IxaRules.Checks.ExampleRunner.Run(patientPath, compiled)));
    }
}
