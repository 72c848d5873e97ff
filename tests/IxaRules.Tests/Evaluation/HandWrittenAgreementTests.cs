using IxaRules.Evaluation;
using IxaRules.Checks;
using IxaRules.Shared;
using IxaRules.Text;

namespace IxaRules.Tests.Evaluation;

/// <summary>
/// Differential test: the interpreter running rules/ird.ixr and the hand-written C# IRd must give
/// the same administrations and metrics on every generated patient.
/// </summary>
public class HandWrittenAgreementTests
{
    [Fact]
    public void Interpreter_and_hand_written_irD_agree_on_a_generated_cohort()
    {
        var model = RuleFiles.Check(SourceText.FromFile(Path.Combine(TestPaths.Rules, "ird.ixr"))).Model!;
        var regimen = model.Regimens[0];
        var cohort = VirtualCohort.Generate(300, seed: 2026);
        var fired = 0;
        foreach (var (patient, events) in cohort)
        {
            var interpreted = RuleFiles.Run(model, regimen, patient, events, new RunOptions(Days: 168));
            var (log, metrics) = HandWrittenIrd.Run(patient, events, 168);
            var expected = log.Select(Key).ToList();
            var actual = interpreted.Administrations.Select(Key).ToList();
            Assert.True(expected.SequenceEqual(actual), $"{patient.Id}: first difference at entry {FirstDifference(expected, actual)}");
            Assert.Equal(metrics, interpreted.Metrics);
            fired += interpreted.Decisions.Count(d => d.Kind == DecisionKind.Rule);
        }

        Assert.True(fired > 100, $"the cohort should exercise the rules; only {fired} fired");
    }

    private static string Key(Administration a) =>
        $"{a.Day} c{a.Cycle}d{a.CycleDay} {a.Drug} {a.PlannedMg} {a.GivenMg} {a.Status}";

    private static string FirstDifference(List<string> expected, List<string> actual)
    {
        var i = 0;
        while (i < expected.Count && i < actual.Count && expected[i] == actual[i])
        {
            i++;
        }

        return $"{i}: hand-written `{(i < expected.Count ? expected[i] : "(end)")}` vs interpreted `{(i < actual.Count ? actual[i] : "(end)")}`";
    }
}
