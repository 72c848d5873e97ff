using IxaRules.Evaluation;
using IxaRules.Text;
using static IxaRules.Tests.Evaluation.RunHarness;

namespace IxaRules.Tests.Evaluation;

/// <summary>The constructs the label audit needed: renal schedules, dialysis timing, baseline-relative grades, freshness, limits.</summary>
public class LabelConstructTests
{
    private const string Len = """
        regimen Rd
          cycle 28 days for 2 cycles
          drug lenalidomide oral 25 mg days 1-21
            levels 25 mg > 15 mg > 10 mg > 5 mg > discontinue

        """;

    [Theory]
    [InlineData("every 48 hours days 1-21", new[] { 1, 3, 5, 7, 9, 11, 13, 15, 17, 19, 21 })]
    [InlineData("every 72 hours days 1-21", new[] { 1, 4, 7, 10, 13, 16, 19 })]
    [InlineData("every 24 hours days 1-5", new[] { 1, 2, 3, 4, 5 })]
    public void Every_n_hours_gives_every_n_over_24th_day(string schedule, int[] days)
    {
        var o = Run(Len.Replace("2 cycles", "1 cycles") + $"""
              start lenalidomide at 15 mg {schedule} when crcl < 30 mL/min

            scenario "s"
              patient crcl 20 mL/min
            """);
        Assert.Equal(days, o.Administrations.Select(a => a.Day));
        Assert.All(o.Administrations, a => Assert.Equal(15m, a.GivenMg));
    }

    [Fact]
    public void Every_n_hours_must_be_whole_days()
    {
        var result = RuleFiles.Check(new SourceText("t.ixr", Len + "  start lenalidomide at 15 mg every 30 hours when crcl < 30 mL/min\n"));
        var error = Assert.Single(result.Diagnostics);
        Assert.Equal(("IXR2022", 5, 37), (error.Code, error.Start.Line, error.Start.Column));
    }

    [Fact]
    public void A_dose_after_dialysis_says_so_on_dialysis_days_only()
    {
        var o = Run(Len + """
              start lenalidomide at 5 mg after dialysis when dialysis

            scenario "s"
              patient dialysis
              day 3: dialysis
            """, new RunOptions(Days: 5));
        o.Given("lenalidomide", 3, 5);
        Assert.Equal("given after dialysis", o.At("lenalidomide", 3).Note);
        Assert.Null(o.At("lenalidomide", 2).Note);
        Assert.Contains("days 1-21 after dialysis", Assert.Single(o.Decisions, d => d.Kind == DecisionKind.StartAdjustment).Action);
    }

    private const string Criteria = """
        regimen R
          cycle 28 days for 3 cycles
          drug ixazomib oral 4 mg days 1, 8, 15
            levels 4 mg > 3 mg > 2.3 mg > discontinue
          before each cycle
            require platelets >= 75 x10^9/L
            and any non-haematologic grade <= 1 or baseline
            measured within 3 days

        """;

    [Fact]
    public void Or_baseline_accepts_an_event_no_worse_than_the_patients_baseline()
    {
        var o = Run(Criteria + """
            scenario "baseline grade 2 neuropathy"
              patient neuropathy grade 2
              day 27: platelets 200 x10^9/L
              day 50: neuropathy grade 3
              day 55: platelets 200 x10^9/L
            """, new RunOptions(Days: 60));
        Assert.Equal(29, o.Decisions.Single(d => d.Kind == DecisionKind.Cycle && d.Name == "2").Day); // grade 2 = baseline: not a reason to wait
        var delay = o.Decisions.First(d => d.Kind == DecisionKind.CycleDelay && d.Name == "3");
        Assert.Equal(57, delay.Day); // grade 3, worse than the baseline: the cycle waits
        Assert.Contains("neuropathy grade 3 (day 50)", delay.Facts);
    }

    [Fact]
    public void Or_baseline_follows_an_upper_bound_only()
    {
        var result = RuleFiles.Check(new SourceText("t.ixr", Criteria.Replace("grade <= 1 or baseline", "grade >= 2 or baseline")));
        var error = Assert.Single(result.Diagnostics);
        Assert.Equal(("IXR2027", 7, 41), (error.Code, error.Start.Line, error.Start.Column));
    }

