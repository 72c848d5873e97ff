using System.Text.RegularExpressions;
using IxaRules.Binding;
using IxaRules.Text;

namespace IxaRules.Tests;

public partial class FormatterTests
{
    public static TheoryData<string> ShippedFiles()
    {
        var data = new TheoryData<string>();
        foreach (var file in TestPaths.ShippedRuleFiles().Concat(Directory.EnumerateFiles(TestPaths.Baselines, "*.ixr")))
        {
            // Files with syntax errors cannot be formatted; their diagnostics are baselines of their own.
            if (!RuleFiles.Parse(SourceText.FromFile(file)).HasErrors)
            {
                data.Add(TestPaths.Relative(file));
            }
        }

        return data;
    }

    private static string Format(string path, string text)
    {
        var tree = RuleFiles.Parse(new SourceText(path, text));
        Assert.False(tree.HasErrors, string.Join("\n", tree.Diagnostics));
        return RuleFiles.Format(tree);
    }

    private static string Meaning(string path, string text)
    {
        var result = RuleFiles.Check(new SourceText(path, text));
        Assert.NotNull(result.Model);
        return ModelPrinter.Print(result.Model);
    }

    [Theory]
    [MemberData(nameof(ShippedFiles))]
    public void Formatting_is_idempotent(string relative)
    {
        var text = File.ReadAllText(Path.Combine(TestPaths.Root, relative));
        var once = Format(relative, text);
        Assert.Equal(once, Format(relative, once));
    }

    [Theory]
    [MemberData(nameof(ShippedFiles))]
    public void Formatting_keeps_meaning(string relative)
    {
        var text = File.ReadAllText(Path.Combine(TestPaths.Root, relative));
        if (RuleFiles.Check(new SourceText(relative, text)).HasErrors)
        {
            return; // baselines with errors have no meaning to keep; their formatted text is still a baseline
        }

        Assert.Equal(Meaning(relative, text), Meaning(relative, Format(relative, text)));
    }

    [Theory]
    [MemberData(nameof(ShippedFiles))]
    public void Formatting_keeps_every_comment_in_order(string relative)
    {
        var text = File.ReadAllText(Path.Combine(TestPaths.Root, relative));
        var before = RuleFiles.Parse(new SourceText(relative, text)).Comments.Select(c => c.Text).ToList();
        var after = RuleFiles.Parse(new SourceText(relative, Format(relative, text))).Comments.Select(c => c.Text).ToList();
        Assert.Equal(before, after);
    }

    [Theory]
    [MemberData(nameof(ShippedFiles))]
    public void Shipped_rule_files_are_canonical(string relative)
    {
        if (!relative.StartsWith("rules/", StringComparison.Ordinal) && !relative.StartsWith("examples/", StringComparison.Ordinal))
        {
            return;
        }

        var text = File.ReadAllText(Path.Combine(TestPaths.Root, relative));
        Assert.Equal(text, Format(relative, text));
    }

    [GeneratedRegex("(?<=\\S) (?=\\S)")]
    private static partial Regex SingleSpace();

    /// <summary>Scrambles layout without changing tokens: no indentation, doubled spaces, extra blank lines.</summary>
    private static string Mess(string canonical) => string.Join("\n", canonical.Split('\n').Select((line, i) =>
    {
        var code = line.TrimStart();
        if (code.StartsWith('#') || code.Length == 0)
        {
            return code;
        }

        var hash = code.IndexOf("  #", StringComparison.Ordinal);
        var body = hash < 0 ? code : code[..hash];
        var comment = hash < 0 ? "" : "    " + code[(hash + 2)..];
        if (!body.Contains('"', StringComparison.Ordinal))
        {
            body = SingleSpace().Replace(body, i % 2 == 0 ? "   " : " "); // never inside string literals: that would change meaning
        }
        var declaration = body.StartsWith("regimen ", StringComparison.Ordinal) || body.StartsWith("rule ", StringComparison.Ordinal)
            || body.StartsWith("scenario ", StringComparison.Ordinal);
        return (i % 3 == 0 && !declaration ? "\t" : "") + body + comment + (i % 5 == 0 ? "\n\n" : ""); // declarations stay in column 1
    }));

    [Theory]
    [MemberData(nameof(ShippedFiles))]
    public void Messy_layout_formats_back_to_canonical(string relative)
    {
        if (!relative.StartsWith("rules/", StringComparison.Ordinal))
        {
            return;
        }

        var canonical = File.ReadAllText(Path.Combine(TestPaths.Root, relative));
        var messy = Mess(canonical);
        Assert.NotEqual(canonical, messy);
        Assert.Equal(Meaning(relative, canonical), Meaning(relative, messy));
        var formatted = Format(relative, messy);
        Assert.Equal(Meaning(relative, canonical), Meaning(relative, formatted));
        Assert.Equal(formatted, Format(relative, formatted));
    }

    [Fact]
    public void Operators_and_long_forms_are_canonicalised()
    {
        const string input = """
            regimen R
              cycle 28 days for 6 cycles
              drug ixazomib oral 4 mg days 1,8,15 levels 4 mg>3 mg>stop
              drug lenalidomide oral 25 mg days 1-21 levels 25 mg > 15 mg > discontinue
            rule r
              counter per rule
              when platelets ≤ 30 x10^9/L
              hold ixazomib, lenalidomide until platelets ≥ 30 x10^9/L
              on recovery alternate lenalidomide, ixazomib one level lower starting with lenalidomide
            """;
        const string expected = """
            regimen R
              cycle 28 days for 6 cycles
              drug ixazomib oral 4 mg days 1, 8, 15
                levels 4 mg > 3 mg > discontinue
              drug lenalidomide oral 25 mg days 1-21
                levels 25 mg > 15 mg > discontinue

            rule r
              counter per rule
              when platelets <= 30 x10^9/L
              hold ixazomib, lenalidomide until platelets >= 30 x10^9/L
              on recovery alternate lenalidomide, ixazomib next lower, starting with lenalidomide

            """;
        Assert.Equal(expected.ReplaceLineEndings("\n"), Format("t.ixr", input));
        Assert.Equal(Meaning("t.ixr", input), Meaning("t.ixr", expected));
    }
}
