using IxaRules.Evaluation;
using static IxaRules.Tests.Evaluation.RunHarness;

namespace IxaRules.Tests.Evaluation;

/// <summary>How rules behave in a run: edge triggers, holds, recovery, occurrences, counters, alternation.</summary>
public class RuleSemanticsTests
{
    [Fact]
    public void Worked_example_of_the_design()
    {
        var o = Run(IRd + Thrombocytopenia + """
            scenario "language.md §5"
              patient age 66, crcl 78 mL/min, hepatic none
              day 1: platelets 210 x10^9/L, anc 3 x10^9/L
              day 43: platelets 25 x10^9/L
              day 47: platelets 60 x10^9/L
              day 57: platelets 180 x10^9/L
            """);
        o.Status("ixazomib", 43, DoseStatus.Held);
        o.Given("ixazomib", 57, 4);
        foreach (var day in new[] { 43, 44, 45, 46 })
        {
            o.Status("lenalidomide", day, DoseStatus.Held);
        }

        foreach (var day in new[] { 47, 48, 49 })
        {
            o.Given("lenalidomide", day, 15);
        }

        var decision = Assert.Single(o.Rules("thrombocytopenia"));
        Assert.Equal(43, decision.Day);
        Assert.Equal(1, decision.Occurrence);
        Assert.Contains("platelets = 25 ×10⁹/L (day 43)", decision.Facts);
        Assert.Equal("t.ixr:" + (IRd.Split('\n').Length), decision.Source.ToString());
    }

    [Fact]
    public void Alternation_lowers_lenalidomide_then_ixazomib_then_lenalidomide()
    {
        var o = Run(IRd + Thrombocytopenia + """
            scenario "three drops"
              patient crcl 80 mL/min, hepatic none
              day 1: platelets 200 x10^9/L, anc 2 x10^9/L
              day 10: platelets 20 x10^9/L
              day 12: platelets 90 x10^9/L
              day 38: platelets 20 x10^9/L
              day 40: platelets 90 x10^9/L
              day 64: platelets 20 x10^9/L
              day 66: platelets 90 x10^9/L
              day 85: platelets 150 x10^9/L
            """);
        o.Given("lenalidomide", 12, 15);   // 1st: lenalidomide 25 → 15
        o.Given("ixazomib", 15, 4);        //      ixazomib keeps 4
        o.Given("ixazomib", 43, 3);        // 2nd: ixazomib 4 → 3
        o.Given("lenalidomide", 40, 15);   //      lenalidomide keeps 15
        o.Given("lenalidomide", 66, 10);   // 3rd: lenalidomide 15 → 10
        o.Given("ixazomib", 71, 3);        //      ixazomib keeps 3
        Assert.Equal([1, 2, 3], o.Rules("thrombocytopenia").Select(d => d.Occurrence!.Value));
        var metrics = o.Metrics.ToDictionary(m => m.Drug);
        Assert.Equal(2, metrics["lenalidomide"].Reductions);
        Assert.Equal(12, metrics["lenalidomide"].FirstReductionDay);
        Assert.Equal(1, metrics["ixazomib"].Reductions);
        Assert.Equal("3 mg", metrics["ixazomib"].FinalLevel);
    }

    [Fact]
    public void A_rule_fires_once_per_episode_and_again_only_after_its_condition_was_false()
    {
        var o = Run(IRd + Thrombocytopenia + """
            scenario "episodes"
              patient crcl 80 mL/min, hepatic none
              day 1: platelets 200 x10^9/L, anc 2 x10^9/L
              day 10: platelets 20 x10^9/L
              day 11: platelets 15 x10^9/L
              day 12: platelets 25 x10^9/L
              day 14: platelets 40 x10^9/L
              day 17: platelets 22 x10^9/L
            """);
        Assert.Equal([10, 17], o.Rules("thrombocytopenia").Select(d => d.Day));
        o.Status("lenalidomide", 13, DoseStatus.Held);
        o.Given("lenalidomide", 14, 15);
        o.Status("lenalidomide", 17, DoseStatus.Held);
    }

    [Fact]
    public void Held_doses_are_skipped_not_made_up_and_the_calendar_keeps_running()
    {
        var o = Run(IRd + Thrombocytopenia + """
            scenario "hold across a cycle boundary"
              patient crcl 80 mL/min, hepatic none
              day 1: platelets 200 x10^9/L, anc 2 x10^9/L
              day 20: platelets 25 x10^9/L
              day 29: platelets 100 x10^9/L
            """);
        o.Status("lenalidomide", 20, DoseStatus.Held);
        o.Status("lenalidomide", 21, DoseStatus.Held);
        Assert.False(o.Has("lenalidomide", 22)); // days 22-28 are not lenalidomide days: nothing to make up
        o.Given("lenalidomide", 29, 15);        // cycle 2 starts on time, day 29
        Assert.Equal(2, o.At("lenalidomide", 29).Cycle);
    }

