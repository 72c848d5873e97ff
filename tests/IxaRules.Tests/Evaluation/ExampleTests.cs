using IxaRules.Evaluation;
using IxaRules.Text;

namespace IxaRules.Tests.Evaluation;

/// <summary>
/// Every examples/DIR/CASE.patient.yaml (with CASE.events) is run against the regimen named in
/// examples/DIR/regimen.txt and compared with CASE.expected.txt, a reviewed baseline
/// (IXARULES_UPDATE_BASELINES=1 rewrites it; review the diff).
/// </summary>
public class ExampleTests
{
    public static TheoryData<string> Cases()
    {
        var data = new TheoryData<string>();
        foreach (var patient in Directory.EnumerateFiles(TestPaths.Examples, "*.patient.yaml", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            data.Add(TestPaths.Relative(patient));
        }

        return data;
    }

    [Fact]
    public void Every_regimen_in_rules_has_at_least_three_examples()
    {
        var counts = Directory.EnumerateFiles(TestPaths.Examples, "regimen.txt", SearchOption.AllDirectories)
            .Select(f => (Regimen: File.ReadAllText(f).Split(' ', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)[1],
                          Cases: Directory.EnumerateFiles(Path.GetDirectoryName(f)!, "*.patient.yaml").Count()))
            .ToDictionary(x => x.Regimen, x => x.Cases);
        foreach (var file in Directory.EnumerateFiles(TestPaths.Rules, "*.ixr"))
        {
            foreach (var regimen in RuleFiles.Check(SourceText.FromFile(file)).Model!.Regimens)
            {
                Assert.True(counts.GetValueOrDefault(regimen.Name) >= 3, $"regimen {regimen.Name} has {counts.GetValueOrDefault(regimen.Name)} examples");
            }
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Example_outcome_matches_its_reviewed_baseline(string patientPath)
    {
        var outcome = RunExample(patientPath);
        var expected = Path.Combine(TestPaths.Root, patientPath.Replace(".patient.yaml", ".expected.txt", StringComparison.Ordinal));
        var actual = OutcomeText.Write(outcome);
        if (TestPaths.UpdateBaselines)
        {
            File.WriteAllText(expected, actual);
            return;
        }

        Assert.True(File.Exists(expected), $"missing {TestPaths.Relative(expected)}; run with IXARULES_UPDATE_BASELINES=1 and review it");
        Assert.Equal(File.ReadAllText(expected), actual);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Example_json_is_byte_identical_across_runs(string patientPath) =>
        Assert.Equal(OutcomeJson.Write(RunExample(patientPath)), OutcomeJson.Write(RunExample(patientPath)));

    internal static Outcome RunExample(string patientPath) => IxaRules.Checks.ExampleRunner.Run(Path.Combine(TestPaths.Root, patientPath));
}
