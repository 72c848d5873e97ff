using IxaRules.Evaluation;
using static IxaRules.Tests.Evaluation.RunHarness;

namespace IxaRules.Tests.Evaluation;

/// <summary>Cycle starts and delays, phases, titration, and what unknown values do.</summary>
public class CalendarSemanticsTests
{
    [Fact]
    public void Unmet_cycle_start_criteria_delay_the_cycle_and_shift_the_later_ones()
    {
        var o = Run(IRd + """
            scenario "low platelets at cycle 2"
              patient crcl 80 mL/min, hepatic none
              day 1: platelets 200 x10^9/L, anc 2 x10^9/L
              day 27: platelets 60 x10^9/L
              day 32: platelets 90 x10^9/L
              day 60: platelets 150 x10^9/L
            """);
        Assert.Equal([29, 30, 31], o.Administrations.Where(a => a.Status == DoseStatus.Delayed && a.Drug == "ixazomib").Select(a => a.Day));
        var cycle2 = o.At("ixazomib", 32);
        Assert.Equal((2, 1), (cycle2.Cycle, cycle2.CycleDay));
        o.Given("ixazomib", 32, 4);
        Assert.Equal(3, o.At("ixazomib", 60).Cycle); // cycle 3 due on day 60 = 32 + 28, not 57
        Assert.Contains(o.Decisions, d => d.Kind == DecisionKind.Cycle && d.Action == "cycle 2 starts on day 32 after a 3-day delay");
        var delay = o.Decisions.First(d => d.Kind == DecisionKind.CycleDelay);
        Assert.Contains("platelets = 60 ×10⁹/L (day 27)", delay.Facts);
        Assert.StartsWith("criteria not met", delay.Action);
    }

    [Fact]
    public void Recheck_interval_and_maximum_delay()
    {
        var text = IRd.Replace("    else delay\n", "    else delay recheck every 7 days at most 14 days then discontinue regimen\n");
        var recovered = Run(text + """
            scenario "recovers by the second check"
              patient crcl 80 mL/min, hepatic none
              day 1: platelets 200 x10^9/L, anc 2 x10^9/L
              day 27: platelets 60 x10^9/L
              day 30: platelets 90 x10^9/L
            """);
        o_Cycle2StartsOn(recovered, 36); // checked on 29 (unmet), 36 (met): day 30's recovery waits for the re-check

        var never = Run(text + """
            scenario "never recovers"
              patient crcl 80 mL/min, hepatic none
              day 1: platelets 200 x10^9/L, anc 2 x10^9/L
              day 27: platelets 60 x10^9/L
            """, new RunOptions(Days: 100));
        Assert.Equal(43, never.Days); // checks on 29, 36, 43; at 43 the delay reached 14 days
        Assert.Equal("cycle 2 could not start within the 14-day maximum delay", never.EndReason);
    }

    private static void o_Cycle2StartsOn(Outcome o, int day) =>
        Assert.Contains(o.Decisions, d => d.Kind == DecisionKind.Cycle && d.Name == "2" && d.Day == day);

    [Fact]
    public void Unknown_values_are_never_true_and_the_trail_says_why()
    {
        var o = Run(IRd + Thrombocytopenia + """
            scenario "no labs"
              patient age 70, crcl 80 mL/min, hepatic none
            """, new RunOptions(Days: 40));
        // A trigger on a value never measured does not fire, and says so once, loudly.
        Assert.Empty(o.Rules("thrombocytopenia"));
        var warning = Assert.Single(o.Decisions, d => d.Kind == DecisionKind.Warning && d.Name == "thrombocytopenia");
        Assert.Equal(1, warning.Day);
        Assert.Contains("platelets never measured", warning.Facts);
        Assert.Contains("could not be evaluated", warning.Action);
        // Cycle-start criteria that cannot be evaluated are not met: cycle 2 waits.
        var delay = o.Decisions.First(d => d.Kind == DecisionKind.CycleDelay);
        Assert.StartsWith("criteria could not be evaluated", delay.Action);
        Assert.Contains("anc never measured", delay.Facts);
        Assert.Contains(o.Administrations, a => a.Drug == "ixazomib" && a.Day == 29 && a.Status == DoseStatus.Delayed);
    }

    [Fact]
    public void A_hold_ends_only_when_recovery_is_known()
    {
        var o = Run(IRd + """
            rule rash_hold
              when rash grade 3
              hold lenalidomide until anc >= 1 x10^9/L

            scenario "recovery condition on an unmeasured lab"
              patient crcl 80 mL/min, hepatic none
              day 1: platelets 200 x10^9/L
              day 3: rash grade 3
            """, new RunOptions(Days: 21));
        o.Status("lenalidomide", 21, DoseStatus.Held);
        Assert.DoesNotContain(o.Decisions, d => d.Kind == DecisionKind.Recovery);
    }

