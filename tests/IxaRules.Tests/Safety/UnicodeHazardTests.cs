using IxaRules.Tests.Evaluation;
using IxaRules.Text;

namespace IxaRules.Tests.Safety;

/// <summary>Text that reads differently from what it is: bidirectional controls are errors anywhere, mixed-script names are warnings.</summary>
public class UnicodeHazardTests
{
    public static TheoryData<string, string> BidiPlacements() => new()
    {
        { "in a comment", RunHarness.IRd + "# ok \u202E }gnirts{ \n" },
        { "in a title", RunHarness.IRd.Replace("regimen IRd", "regimen IRd \"I\u2067Rd\u2069\"", StringComparison.Ordinal) },
        { "in a C# condition", RunHarness.IRd + "rule r\n  when `Day > 1 \u2066&& false\u2069`\n  reduce lenalidomide next lower\n" },
        { "between tokens", RunHarness.IRd + "rule r\n  when platelets\u200F < 30 x10^9/L\n  reduce lenalidomide next lower\n" },
    };

    [Theory]
    [MemberData(nameof(BidiPlacements))]
    public void A_bidi_control_anywhere_in_a_rule_file_is_an_error_at_its_position(string where, string text)
    {
        var result = RuleFiles.Check(new SourceText("b.ixr", text));
        var errors = result.Diagnostics.Where(d => d.Code == "IXR0011").ToList();
        Assert.Equal(text.Count(IxaRules.Diagnostics.Printable.IsBidiControl), errors.Count);
        Assert.All(errors, e => Assert.True(e.IsError && IxaRules.Diagnostics.Printable.IsBidiControl(text[e.Span.Start]), where));
        Assert.Null(result.Model);
    }

    [Fact]
    public void Bidi_controls_in_patient_and_events_files_are_errors()
    {
        var patient = RuleFiles.LoadPatient(new SourceText("p.yaml", "age: 66\nsex: male # \u202E\n"));
        Assert.Equal(("IXR0011", (2, 13)), (Assert.Single(patient.Diagnostics).Code, patient.Diagnostics[0].Start));
        var ird = RuleFiles.Check(SourceText.FromFile(Path.Combine(TestPaths.Rules, "ird.ixr"))).Model!;
        var (_, problems) = RuleFiles.LoadEvents(new SourceText("e.events", "day 1: platelets 50 x10^9/L # \u2066x\u2069\n"), ird.Regimens[0], null);
        Assert.Equal(2, problems.Count(d => d.Code == "IXR0011"));
    }

    [Fact]
    public void The_rendered_diagnostic_shows_the_control_escaped_not_raw()
    {
        var text = RunHarness.IRd + "# \u202E evil\n";
        var (exit, stdout, _) = HostileInputTests.CliOnFile(text, "check");
        Assert.Equal(1, exit);
        Assert.Contains("error[IXR0011]", stdout, StringComparison.Ordinal);
        Assert.DoesNotContain('\u202E', stdout);
    }

    [Fact]
    public void A_name_mixing_latin_and_cyrillic_is_a_warning_naming_its_look_alike()
    {
        // The `а` of `thrombocytopenia` below is Cyrillic: a second rule that looks like the first.
        var text = RunHarness.IRd + RunHarness.Thrombocytopenia.Replace("rule thrombocytopenia", "rule thrombocytopeniа", StringComparison.Ordinal);
        var result = RuleFiles.Check(new SourceText("m.ixr", text));
        var warning = Assert.Single(result.Diagnostics, d => d.Code == "IXR3005");
        Assert.False(warning.IsError);
        Assert.Contains("`thrombocytopenia`", warning.Message, StringComparison.Ordinal);
        Assert.Equal("thrombocytopeniа".Length, warning.Span.Length);
        Assert.Contains($"column {warning.Start.Column + 15}", warning.Help, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("μmol")]
    [InlineData("thrombocytopenia")]
    [InlineData("ελληνικά")]
    [InlineData("réduction")]
    public void Single_script_words_and_micro_prefixes_are_not_mixed(string word) => Assert.Null(UnicodeHazards.LooksLike(word));

    [Fact]
    public void Titles_in_quotes_may_mix_scripts()
    {
        var text = RunHarness.IRd.Replace("regimen IRd", "regimen IRd \"β2-microglobulin\"", StringComparison.Ordinal);
        Assert.DoesNotContain(RuleFiles.Check(new SourceText("t.ixr", text)).Diagnostics, d => d.Code == "IXR3005");
    }

    [Fact]
    public void Bytes_that_are_not_utf8_are_an_error_where_they_are_not_silently_replaced()
    {
        var dir = Directory.CreateTempSubdirectory("ixr-utf8").FullName;
        try
        {
            var path = Path.Combine(dir, "latin1.ixr");
            var text = System.Text.Encoding.UTF8.GetBytes(RunHarness.IRd + "# r\u00e9duction\n");
            var bytes = text.Select(b => b).ToList();
            var at = bytes.FindIndex(b => b == 0xC3); // the é (C3 A9) of the comment, written as Latin-1 E9
            bytes.RemoveRange(at, 2);
            bytes.Insert(at, 0xE9);
            File.WriteAllBytes(path, [.. bytes]);
            var (exit, stdout, _) = CliRunner.Run("check", path);
            Assert.Equal(1, exit);
            Assert.Contains("error[IXR0012]: the file is not valid UTF-8 here", stdout, StringComparison.Ordinal);
            Assert.Contains($"latin1.ixr:{RunHarness.IRd.Split('\n').Length}:4", stdout, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void Control_characters_in_any_input_are_errors_at_their_position()
    {
        var rules = RuleFiles.Check(new SourceText("n.ixr", RunHarness.IRd + "# a\0b\n"));
        Assert.Equal("IXR0012", Assert.Single(rules.Diagnostics, d => d.IsError).Code);
        var patient = RuleFiles.LoadPatient(new SourceText("p.yaml", "age: 66\nsex: ma\u001ble\n"));
        Assert.Equal(("IXR0012", (2, 8)), (Assert.Single(patient.Diagnostics).Code, patient.Diagnostics[0].Start));
        var ird = RuleFiles.Check(SourceText.FromFile(Path.Combine(TestPaths.Rules, "ird.ixr"))).Model!;
        var (_, problems) = RuleFiles.LoadEvents(new SourceText("e.events", "day 1: platelets 50 x10^9/L\u0007\n"), ird.Regimens[0], null);
        Assert.Contains(problems, d => d.Code == "IXR0012" && d.Start == (1, 28));
    }
}
