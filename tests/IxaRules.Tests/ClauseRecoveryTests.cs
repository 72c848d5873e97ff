using IxaRules.Parsing;
using IxaRules.Syntax;
using IxaRules.Text;

namespace IxaRules.Tests;

/// <summary>
/// Recovery at clause level (the editor's parse): the same diagnostics as the strict parse, never
/// fewer declarations, and a broken clause costs only itself.
/// </summary>
public class ClauseRecoveryTests
{
    [Theory]
    [MemberData(nameof(BadInputCorpusTests.Files), MemberType = typeof(BadInputCorpusTests))]
    public void Recovery_reports_what_the_strict_parse_reports_and_keeps_at_least_its_declarations(string file)
    {
        var source = new SourceText(file, File.ReadAllText(Path.Combine(TestPaths.BadCorpus, file)));
        var strict = RuleParser.ParseFile(source);
        var recovered = RuleParser.ParseFile(source, recover: true);

        Assert.Equal(strict.Diagnostics, recovered.Diagnostics);
        Assert.True(recovered.Declarations.Count >= strict.Declarations.Count);
        Assert.All(strict.Declarations, d => Assert.Contains(recovered.Declarations, r => r.Span == d.Span));
        Assert.Equal(strict.Broken.Count, recovered.Broken.Count + (recovered.Declarations.Count - strict.Declarations.Count));
    }

    [Fact]
    public void A_broken_clause_is_skipped_to_the_next_clause_line_and_the_rest_of_the_rule_is_kept()
    {
        const string text =
            "rule r\n" +
            "  when platelets < 30 x10^9/L\n" +
            "  hold ixazomib until platelets >= 30 x10^9/L and\n" + // unfinished: `and` has no right-hand side
            "    or 5\n" +                                          // a continuation, not a clause line: skipped with it
            "  on recovery resume ixazomib same\n";
        var source = new SourceText("r.ixr", text);

        var strict = RuleParser.ParseFile(source);
        Assert.Empty(strict.Declarations);
        Assert.Equal("r", Assert.Single(strict.Broken).Name?.Text);

        var rule = Assert.IsType<RuleSyntax>(Assert.Single(RuleParser.ParseFile(source, recover: true).Declarations));
        Assert.Equal(["when", "on"], rule.Clauses.Select(c => c.Keyword.Text));
        Assert.Equal(TextSpan.FromBounds(0, text.Length - 1), rule.Span);
    }

    [Fact]
    public void Text_after_a_clause_on_its_line_is_skipped_with_the_line_and_a_broken_head_recovers_nothing()
    {
        var source = new SourceText("r.ixr", "regimen R\n  cycle 28 days for 1 cycles extra words\n  drug ixazomib oral 4 mg days 1, 8, 15\nrule\n  when platelets < 30 x10^9/L\n");
        var tree = RuleParser.ParseFile(source, recover: true);

        var regimen = Assert.IsType<RegimenSyntax>(Assert.Single(tree.Declarations));
        Assert.Equal(["cycle", "drug"], regimen.Clauses.Select(c => c.Keyword.Text));
        Assert.Single(tree.Broken); // `rule` without a name
    }

    [Fact]
    public void Check_never_sees_a_recovered_declaration_and_the_editor_check_binds_it()
    {
        var source = new SourceText("r.ixr", "regimen R\n  cycle 28 days for 1 cycles\n  drug ixazomib oral 4 mg dayz 1\n  drug lenalidomide oral 25 mg days 1-21\n");
        Assert.Null(RuleFiles.Check(source).AsFarAsBound!.Regimens.SingleOrDefault(r => r.Name == "R"));

        var editor = RuleFiles.CheckRecovering(source);
        Assert.Null(editor.Model); // nothing may run on it
        Assert.Equal(["lenalidomide"], Assert.Single(editor.AsFarAsBound!.Regimens).DrugNames);
    }
}
