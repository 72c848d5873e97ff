namespace IxaRules.Tests.Cli;

/// <summary>
/// Through the command line: patient and events files written in another case run exactly as the
/// lower-case ones; route aliases check clean; `--min-coverage` is a percentage.
/// </summary>
public sealed class InputSpellingCliTests : TempFolderTest
{
    [Fact]
    public void A_patient_and_events_in_title_case_run_as_the_lower_case_ones()
    {
        var example = Path.Combine(TestPaths.Examples, "ird", "worked-example");
        var patient = File.ReadAllText(example + ".patient.yaml");
        var events = File.ReadAllText(example + ".events");
        var titlePatient = Write("worked-example.patient.yaml", patient
            .Replace("age:", "Age:", StringComparison.Ordinal).Replace("sex: male", "Sex: Male", StringComparison.Ordinal)
            .Replace("hepatic: none", "Hepatic: None", StringComparison.Ordinal).Replace("dialysis: false", "Dialysis: False", StringComparison.Ordinal));
        var titleEvents = Write("worked-example.events", events
            .Replace("day ", "Day ", StringComparison.Ordinal).Replace("platelets", "Platelets", StringComparison.Ordinal)
            .Replace("anc", "ANC", StringComparison.Ordinal).Replace("x10^9/L", "X10^9/l", StringComparison.Ordinal));
        Assert.NotEqual(patient, File.ReadAllText(titlePatient));
        Assert.NotEqual(events, File.ReadAllText(titleEvents));

        var lower = CliRunner.Run("run", "rules/ird.ixr", "--patient", example + ".patient.yaml", "--events", example + ".events", "--plain");
        var title = CliRunner.Run("run", "rules/ird.ixr", "--patient", titlePatient, "--events", titleEvents, "--plain");

        Assert.Equal(0, lower.Exit);
        Assert.Equal((lower.Exit, lower.Stdout.Replace(example, "X", StringComparison.Ordinal)), (title.Exit, title.Stdout.Replace(Path.Combine(Dir, "worked-example"), "X", StringComparison.Ordinal)));
    }

    [Fact]
    public void Route_aliases_check_clean_and_an_unknown_route_names_them()
    {
        var good = Write("alias.ixr", "regimen R\n  cycle 28 days for 1 cycles\n  drug ixazomib po 4 mg days 1, 8, 15\n  drug dexamethasone intravenous 40 mg days 1, 8, 15, 22\n");
        Assert.Equal(0, CliRunner.Run("check", good).Exit);

        var (exit, stdout, _) = CliRunner.Run("check", Write("buccal.ixr", "regimen R\n  cycle 28 days for 1 cycles\n  drug ixazomib buccal 4 mg days 1, 8, 15\n"));
        Assert.Equal(1, exit);
        Assert.Contains("= help: routes are `oral` (or `po`), `iv` (or `intravenous`), `sc` (or `subcutaneous`)", stdout);
    }

    [Theory]
    [InlineData("150")]
    [InlineData("-1")]
    public void Min_coverage_outside_0_to_100_is_a_usage_error(string value)
    {
        var (exit, stdout, stderr) = CliRunner.Run("test", "rules/ird.ixr", "--min-coverage", value);
        Assert.Equal((2, ""), (exit, stdout));
        Assert.StartsWith("error: --min-coverage is a percentage, 0 to 100\n", stderr);
    }
}
