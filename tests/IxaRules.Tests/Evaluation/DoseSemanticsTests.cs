using IxaRules.Evaluation;
using static IxaRules.Tests.Evaluation.RunHarness;

namespace IxaRules.Tests.Evaluation;

/// <summary>What is given: body-size doses, missed and vomited doses, exposure, intensity, determinism.</summary>
public class DoseSemanticsTests
{
    private const string Weekly = """
        regimen weekly
          bsa mosteller
          cycle 28 days for 2 cycles
          drug ixazomib oral 2.97 mg/m2 days 1, 8, 15

        """;

    [Fact]
    public void Per_square_metre_doses_use_bsa_rounded_to_two_decimals()
    {
        // Mosteller: sqrt(170 × 70 / 3600) = 1.8181 → 1.82 m²; 2.97 × 1.82 = 5.4054 → 5.41 mg.
        Run(Weekly + "scenario \"s\"\n  patient height 170 cm, weight 70 kg\n").Given("ixazomib", 1, 5.41m);
        // DuBois: 0.007184 × 170^0.725 × 70^0.425 = 1.8097 → 1.81 m²; 2.97 × 1.81 = 5.3757 → 5.38 mg.
        Run(Weekly.Replace("bsa mosteller", "bsa dubois") + "scenario \"s\"\n  patient height 170 cm, weight 70 kg\n").Given("ixazomib", 1, 5.38m);
    }

    [Fact]
    public void Per_kilogram_doses_use_weight() =>
        Run("""
            regimen mel
              cycle 42 days for 1 cycles
              drug melphalan oral 0.25 mg/kg days 1-4

            scenario "s"
              patient weight 61.3 kg
            """).Given("melphalan", 1, 15.33m); // 0.25 × 61.3 = 15.325 → 15.33 (half away from zero)

    [Fact]
    public void A_missed_ixazomib_dose_is_taken_late_only_if_the_next_is_72_hours_away()
    {
        var o = Run(IRd + """
            scenario "missed doses"
              patient crcl 80 mL/min, hepatic none
              day 1: platelets 200 x10^9/L, anc 2 x10^9/L
              day 8: missed ixazomib, missed lenalidomide
            """);
        o.Status("ixazomib", 8, DoseStatus.Missed);
        o.Given("ixazomib", 9, 4);               // next dose day 15 is 144 h after day 9
        Assert.Equal("late dose for day 8", o.At("ixazomib", 9).Note);
        o.Status("lenalidomide", 8, DoseStatus.Missed); // no policy for lenalidomide: not made up
        Assert.Equal("not made up", o.At("lenalidomide", 8).Note);
        Assert.Equal(3, o.Metrics.Single(m => m.Drug == "ixazomib").DosesGiven); // days 1, 9 (late), 15 of the one cycle run
        Assert.Equal(100m, o.Metrics.Single(m => m.Drug == "ixazomib").RelativeDoseIntensity);

        var close = Run("""
            regimen twice
              cycle 21 days for 1 cycles
              drug ixazomib oral 2 mg days 1, 4, 8, 11
              missed ixazomib: take if next dose >= 72 hours away

            scenario "next dose too close"
              patient age 60
              day 1: missed ixazomib
            """);
        Assert.False(close.Has("ixazomib", 2)); // day 4 is only 48 h after day 2
        Assert.Contains("within 72 h", close.At("ixazomib", 1).Note);
    }

    [Fact]
    public void A_vomited_dose_counts_as_given_and_is_not_repeated()
    {
        var o = Run(IRd + """
            scenario "vomiting"
              patient crcl 80 mL/min, hepatic none
              day 1: platelets 200 x10^9/L, anc 2 x10^9/L
              day 8: vomited ixazomib
            """);
        var a = o.At("ixazomib", 8);
        Assert.Equal((DoseStatus.Given, 4m, "vomited; not repeated"), (a.Status, a.GivenMg, a.Note));
        Assert.False(o.Has("ixazomib", 9));
    }

    private const string Single = """
        regimen single
          cycle 28 days until progression
          drug ixazomib oral 4 mg days 1, 8, 15, 22

        """;

    [Theory]
    [InlineData(7, 4, 141.43)]   // one 4 mg dose over 7 days: 990 / 7
    [InlineData(8, 4, 123.75)]   // the day-8 dose is excluded: 990 / 8
    [InlineData(1, 4, 0)]        // an event on C1D1 counts a full 28-day cycle and no dose
    [InlineData(7, 3, 106.07)]   // dose-linear: 3 mg ≈ 106
    [InlineData(29, 4, 136.55)]  // four doses before day 29: 3960 / 29
    public void Exposure_follows_seed_000_section_2_2(int progressionDay, int mg, double aucPerDay)
    {
        var o = Run(Single.Replace("4 mg", $"{mg} mg") + $"scenario \"s\"\n  patient age 60\n  day {progressionDay}: progression\n");
        var e = o.Exposure!;
        Assert.True(e.EventOccurred);
        Assert.Equal(progressionDay, e.EventDay);
        Assert.Equal(progressionDay == 1 ? 28 : progressionDay, e.Days);
        Assert.Equal((decimal)aucPerDay, e.AucPerDay);
    }

    [Fact]
    public void Exposure_uses_the_patients_clearance_and_falls_back_to_the_end_of_observation()
    {
        var o = Run(Single + "scenario \"s\"\n  patient clf 5 L/h\n", new RunOptions(Days: 14));
        var e = o.Exposure!;
        Assert.False(e.EventOccurred);
        Assert.Equal(14, e.EventDay);
        Assert.Equal(5m, e.ClearanceLitresPerHour);
        Assert.Equal(114.29m, e.AucPerDay); // two doses before day 14: 8 mg × 1000 / 5 L/h / 14 days
    }

    [Fact]
    public void Same_inputs_give_byte_identical_json()
    {
        string Once() => OutcomeJson.Write(Run(IRd + Thrombocytopenia + """
            scenario "determinism"
              patient age 70, crcl 55 mL/min, hepatic none
              day 1: platelets 200 x10^9/L, anc 2 x10^9/L
              day 10: platelets 20 x10^9/L, rash grade 2
              day 13: platelets 90 x10^9/L, rash grade 0
              day 30: progression
            """));
        var first = Once();
        Assert.Equal(first, Once());
        Assert.Contains("\"status\": \"held\"", first);
        Assert.Contains("\"rdiPercent\": ", first);
    }
}
