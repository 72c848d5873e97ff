namespace IxaRules.Tests.Checks;

/// <summary>A failed metric expectation says both values with the metric's unit, as the author wrote it.</summary>
public sealed class MetricMessageTests : TempFolderTest
{
    [Theory]
    [InlineData("cumulative = 1 mg", @"expect ixazomib cumulative = 1 mg: was 12 mg$")]
    [InlineData("rdi > 100 %", @"expect ixazomib rdi > 100 %: was 100 %$")]
    [InlineData("doses = 99", @"expect ixazomib doses = 99: was 3$")]
    [InlineData("reductions >= 1", @"expect ixazomib reductions >= 1: was 0$")]
    public void A_failed_metric_names_its_unit_on_both_sides(string expectation, string message)
    {
        var path = Write("r.ixr", OneDrugRules.Text.Replace("until progression", "for 1 cycles", StringComparison.Ordinal) + $"""
            scenario "metric"
              patient age 60
              day 1: platelets 200 x10^9/L
              expect ixazomib {expectation}

            """);
        var (exit, stdout, _) = CliRunner.Run("test", path);
        Assert.Equal(1, exit);
        Assert.Matches("(?m)" + message, stdout);
    }

    [Fact]
    public void Coverage_says_that_a_file_with_errors_was_not_counted()
    {
        var path = Write("broken.ixr", OneDrugRules.Text + "scenario \"s\"\n  patient age 60\n  expect ixazomib cumulative = 1 g\n");
        var (exit, stdout, _) = CliRunner.Run("test", path);
        Assert.Equal(1, exit);
        Assert.Contains("rule coverage: nothing to cover (no dose-modification rules in the files tested); 1 file with errors not counted\n", stdout);
    }
}
