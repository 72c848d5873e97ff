using IxaRules.Binding;
using IxaRules.Checks;
using IxaRules.Evaluation;
using IxaRules.Text;

namespace IxaRules.Tests.Seams;

/// <summary>
/// The stages hand each other typed values: a decision cites the bound rule, branch and hold it
/// came from and lists typed effects; an observer sees every decision as it is made; a prepared
/// regimen runs the same in both backends; scenario expectations are compared as values.
/// </summary>
public sealed class TypedSeamTests
{
    private static readonly BoundFile Ird = RuleFiles.Check(SourceText.FromFile(Path.Combine(TestPaths.Rules, "ird.ixr"))).Model!;

    private static (Patient Patient, IReadOnlyList<PatientEvent> Events) Example(string name)
    {
        var patient = RuleFiles.LoadPatient(SourceText.FromFile(Path.Combine(TestPaths.Examples, "ird", name + ".patient.yaml"))).Patient!;
        var (events, problems) = RuleFiles.LoadEvents(SourceText.FromFile(Path.Combine(TestPaths.Examples, "ird", name + ".events")), Ird.Regimens[0], patient.StartDate, Ird);
        Assert.Empty(problems);
        return (patient, events);
    }

    private static Outcome Run(string example, Backend backend = Backend.Interpreted, IRunObserver? observer = null)
    {
        var (patient, events) = Example(example);
        using var prepared = PreparedRegimen.Prepare(Ird, "IRd", backend);
        return prepared.Run(patient, events, observer: observer);
    }

    [Fact]
    public void A_rule_decision_cites_the_bound_rule_branch_and_hold_it_came_from()
    {
        var outcome = Run("thrombocytopenia-recurrence");
        var fired = outcome.Decisions.Where(d => d.Kind == DecisionKind.Rule && d.Name == "thrombocytopenia").ToList();
        Assert.True(fired.Count >= 2, "the example has a recurrence");

        var rule = Ird.Rules.Single(r => r.Name == "thrombocytopenia");
        Assert.All(fired, d =>
        {
            Assert.Same(rule, d.Rule);
            Assert.Contains(d.Branch!, rule.Branches);
            Assert.Same(d.Branch!.Actions.OfType<HoldDrugs>().First(), d.Hold);
            Assert.Equal(rule.At.Line, d.Source.Line);
            Assert.Equal(Ird.Source.Path, d.Source.Path);
        });
        Assert.Equal(Enumerable.Range(1, fired.Count), fired.Select(d => d.Occurrence!.Value)); // the rule's counter, occurrence by occurrence
    }

    [Fact]
    public void Effects_say_what_a_decision_changed_as_values()
    {
        var outcome = Run("thrombocytopenia-recurrence");

        var hold = outcome.Decisions.First(d => d.Kind == DecisionKind.Rule).Effects.OfType<HoldStarted>().Single();
        Assert.Contains("lenalidomide", hold.Drugs);
        Assert.IsType<LabCondition>(hold.Until);

        var changes = outcome.Decisions.SelectMany(d => d.Effects).OfType<DoseChanged>().ToList();
        Assert.NotEmpty(changes);
        Assert.All(changes.Where(c => c.Change == DoseChange.Reduced), c => Assert.True(c.To.Amount < c.From.Amount, c.ToString()));
        Assert.Contains(changes, c => c.Change == DoseChange.Resumed && c.To == c.From); // back from a hold at the same level is still a change of state
        var lowered = changes.First(c => c.Change is DoseChange.Reduced or DoseChange.Resumed && c.To.Amount < c.From.Amount);
        var log = outcome.Administrations.Where(a => a.Drug == lowered.Drug && a.Status == DoseStatus.Given).Select(a => a.GivenMg).ToList();
        Assert.Contains(lowered.To.Amount, log); // the lower dose the effect names is the dose later given

        var starts = outcome.Decisions.SelectMany(d => d.Effects).OfType<CycleStarted>().Select(c => c.Cycle).ToList();
        Assert.Equal(outcome.Decisions.Count(d => d.Kind == DecisionKind.Cycle), starts.Count);
        Assert.Equal(Enumerable.Range(1, starts.Count), starts);
    }

    [Fact]
    public void An_observer_sees_every_decision_once_in_the_order_of_the_trail()
    {
        var seen = new Recorder();
        var outcome = Run("worked-example", observer: seen);
        Assert.Equal(outcome.Decisions.Count, seen.Decisions.Count);
        Assert.All(outcome.Decisions.Zip(seen.Decisions), pair => Assert.Same(pair.First, pair.Second));
    }

