namespace IxaRules.Tests.Checks;

/// <summary>The test loop: `--run` filters, `-v` lists passing cases, a failing example shows a unified diff, `--update` accepts it.</summary>
public sealed class TestLoopTests : TempFolderTest
{
    private const string Rules = """
        regimen R
          cycle 28 days until progression
          drug ixazomib oral 4 mg days 1, 8, 15
            levels 4 mg > 3 mg > 2.3 mg > discontinue

        rule thrombocytopenia
          when platelets < 30 x10^9/L
          hold ixazomib until platelets >= 30 x10^9/L
          on recovery resume ixazomib next lower

        scenario "platelets fall"
          patient age 60
          day 1: platelets 200 x10^9/L
          day 5: platelets 20 x10^9/L
          expect ixazomib held on day 8

        scenario "platelets stay up"
          patient age 60
          day 1: platelets 200 x10^9/L
          expect ixazomib 4 mg on day 8

        """;

    [Fact]
    public void Run_keeps_only_the_cases_whose_name_matches_and_says_how_many_it_left_out()
    {
        var file = Write("r.ixr", Rules);
        var (exit, stdout, _) = CliRunner.Run("test", "--run", "STAY", "-v", file);

        Assert.Equal(0, exit);
        Assert.Contains("PASS scenario \"platelets stay up\"", stdout);
        Assert.DoesNotContain("platelets fall", stdout);
        Assert.Contains("1 case left out by --run", stdout);
        Assert.Contains("1 passed, 0 failed", stdout);
    }

    [Fact]
    public void A_filter_that_matches_nothing_fails()
    {
        var file = Write("r.ixr", Rules);
        var (exit, stdout, _) = CliRunner.Run("test", "--run", "neutropenia", file);

        Assert.Equal(1, exit);
        Assert.Contains("error: --run `neutropenia` matches no case", stdout);
    }

    [Fact]
    public void Without_verbose_passing_cases_are_not_listed()
    {
        var file = Write("r.ixr", Rules);
        var (_, stdout, _) = CliRunner.Run("test", file);

        Assert.DoesNotContain("PASS", stdout);
        Assert.Contains("2 passed, 0 failed", stdout);
    }

    private string Example()
    {
        Write("rules.ixr", Rules);
        Write("ex/regimen.txt", "../rules.ixr R");
        Write("ex/fall.events", "day 1: platelets 200 x10^9/L\nday 5: platelets 20 x10^9/L\n");
        var patient = Write("ex/fall.patient.yaml", "age: 60\n");
        var (exit, stdout, stderr) = CliRunner.Run("run", Path.Combine(Dir, "rules.ixr"), "--patient", patient, "--events", Path.Combine(Dir, "ex", "fall.events"), "--plain");
        Assert.True(exit == 0, stdout + stderr);
        Write("ex/fall.expected.txt", stdout.Replace("held", "given", StringComparison.Ordinal)); // a stale expectation
        return patient;
    }

    [Fact]
    public void A_failing_example_shows_a_unified_diff_and_update_accepts_the_new_outcome()
    {
        var patient = Example();
        var expected = Path.Combine(Dir, "ex", "fall.expected.txt");

        var (exit, stdout, _) = CliRunner.Run("test", patient);

        Assert.Equal(1, exit);
        Assert.Contains("(expected)", stdout);
        Assert.Contains("+++ the run", stdout);
        Assert.Matches(@"(?m)^ +@@ -\d+,\d+ \+\d+,\d+ @@$", stdout);
        Assert.Matches(@"(?m)^ +-.*given", stdout);
        Assert.Matches(@"(?m)^ +\+.*held", stdout);

        var (updateExit, updated, _) = CliRunner.Run("test", "--update", patient);

        Assert.Equal(0, updateExit);
        Assert.Contains($"updated {expected}", updated);
        Assert.Contains("1 expected output updated (--update)", updated);
        Assert.Contains("held", File.ReadAllText(expected));
        Assert.Equal(0, CliRunner.Run("test", patient).Exit); // and now it passes as is
    }
}