    [Fact]
    public void Starting_dose_adjustments_use_crcl_or_cockcroft_gault()
    {
        var given = Run(IRd + """
            scenario "crcl given"
              patient crcl 55 mL/min, hepatic none
              day 1: platelets 200 x10^9/L, anc 2 x10^9/L
            """, new RunOptions(Days: 1));
        given.Given("lenalidomide", 1, 10);

        // (140 - 80) × 60 / (72 × 1.2) × 0.85 = 35.4 mL/min: lenalidomide 10 mg, ixazomib 4 mg.
        var computed = Run(IRd + """
            scenario "cockcroft-gault"
              patient age 80, weight 60 kg, creatinine 1.2 mg/dL, sex female, hepatic none, dialysis no
              day 1: platelets 200 x10^9/L, anc 2 x10^9/L
            """, new RunOptions(Days: 1));
        computed.Given("lenalidomide", 1, 10);
        computed.Given("ixazomib", 1, 4);
        Assert.Contains("crcl = 35.42 mL/min", Assert.Single(computed.Decisions, d => d.Kind == DecisionKind.StartAdjustment && d.Name == "lenalidomide").Facts);

        var hepatic = Run(IRd + """
            scenario "moderate hepatic impairment"
              patient crcl 90 mL/min, hepatic moderate
              day 1: platelets 200 x10^9/L, anc 2 x10^9/L
            """, new RunOptions(Days: 1));
        hepatic.Given("ixazomib", 1, 3);
        hepatic.Given("lenalidomide", 1, 25);
    }

    [Fact]
    public void Phases_run_in_order_with_their_own_starting_doses()
    {
        var o = Run("""
            regimen ITd
              phase induction: cycle 28 days for 2 cycles
                drug ixazomib oral 4 mg days 1, 8, 15
                  levels 4 mg > 3 mg > 2.3 mg > discontinue
                drug thalidomide oral 100 mg daily
                  levels 100 mg > 50 mg > discontinue
                start thalidomide at 50 mg when age >= 75 years
              phase maintenance: cycle 28 days for 2 cycles
                drug ixazomib oral 4 mg days 1, 8, 15
                  levels 4 mg > 3 mg > 2.3 mg > discontinue
                start ixazomib at 3 mg when age >= 75 years

            scenario "elderly"
              patient age 78
            """);
        o.Given("thalidomide", 1, 50);
        o.Given("ixazomib", 1, 4);
        o.Given("ixazomib", 57, 3);                 // maintenance cycle 1 at 3 mg for age >= 75
        Assert.False(o.Has("thalidomide", 57));     // thalidomide belongs to induction only
        Assert.Equal("maintenance", o.At("ixazomib", 57).Phase);
        Assert.Equal(112, o.Days);
        Assert.Equal("regimen completed after cycle 4 (day 112)", o.EndReason);
    }

    private const string Maintenance = """
        regimen maintenance
          cycle 28 days for 6 cycles
          drug ixazomib oral 3 mg days 1, 8, 15
            levels 4 mg > 3 mg > 2.3 mg > discontinue
          titrate ixazomib to 4 mg from cycle 5 if tolerated

        rule thrombocytopenia
          when platelets < 30 x10^9/L
          hold ixazomib until platelets >= 30 x10^9/L

        """;

    [Fact]
    public void Titration_raises_the_dose_only_if_tolerated()
    {
        var tolerated = Run(Maintenance + """
            scenario "tolerated"
              patient age 60
            """);
        tolerated.Given("ixazomib", 85, 3);   // cycle 4
        tolerated.Given("ixazomib", 113, 4);  // cycle 5
        Assert.Equal((3 * 3 * 4) + (4 * 3 * 2), tolerated.Metrics[0].CumulativeMg); // cycles 1-4 at 3 mg, 5-6 at 4 mg

        var held = Run(Maintenance + """
            scenario "held in cycle 2"
              patient age 60
              day 1: platelets 150 x10^9/L
              day 36: platelets 20 x10^9/L
              day 40: platelets 80 x10^9/L
            """);
        held.Given("ixazomib", 113, 3);
        Assert.Contains("not titrated", Assert.Single(held.Decisions, d => d.Kind == DecisionKind.Titration).Action);
    }

    [Fact]
    public void An_adjustment_can_replace_the_schedule_with_every_other_day()
    {
        var o = Run("""
            regimen Rd
              cycle 28 days for 1 cycles
              drug lenalidomide oral 25 mg days 1-21
                levels 25 mg > 15 mg > 10 mg > 5 mg > discontinue
              start lenalidomide at 15 mg every other day days 1-21 when crcl < 30 mL/min and not dialysis

            scenario "severe renal impairment"
              patient crcl 25 mL/min, dialysis no
            """);
        Assert.Equal([1, 3, 5, 7, 9, 11, 13, 15, 17, 19, 21], o.Administrations.Select(a => a.Day));
        Assert.All(o.Administrations, a => Assert.Equal(15m, a.GivenMg));
        Assert.Equal("lenalidomide starts at 15 mg every other day days 1-21", Assert.Single(o.Decisions, d => d.Kind == DecisionKind.StartAdjustment).Action);
    }
}