    [Theory]
    [InlineData("worked-example")]
    [InlineData("thrombocytopenia-recurrence")]
    [InlineData("rash")]
    public void A_prepared_regimen_gives_byte_identical_outcomes_in_both_backends(string example)
    {
        var (patient, events) = Example(example);
        using var interpreted = PreparedRegimen.Prepare(Ird, "IRd", Backend.Interpreted);
        using var compiled = PreparedRegimen.Prepare(Ird, "IRd", Backend.Compiled);

        Assert.Null(interpreted.CodeHash);
        Assert.Matches("^[0-9a-f]{64}$", compiled.CodeHash!);
        Assert.Equal(OutcomeJson.Write(interpreted.Run(patient, events)), OutcomeJson.Write(compiled.Run(patient, events)));
        Assert.Equal(OutcomeJson.Write(compiled.Run(patient, events)), OutcomeJson.Write(compiled.Run(patient, events))); // prepared once, run many
    }

    [Fact]
    public void Preparing_a_regimen_the_file_does_not_declare_names_those_it_does()
    {
        var error = Assert.Throws<ArgumentException>(() => PreparedRegimen.Prepare(Ird, "VRd"));
        Assert.Contains("no regimen `VRd`", error.Message, StringComparison.Ordinal);
        Assert.Contains("IRd", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Disposing_a_prepared_regimen_twice_is_harmless()
    {
        var prepared = PreparedRegimen.Prepare(Ird, "IRd", Backend.Compiled);
        prepared.Dispose();
        prepared.Dispose();
    }

    private const string Weekly = """
        regimen weekly
          cycle 28 days for 2 cycles
          drug ixazomib oral 2.97 mg/m2 days 1, 8, 15

        scenario "per body surface"
          patient age 61, height 170 cm, weight 70 kg
          day 1: platelets 200 x10^9/L
          expect ixazomib DOSE on day 1

        """;

    [Theory]
    [InlineData("2.97 mg/m2", true)]
    [InlineData("5.41 mg", true)]   // 2.97 mg/m² × 1.82 m² (Mosteller), as given
    [InlineData("3.1 mg/m2", false)]
    [InlineData("5.4 mg", false)]
    public void A_dose_expectation_is_compared_as_a_value_in_the_drugs_own_basis_or_in_mg(string dose, bool passes)
    {
        var model = RuleFiles.Check(new SourceText("w.ixr", Weekly.Replace("DOSE", dose, StringComparison.Ordinal))).Model!;
        using var prepared = PreparedRegimen.Prepare(model, "weekly");
        var (result, _) = ScenarioRunner.Run(model, model.Scenarios[0], prepared);
        Assert.Equal(passes, result.Passed);
        if (!passes)
        {
            var failure = Assert.Single(result.Failures);
            Assert.Equal(8, failure.Line);
            Assert.Contains(dose.Replace("m2", "m²", StringComparison.Ordinal), failure.Message.Replace("m2", "m²", StringComparison.Ordinal), StringComparison.Ordinal);
        }
    }

    [Fact]
    public void A_rule_that_does_not_bind_is_one_error_even_when_a_scenario_expects_it_to_fire()
    {
        var original = File.ReadAllText(Path.Combine(TestPaths.Rules, "ird.ixr"));
        var at = original.IndexOf("  when platelets < 30,000/mm3", original.IndexOf("rule thrombocytopenia", StringComparison.Ordinal), StringComparison.Ordinal);
        var text = original[..at] + "  when plateletz" + original[(at + "  when platelets".Length)..];
        Assert.Contains("expect rule thrombocytopenia fires", text, StringComparison.Ordinal);
        var result = RuleFiles.Check(new SourceText("ird.ixr", text));
        var error = Assert.Single(result.Diagnostics, d => d.IsError);
        Assert.Equal("IXR1003", error.Code); // not also "unknown rule" for each scenario that expects it
    }

    [Fact]
    public void A_regimen_that_does_not_parse_is_one_error_not_one_per_rule_and_scenario_naming_it()
    {
        var text = File.ReadAllText(Path.Combine(TestPaths.Rules, "ird.ixr"));
        var broken = text.Replace("  cycle 28 days until", "  cycle twenty-eight days until", StringComparison.Ordinal);
        Assert.NotEqual(text, broken);
        var result = RuleFiles.Check(new SourceText("ird.ixr", broken));
        Assert.Single(result.Diagnostics, d => d.IsError);
        Assert.DoesNotContain(result.Diagnostics, d => d.Code.StartsWith("IXR1", StringComparison.Ordinal));
    }

    private sealed class Recorder : IRunObserver
    {
        public List<Decision> Decisions { get; } = [];

        public void OnDecision(Decision decision) => Decisions.Add(decision);
    }
}
