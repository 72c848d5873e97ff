using IxaRules.Evaluation;
using IxaRules.Text;
using static IxaRules.Tests.Evaluation.RunHarness;

namespace IxaRules.Tests.Evaluation;

/// <summary>What a run measures and reads: exposure to any event, time-based intensity, titration's stated tolerance, bsa, units, names.</summary>
public class MeasureConstructTests
{
    private const string Single = """
        regimen single
          cycle 28 days for 3 cycles
          drug ixazomib oral 4 mg days 1, 8, 15

        """;

    private static Exposure ExposureTo(string target, string events, int? days = null)
    {
        var (parsed, problems) = ExposureTargets.Parse(target);
        Assert.True(parsed is not null, string.Join("\n", problems));
        return Run(Single + "scenario \"s\"\n  patient age 60\n" + events, new RunOptions(days, parsed)).Exposure!;
    }

    [Fact]
    public void Exposure_to_the_first_adverse_event_of_a_grade_is_the_first_day_it_holds()
    {
        var e = ExposureTo("rash grade >= 2", "  day 5: rash grade 1\n  day 12: rash grade 2\n  day 20: rash grade 3\n", days: 40);
        Assert.True(e.EventOccurred);
        Assert.Equal((12, 12, 8m), (e.EventDay, e.Days, e.TotalDoseMg)); // doses of days 1 and 8; the event day's is excluded
        Assert.Equal("rash grade >= 2", e.Event);
    }

    [Fact]
    public void Exposure_to_a_lab_event_and_to_one_that_never_happens()
    {
        Assert.Equal(9, ExposureTo("platelets < 50 x10^9/L", "  day 1: platelets 200 x10^9/L\n  day 9: platelets 40 x10^9/L\n", days: 40).EventDay);
        var never = ExposureTo("thrombocytopenia grade >= 3", "", days: 40);
        Assert.False(never.EventOccurred);
        Assert.Equal("end of observation (thrombocytopenia grade >= 3 did not occur)", never.Event);
    }

    [Fact]
    public void An_efficacy_event_after_the_last_dosing_cycle_counts_time_to_the_end_of_that_cycle()
    {
        // Three cycles end on day 84; progression is reported on day 120 (seed 000 §2.2).
        var e = ExposureTo("progression", "  day 120: progression\n");
        Assert.True(e.EventOccurred);
        Assert.Equal((120, 84, 36m), (e.EventDay, e.Days, e.TotalDoseMg));
    }

    [Theory]
    [InlineData("rahs grade 2", "IXR1004")]
    [InlineData("day:0", "IXR4007")]
    [InlineData("rash grade", "IXR0001")]
    [InlineData("`Day > 3`", "IXR1014")]
    public void A_bad_exposure_target_is_a_located_diagnostic(string target, string code)
    {
        var (parsed, problems) = ExposureTargets.Parse(target);
        Assert.Null(parsed);
        Assert.Equal(code, problems[0].Code);
        Assert.Equal("--exposure-to", problems[0].Source.Path);
    }

    [Fact]
    public void The_cli_measures_exposure_to_a_quoted_event()
    {
        var dir = Path.Combine(TestPaths.Examples, "ird");
        var (exit, stdout, _) = CliRunner.Run("run", Path.Combine(TestPaths.Rules, "ird.ixr"), "--patient", Path.Combine(dir, "rash.patient.yaml"),
            "--events", Path.Combine(dir, "rash.events"), "--json", "--exposure-to", "rash grade >= 2");
        Assert.Equal(0, exit);
        Assert.Contains("\"event\": \"rash grade >= 2\"", stdout);
        Assert.Contains("\"eventDay\": 10", stdout);
    }

    [Fact]
    public void Time_based_intensity_counts_delay_days_dose_based_does_not()
    {
        var o = Run(IRd + """
            scenario "a week's delay"
              patient crcl 80 mL/min, hepatic none, dialysis no
              day 1: platelets 200 x10^9/L, anc 2 x10^9/L
              day 27: platelets 200 x10^9/L, anc 0.8 x10^9/L
              day 36: anc 1.5 x10^9/L
            """, new RunOptions(Days: 63));
        var dex = o.Metrics.Single(m => m.Drug == "dexamethasone");
        Assert.Equal(100m, dex.RelativeDoseIntensity);
        Assert.Equal(Math.Round(320m / (40m * 4 / 28 * 63) * 100, 1), dex.TimeRelativeDoseIntensity); // 2 cycles' doses over 56 + 7 days
    }

    [Fact]
    public void Conflicting_reports_of_one_lab_on_one_day_name_both_lines()
    {
        var ird = RuleFiles.Check(SourceText.FromFile(Path.Combine(TestPaths.Rules, "ird.ixr"))).Model!.Regimens[0];
        var (_, problems) = RuleFiles.LoadEvents(new SourceText("e.events", "day 3: platelets 25 x10^9/L\nday 3: platelets 60 x10^9/L\nday 3: platelets 25000/mm3\n"), ird, null);
        var conflict = Assert.Single(problems);
        Assert.Equal(("IXR4006", 2, 8), (conflict.Code, conflict.Start.Line, conflict.Start.Column));
        Assert.Contains("line 1 says 25 ×10⁹/L", conflict.Message);

        var scenario = RuleFiles.Check(new SourceText("t.ixr", IRd + """
            scenario "two grades"
              patient crcl 80 mL/min, hepatic none, dialysis no
              day 3: rash grade 2, rash grade 3
            """));
        Assert.Equal("IXR4006", Assert.Single(scenario.Diagnostics).Code);
    }

