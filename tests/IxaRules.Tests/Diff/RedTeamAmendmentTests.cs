using IxaRules.Binding;
using IxaRules.Diff;
using IxaRules.Text;

namespace IxaRules.Tests.Diff;

/// <summary>
/// The amendments a red-team pass found `diff` wrong on (Diff/RedTeam/README.md): each differing pair
/// is not proven equivalent and has a counterexample that `ixarules run` reproduces; each pair that
/// only rewrites is no change at all.
/// </summary>
public sealed class RedTeamAmendmentTests : TempFolderTest
{
    private static string PathOf(string name, string version) => Path.Combine(TestPaths.Root, "tests", "IxaRules.Tests", "Diff", "RedTeam", name, version + ".ixr");

    private static BoundFile Load(string path) => RuleFiles.Check(SourceText.FromFile(path)).Model ?? throw new InvalidOperationException(path + " has errors");

    public static TheoryData<string> Differing() =>
        ["startorder", "ruleorder", "phaseorder", "until", "m-titrate-unknown", "drugorder", "atmost", "ifunknown", "startsched", "m-titrate", "counter", "missedskip"];

    [Theory]
    [MemberData(nameof(Differing))]
    public void A_real_amendment_is_not_proven_equivalent_and_its_counterexample_reproduces(string name)
    {
        var diff = Assert.Single(AmendmentDiff.Compare(Load(PathOf(name, "old")), Load(PathOf(name, "new")), null).Regimens);
        Assert.False(diff.ProvenEquivalent);
        Assert.NotEmpty(diff.Changes);
        Assert.NotNull(diff.Counterexample);
        CounterexampleReplay.Check(Dir, name, diff, PathOf(name, "old"), PathOf(name, "new"));
    }

    [Theory]
    [InlineData("startorder", "start lenalidomide", "order: ")]
    [InlineData("ruleorder", "rules", "order: ")]
    [InlineData("until", "phase main", "until: progression or unacceptable toxicity → unacceptable toxicity")]
    [InlineData("m-titrate-unknown", "titrate ixazomib", "if unknown: refuse → apply")]
    public void An_order_or_field_that_changes_meaning_is_listed(string name, string subject, string text)
    {
        var diff = Assert.Single(AmendmentDiff.Compare(Load(PathOf(name, "old")), Load(PathOf(name, "new")), null).Regimens);
        Assert.Contains(diff.Changes, c => c.Subject == subject && c.Text.Contains(text, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("dose40")]
    [InlineData("holdorder")]
    public void A_rewrite_that_means_the_same_is_no_change(string name)
    {
        var diff = Assert.Single(AmendmentDiff.Compare(Load(PathOf(name, "old")), Load(PathOf(name, "new")), null).Regimens);
        Assert.Empty(diff.Changes);
        Assert.True(diff.ProvenEquivalent);
    }

    [Fact]
    public void Both_versions_refusing_a_generated_case_is_not_a_difference()
    {
        var diff = Assert.Single(AmendmentDiff.Compare(Load(PathOf("f-pain", "old")), Load(PathOf("f-pain", "new")), null).Regimens);
        Assert.True(diff.Counterexample is null || !diff.Counterexample.Difference.Old.StartsWith("refuses", StringComparison.Ordinal)
            || !diff.Counterexample.Difference.New.StartsWith("refuses", StringComparison.Ordinal));
        if (diff.Counterexample is { } ce)
        {
            CounterexampleReplay.Check(Dir, "f-pain", diff, PathOf("f-pain", "old"), PathOf("f-pain", "new"));
            Assert.Contains("without pain", ce.Case.EventsText(), StringComparison.Ordinal);
        }
    }
}
