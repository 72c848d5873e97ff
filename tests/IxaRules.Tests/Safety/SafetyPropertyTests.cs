using FsCheck;
using FsCheck.Fluent;
using IxaRules.Evaluation;
using IxaRules.Text;
using Microsoft.FSharp.Core;
using Xunit.Abstractions;

namespace IxaRules.Tests.Safety;

/// <summary>
/// The safety invariants as FsCheck properties, for every regimen in rules/. The seed is fixed and
/// logged; IXARULES_PROPERTY_CASES sets the cases per regimen (default 300), IXARULES_SEED the seed.
/// </summary>
public class SafetyPropertyTests(ITestOutputHelper output)
{
    public static TheoryData<string, string> Regimens()
    {
        var data = new TheoryData<string, string>();
        foreach (var file in Directory.EnumerateFiles(TestPaths.Rules, "*.ixr").Order(StringComparer.Ordinal))
        {
            foreach (var regimen in RuleFiles.Check(SourceText.FromFile(file)).Model!.Regimens)
            {
                data.Add(Path.GetFileName(file), regimen.Name);
            }
        }

        return data;
    }

    internal static int Cases => int.TryParse(Environment.GetEnvironmentVariable("IXARULES_PROPERTY_CASES"), out var n) ? n : 300;

    internal static ulong Seed => ulong.TryParse(Environment.GetEnvironmentVariable("IXARULES_SEED"), out var s) ? s : 20261121UL;

    [Theory]
    [MemberData(nameof(Regimens))]
    public void No_dose_rule_is_ever_violated(string file, string regimenName)
    {
        var model = RuleFiles.Check(new SourceText("rules/" + file, File.ReadAllText(Path.Combine(TestPaths.Rules, file)))).Model!;
        var regimen = model.Regimens.Single(r => r.Name == regimenName);
        output.WriteLine($"seed {Seed}, {Cases} cases for {regimenName} (IXARULES_SEED / IXARULES_PROPERTY_CASES to change)");
        var config = Config.QuickThrowOnFailure.WithMaxTest(Cases).WithQuietOnSuccess(true)
            .WithReplay(FSharpOption<Replay>.Some(new Replay(new Rnd(Seed, 0x9E3779B97F4A7C15UL), FSharpOption<int>.None)));
        Prop.ForAll(RunGenerators.For(regimen).ToArbitrary(), input =>
        {
            var problems = Invariants.Violations(model, regimen, input);
            Assert.True(problems.Count == 0, $"{regimenName}: {string.Join("; ", problems.Take(5))}\ninput: {input}");
        }).Check(config);
    }

    [Fact]
    public void The_invariants_catch_a_dose_during_a_hold_off_the_ladder_or_after_a_stop()
    {
        var model = RuleFiles.Check(SourceText.FromFile(Path.Combine(TestPaths.Rules, "ird.ixr"))).Model!;
        var regimen = model.Regimens[0];
        var patient = new Patient("t", 66, "male", 75, 175, 78, null, "none", false, [], null, null);
        PatientEvent[] events =
        [
            new(1, EventKind.Lab, "platelets", 200, [], null, 1), new(1, EventKind.Lab, "anc", 2, [], null, 2),
            new(10, EventKind.Lab, "platelets", 20, [], null, 3), new(14, EventKind.Lab, "platelets", 90, [], null, 4),
        ];
        var input = new RunInput(patient, events);
        var honest = RuleFiles.Run(model, regimen, patient, events, new RunOptions(Days: 28));
        Assert.Empty(Invariants.Violations(model, regimen, input, honest));

        Administration Tamper(int day, string drug, decimal mg) =>
            new(day, null, "main", 1, day, drug, mg, mg, DoseStatus.Given, null);
        var held = honest with { Administrations = [.. honest.Administrations.Where(a => !(a.Day == 11 && a.Drug == "lenalidomide")), Tamper(11, "lenalidomide", 25)] };
        Assert.Contains(Invariants.Violations(model, regimen, input, held), p => p.Contains("during the hold of thrombocytopenia", StringComparison.Ordinal));
        var offLadder = honest with { Administrations = [.. honest.Administrations.Where(a => !(a.Day == 2 && a.Drug == "lenalidomide")), Tamper(2, "lenalidomide", 20)] };
        Assert.Contains(Invariants.Violations(model, regimen, input, offLadder), p => p.Contains("is not one of its levels", StringComparison.Ordinal));
        var above = honest with { Administrations = [.. honest.Administrations.Where(a => !(a.Day == 8 && a.Drug == "ixazomib")), Tamper(8, "ixazomib", 5)] };
        Assert.Contains(Invariants.Violations(model, regimen, input, above), p => p.Contains("not one of its levels", StringComparison.Ordinal));
        var afterStop = honest with { StoppedOn = 5 };
        Assert.Contains(Invariants.Violations(model, regimen, input, afterStop), p => p.Contains("after treatment stopped", StringComparison.Ordinal));
    }
}
