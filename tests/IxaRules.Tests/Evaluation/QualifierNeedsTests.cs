using IxaRules.Text;

namespace IxaRules.Tests.Evaluation;

/// <summary>
/// A report that does not say what the rules decide on is an error, not the milder reading:
/// `neuropathy grade 2` could be row 1 (without pain: same dose) or row 2 (with pain: one level lower).
/// </summary>
public class QualifierNeedsTests
{
    private static readonly Binding.BoundFile Ird = RuleFiles.Check(SourceText.FromFile(Path.Combine(TestPaths.Rules, "ird.ixr"))).Model!;

    [Theory]
    [InlineData("day 6: neuropathy grade 2", "pain", 8)]
    [InlineData("day 6: neuropathy grade 1", "pain", 8)]
    [InlineData("day 6: platelets 200 x10^9/L, neuropathy grade 2 attributed to ixazomib", "pain", 31)]
    public void An_events_line_that_leaves_out_a_deciding_qualifier_is_a_located_error(string line, string qualifier, int column)
    {
        var (events, problems) = RuleFiles.LoadEvents(new SourceText("e.events", line + "\n"), Ird.Regimens[0], null, Ird);
        var error = Assert.Single(problems);
        Assert.Equal("IXR4008", error.Code);
        Assert.Equal((1, column), error.Start);
        Assert.Contains($"with or without {qualifier}", error.Message, StringComparison.Ordinal);
        Assert.Contains("rules/ird.ixr:", error.Message, StringComparison.Ordinal);
        Assert.Contains($"without {qualifier}`", error.Help, StringComparison.Ordinal);
        Assert.DoesNotContain(events, e => e.Subject == "neuropathy");
    }

    [Theory]
    [InlineData("day 6: neuropathy grade 2 with pain")]
    [InlineData("day 6: neuropathy grade 2 without pain")]
    [InlineData("day 6: neuropathy grade 3")] // the rows do not differ by pain at grade 3
    [InlineData("day 6: neuropathy grade 4")]
    [InlineData("day 6: neuropathy grade 0")]
    [InlineData("day 6: rash grade 2")] // ird.ixr does not decide on a qualifier of rash
    public void Reports_the_rules_can_read_are_accepted(string line)
    {
        var (events, problems) = RuleFiles.LoadEvents(new SourceText("e.events", line + "\n"), Ird.Regimens[0], null, Ird);
        Assert.Empty(problems);
        Assert.Single(events);
    }

    [Fact]
    public void Without_the_rules_an_events_file_is_read_as_before()
    {
        var (_, problems) = RuleFiles.LoadEvents(new SourceText("e.events", "day 6: neuropathy grade 2\n"), Ird.Regimens[0], null);
        Assert.Empty(problems);
    }

    [Fact]
    public void A_scenario_report_that_leaves_out_a_deciding_qualifier_is_a_check_error()
    {
        var text = File.ReadAllText(Path.Combine(TestPaths.Rules, "ird.ixr")).Replace("day 10: neuropathy grade 1 without pain", "day 10: neuropathy grade 1", StringComparison.Ordinal);
        var error = Assert.Single(RuleFiles.Check(new SourceText("rules/ird.ixr", text)).Diagnostics, d => d.IsError);
        Assert.Equal("IXR4008", error.Code);
        Assert.Equal("  day 10: neuropathy grade 1", text.Split('\n')[error.Start.Line - 1]);
    }

    [Fact]
    public void The_cli_refuses_to_run_an_ambiguous_events_file()
    {
        var dir = Directory.CreateTempSubdirectory("ixr-q").FullName;
        try
        {
            var events = Path.Combine(dir, "e.events");
            File.WriteAllText(events, "day 1: platelets 200 x10^9/L, anc 2 x10^9/L\nday 6: neuropathy grade 2\n");
            var (exit, stdout, _) = CliRunner.Run("run", Path.Combine(TestPaths.Rules, "ird.ixr"), "--patient",
                Path.Combine(TestPaths.Examples, "ird", "worked-example.patient.yaml"), "--events", events);
            Assert.Equal(1, exit);
            Assert.Contains("error[IXR4008]", stdout, StringComparison.Ordinal);
            Assert.Contains("e.events:2:8", stdout, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
