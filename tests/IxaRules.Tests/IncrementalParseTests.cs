using IxaRules.Parsing;
using IxaRules.Syntax;
using IxaRules.Text;

namespace IxaRules.Tests;

/// <summary>
/// The editor's incremental parse: declarations an edit did not touch are reused, moved to where
/// they now start, and the tree is the one a fresh parse gives — every node and span.
/// </summary>
public class IncrementalParseTests
{
    public static TheoryData<string> Files() => new(Directory.EnumerateFiles(TestPaths.Baselines, "*.ixr")
        .Concat(Directory.EnumerateFiles(TestPaths.Rules, "*.ixr")).Select(TestPaths.Relative).Order(StringComparer.Ordinal));

    [Theory]
    [MemberData(nameof(Files))]
    public void An_edit_that_moves_every_declaration_gives_the_tree_a_fresh_parse_gives(string file)
    {
        var text = File.ReadAllText(Path.Combine(TestPaths.Root, file));
        var before = RuleParser.ParseFile(new SourceText(file, text), keepForReuse: true);

        // A comment line inserted before everything: each declaration moves, none changes.
        var edited = new SourceText(file, "# an edit\n" + text);
        var reused = RuleParser.ParseFile(edited, previous: before);
        var fresh = RuleParser.ParseFile(edited);

        Assert.Equal(SyntaxDump.Dump(fresh), SyntaxDump.Dump(reused));
        // Spans the dump does not print: embedded C#'s code span.
        Assert.Equal(SyntaxWalk.Leaves(fresh).OfType<CSharpExpr>().Select(c => c.CodeSpan), SyntaxWalk.Leaves(reused).OfType<CSharpExpr>().Select(c => c.CodeSpan));
        Assert.Equal(fresh.Diagnostics.Select(d => d.ToString()), reused.Diagnostics.Select(d => d.ToString()));
        Assert.Equal(fresh.Broken, reused.Broken);
        Assert.Equal(RuleFiles.Check(edited).Diagnostics.Select(d => d.ToString()), RuleFiles.CheckEdited(edited, before).Diagnostics.Select(d => d.ToString()));
    }

    [Fact]
    public void Only_the_edited_declaration_is_parsed_again_and_a_declaration_with_diagnostics_never_is_reused()
    {
        const string text = "regimen R\n  cycle 28 days for 1 cycles\n  drug ixazomib oral 4 mg days 1, 8, 15\n\nrule a\n  when platelets < 30 x10^9/L\n  hold ixazomib until platelets >= 30 x10^9/L\n\nrule b\n  when anc < 0.5 x10^9/L\n  hold ixazomib until anc >= 0.5 x10^9/L\n";
        var before = RuleParser.ParseFile(new SourceText("r.ixr", text), keepForReuse: true);
        Assert.Equal(3, before.CleanSlices.Count);

        var edited = RuleParser.ParseFile(new SourceText("r.ixr", text.Replace("anc < 0.5", "anc < 0.75", StringComparison.Ordinal)), previous: before);
        Assert.Same(before.Declarations[0], edited.Declarations[0]); // before the edit: not even moved
        Assert.Same(before.Declarations[1], edited.Declarations[1]);
        Assert.NotSame(before.Declarations[2], edited.Declarations[2]);
        Assert.Contains("0.75 @10:14", SyntaxDump.Dump(edited)); // the edit is in the new tree, at its place

        var broken = RuleParser.ParseFile(new SourceText("r.ixr", text.Replace("cycle 28 days", "cycle 28 dayz", StringComparison.Ordinal)), keepForReuse: true);
        Assert.Equal(2, broken.CleanSlices.Count); // the regimen has a diagnostic: it is parsed again next time
    }
}
