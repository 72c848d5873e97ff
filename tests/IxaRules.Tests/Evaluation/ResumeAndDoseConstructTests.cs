using IxaRules.Evaluation;
using IxaRules.Text;
using static IxaRules.Tests.Evaluation.RunHarness;

namespace IxaRules.Tests.Evaluation;

/// <summary>How doses come back and go down: explicit resume doses, attribution at the end of a hold, proportional reductions, dispensing.</summary>
public class ResumeAndDoseConstructTests
{
    [Fact]
    public void Resume_at_an_explicit_dose_and_schedule_changes_both_and_never_raises()
    {
        var o = Run(IRd + """
            rule thrombocytopenia
              when platelets < 30 x10^9/L
              hold lenalidomide until platelets >= 30 x10^9/L
              on recovery resume lenalidomide at 10 mg days 1-14

            scenario "s"
              patient crcl 80 mL/min, hepatic none, dialysis no
              day 1: platelets 200 x10^9/L, anc 2 x10^9/L
              day 5: platelets 20 x10^9/L
              day 8: platelets 90 x10^9/L
            """, new RunOptions(Days: 22));
        o.Given("lenalidomide", 8, 10);
        o.Given("lenalidomide", 14, 10);
        Assert.False(o.Has("lenalidomide", 15)); // the new schedule: days 1-14
        Assert.Equal(1, o.Metrics.Single(m => m.Drug == "lenalidomide").Reductions);

        var notRaised = Run(IRd.Replace("start lenalidomide at 10 mg when crcl <= 60 mL/min", "start lenalidomide at 5 mg when crcl <= 60 mL/min") + """
            rule thrombocytopenia
              when platelets < 30 x10^9/L
              hold lenalidomide until platelets >= 30 x10^9/L
              on recovery resume lenalidomide at 10 mg

            scenario "s"
              patient crcl 50 mL/min, hepatic none, dialysis no
              day 1: platelets 200 x10^9/L, anc 2 x10^9/L
              day 5: platelets 20 x10^9/L
              day 8: platelets 90 x10^9/L
            """, new RunOptions(Days: 10));
        notRaised.Given("lenalidomide", 8, 5);
        Assert.Contains("(not raised to 10 mg)", notRaised.Decisions.Single(d => d.Kind == DecisionKind.Recovery).Action);
    }

    [Fact]
    public void A_resume_dose_must_be_a_level()
    {
        var result = RuleFiles.Check(new SourceText("t.ixr", IRd + """
            rule thrombocytopenia
              when platelets < 30 x10^9/L
              hold lenalidomide until platelets >= 30 x10^9/L
              on recovery resume lenalidomide at 12 mg
            """));
        Assert.Equal("IXR2009", Assert.Single(result.Diagnostics, d => d.IsError).Code);
    }

    private const string Attribution = """
        rule other_toxicity
          when any non-haematologic grade >= 3
          hold ixazomib until any non-haematologic grade <= 1
          on recovery resume ixazomib next lower if attributed to ixazomib else same

        """;

    [Theory]
    [InlineData("day 6: diarrhoea grade 3 attributed to ixazomib", 3, "(attributed to ixazomib)")]
    [InlineData("day 6: diarrhoea grade 3 attributed to lenalidomide", 4, "(not attributed to ixazomib)")]
    [InlineData("day 6: diarrhoea grade 3", 4, "(not attributed to ixazomib)")]
    public void Attribution_is_judged_when_the_hold_ends(string later, int mg, string said)
    {
        var o = Run(IRd + Attribution + $"""
            scenario "s"
              patient crcl 80 mL/min, hepatic none, dialysis no
              day 1: platelets 200 x10^9/L, anc 2 x10^9/L
              day 4: diarrhoea grade 3
              {later}
              day 10: diarrhoea grade 1
            """, new RunOptions(Days: 16));
        o.Status("ixazomib", 8, DoseStatus.Held);
        o.Given("ixazomib", 15, mg);
        Assert.EndsWith(said, o.Decisions.Single(d => d.Kind == DecisionKind.Recovery).Action);
    }

