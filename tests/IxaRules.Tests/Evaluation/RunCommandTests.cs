using System.Text.Json;

namespace IxaRules.Tests.Evaluation;

public sealed class RunCommandTests : TempFolderTest
{
    private static string Example(string file) => Path.Combine(TestPaths.Examples, "ird", file);

    [Fact]
    public void Run_prints_the_table_the_trail_and_the_metrics()
    {
        var (exit, stdout, _) = CliRunner.Run("run", Path.Combine(TestPaths.Rules, "ird.ixr"),
            "--patient", Example("worked-example.patient.yaml"), "--events", Example("worked-example.events"));
        Assert.Equal(0, exit);
        Assert.Contains("administrations", stdout);
        Assert.Contains("decision trail", stdout);
        Assert.Contains("rule thrombocytopenia (occurrence 1)", stdout);
        Assert.Contains("platelets = 25 ×10⁹/L (day 43)", stdout);
        Assert.Contains("78.4%", stdout);
    }

    [Fact]
    public void Json_and_plain_together_are_a_usage_error()
    {
        var (exit, stdout, stderr) = CliRunner.Run("run", Path.Combine(TestPaths.Rules, "ird.ixr"), "--patient", Example("worked-example.patient.yaml"), "--json", "--plain");
        Assert.Equal(2, exit);
        Assert.Empty(stdout);
        Assert.Contains("--json and --plain", stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("--plain")]
    [InlineData("--json")]
    public void Control_characters_in_a_patient_id_reach_no_terminal_raw(string format)
    {
        var patient = Write("p.patient.yaml", File.ReadAllText(Example("worked-example.patient.yaml")).Replace("id: worked-example", "id: \"evil\\e[2J\\r\\nregimen IRd, patient forged\\u202E\"", StringComparison.Ordinal));
        string[] args = ["run", Path.Combine(TestPaths.Rules, "ird.ixr"), "--patient", patient, "--days", "28", .. format.Length > 0 ? new[] { format } : []];
        var (exit, stdout, stderr) = CliRunner.Run(args);
        Assert.True(exit == 0, stdout + stderr);
        Assert.DoesNotContain('\u001b', stdout);
        Assert.DoesNotContain('\r', stdout);
        Assert.DoesNotContain('\u202E', stdout);
        Assert.DoesNotContain(stdout.Split('\n'), l => l.StartsWith("regimen IRd, patient forged", StringComparison.Ordinal));
        if (format == "--json")
        {
            Assert.Equal("evil\u001b[2J\r\nregimen IRd, patient forged\u202E", JsonDocument.Parse(stdout).RootElement.GetProperty("patient").GetString());
        }
    }

    [Fact]
    public void Run_json_is_stable_and_complete()
    {
        string[] args = ["run", Path.Combine(TestPaths.Rules, "ird.ixr"), "--patient", Example("worked-example.patient.yaml"),
            "--events", Example("worked-example.events"), "--json", "--exposure-to", "day:43"];
        var (exit, stdout, _) = CliRunner.Run(args);
        Assert.Equal(0, exit);
        Assert.Equal(stdout, CliRunner.Run(args).Stdout);
        var root = JsonDocument.Parse(stdout).RootElement;
        Assert.Equal("IRd", root.GetProperty("regimen").GetString());
        Assert.Equal(84, root.GetProperty("days").GetInt32());
        var exposure = root.GetProperty("exposure");
        Assert.Equal(43, exposure.GetProperty("eventDay").GetInt32());
        Assert.Equal(20, exposure.GetProperty("totalDoseMg").GetDecimal()); // days 1, 8, 15, 29, 36: the day-43 dose is held
        var held = root.GetProperty("administrations").EnumerateArray().First(a => a.GetProperty("status").GetString() == "held");
        Assert.Equal(43, held.GetProperty("day").GetInt32());
    }

    [Fact]
    public void Bad_inputs_are_reported_and_nothing_runs()
    {
        var events = Write("bad.events", "day 3: platelets 20 mg\n");
        var (exit, stdout, stderr) = CliRunner.Run("run", Path.Combine(TestPaths.Rules, "ird.ixr"), "--patient", Example("worked-example.patient.yaml"), "--events", events);
        Assert.Equal(1, exit);
        Assert.Contains("error[IXR2002]", stdout);
        Assert.Contains("bad.events:1:21", stdout);
        Assert.Contains("nothing was run", stderr);
    }

    [Theory]
    [InlineData("--regimen", "IRD", "did you mean `IRd`?")]
    [InlineData("--days", "0", "--days must be between")]
    [InlineData("--exposure-to", "relapse", "--exposure-to names")]
    public void Bad_options_are_usage_errors(string option, string value, string message)
    {
        var (exit, _, stderr) = CliRunner.Run("run", Path.Combine(TestPaths.Rules, "ird.ixr"), "--patient", Example("worked-example.patient.yaml"), option, value);
        Assert.Equal(2, exit);
        Assert.Contains(message, stderr);
    }

    [Fact]
    public void Several_regimens_need_a_choice()
    {
        var (exit, _, stderr) = CliRunner.Run("run", Path.Combine(TestPaths.Rules, "ixazomib-single-agent.ixr"), "--patient", Example("worked-example.patient.yaml"));
        Assert.Equal(2, exit);
        Assert.Contains("choose one with --regimen", stderr);
    }

    [Fact]
    public void Missing_patient_option_is_a_usage_error()
    {
        var (exit, _, stderr) = CliRunner.Run("run", Path.Combine(TestPaths.Rules, "ird.ixr"));
        Assert.Equal(2, exit);
        Assert.Contains("--patient", stderr);
    }
}
