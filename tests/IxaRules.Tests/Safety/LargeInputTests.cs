using System.Diagnostics;
using System.Text;
using IxaRules.Text;
using Xunit.Abstractions;

namespace IxaRules.Tests.Safety;

/// <summary>Oversized inputs are handled within the stated limits, or refused with a message.</summary>
public class LargeInputTests(ITestOutputHelper output)
{
    [Fact]
    public void A_50_MB_rule_file_is_refused_quickly_with_a_message()
    {
        var text = new string('#', 50 * 1024 * 1024);
        var clock = Stopwatch.StartNew();
        var result = RuleFiles.Check(new SourceText("huge.ixr", text));
        var error = Assert.Single(result.Diagnostics);
        Assert.Equal("IXR0007", error.Code);
        Assert.Contains("rule files are limited to 8 MiB", error.Message);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(2), $"refusing took {clock.Elapsed}");
    }

    [Fact]
    public void A_million_events_are_loaded_and_run_within_the_limits()
    {
        var sb = new StringBuilder(40 * 1_000_000);
        for (var i = 0; i < 1_000_000; i++)
        {
            // Repeated reports of one lab on one day agree (different values would be IXR4006).
            var day = 1 + (i % 3650);
            sb.Append("day ").Append(day).Append(": platelets ").Append(40 + (day % 300)).Append(" x10^9/L\n");
        }

        var ird = RuleFiles.Check(SourceText.FromFile(Path.Combine(TestPaths.Rules, "ird.ixr"))).Model!;
        var clock = Stopwatch.StartNew();
        var (events, problems) = RuleFiles.LoadEvents(new SourceText("million.events", sb.ToString()), ird.Regimens[0], start: null);
        var loaded = clock.Elapsed;
        Assert.Empty(problems);
        Assert.Equal(1_000_000, events.Count);
        var patient = new IxaRules.Evaluation.Patient("m", 66, "male", 75, 175, 78, null, "none", false, [], null, null);
        var outcome = RuleFiles.Run(ird, ird.Regimens[0], patient, [.. events, new IxaRules.Evaluation.PatientEvent(1, IxaRules.Evaluation.EventKind.Lab, "anc", 2, [], null, 0)]);
        output.WriteLine($"1,000,000 events: loaded in {loaded.TotalSeconds:0.0} s, run ({outcome.Days} days) in {(clock.Elapsed - loaded).TotalSeconds:0.0} s");
        Assert.True(outcome.Days >= 3650);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(60), $"a million events took {clock.Elapsed}");
    }

    [Fact]
    public void Oversized_events_and_patient_files_are_refused()
    {
        var ird = RuleFiles.Check(SourceText.FromFile(Path.Combine(TestPaths.Rules, "ird.ixr"))).Model!;
        var (_, eventProblems) = RuleFiles.LoadEvents(new SourceText("big.events", new string(' ', 65 * 1024 * 1024)), ird.Regimens[0], null);
        Assert.Equal("IXR4005", Assert.Single(eventProblems).Code);
        var (_, patientProblems) = RuleFiles.LoadPatient(new SourceText("big.yaml", new string(' ', 2 * 1024 * 1024)));
        Assert.Equal("IXR4005", Assert.Single(patientProblems).Code);
    }
}