    [Fact]
    public void Shared_counter_makes_a_neutropenia_after_a_thrombocytopenia_the_second_occurrence()
    {
        var shared = Run(IRd + Thrombocytopenia.Replace("counter per rule", "counter shared haematologic") + Neutropenia("counter shared haematologic") + TwoToxicities);
        shared.Given("lenalidomide", 14, 15); // 1st (platelets): lenalidomide lowered
        shared.Given("ixazomib", 43, 3);      // 2nd (ANC, same counter): ixazomib lowered
        Assert.Equal(2, Assert.Single(shared.Rules("neutropenia")).Occurrence);

        var separate = Run(IRd + Thrombocytopenia + Neutropenia("counter per rule") + TwoToxicities);
        separate.Given("ixazomib", 43, 4);    // per rule: the ANC drop is neutropenia's 1st, lenalidomide goes down again
        separate.Given("lenalidomide", 42, 10);
        Assert.Equal(1, Assert.Single(separate.Rules("neutropenia")).Occurrence);
    }

    private static string Neutropenia(string counter) => $"""
        rule neutropenia
          {counter}
          when anc < 500/mm3
          hold ixazomib, lenalidomide until anc >= 500/mm3
          on recovery alternate lenalidomide, ixazomib next lower, starting with lenalidomide

        """;

    private const string TwoToxicities = """
        scenario "platelets then ANC"
          patient crcl 80 mL/min, hepatic none
          day 1: platelets 200 x10^9/L, anc 2 x10^9/L
          day 10: platelets 20 x10^9/L
          day 14: platelets 100 x10^9/L
          day 38: anc 0.3 x10^9/L
          day 42: anc 1.5 x10^9/L
        """;

    [Fact]
    public void Occurrence_branches_pick_actions_by_count()
    {
        var o = Run(IRd + """
            rule rash
              counter per rule
              when rash grade 2..3
              occurrence 1:
                hold lenalidomide until rash grade <= 1
                on recovery resume lenalidomide next lower
              occurrence 2 or later:
                hold ixazomib, lenalidomide until rash grade <= 1
                on recovery alternate lenalidomide, ixazomib next lower, starting with lenalidomide

            scenario "two rashes"
              patient crcl 80 mL/min, hepatic none
              day 1: platelets 200 x10^9/L, anc 2 x10^9/L
              day 5: rash grade 2
              day 9: rash grade 1
              day 30: rash grade 3
              day 37: rash grade 0
            """);
        o.Given("ixazomib", 8, 4);             // 1st: only lenalidomide held
        o.Status("lenalidomide", 8, DoseStatus.Held);
        o.Given("lenalidomide", 9, 15);
        o.Status("ixazomib", 36, DoseStatus.Held); // 2nd: both held
        o.Given("ixazomib", 43, 3);            // occurrence 2 of the alternation: ixazomib
        o.Given("lenalidomide", 37, 15);
    }

    [Fact]
    public void An_occurrence_no_branch_covers_is_counted_and_logged_but_does_nothing()
    {
        var o = Run(IRd + """
            rule rash
              counter per rule
              when rash grade >= 2
              occurrence 1:
                reduce lenalidomide next lower

            scenario "second rash"
              patient crcl 80 mL/min, hepatic none
              day 1: platelets 200 x10^9/L, anc 2 x10^9/L
              day 5: rash grade 2
              day 7: rash grade 0
              day 9: rash grade 2
            """);
        var decisions = o.Rules("rash").ToList();
        Assert.Equal(2, decisions.Count);
        Assert.Contains("no branch covers it", decisions[1].Action);
        o.Given("lenalidomide", 10, 15);
    }

    [Fact]
    public void Lowering_past_the_last_level_discontinues_the_drug()
    {
        var o = Run(IRd + """
            rule neuropathy
              when neuropathy grade >= 2
              reduce ixazomib next lower

            scenario "four episodes"
              patient crcl 80 mL/min, hepatic none
              day 1: platelets 200 x10^9/L, anc 2 x10^9/L, neuropathy grade 2
              day 2: neuropathy grade 1
              day 3: neuropathy grade 2
              day 4: neuropathy grade 1
              day 5: neuropathy grade 2
            """);
        o.Given("ixazomib", 1, 3);  // day 1: 4 → 3 before the day's doses
        Assert.Equal(["ixazomib 4 mg → 3 mg", "ixazomib 3 mg → 2.3 mg", "ixazomib discontinued (no level below 2.3 mg)"],
            o.Rules("neuropathy").Select(d => d.Action.Replace("reduce ", "", StringComparison.Ordinal)));
        o.Status("ixazomib", 8, DoseStatus.Discontinued);
        o.Given("lenalidomide", 8, 25);
        var metrics = Assert.Single(o.Metrics, m => m.Drug == "ixazomib");
        Assert.Equal("discontinued", metrics.FinalLevel);
        Assert.Equal(3, metrics.Reductions);
    }