    [Fact]
    public void A_count_older_than_the_window_is_unknown_and_the_trail_says_how_old()
    {
        var o = Run(Criteria + """
            scenario "stale"
              patient age 60
              day 20: platelets 200 x10^9/L
              day 30: platelets 210 x10^9/L
            """, new RunOptions(Days: 35));
        var delay = Assert.Single(o.Decisions, d => d.Kind == DecisionKind.CycleDelay);
        Assert.Equal(29, delay.Day);
        Assert.StartsWith("criteria could not be evaluated", delay.Action);
        Assert.Contains("platelets = 200 ×10⁹/L (day 20) is 9 days old: stale (must be measured within 3 days)", delay.Facts);
        Assert.Equal(30, o.Decisions.Single(d => d.Kind == DecisionKind.Cycle && d.Name == "2").Day);
    }

    [Fact]
    public void Freshness_needs_a_lab_to_apply_to()
    {
        var result = RuleFiles.Check(new SourceText("t.ixr", Criteria.Replace("require platelets >= 75 x10^9/L\n    and ", "require ")));
        Assert.Equal(("IXR1014", 7), (result.Diagnostics[0].Code, result.Diagnostics[0].Start.Line));
    }

    [Fact]
    public void A_baseline_toxicity_is_not_an_occurrence_but_a_worsening_after_improvement_is()
    {
        var o = Run(Criteria + """
            rule neuropathy
              when neuropathy grade 2
              hold ixazomib until neuropathy grade <= 1

            scenario "baseline neuropathy"
              patient neuropathy grade 2
              day 10: neuropathy grade 1
              day 12: neuropathy grade 2
            """, new RunOptions(Days: 20));
        o.Given("ixazomib", 1, 4);
        o.Given("ixazomib", 8, 4);
        Assert.Equal([12], o.Rules("neuropathy").Select(d => d.Day));
        o.Status("ixazomib", 15, DoseStatus.Held);
    }

    [Fact]
    public void A_hold_that_does_not_recover_within_its_limit_discontinues_what_it_names()
    {
        var o = Run(IRd + """
            rule thrombocytopenia
              when platelets < 30 x10^9/L
              hold ixazomib, lenalidomide until platelets >= 30 x10^9/L at most 14 days then discontinue lenalidomide

            scenario "no recovery"
              patient crcl 80 mL/min, hepatic none, dialysis no
              day 1: platelets 200 x10^9/L, anc 2 x10^9/L
              day 3: platelets 20 x10^9/L
            """, new RunOptions(Days: 20));
        var limit = Assert.Single(o.Decisions, d => d.Kind == DecisionKind.HoldLimit);
        Assert.Equal(17, limit.Day); // held days 3-16: 14 days
        Assert.Contains("after 14 days of hold (at most 14): discontinue lenalidomide", limit.Action);
        o.Status("lenalidomide", 16, DoseStatus.Held);
        o.Status("lenalidomide", 17, DoseStatus.Discontinued);
        // Ixazomib, held by the same rule but not named by the limit, stays held until recovery.
        o.Status("ixazomib", 15, DoseStatus.Held);
        Assert.DoesNotContain(o.Decisions, d => d.Kind == DecisionKind.Recovery);
    }

    [Fact]
    public void A_hold_limit_on_the_regimen_ends_treatment()
    {
        var o = Run(IRd + """
            rule thrombocytopenia
              when platelets < 30 x10^9/L
              hold ixazomib until platelets >= 30 x10^9/L at most 7 days then discontinue regimen

            scenario "no recovery"
              patient crcl 80 mL/min, hepatic none, dialysis no
              day 1: platelets 200 x10^9/L, anc 2 x10^9/L
              day 3: platelets 20 x10^9/L
              day 10: platelets 40 x10^9/L
            """, new RunOptions(Days: 20));
        Assert.Null(o.StoppedOn); // day 10 ends the 7 days of hold, but recovery is checked first and the count arrives that day
        Assert.Single(o.Decisions, d => d.Kind == DecisionKind.Recovery);
        var stopped = Run(IRd + """
            rule thrombocytopenia
              when platelets < 30 x10^9/L
              hold ixazomib until platelets >= 30 x10^9/L at most 7 days then discontinue regimen

            scenario "no recovery"
              patient crcl 80 mL/min, hepatic none, dialysis no
              day 1: platelets 200 x10^9/L, anc 2 x10^9/L
              day 3: platelets 20 x10^9/L
            """, new RunOptions(Days: 20));
        Assert.Equal(10, stopped.StoppedOn);
        Assert.Contains("not recovered within the 7-day maximum hold", stopped.EndReason);
    }
}
