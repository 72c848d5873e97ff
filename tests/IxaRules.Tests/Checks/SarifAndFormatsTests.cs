using System.Text.Json;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Json.Schema;

namespace IxaRules.Tests.Checks;

/// <summary>`check` and `test` in every format: SARIF validated against the OASIS schema, JSON, JUnit, TAP; spellings as the help gives them.</summary>
public sealed partial class SarifAndFormatsTests : TempFolderTest
{
    private static readonly Lazy<JsonSchema> Sarif = new(() =>
    {
        // The normative schema is draft-04; JsonSchema.Net reads draft 6 and later, where the keywords it uses mean the same.
        var text = File.ReadAllText(Path.Combine(TestPaths.Root, "tests", "IxaRules.Tests", "Schemas", "sarif-schema-2.1.0.json"))
            .Replace("http://json-schema.org/draft-04/schema#", "http://json-schema.org/draft-07/schema#", StringComparison.Ordinal);
        text = FirstId().Replace(text, "\"$id\":", 1);
        return JsonSchema.FromText(text);
    });

    [GeneratedRegex("\"id\":")]
    private static partial Regex FirstId();

    private static void AssertValidSarif(string text)
    {
        using var document = JsonDocument.Parse(text);
        var result = Sarif.Value.Evaluate(document.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
        Assert.True(result.IsValid, "not valid SARIF 2.1.0: " + string.Join("; ", (result.Details ?? []).Where(d => d.Errors is not null)
            .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Value}")).Take(5)));
    }

    [Fact]
    public void The_schema_rejects_what_is_not_sarif()
    {
        using var bad = JsonDocument.Parse("""{"version": "2.1.0", "runs": [{"tool": {"driver": {}}}]}""");
        Assert.False(Sarif.Value.Evaluate(bad.RootElement).IsValid); // a driver needs a name: the validation can fail
    }

    [Fact]
    public void Check_in_sarif_is_valid_and_locates_each_diagnostic()
    {
        var bad = Path.Combine(TestPaths.BadCorpus, "unknown-unit.ixr");
        var (exit, stdout, stderr) = CliRunner.Run("check", "--format", "sarif", bad);

        Assert.Equal(1, exit);
        Assert.Equal("", stderr);
        AssertValidSarif(stdout);
        using var log = JsonDocument.Parse(stdout);
        var result = log.RootElement.GetProperty("runs")[0].GetProperty("results")[0];
        Assert.Equal("IXR2001", result.GetProperty("ruleId").GetString());
        Assert.Equal("error", result.GetProperty("level").GetString());
        var region = result.GetProperty("locations")[0].GetProperty("physicalLocation").GetProperty("region");
        Assert.Equal(9, region.GetProperty("startLine").GetInt32());
        Assert.Equal(23, region.GetProperty("startColumn").GetInt32());
        Assert.Equal(31, region.GetProperty("endColumn").GetInt32());
        Assert.Equal("IXR2001", log.RootElement.GetProperty("runs")[0].GetProperty("tool").GetProperty("driver").GetProperty("rules")[0].GetProperty("id").GetString());
    }

    [Fact]
    public void Check_in_sarif_of_clean_files_is_a_valid_log_without_results()
    {
        var (exit, stdout, _) = CliRunner.Run("check", "--format", "SARIF", Path.Combine(TestPaths.Root, "rules"));

        Assert.Equal(0, exit);
        AssertValidSarif(stdout);
        using var log = JsonDocument.Parse(stdout);
        Assert.Equal(0, log.RootElement.GetProperty("runs")[0].GetProperty("results").GetArrayLength());
    }

    private const string Failing = """
        regimen R
          cycle 28 days until progression
          drug ixazomib oral 4 mg days 1, 8, 15
            levels 4 mg > 3 mg > 2.3 mg > discontinue

        rule thrombocytopenia
          when platelets < 30 x10^9/L
          hold ixazomib until platelets >= 30 x10^9/L
          on recovery resume ixazomib next lower

        scenario "passes"
          patient age 60
          day 1: platelets 200 x10^9/L
          day 5: platelets 20 x10^9/L
          expect ixazomib held on day 8

        scenario "fails on purpose"
          patient age 60
          day 1: platelets 200 x10^9/L
          day 5: platelets 20 x10^9/L
          expect ixazomib 4 mg on day 8
        """;

    [Fact]
    public void Test_in_sarif_reports_each_failed_expectation_where_it_is_written()
    {
        var file = Write("f.ixr", Failing);
        var (exit, stdout, stderr) = CliRunner.Run("test", "--format", "sarif", "--min-coverage", "100", file);

        Assert.Equal(1, exit);
        AssertValidSarif(stdout);
        Assert.Contains("1 passed, 1 failed", stderr); // the summary is for people, on standard error
        using var log = JsonDocument.Parse(stdout);
        var results = log.RootElement.GetProperty("runs")[0].GetProperty("results");
        Assert.Equal(1, results.GetArrayLength());
        Assert.Equal("test/scenario", results[0].GetProperty("ruleId").GetString());
        Assert.Equal(21, results[0].GetProperty("locations")[0].GetProperty("physicalLocation").GetProperty("region").GetProperty("startLine").GetInt32());
        Assert.Contains("fails on purpose", results[0].GetProperty("message").GetProperty("text").GetString());
    }

    [Fact]
    public void Test_in_json_gives_every_case_and_the_coverage()
    {
        var file = Write("f.ixr", Failing);
        var (exit, stdout, _) = CliRunner.Run("test", "--format", "json", file);

        Assert.Equal(1, exit);
        using var json = JsonDocument.Parse(stdout);
        var root = json.RootElement;
        Assert.Equal(1, root.GetProperty("passed").GetInt32());
        Assert.Equal(1, root.GetProperty("failed").GetInt32());
        Assert.Equal(100m, root.GetProperty("coverage").GetProperty("percent").GetDecimal());
        var cases = root.GetProperty("cases");
        Assert.Equal(["passes", "fails on purpose"], cases.EnumerateArray().Select(c => c.GetProperty("name").GetString()!).ToArray());
        Assert.False(cases[1].GetProperty("passed").GetBoolean());
        Assert.Equal(21, cases[1].GetProperty("failures")[0].GetProperty("line").GetInt32());
    }

    [Fact]
    public void Test_in_junit_and_tap_print_the_document_alone()
    {
        var file = Write("f.ixr", Failing);
        var (_, junit, _) = CliRunner.Run("test", "--format", "junit", file);
        var (_, tap, _) = CliRunner.Run("test", "--format", "tap", file);

        Assert.Equal("2", XDocument.Parse(junit).Root!.Attribute("tests")!.Value);
        Assert.StartsWith("TAP version 14\n1..2\nok 1 - scenario: passes\nnot ok 2 - scenario: fails on purpose\n  ---\n", tap);
    }

    [Fact]
    public void The_same_files_give_byte_identical_documents()
    {
        var file = Write("f.ixr", Failing);
        foreach (var format in new[] { "json", "sarif", "tap" }) // JUnit carries durations, as its readers expect
        {
            var first = CliRunner.Run("test", "--format", format, file).Stdout;
            Assert.Equal(first, CliRunner.Run("test", "--format", format, file).Stdout);
        }
    }

    [Theory]
    [InlineData("check", "--format", "xml", "--format is one of text, json, github, sarif, not `xml`")]
    [InlineData("test", "--format", "sarf", "--format is one of text, github, json, junit, sarif, tap, not `sarf` (did you mean `sarif`?)")]
    [InlineData("run", "--backend", "Compild", "--backend is one of interpreted, compiled, not `Compild` (did you mean `compiled`?)")]
    public void A_word_outside_the_set_is_a_usage_error_in_the_helps_spelling(string verb, string option, string value, string message)
    {
        var (exit, _, stderr) = CliRunner.Run(verb, option, value, Path.Combine(TestPaths.Root, "rules", "ird.ixr"));

        Assert.Equal(2, exit);
        Assert.Contains(message, stderr);
        Assert.DoesNotContain("IxaRules.", stderr); // no CLR type names
    }

    [Theory]
    [InlineData("check", "<text|json|github|sarif>")]
    [InlineData("test", "<text|github|json|junit|sarif|tap>")]
    [InlineData("run", "<interpreted|compiled>")]
    [InlineData("cohort", "<interpreted|compiled>")]
    public void Help_spells_the_values_as_the_options_take_them(string verb, string values)
    {
        var (_, stdout, _) = CliRunner.Run(verb, "--help");

        Assert.Contains(values, stdout);
        Assert.DoesNotContain("Compiled|Interpreted", stdout);
    }
}
