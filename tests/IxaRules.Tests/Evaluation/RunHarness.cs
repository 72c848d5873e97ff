using IxaRules.Evaluation;
using IxaRules.Text;

namespace IxaRules.Tests.Evaluation;

/// <summary>Runs the single scenario of a rule text and answers questions about the outcome.</summary>
internal static class RunHarness
{
    /// <summary>
    /// IRd as in rules/ird.ixr, without citations and without the cycle-start freshness window (tested
    /// on its own): the base most tests add rules and a scenario to.
    /// </summary>
    public const string IRd = """
        regimen IRd
          cycle 28 days until progression or unacceptable toxicity
          drug ixazomib oral 4 mg days 1, 8, 15
            levels 4 mg > 3 mg > 2.3 mg > discontinue
          drug lenalidomide oral 25 mg days 1-21
            levels 25 mg > 15 mg > 10 mg > 5 mg > discontinue
          drug dexamethasone oral 40 mg days 1, 8, 15, 22
          start lenalidomide at 5 mg after dialysis when dialysis if unknown skip
          start lenalidomide at 15 mg every 48 hours days 1-21 when crcl < 30 mL/min
          start lenalidomide at 10 mg when crcl <= 60 mL/min
          start ixazomib at 3 mg when dialysis if unknown skip
          start ixazomib at 3 mg when crcl < 30 mL/min or hepatic is moderate or severe
          before each cycle
            require anc >= 1,000/mm3
            and platelets >= 75,000/mm3
            and any non-haematologic grade <= 1 or baseline
            else delay
          missed ixazomib: take if next dose >= 72 hours away
          vomited ixazomib: do not repeat

        """;

    public const string Thrombocytopenia = """
        rule thrombocytopenia
          counter per rule
          when platelets < 30,000/mm3
          hold ixazomib, lenalidomide until platelets >= 30,000/mm3
          on recovery alternate lenalidomide, ixazomib next lower, starting with lenalidomide

        """;

    public static Outcome Run(string text, RunOptions? options = null)
    {
        var result = RuleFiles.Check(new SourceText("t.ixr", text));
        Assert.False(result.HasErrors, string.Join("\n", result.Diagnostics));
        var model = result.Model!;
        var (regimen, patient, events) = RuleFiles.ScenarioInputs(model, Assert.Single(model.Scenarios));
        return RuleFiles.Run(model, regimen, patient, events, options);
    }

    public static Administration At(this Outcome o, string drug, int day) =>
        Assert.Single(o.Administrations, a => a.Drug == drug && a.Day == day && a.Status != DoseStatus.Delayed);

    public static bool Has(this Outcome o, string drug, int day) => o.Administrations.Any(a => a.Drug == drug && a.Day == day);

    public static void Given(this Outcome o, string drug, int day, decimal mg)
    {
        var a = o.At(drug, day);
        Assert.True(a.Status == DoseStatus.Given && a.GivenMg == mg, $"{drug} on day {day}: expected {mg} mg given, was {a.Status} {a.GivenMg} mg");
    }

    public static void Status(this Outcome o, string drug, int day, DoseStatus status) => Assert.Equal(status, o.At(drug, day).Status);

    public static IEnumerable<Decision> Rules(this Outcome o, string name) => o.Decisions.Where(d => d.Kind == DecisionKind.Rule && d.Name == name);
}
