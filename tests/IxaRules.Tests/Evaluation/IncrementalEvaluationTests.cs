using IxaRules.Evaluation;
using IxaRules.Text;
using static IxaRules.Tests.Evaluation.RunHarness;

namespace IxaRules.Tests.Evaluation;

/// <summary>
/// Runs skip re-evaluating rules and recovery tests on a day without events (nothing they read has
/// changed). These pin the edges of that: a test never evaluated yet, and C# conditions, which can
/// read the day and cycle and so are evaluated every day.
/// </summary>
public class IncrementalEvaluationTests
{
    [Fact]
    public void A_hold_whose_recovery_already_holds_resumes_the_next_day_without_a_new_event()
    {
        // Fires on platelets, recovers on anc, which is already fine: the recovery test has never been
        // evaluated for this hold, so the quiet day 11 must evaluate it.
        var o = Run(IRd + """
            rule odd_recovery
              when platelets < 30,000/mm3
              hold lenalidomide until anc >= 0.5 x10^9/L
              on recovery resume lenalidomide same

            scenario "recovers on a quiet day"
              patient crcl 80 mL/min, hepatic none
              day 1: platelets 200 x10^9/L, anc 2 x10^9/L
              day 10: platelets 20 x10^9/L
            """, new RunOptions(Days: 14));
        o.Status("lenalidomide", 10, DoseStatus.Held);
        o.Given("lenalidomide", 11, 25);
        Assert.Equal(11, Assert.Single(o.Decisions, d => d.Kind == DecisionKind.Recovery).Day);
    }

    [Fact]
    public void A_rule_stays_quiet_across_eventless_days_and_fires_again_after_its_condition_was_false()
    {
        var o = Run(IRd + Thrombocytopenia + """
            scenario "long episode"
              patient crcl 80 mL/min, hepatic none
              day 1: platelets 200 x10^9/L, anc 2 x10^9/L
              day 5: platelets 20 x10^9/L
              day 15: platelets 100 x10^9/L
              day 18: platelets 20 x10^9/L
            """, new RunOptions(Days: 21));
        Assert.Equal([5, 18], o.Rules("thrombocytopenia").Select(d => d.Day));
        Assert.All(Enumerable.Range(5, 10), day => o.Status("lenalidomide", day, DoseStatus.Held));
        o.Given("lenalidomide", 15, 15);
    }

    [Fact]
    public void A_terminal_event_that_does_not_end_treatment_does_not_hide_the_days_other_events()
    {
        // Fixed-length regimen, and the only rule naming progression does not fire: on day 10 the
        // terminal pass runs first, and the full pass must still see the platelets of that day.
        var o = Run(IRd.Replace("until progression or unacceptable toxicity", "for 6 cycles", StringComparison.Ordinal) + Thrombocytopenia + """
            rule progression_with_anaemia
              when progression and hemoglobin < 8 g/dL
              discontinue regimen

            scenario "progression, treatment goes on"
              patient crcl 80 mL/min, hepatic none
              day 1: platelets 200 x10^9/L, anc 2 x10^9/L, hemoglobin 12 g/dL
              day 10: progression, platelets 20 x10^9/L
            """, new RunOptions(Days: 14));
        Assert.Equal([10], o.Rules("thrombocytopenia").Select(d => d.Day));
        Assert.Empty(o.Rules("progression_with_anaemia"));
        o.Status("lenalidomide", 11, DoseStatus.Held);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void C_sharp_conditions_are_evaluated_on_days_without_events(bool compiled)
    {
        // Only day 1 has events: a rule on CycleDay must still fire on day 8 (cycle 1) and day 36 (cycle 2),
        // and a hold until a later cycle day must still recover.
        var text = IRd + """
            rule day_eight
              when `CycleDay == 8`
              hold lenalidomide until `CycleDay >= 12`
              on recovery resume lenalidomide same

            scenario "clock-driven"
              patient crcl 80 mL/min, hepatic none
              day 1: platelets 200 x10^9/L, anc 2 x10^9/L
            """;
        var check = RuleFiles.Check(new SourceText("t.ixr", text));
        Assert.False(check.HasErrors, string.Join("\n", check.Diagnostics));
        var model = check.Model!;
        var (regimen, patient, events) = RuleFiles.ScenarioInputs(model, Assert.Single(model.Scenarios));
        using var code = compiled ? RuleFiles.Compile(model, regimen) : null;
        var o = RuleFiles.Run(model, regimen, patient, events, new RunOptions(Days: 56), code);
        Assert.Equal([8, 36], o.Rules("day_eight").Select(d => d.Day));
        Assert.Equal([12, 40], o.Decisions.Where(d => d.Kind == DecisionKind.Recovery).Select(d => d.Day));
        o.Status("lenalidomide", 11, DoseStatus.Held);
        o.Given("lenalidomide", 12, 25);
    }
}