    [Fact]
    public void Reduce_by_a_percentage_halves_the_current_dose_each_time()
    {
        var o = Run("""
            regimen T
              cycle 28 days for 1 cycles
              drug thalidomide oral 100 mg daily

            rule pn
              when neuropathy grade 2
              reduce thalidomide by 50%

            scenario "s"
              patient age 60
              day 5: neuropathy grade 2
              day 8: neuropathy grade 1
              day 10: neuropathy grade 2
            """);
        o.Given("thalidomide", 4, 100);
        o.Given("thalidomide", 5, 50);
        o.Given("thalidomide", 10, 25);
        Assert.Equal(2, o.Metrics[0].Reductions);
        Assert.Contains("thalidomide 50 mg → 25 mg (50% less)", o.Decisions.Last(d => d.Kind == DecisionKind.Rule).Action);
    }

    [Theory]
    [InlineData("by 100%", "IXR2022")]
    [InlineData("by 0%", "IXR2022")]
    [InlineData("by 50 mg", "IXR2002")]
    public void A_proportional_reduction_is_a_percentage_between_0_and_100(string how, string code)
    {
        var result = RuleFiles.Check(new SourceText("t.ixr", $"""
            regimen T
              cycle 28 days for 1 cycles
              drug thalidomide oral 100 mg daily

            rule pn
              when neuropathy grade 2
              reduce thalidomide {how}
            """));
        Assert.Equal(code, Assert.Single(result.Diagnostics).Code);
    }

    [Fact]
    public void Next_lower_after_a_proportional_reduction_is_the_next_level_below_the_dose()
    {
        var o = Run("""
            regimen T
              cycle 28 days for 1 cycles
              drug ixazomib oral 4 mg days 1, 8, 15, 22
                levels 4 mg > 3 mg > 2.3 mg > discontinue

            rule a
              when rash grade 2
              reduce ixazomib by 10%

            rule b
              when rash grade 3
              reduce ixazomib next lower

            scenario "s"
              patient age 60
              day 2: rash grade 2
              day 9: rash grade 3
            """);
        o.Given("ixazomib", 8, 3.6m);
        o.Given("ixazomib", 15, 3); // 3.6 mg: the next level below is 3 mg, not discontinuation
    }

    private const string Dispensed = """
        regimen W
          cycle 28 days for 1 cycles
          drug ixazomib oral 2.97 mg/m2 days 1, 8, 15
            levels 2.97 mg/m2 > 2.23 mg/m2 > discontinue
          dispense ixazomib as 4 mg, 3 mg, 2.3 mg capsules ROUNDING

        scenario "s"
          patient height HEIGHT cm, weight WEIGHT kg

        """;

    [Theory]
    [InlineData("rounded down", 170, 70, 5.3)]      // 5.41 mg: 3 + 2.3 is the most not above it
    [InlineData("rounded to nearest", 170, 70, 5.3)] // 5.3 is nearer than 6
    [InlineData("rounded down", 172, 75, 5.3)]      // 2.97 x 1.89 = 5.61 mg
    [InlineData("rounded to nearest", 150, 40, 4)]  // 2.97 x 1.29 = 3.83 mg: 4 is nearer than 3
    [InlineData("rounded down", 150, 40, 3)]
    public void Body_size_doses_are_dispensed_in_whole_capsules(string rounding, int height, int weight, decimal mg)
    {
        var o = Run(Dispensed.Replace("ROUNDING", rounding).Replace("HEIGHT", height.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .Replace("WEIGHT", weight.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        o.Given("ixazomib", 1, mg);
        Assert.Equal(mg * 3, o.Metrics[0].CumulativeMg);
        Assert.Equal(100m, o.Metrics[0].RelativeDoseIntensity); // the prescription is what can be dispensed
    }

    [Fact]
    public void A_dose_no_capsule_fits_under_is_held_not_silently_given()
    {
        var o = Run(Dispensed.Replace("4 mg, 3 mg, 2.3 mg", "4 mg").Replace("ROUNDING", "rounded down").Replace("HEIGHT", "150").Replace("WEIGHT", "40"));
        var a = o.At("ixazomib", 1);
        Assert.Equal((DoseStatus.Held, 0m), (a.Status, a.GivenMg));
        Assert.StartsWith("cannot be dispensed", a.Note);
    }

    [Fact]
    public void Dispensing_rounding_must_be_stated()
    {
        var result = RuleFiles.Check(new SourceText("t.ixr", Dispensed.Replace(" ROUNDING", "")));
        Assert.Equal("IXR0001", result.Diagnostics[0].Code);
    }
}
