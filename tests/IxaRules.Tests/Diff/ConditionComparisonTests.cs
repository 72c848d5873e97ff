using IxaRules.Binding;
using IxaRules.Diff;
using IxaRules.Evaluation;

namespace IxaRules.Tests.Diff;

/// <summary>The solver's verdicts on pairs of conditions, in the interpreter's three-valued logic.</summary>
public sealed class ConditionComparisonTests
{
    private static ConditionVerdict Compare(Condition old, Condition @new)
    {
        using var smt = Smt.TryCreate() ?? throw new InvalidOperationException(Smt.Unavailable);
        return ConditionComparison.Compare(smt, old, @new);
    }

    private static LabCondition Lab(string lab, CompareOp op, decimal value, int? within = null) => new(lab, op, value, Dimension.CellCount, within);

    private static AdverseEventCondition Ae(string? name, int min, int max, AeClass? cls = null, string[]? with = null, string[]? except = null) =>
        new(name, cls, min, max, with ?? [], [], except ?? [], null);

    private static HashSet<(Truth, Truth)> Pairs(ConditionVerdict v) => [.. v.Disagreements.Select(d => (d.Old, d.New))];

    [Fact]
    public void A_negated_complement_is_proven_equivalent_unknown_included()
    {
        var verdict = Compare(Lab("platelets", CompareOp.Less, 30), new Negation(Lab("platelets", CompareOp.GreaterOrEqual, 30)));
        Assert.True(verdict.ProvenEquivalent);
    }

    [Fact]
    public void Conjuncts_in_another_order_mean_the_same()
    {
        var (a, b) = (Lab("platelets", CompareOp.Less, 30), new CovariateFlag("dialysis"));
        Assert.True(Compare(new AllOf(a, b), new AllOf(b, a)).ProvenEquivalent);
    }

    [Fact]
    public void A_new_alternative_differs_where_the_old_one_is_false_or_unknown()
    {
        var old = Lab("platelets", CompareOp.Less, 30);
        var verdict = Compare(old, new AnyOf(old, Lab("anc", CompareOp.Less, 0.5m)));
        Assert.Equal([(Truth.False, Truth.True), (Truth.Unknown, Truth.True), (Truth.False, Truth.Unknown)], Pairs(verdict));
        var unknownOld = verdict.Disagreements.Single(d => d.Old == Truth.Unknown);
        Assert.Contains("platelets not measured", unknownOld.Region);
        Assert.Contains("anc < 0.5 ×10⁹/L", unknownOld.Region);
        Assert.Null(unknownOld.Witness.Labs["platelets"]);
        Assert.True(unknownOld.Witness.Labs["anc"] < 0.5m);
    }

    [Fact]
    public void A_longer_window_makes_an_older_count_known()
    {
        var verdict = Compare(Lab("platelets", CompareOp.GreaterOrEqual, 75, within: 3), Lab("platelets", CompareOp.GreaterOrEqual, 75, within: 7));
        Assert.Equal([(Truth.Unknown, Truth.True), (Truth.Unknown, Truth.False)], Pairs(verdict));
        Assert.All(verdict.Disagreements, d => Assert.Contains("platelets measured 4..7 days before", d.Region));
    }

    [Fact]
    public void Dropping_an_exception_from_a_class_condition_is_the_excepted_event()
    {
        var verdict = Compare(Ae(null, 3, 5, AeClass.NonHaematologic, except: ["rash"]), Ae(null, 3, 5, AeClass.NonHaematologic));
        var only = Assert.Single(verdict.Disagreements);
        Assert.Equal((Truth.False, Truth.True), (only.Old, only.New));
        Assert.Contains("rash grade 3..5", only.Region);
        Assert.Equal(3, only.Witness.Events["rash"].Grade);
    }

    [Fact]
    public void A_lower_recovery_grade_for_a_class_is_one_event_at_grade_2_in_the_witness()
    {
        var verdict = Compare(Ae(null, 0, 2, AeClass.NonHaematologic, except: ["rash", "neuropathy"]), Ae(null, 0, 1, AeClass.NonHaematologic, except: ["rash", "neuropathy"]));
        var only = Assert.Single(verdict.Disagreements);
        Assert.Equal((Truth.True, Truth.False), (only.Old, only.New));
        var region = Assert.Single(only.Region);
        Assert.StartsWith("each of constipation, diarrhea, edema, fatigue", region, StringComparison.Ordinal);
        Assert.EndsWith(" grade 0..2", region, StringComparison.Ordinal);
        Assert.DoesNotContain("rash", region, StringComparison.Ordinal);
        var current = only.Witness.Events.Values.Where(e => e.Grade > 0).ToList();
        Assert.Equal(2, Assert.Single(current).Grade);
    }

    [Fact]
    public void A_qualifier_dropped_from_a_condition_is_the_event_without_it()
    {
        var verdict = Compare(Ae("neuropathy", 1, 1, with: ["pain"]), Ae("neuropathy", 1, 1));
        var only = Assert.Single(verdict.Disagreements);
        Assert.Equal((Truth.False, Truth.True), (only.Old, only.New));
        Assert.Contains("neuropathy grade 1", only.Region);
        Assert.Contains("neuropathy with pain: false", only.Region);
    }

    [Fact]
    public void An_unknown_covariate_is_its_own_region()
    {
        // `crcl < 30 or hepatic is moderate`: the new row also covers an unknown hepatic class when crcl says yes.
        var old = new CovariateCondition("crcl", CompareOp.Less, 30, Dimension.Flow);
        var verdict = Compare(old, new AnyOf(old, new CovariateIn("hepatic", ["moderate", "severe"])));
        var fromUnknown = verdict.Disagreements.Single(d => d.Old == Truth.Unknown && d.New == Truth.True);
        Assert.Contains("crcl unknown", fromUnknown.Region);
        Assert.Contains("hepatic is moderate or severe", fromUnknown.Region);
    }

    [Fact]
    public void Embedded_csharp_is_opaque_the_same_text_is_the_same_condition()
    {
        var a = new CSharpCondition("Patient.Age > 70", default);
        Assert.True(Compare(a, new CSharpCondition("Patient.Age > 70", default)).ProvenEquivalent);
        Assert.False(Compare(a, new CSharpCondition("Patient.Age >= 70", default)).ProvenEquivalent);
    }

    [Fact]
    public void Exact_decimals_do_not_round_a_threshold()
    {
        var verdict = Compare(Lab("anc", CompareOp.Less, 0.1m), Lab("anc", CompareOp.Less, 0.1000001m));
        var only = Assert.Single(verdict.Disagreements);
        Assert.Equal(["anc in [0.1, 0.1000001) ×10⁹/L"], only.Region);
    }
}
