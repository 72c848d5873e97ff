using System.Xml.Linq;

namespace IxaRules.Tests.Checks;

public sealed class TestCommandTests : TempFolderTest
{
    private const string Regimen = OneDrugRules.Text;

    [Fact]
    public void The_shipped_protocol_suite_passes_with_full_rule_coverage()
    {
        var junit = Path.Combine(Dir, "results.xml");
        var (exit, stdout, _) = CliRunner.Run("test", "rules", "examples", "--min-coverage", "100", "--junit", junit);
        Assert.True(exit == 0, stdout);
        Assert.Contains("rule coverage: 100%", stdout);
        Assert.Matches(@"(?m)^\d+ passed, 0 failed$", stdout);
        var doc = XDocument.Load(junit);
        Assert.True(int.Parse(doc.Root!.Attribute("tests")!.Value) >= 70);
    }

    [Fact]
    public void A_wrong_expectation_fails_with_its_location_and_expected_versus_actual()
    {
        var file = Write("wrong.ixr", Regimen + """
            scenario "wrong on purpose"
              patient age 60
              day 1: platelets 200 x10^9/L
              day 5: platelets 20 x10^9/L
              day 9: platelets 60 x10^9/L
              expect ixazomib 4 mg on day 15
            """);
        var (exit, stdout, _) = CliRunner.Run("test", file);
        Assert.Equal(1, exit);
        Assert.Contains("FAIL scenario \"wrong on purpose\"", stdout);
        Assert.Contains($"{file}:15: expect ixazomib 4 mg on day 15: expected 4 mg given on day 15, was 3 mg given", stdout);
        Assert.EndsWith("0 passed, 1 failed\n", stdout.ReplaceLineEndings("\n"));
    }

    [Fact]
    public void A_failed_expectation_shows_the_decisions_around_that_day()
    {
        var file = Write("context.ixr", Regimen + """
            scenario "context"
              patient age 60
              day 1: platelets 200 x10^9/L
              day 7: platelets 20 x10^9/L
              expect ixazomib given on day 8
            """);
        var (_, stdout, _) = CliRunner.Run("test", file);
        Assert.Contains("expected given on day 8, was held (held by thrombocytopenia since day 7)", stdout);
        Assert.Contains("day 7: rule thrombocytopenia #1", stdout);
    }

    [Fact]
    public void A_script_compile_error_is_a_located_diagnostic()
    {
        var script = Write("broken.csx", "var x = 1;\nAssert(x == 1, \"fine\");\nvar y = undefinedThing + 1;\n");
        var (exit, stdout, _) = CliRunner.Run("test", script);
        Assert.Equal(1, exit);
        Assert.Contains("error[IXR5001]: the check script does not compile: The name 'undefinedThing' does not exist in the current context (CS0103)", stdout);
        Assert.Contains($"--> {script}:3:9", stdout);
        Assert.Contains("^^^^^^^^^^^^^^", stdout);
        Assert.Contains("0 passed, 1 failed", stdout);
    }

    [Fact]
    public void Failed_script_assertions_name_their_line_and_other_checks_still_run()
    {
        Write("r.ixr", Regimen);
        var script = Write("checks.csx", """
            var rules = Rules("r.ixr");
            var runs = rules.RunAll("R", Cohort(20, seed: 3), days: 56);
            Check("passes", () => Assert(runs.Count == 20, "twenty runs"));
            Check("fails", () =>
            {
                Assert(runs.Count == 21, "expected 21 runs");
            });
            Check("throws", () => rules.Regimen("Nope"));
            """);
        var (exit, stdout, _) = CliRunner.Run("test", script);
        Assert.Equal(1, exit);
        Assert.Contains($"{script}:6: expected 21 runs", stdout);
        Assert.Contains("CheckScriptException: no regimen `Nope`", stdout);
        Assert.Contains("1 passed, 2 failed", stdout);
    }

    [Fact]
    public void Junit_xml_is_well_formed_and_names_every_case()
    {
        var file = Write("two.ixr", Regimen + """
            scenario "passes"
              patient age 60
              day 1: platelets 200 x10^9/L
              expect ixazomib 4 mg on day 1

            scenario "fails"
              patient age 60
              day 1: platelets 200 x10^9/L
              expect ixazomib held on day 1
            """);
        var junit = Path.Combine(Dir, "out.xml");
        CliRunner.Run("test", file, "--junit", junit);
        var doc = XDocument.Load(junit);
        Assert.Equal("2", doc.Root!.Attribute("tests")!.Value);
        Assert.Equal("1", doc.Root.Attribute("failures")!.Value);
        var cases = doc.Descendants("testcase").ToList();
        Assert.Equal(["scenario: passes", "scenario: fails"], cases.Select(c => c.Attribute("name")!.Value));
        var failure = Assert.Single(doc.Descendants("failure"));
        Assert.Contains("expected held on day 1, was 4 mg given", failure.Attribute("message")!.Value);
    }

    [Fact]
    public void Coverage_lists_what_never_fired_and_min_coverage_fails_the_run()
    {
        var file = Write("uncovered.ixr", Regimen + """
            scenario "quiet"
              patient age 60
              day 1: platelets 200 x10^9/L
              expect ixazomib 4 mg on day 1
            """);
        var (exit, stdout, _) = CliRunner.Run("test", file, "--min-coverage", "100");
        Assert.Equal(1, exit);
        Assert.Contains("rule coverage: 0% (0 of 1", stdout);
        Assert.Contains("never fired: " + file + ":6 rule thrombocytopenia", stdout);
        Assert.Contains("below the required 100%", stdout);
        Assert.Contains("1 passed, 0 failed", stdout);
    }

    [Fact]
    public void Github_format_adds_annotations_for_failures()
    {
        var file = Write("gh.ixr", Regimen + """
            scenario "annotated"
              patient age 60
              day 1: platelets 200 x10^9/L
              expect ixazomib held on day 1
            """);
        var (_, stdout, _) = CliRunner.Run("test", file, "--format", "github");
        Assert.Contains($"::error file={file},line=13,title=scenario%3A annotated::expect ixazomib held on day 1", stdout); // `:` in a property is %3A (workflow-command escaping)
    }

    [Fact]
    public void A_rule_file_with_errors_is_a_failed_case_with_its_diagnostics()
    {
        var file = Write("bad.ixr", "regimen R\n  cycle 28 days for 2 cycles\n  drug ixazomb oral 4 mg days 1\n");
        var (exit, stdout, _) = CliRunner.Run("test", file);
        Assert.Equal(1, exit);
        Assert.Contains("error[IXR1001]: unknown drug `ixazomb`", stdout);
        Assert.Contains("0 passed, 1 failed", stdout);
    }

    [Fact]
    public void Missing_paths_are_usage_errors()
    {
        var (exit, _, stderr) = CliRunner.Run("test", "no/such/dir");
        Assert.Equal(2, exit);
        Assert.Contains("no such file or directory", stderr);
    }
}
