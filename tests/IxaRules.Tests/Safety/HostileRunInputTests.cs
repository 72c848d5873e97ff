using IxaRules.Text;

namespace IxaRules.Tests.Safety;

/// <summary>
/// Patient and events files with numbers no patient has: every one is a located error before
/// anything runs — never an overflow, a division by zero, "0 mg given" or a negative CrCl.
/// </summary>
public class HostileRunInputTests
{
    private const string Patient = "age: 66\nsex: male\nweight: 75 kg\nheight: 175 cm\ncreatinine: 1 mg/dL\nhepatic: none\ndialysis: false\n";

    private static string With(string key, string value) =>
        string.Join('\n', Patient.Split('\n').Select(l => l.StartsWith(key + ":", StringComparison.Ordinal) ? $"{key}: {value}" : l))
        + (Patient.Contains(key + ":", StringComparison.Ordinal) ? "" : $"{key}: {value}\n");

    [Theory]
    [InlineData("weight", "0 kg", "IXR4104")]
    [InlineData("weight", "1 kg", "IXR4104")]
    [InlineData("weight", "5000 kg", "IXR4104")]
    [InlineData("height", "0 cm", "IXR4104")]
    [InlineData("age", "200", "IXR4104")]
    [InlineData("creatinine", "0.00001 mg/dL", "IXR4104")]
    [InlineData("creatinine", "0 mg/dL", "IXR4104")]
    [InlineData("clf", "0 L/h", "IXR4104")]
    [InlineData("crcl", "900 mL/min", "IXR4104")]
    [InlineData("weight", "123456789012345678901234567890 kg", "IXR0008")]
    [InlineData("age", "1.0000000000000000000000000000001", "IXR0008")]
    public void An_implausible_or_huge_covariate_is_a_located_error(string key, string value, string code)
    {
        var text = With(key, value);
        var loaded = RuleFiles.LoadPatient(new SourceText("p.yaml", text));
        Assert.Null(loaded.Patient);
        var error = Assert.Single(loaded.Diagnostics, d => d.IsError);
        Assert.Equal(code, error.Code);
        var line = text.Split('\n').ToList().FindIndex(l => l.StartsWith(key + ":", StringComparison.Ordinal)) + 1;
        Assert.Equal((line, key.Length + 3), error.Start);
        Assert.Contains(code == "IXR0008" ? "digits" : "plausible", (error.Help ?? "") + error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("weight", "2 kg")]
    [InlineData("weight", "400 kg")]
    [InlineData("age", "130")]
    [InlineData("creatinine", "30 mg/dL")]
    public void The_ends_of_each_range_are_accepted_and_give_a_positive_crcl(string key, string value)
    {
        var loaded = RuleFiles.LoadPatient(new SourceText("p.yaml", With(key, value)));
        Assert.Empty(loaded.Diagnostics);
        Assert.True(loaded.Patient!.EffectiveCrCl > 0, $"CrCl {loaded.Patient.EffectiveCrCl}");
    }

    [Fact]
    public void Scenario_patients_get_the_same_ranges()
    {
        var text = Evaluation.RunHarness.IRd + """
            scenario "s"
              patient age 66, crcl 80 mL/min, hepatic none, dialysis no, weight 0 kg, height 175 cm
              day 1: platelets 200 x10^9/L
              expect cycle 1 starts on day 1

            """;
        var error = Assert.Single(RuleFiles.Check(new SourceText("s.ixr", text)).Diagnostics, d => d.IsError);
        Assert.Equal("IXR4104", error.Code);
    }

    [Theory]
    [InlineData("day 1: platelets 123456789012345678901234567890 x10^9/L", "IXR0008", 18)]
    [InlineData("day 123456789012345678901234567890: platelets 50 x10^9/L", "IXR0008", 5)]
    [InlineData("day 99999999: platelets 50 x10^9/L", "IXR4003", 5)]
    [InlineData("day 1: neutropenia grade 99999999999999999999", "IXR0008", 26)]
    public void Huge_numbers_in_an_events_file_are_located_errors(string line, string code, int column)
    {
        var ird = RuleFiles.Check(SourceText.FromFile(Path.Combine(TestPaths.Rules, "ird.ixr"))).Model!;
        var (events, problems) = RuleFiles.LoadEvents(new SourceText("e.events", line + "\n"), ird.Regimens[0], null);
        Assert.Empty(events);
        var error = problems.First(d => d.IsError);
        Assert.Equal(code, error.Code);
        Assert.Equal((1, column), error.Start);
    }

    [Theory]
    [InlineData("age: 66\n---\nage: 90\n", "IXR4105", 2, 1)]
    [InlineData("---\nage: 66\n---\nage: 90\n", "IXR4105", 3, 1)]
    [InlineData("age: 66\n...\n---\nage: 90\n", "IXR4105", 3, 1)]
    public void A_second_yaml_document_is_an_error_not_ignored(string text, string code, int line, int column)
    {
        var loaded = RuleFiles.LoadPatient(new SourceText("p.yaml", text));
        Assert.Null(loaded.Patient);
        var error = Assert.Single(loaded.Diagnostics);
        Assert.Equal(code, error.Code);
        Assert.Equal((line, column), error.Start);
    }

    [Fact]
    public void One_explicit_document_is_accepted()
    {
        var loaded = RuleFiles.LoadPatient(new SourceText("p.yaml", "---\n" + Patient + "...\n"));
        Assert.Empty(loaded.Diagnostics);
    }

    [Theory]
    [InlineData(9)]
    [InlineData(100_000)]
    public void Deep_flow_collections_are_refused_before_they_are_built(int depth)
    {
        var text = "baseline: " + new string('[', depth) + new string(']', depth) + "\n";
        var loaded = RuleFiles.LoadPatient(new SourceText("p.yaml", text));
        var error = Assert.Single(loaded.Diagnostics);
        Assert.Equal("IXR4106", error.Code);
        Assert.Equal((1, 10 + 8), error.Start); // the ninth level: the root mapping is the first
    }

    [Fact]
    public void Deep_block_mappings_are_refused_too()
    {
        var text = string.Concat(Enumerable.Range(0, 1_000).Select(i => new string(' ', i) + "k:\n")) + new string(' ', 1_000) + "x\n";
        var loaded = RuleFiles.LoadPatient(new SourceText("p.yaml", text));
        Assert.Equal("IXR4106", Assert.Single(loaded.Diagnostics).Code);
    }

    [Theory]
    [InlineData("&root\nage: 66\nself: *root\n", 1, 1)] // a mapping that contains itself overflowed the stack (afl)
    [InlineData("age: &a 66\nweight: *a\n", 1, 6)]
    [InlineData("age: 66\nbaseline: *nothing\n", 2, 11)]
    public void Yaml_anchors_and_aliases_are_refused_before_the_document_is_built(string text, int line, int column)
    {
        var loaded = RuleFiles.LoadPatient(new SourceText("p.yaml", text));
        var error = Assert.Single(loaded.Diagnostics);
        Assert.Equal("IXR4107", error.Code);
        Assert.Equal((line, column), error.Start);
    }
}
