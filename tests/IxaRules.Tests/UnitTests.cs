using IxaRules.Binding;
using IxaRules.Text;

namespace IxaRules.Tests;

public class UnitTests
{
    [Theory]
    [InlineData("30 x10^9/L")]
    [InlineData("30 ×10⁹/L")]
    [InlineData("30 x 10^9/L")]
    [InlineData("30000/mm3")]
    [InlineData("30,000/µL")]
    [InlineData("30,000/μL")]
    [InlineData("30000/mm³")]
    [InlineData("30 K/uL")]
    public void Platelet_spellings_are_the_same_quantity(string written)
    {
        var model = Bind($"  when platelets < {written}");
        var trigger = Assert.IsType<LabCondition>(model.Rules[0].Trigger);
        Assert.Equal(30m, trigger.Value);
        Assert.Equal(Dimension.CellCount, trigger.Dimension);
    }

    [Fact]
    public void Creatinine_in_micromoles_converts_to_mg_per_dl()
    {
        var model = Bind("  when creatinine > 176.8 µmol/L");
        var trigger = Assert.IsType<LabCondition>(model.Rules[0].Trigger);
        Assert.Equal(2m, decimal.Round(trigger.Value, 6));
    }

    [Fact]
    public void Clearance_in_litres_per_hour_converts_to_ml_per_min()
    {
        var model = Bind("  when crcl < 1.8 L/h");
        var trigger = Assert.IsType<CovariateCondition>(model.Rules[0].Trigger);
        Assert.Equal(30m, decimal.Round(trigger.Value, 6));
    }

    [Theory]
    [InlineData("platelets < 30 mg", "IXR2002")]
    [InlineData("platelets < 30 mL/min", "IXR2002")]
    [InlineData("crcl < 30 x10^9/L", "IXR2002")]
    [InlineData("platelets < 30", "IXR2003")]
    [InlineData("platelets < 30 furlongs", "IXR2001")]
    public void Mismatched_units_are_errors_with_a_span(string condition, string code)
    {
        var result = Check($"  when {condition}");
        var error = Assert.Single(result.Diagnostics, d => d.IsError);
        Assert.Equal(code, error.Code);
        Assert.Equal(1, error.Span.Length > 0 ? 1 : 0);
    }

    [Fact]
    public void Mg_per_square_metre_doses_do_not_mix_with_mg()
    {
        var result = RuleFiles.Check(new SourceText("t.ixr", """
            regimen R
              cycle 28 days for 1 cycles
              drug ixazomib oral 2.97 mg/m2 days 1, 8, 15
                levels 2.97 mg/m2 > 2 mg > discontinue
            """));
        Assert.Equal("IXR2004", Assert.Single(result.Diagnostics).Code);
    }

    [Theory]
    [InlineData("×10⁹/L", "x10^9/l")]
    [InlineData("mg/m²", "mg/m2")]
    [InlineData("µmol/L", "umol/l")]
    [InlineData("ng·h/mL/day", "ng*h/ml/day")]
    public void Normalisation_folds_typographic_variants(string written, string normal) =>
        Assert.Equal(normal, Units.Normalize(written));

    private const string Regimen = """
        regimen R
          cycle 28 days for 6 cycles
          drug ixazomib oral 4 mg days 1, 8, 15
            levels 4 mg > 3 mg > discontinue

        rule r
        """;

    private static CheckResult Check(string when) =>
        RuleFiles.Check(new SourceText("t.ixr", Regimen + "\n" + when + "\n  reduce ixazomib next lower\n"));

    private static BoundFile Bind(string when)
    {
        var result = Check(when);
        Assert.Empty(result.Diagnostics);
        return result.Model!;
    }

    [Theory]
    [InlineData("not not platelets < 30 x10^9/L", "not not lab platelets < 30 ×10⁹/L")]
    [InlineData("(platelets < 30 x10^9/L) and (anc < 0.5 x10^9/L)", "(lab platelets < 30 ×10⁹/L and lab anc < 0.5 ×10⁹/L)")]
    [InlineData("((platelets < 30 x10^9/L) or (anc < 0.5 x10^9/L)) and not (age > 80)", "((lab platelets < 30 ×10⁹/L or lab anc < 0.5 ×10⁹/L) and not covariate age > 80 years)")]
    public void Repeated_recursive_conditions_parse_each_at_its_own_position(string condition, string bound)
    {
        // Found by the fuzzer: Sprache memoises recursive rules per input position; a shared memo
        // made the second `not` or `(` re-use the first one's result.
        var model = Bind($"  when {condition}");
        Assert.Equal(bound, ConditionText.Render(model.Rules[0].Trigger));
    }

    [Theory]
    [InlineData("subcutaneous", "sc")]
    [InlineData("sq", "sc")]
    [InlineData("po", "oral")]
    [InlineData("intravenous", "iv")]
    [InlineData("oral", "oral")]
    public void Route_aliases_bind_to_the_canonical_route(string written, string route)
    {
        var result = RuleFiles.Check(new SourceText("t.ixr", $"regimen R\n  cycle 28 days for 1 cycles\n  drug ixazomib {written} 4 mg days 1, 8, 15\n"));
        Assert.Empty(result.Diagnostics);
        Assert.Equal(route, result.Model!.Regimens[0].FindDrug("ixazomib")!.Route);
    }

    [Fact]
    public void A_route_that_is_no_alias_is_an_error_whose_help_lists_the_aliases()
    {
        var result = RuleFiles.Check(new SourceText("t.ixr", "regimen R\n  cycle 28 days for 1 cycles\n  drug ixazomib buccal 4 mg days 1, 8, 15\n"));
        var error = Assert.Single(result.Diagnostics);
        Assert.Equal(("IXR1007", 3, 17), (error.Code, error.Start.Line, error.Start.Column));
        Assert.Equal("routes are `oral` (or `po`), `iv` (or `intravenous`), `sc` (or `subcutaneous`)", error.Help);
    }
}