    [Theory]
    [InlineData("mosteller", 3)] // sqrt(150 x 45 / 3600) = 1.37 m²
    [InlineData("dubois", 3)]     // 0.007184 x 150^0.725 x 45^0.425 = 1.37 m²
    public void Bsa_conditions_use_the_regimens_formula(string method, int mg)
    {
        var o = Run($"""
            regimen B
              bsa {method}
              cycle 28 days for 1 cycles
              drug ixazomib oral 4 mg days 1, 8, 15
                levels 4 mg > 3 mg > 2.3 mg > discontinue
              start ixazomib at 3 mg when bsa < 1.5 m2

            scenario "small"
              patient height 150 cm, weight 45 kg
            """);
        o.Given("ixazomib", 1, mg);
        Assert.Contains("bsa = 1.37 m²", o.Decisions.Single(d => d.Kind == DecisionKind.StartAdjustment).Facts);
    }

    private const string Titrated = """
        regimen M
          cycle 28 days for 6 cycles
          drug ixazomib oral 3 mg days 1, 8, 15
            levels 4 mg > 3 mg > 2.3 mg > discontinue
          titrate ixazomib to 4 mg from cycle 3 TOLERANCE
          before each cycle
            require anc >= 1 x10^9/L

        """;

    [Theory]
    [InlineData("if tolerated: no delay", 3)]        // the delay of cycle 2 (in cycle 1) counts
    [InlineData("if tolerated: no hold", 4)]         // a delay is not a hold
    [InlineData("if tolerated: no delay in cycles 2-2", 4)] // only cycle 2 is looked at
    public void Tolerated_means_what_the_file_says(string tolerance, int mg)
    {
        var o = Run(Titrated.Replace("TOLERANCE", tolerance) + """
            scenario "a delayed cycle 2"
              patient age 60
              day 1: anc 2 x10^9/L
              day 27: anc 0.8 x10^9/L
              day 31: anc 1.5 x10^9/L
              day 59: anc 1.6 x10^9/L
            """, new RunOptions(Days: 60));
        o.Given("ixazomib", 59, mg);
    }

    [Fact]
    public void If_tolerated_without_criteria_is_warned_about_and_a_bad_window_refused()
    {
        var warned = RuleFiles.Check(new SourceText("t.ixr", Titrated.Replace("TOLERANCE", "if tolerated")));
        Assert.Contains(warned.Diagnostics, d => d.Code == "IXR3003" && d.Start == (5, 41));
        Assert.DoesNotContain(warned.Diagnostics, d => d.IsError);
        var bad = RuleFiles.Check(new SourceText("t.ixr", Titrated.Replace("TOLERANCE", "if tolerated: no hold in cycles 2-3")));
        Assert.Equal("IXR2018", Assert.Single(bad.Diagnostics).Code);
    }

    [Fact]
    public void Starting_with_in_a_later_branch_is_warned_about_with_the_start_that_would_say_it()
    {
        var result = RuleFiles.Check(new SourceText("t.ixr", IRd + """
            rule rash
              counter per rule
              when rash grade 2..3
              occurrence 1:
                hold lenalidomide until rash grade <= 1
                on recovery resume lenalidomide next lower
              occurrence 2 or later:
                hold ixazomib, lenalidomide until rash grade <= 1
                on recovery alternate lenalidomide, ixazomib next lower, starting with lenalidomide
            """));
        var warning = Assert.Single(result.Diagnostics, d => d.Code == "IXR3004");
        Assert.Contains("occurrence 2 lowers `ixazomib`", warning.Message);
        Assert.Contains("write `starting with ixazomib`", warning.Help);
    }

    [Theory]
    [InlineData("single-weekly-2")]
    [InlineData("weekly-2x")]
    public void Names_may_carry_digits_after_a_hyphen(string name)
    {
        var result = RuleFiles.Check(new SourceText("t.ixr", $"regimen {name}\n  cycle 28 days for 1 cycles\n  drug ixazomib oral 4 mg days 1\n"));
        Assert.Empty(result.Diagnostics);
        Assert.Equal(name, result.Model!.Regimens[0].Name);
    }

    [Fact]
    public void Giga_per_litre_is_a_cell_count_and_grams_per_litre_a_concentration()
    {
        Assert.Equal((Binding.Dimension.CellCount, 1m), (Binding.Units.Lookup("G/L")!.Dimension, Binding.Units.Lookup("G/L")!.Factor));
        Assert.Equal(Binding.Dimension.MassConcentration, Binding.Units.Lookup("g/L")!.Dimension);
        var o = Run(IRd + Thrombocytopenia + """
            scenario "SI units"
              patient crcl 80 mL/min, hepatic none, dialysis no
              day 1: platelets 200 G/L, anc 2 G/L
              day 3: platelets 25 G/L
            """, new RunOptions(Days: 5));
        Assert.Single(o.Rules("thrombocytopenia"));
    }
}
