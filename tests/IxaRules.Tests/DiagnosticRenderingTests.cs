using IxaRules.Diagnostics;
using IxaRules.Text;

namespace IxaRules.Tests;

public class DiagnosticRenderingTests
{
    [Fact]
    public void Text_is_rustc_style_with_caret_and_help()
    {
        var source = new SourceText("rules/x.ixr", string.Join("\n", Enumerable.Repeat("", 11)) + "\n  hold lenalidomid until platelets >= 30 x10^9/L\n");
        var d = IxaRules.Diagnostics.Catalog.NameCodes.UnknownDrug.At(source, new TextSpan(source.GetLineStart(12) + 7, 11), "unknown drug `lenalidomid`", "did you mean `lenalidomide`?");
        Assert.Equal(
            "error[IXR1001]: unknown drug `lenalidomid`\n" +
            "  --> rules/x.ixr:12:8\n" +
            "   |\n" +
            "12 |   hold lenalidomid until platelets >= 30 x10^9/L\n" +
            "   |        ^^^^^^^^^^^\n" +
            "   = help: did you mean `lenalidomide`?\n\n",
            DiagnosticRenderer.RenderText(d));
    }

    [Fact]
    public void A_zero_width_span_at_the_end_still_gets_one_caret()
    {
        var source = new SourceText("a.ixr", "regimen R\n  cycle 28 days for");
        var result = RuleFiles.Check(source);
        var text = DiagnosticRenderer.RenderText(result.Diagnostics[0]);
        Assert.Contains("expected a whole number, found the end of the declaration", text);
        Assert.Contains("2 |   cycle 28 days for\n  | " + new string(' ', 19) + "^\n", text);
    }

    [Fact]
    public void Diagnostics_are_sorted_by_position()
    {
        var result = RuleFiles.Check(new SourceText("a.ixr", """
            regimen R
              cycle 28 days for 6 cycles
              drug ixazomb oral 4 mg days 1, 8, 29
              drug dexamethasone orall 40 mg days 1
            """));
        Assert.Equal(["IXR1001", "IXR1007"], result.Diagnostics.Select(d => d.Code));
    }

    [Theory]
    [InlineData("lenalidomid", "lenalidomide")]
    [InlineData("ixazomb", "ixazomib")]
    [InlineData("dexamethason", "dexamethasone")]
    [InlineData("xyz", null)]
    public void Suggestions_are_close_names_only(string typo, string? expected) =>
        Assert.Equal(expected, Suggest.Closest(typo, IxaRules.Binding.Catalog.Drugs));

    [Theory]
    [InlineData("g", new[] { "%" }, null)] // one letter for another is no suggestion
    [InlineData("g", new[] { "%", "mg" }, "mg")]
    [InlineData("x", new[] { "y", "z" }, null)]
    [InlineData("sc", new[] { "sq" }, "sq")]
    public void A_suggestion_shares_something_with_the_word(string typo, string[] candidates, string? expected) =>
        Assert.Equal(expected, Suggest.Closest(typo, candidates));
}