    [Fact]
    public void Qualifiers_are_tested_on_the_event_at_its_grade()
    {
        var o = Run(IRd + """
            rule neuropathy_with_pain
              when neuropathy grade 1 with pain
              hold ixazomib until neuropathy grade <= 1 without pain
              on recovery resume ixazomib same

            scenario "painful neuropathy"
              patient crcl 80 mL/min, hepatic none
              day 1: platelets 200 x10^9/L, anc 2 x10^9/L
              day 7: neuropathy grade 1 with pain
              day 10: neuropathy grade 1 without pain
            """);
        o.Status("ixazomib", 8, DoseStatus.Held); // grade 1 with pain: not recovered, though grade <= 1
        o.Given("ixazomib", 15, 4);               // grade 1 without pain on day 10: recovered, same level
        var recovery = Assert.Single(o.Decisions, d => d.Kind == DecisionKind.Recovery);
        Assert.Equal(10, recovery.Day);
    }

    [Fact]
    public void Attribution_selects_which_rule_fires()
    {
        var o = Run(IRd + """
            rule other_ixazomib
              when any non-haematologic grade >= 3 except rash attributed to ixazomib
              reduce ixazomib next lower

            rule other_lenalidomide
              when any non-haematologic grade >= 3 except rash attributed to lenalidomide
              reduce lenalidomide next lower

            scenario "diarrhoea from lenalidomide"
              patient crcl 80 mL/min, hepatic none
              day 1: platelets 200 x10^9/L, anc 2 x10^9/L
              day 3: diarrhoea grade 3 attributed to lenalidomide, rash grade 4 attributed to ixazomib
            """);
        Assert.Empty(o.Rules("other_ixazomib")); // the rash is excepted; the diarrhoea is not ixazomib's
        Assert.Single(o.Rules("other_lenalidomide"));
        o.Given("lenalidomide", 3, 15);
    }

    [Fact]
    public void Resume_at_starting_returns_to_the_phase_starting_dose()
    {
        var o = Run(IRd + """
            rule low_platelets
              when platelets < 50 x10^9/L
              reduce lenalidomide next lower

            rule anc_drop
              when anc < 0.5 x10^9/L
              hold lenalidomide until anc >= 1 x10^9/L
              on recovery resume lenalidomide starting

            scenario "back to start"
              patient crcl 80 mL/min, hepatic none
              day 1: platelets 200 x10^9/L, anc 2 x10^9/L
              day 3: platelets 40 x10^9/L
              day 5: anc 0.4 x10^9/L
              day 8: anc 1.2 x10^9/L, platelets 100 x10^9/L
            """);
        o.Given("lenalidomide", 4, 15);
        o.Given("lenalidomide", 8, 25);
    }

    [Fact]
    public void Reduce_to_never_raises()
    {
        var o = Run(IRd + """
            rule first
              when platelets < 50 x10^9/L
              reduce lenalidomide to 5 mg

            rule second
              when anc < 1 x10^9/L
              reduce lenalidomide to 15 mg

            scenario "order"
              patient crcl 80 mL/min, hepatic none
              day 1: platelets 200 x10^9/L, anc 2 x10^9/L
              day 3: platelets 40 x10^9/L
              day 5: anc 0.8 x10^9/L
            """);
        o.Given("lenalidomide", 6, 5);
        Assert.Contains("stays at 5 mg", Assert.Single(o.Rules("second")).Action);
    }

    [Fact]
    public void Discontinuing_the_regimen_ends_the_run_and_logs_the_days_doses_as_discontinued()
    {
        var o = Run(IRd + """
            rule progression
              when progression
              discontinue regimen

            scenario "progression"
              patient crcl 80 mL/min, hepatic none
              day 1: platelets 200 x10^9/L, anc 2 x10^9/L
              day 15: progression
            """);
        Assert.Equal(15, o.Days);
        o.Status("ixazomib", 15, DoseStatus.Discontinued);
        o.Status("lenalidomide", 15, DoseStatus.Discontinued);
        Assert.DoesNotContain(o.Administrations, a => a.Day > 15);
        Assert.Contains("discontinued by rule progression on day 15", o.EndReason);
    }

    [Fact]
    public void Progression_ends_an_until_progression_regimen_even_without_a_rule_and_death_always_does()
    {
        var progression = Run(IRd + """
            scenario "no rule"
              patient crcl 80 mL/min, hepatic none
              day 1: platelets 200 x10^9/L, anc 2 x10^9/L
              day 20: progression
            """);
        Assert.Equal(20, progression.Days);
        Assert.Equal("progression on day 20", progression.EndReason);

        var fixedLength = Run(IRd.Replace("until progression or unacceptable toxicity", "for 3 cycles") + """
            scenario "fixed"
              patient crcl 80 mL/min, hepatic none
              day 1: platelets 200 x10^9/L, anc 2 x10^9/L
              day 20: progression
              day 30: death
            """);
        Assert.Equal("death on day 30", fixedLength.EndReason); // progression alone does not end a fixed-length regimen
        fixedLength.Given("lenalidomide", 21, 25);
    }
}
