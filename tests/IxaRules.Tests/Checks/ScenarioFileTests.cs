namespace IxaRules.Tests.Checks;

/// <summary>Scenarios in their own file: `scenario "…" for R in "rules.ixr"` (paths relative to the scenario file).</summary>
public sealed class ScenarioFileTests : TempFolderTest
{
    private const string Rules = OneDrugRules.Text;

    private static string Scenario(string forClause, string expect = "expect ixazomib held on day 8") => $"""
        scenario "platelets fall" {forClause}
          patient age 60
          day 1: platelets 200 x10^9/L
          day 5: platelets 20 x10^9/L
          {expect}
        """;

    [Fact]
    public void A_scenario_file_tests_the_rules_of_another_file_and_covers_them()
    {
        Write("rules/r.ixr", Rules);
        var scenarios = Write("protocol/r.scenarios.ixr", Scenario("for R in \"../rules/r.ixr\"", "expect rule thrombocytopenia fires on day 5"));

        var (exit, stdout, stderr) = CliRunner.Run("test", scenarios);

        Assert.True(exit == 0, stdout + stderr);
        Assert.Contains("rule coverage: 100% (1 of 1", stdout);
        Assert.Contains("1 passed, 0 failed", stdout);
    }

    [Fact]
    public void A_failing_expectation_is_located_in_the_scenario_file()
    {
        Write("r.ixr", Rules);
        var scenarios = Write("s.ixr", Scenario("for R in \"r.ixr\"", "expect ixazomib 4 mg on day 8"));

        var (exit, stdout, _) = CliRunner.Run("test", scenarios);

        Assert.Equal(1, exit);
        Assert.Contains($"{scenarios}:5:", stdout);
        Assert.Contains("FAIL scenario \"platelets fall\"", stdout);
    }

    [Fact]
    public void The_rule_file_tested_with_its_scenario_file_counts_its_rules_once()
    {
        var rules = Write("r.ixr", Rules);
        var scenarios = Write("s.ixr", Scenario("for R in \"r.ixr\"", "expect rule thrombocytopenia fires on day 5"));

        var (exit, stdout, _) = CliRunner.Run("test", rules, scenarios);

        Assert.True(exit == 0, stdout);
        Assert.Contains("rule coverage: 100% (1 of 1", stdout);
    }

    [Theory]
    [InlineData("for R in \"missing.ixr\"", "IXR1019", "cannot read `missing.ixr`")]
    [InlineData("for R in \"r.yaml\"", "IXR1019", "`r.yaml` is not a rule file")]
    [InlineData("for R in \"s.ixr\"", "IXR1019", "the scenario names its own file")]
    [InlineData("for Q in \"r.ixr\"", "IXR1005", "`r.ixr` declares no regimen `Q`")]
    [InlineData("for R in \"broken.ixr\"", "IXR1020", "`broken.ixr` has 1 error, so its regimens cannot be tested here")]
    public void A_file_that_cannot_be_used_is_one_located_error(string forClause, string code, string message)
    {
        Write("r.ixr", Rules);
        Write("broken.ixr", Rules.Replace("4 mg days", "4 mgs days", StringComparison.Ordinal));
        var scenarios = Write("s.ixr", Scenario(forClause));

        var (exit, stdout, _) = CliRunner.Run("check", scenarios);

        Assert.Equal(1, exit);
        Assert.Contains($"error[{code}]: {message}", stdout);
        Assert.Equal(1, stdout.Split('\n').Count(l => l.StartsWith("error[", StringComparison.Ordinal)));
        Assert.Contains($"--> {scenarios}:1:", stdout);
    }

    [Fact]
    public void A_used_file_does_not_follow_its_own_used_files()
    {
        // b.ixr's scenario names a.ixr, and a.ixr's names b.ixr: one level only, so there is no cycle to follow.
        Write("a.ixr", Rules + Scenario("for R in \"b.ixr\""));
        var b = Write("b.ixr", Rules.Replace("regimen R", "regimen S", StringComparison.Ordinal).Replace("rule thrombocytopenia", "rule thrombocytopenia for S", StringComparison.Ordinal)
            + Scenario("for R in \"a.ixr\"", "expect rule thrombocytopenia fires on day 5"));

        var (exit, stdout, _) = CliRunner.Run("test", b);

        Assert.True(exit == 0, stdout);
        Assert.Contains("1 passed, 0 failed", stdout);
    }

    [Fact]
    public void At_most_sixteen_files_are_used_by_one_file()
    {
        var text = string.Concat(Enumerable.Range(1, 17).Select(i => Scenario($"for R in \"r{i}.ixr\"").Replace("platelets fall", $"case {i}", StringComparison.Ordinal) + "\n"));
        var scenarios = Write("many.ixr", text);

        var (_, stdout, _) = CliRunner.Run("check", scenarios);

        Assert.Contains("error[IXR1019]: a file may name at most 16 other rule files", stdout);
    }

    [Fact]
    public void The_formatter_keeps_the_file_a_scenario_names()
    {
        var scenarios = Write("s.ixr", Scenario("for R   in   \"r.ixr\""));
        Write("r.ixr", Rules);

        var (exit, _, stderr) = CliRunner.Run("fmt", scenarios);

        Assert.True(exit == 0, stderr);
        Assert.StartsWith("scenario \"platelets fall\" for R in \"r.ixr\"\n", File.ReadAllText(scenarios));
    }
}
