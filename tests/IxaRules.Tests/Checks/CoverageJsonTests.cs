using System.Text.Json;

namespace IxaRules.Tests.Checks;

/// <summary>`test --coverage-format json`: OPA's coverage shape, alone on standard output.</summary>
public sealed class CoverageJsonTests : TempFolderTest
{
    private string Write(string text) => Write("r.ixr", text);

    [Fact]
    public void Covered_and_not_covered_rules_are_listed_per_file_with_their_rows_and_the_totals()
    {
        var path = Write(OneDrugRules.Text + """
            rule rash
              when rash grade >= 3
              hold ixazomib until rash grade <= 1

            scenario "platelets fall"
              patient age 60
              day 1: platelets 200 x10^9/L
              day 5: platelets 20 x10^9/L
              expect ixazomib held on day 8

            """);
        var (exit, stdout, stderr) = CliRunner.Run("test", path, "--coverage-format", "json");

        Assert.Equal(0, exit);
        Assert.Contains("1 passed, 0 failed", stderr); // the report is for people: on standard error
        var root = JsonDocument.Parse(stdout).RootElement;
        var file = root.GetProperty("files").GetProperty(path.Replace('\\', '/'));
        var covered = Assert.Single(file.GetProperty("covered").EnumerateArray());
        Assert.Equal(("thrombocytopenia", 6, 6), (covered.GetProperty("rule").GetString(), covered.GetProperty("start").GetProperty("row").GetInt32(), covered.GetProperty("end").GetProperty("row").GetInt32()));
        var missed = Assert.Single(file.GetProperty("not_covered").EnumerateArray());
        Assert.Equal(("rash", 10), (missed.GetProperty("rule").GetString(), missed.GetProperty("start").GetProperty("row").GetInt32()));
        Assert.Equal((1, 1, 50m), (file.GetProperty("covered_items").GetInt32(), file.GetProperty("not_covered_items").GetInt32(), file.GetProperty("coverage").GetDecimal()));
        Assert.Equal((1, 1, 50m), (root.GetProperty("covered_items").GetInt32(), root.GetProperty("not_covered_items").GetInt32(), root.GetProperty("coverage").GetDecimal()));
        Assert.Equal(stdout, CliRunner.Run("test", path, "--coverage-format", "json").Stdout); // byte-identical
    }

    [Fact]
    public void Nothing_to_cover_is_null_not_100()
    {
        var path = Write("regimen R\n  cycle 28 days for 1 cycles\n  drug ixazomib oral 4 mg days 1, 8, 15\n\nscenario \"given\"\n  patient age 60\n  expect ixazomib 4 mg on day 1\n");
        var root = JsonDocument.Parse(CliRunner.Run("test", path, "--coverage-format", "json").Stdout).RootElement;
        Assert.Equal(JsonValueKind.Null, root.GetProperty("coverage").ValueKind);
        Assert.Empty(root.GetProperty("files").EnumerateObject());
    }

    [Theory]
    [InlineData("json")]
    [InlineData("sarif")]
    public void Two_documents_on_standard_output_are_a_usage_error(string format)
    {
        var (exit, stdout, stderr) = CliRunner.Run("test", Write(OneDrugRules.Text), "--coverage-format", "json", "--format", format);
        Assert.Equal((2, ""), (exit, stdout));
        Assert.StartsWith($"error: --coverage-format json and --format {format} would both be the document on standard output", stderr);
    }

    [Theory]
    [InlineData("xml", "error: --coverage-format is one of text, json, not `xml`")]
    [InlineData("", "error: --coverage-format is one of text, json, not ``")]
    public void A_bad_coverage_format_is_a_usage_error_not_a_crash(string value, string message)
    {
        var (exit, stdout, stderr) = CliRunner.Run("test", Write(OneDrugRules.Text), "--coverage-format", value, "--format", "json");
        Assert.Equal((2, ""), (exit, stdout));
        Assert.StartsWith(message, stderr);
    }

    [Fact]
    public void Completing_the_coverage_format_offers_its_words()
    {
        var (exit, stdout, _) = CliRunner.Run("[suggest:32]", "ixarules test --coverage-format ");
        Assert.Equal((0, "json\ntext\n"), (exit, stdout));
    }
}
