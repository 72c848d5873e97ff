using System.Text.Json;
using System.Text.RegularExpressions;
using IxaRules.Parsing;
using IxaRules.Syntax;
using IxaRules.Text;

namespace IxaRules.Tests.Editors;

/// <summary>
/// The TextMate grammar agrees with the parser, token by token: on every baseline, rule and example
/// file, each keyword, name, number, unit, string, comment and piece of embedded C# the parser reads
/// is coloured as what it is. Its keyword list is the parser's. (Baselines/NAME.tokens.txt holds
/// every token with its scopes, for review as a diff.)
/// </summary>
public partial class TextMateGrammarTests
{
    public static TheoryData<string> Files()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.EnumerateFiles(TestPaths.Baselines, "*.ixr")
            .Concat(Directory.EnumerateFiles(TestPaths.Rules, "*.ixr"))
            .Concat(Directory.EnumerateFiles(TestPaths.Examples, "*.ixr", SearchOption.AllDirectories)).Order(StringComparer.Ordinal))
        {
            data.Add(TestPaths.Relative(file));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Every_token_the_parser_reads_has_the_scope_of_what_it_is(string file)
    {
        var source = new SourceText(file, File.ReadAllText(Path.Combine(TestPaths.Root, file)));
        var tree = RuleParser.ParseFile(source, recover: true);
        var tokens = IxrGrammar.Tokenize(source.Text);
        var problems = new List<string>();

        void Expect(TextSpan span, string what, Func<IxrGrammar.Token, bool> ok)
        {
            var (line, column) = source.GetLineColumn(span.Start);
            var token = tokens.LastOrDefault(t => t.Line == line && t.Start <= column);
            if (token is null || !ok(token))
            {
                problems.Add($"{file}:{line}:{column}: {what} `{source[span]}` is {(token is null ? "not a token" : string.Join(" ", token.Scopes.Skip(1)))}");
            }
        }

        foreach (var leaf in SyntaxWalk.Leaves(tree))
        {
            switch (leaf)
            {
                case Token t when Lexical.Keywords.Contains(t.Text.Split(' ')[0]): // `or baseline`, `after dialysis`: phrases are one token, led by a keyword
                    Expect(t.Span, "keyword", g => g.Scope.StartsWith("keyword.control.", StringComparison.Ordinal) || g.Scope.StartsWith("keyword.declaration.", StringComparison.Ordinal));
                    break;
                case Token t when char.IsLetter(t.Text[0]):
                    Expect(t.Span, "name", g => g.Scope.StartsWith("variable.other.", StringComparison.Ordinal) || g.Scope.StartsWith("entity.name.", StringComparison.Ordinal) || g.Scope.StartsWith("support.constant.route.", StringComparison.Ordinal));
                    break;
                case Token t when t.Text is "<" or "<=" or ">" or ">=" or "=" or "..":
                    Expect(t.Span, "operator", g => g.Scope.StartsWith("keyword.operator.", StringComparison.Ordinal));
                    break;
                case NumberLiteral n:
                    Expect(n.Span, "number", g => g.Scope == "constant.numeric.ixarules");
                    break;
                case UnitSyntax u:
                    Expect(u.Span, "unit", g => g.Scope == "entity.name.tag.unit.ixarules" || (Lexical.Keywords.Contains(u.Text) && g.Scope == "keyword.control.ixarules"));
                    break;
                case StringLiteral s:
                    Expect(s.Span, "string", g => g.Scopes.Contains("string.quoted.double.ixarules"));
                    break;
                case CSharpExpr c:
                    Expect(c.Span, "embedded C#", g => g.Scopes.Contains("meta.embedded.inline.csharp.ixarules"));
                    Expect(c.CodeSpan, "embedded C#", g => g.Scopes.Contains("source.cs"));
                    break;
            }
        }

        foreach (var comment in tree.Comments)
        {
            Expect(comment.Span, "comment", g => g.Scope == "comment.line.number-sign.ixarules");
        }

        Assert.True(problems.Count == 0, string.Join("\n", problems.Take(30)));
    }

    [GeneratedRegex(@"^\(\?<!\[A-Za-z0-9_\\-\]\)\(\?:(?<words>[^)]*)\)")]
    private static partial Regex KeywordPattern();

    [Fact]
    public void The_grammar_knows_exactly_the_parsers_keywords()
    {
        using var grammar = JsonDocument.Parse(File.ReadAllText(IxrGrammar.Path));
        var pattern = grammar.RootElement.GetProperty("repository").GetProperty("keyword").GetProperty("match").GetString()!;
        var match = KeywordPattern().Match(pattern);
        Assert.True(match.Success, pattern);
        var words = match.Groups["words"].Value.Replace("\\-", "-", StringComparison.Ordinal).Split('|');
        Assert.Equal(Lexical.Keywords.Order(StringComparer.Ordinal), words.Order(StringComparer.Ordinal));
        // Longest first: `rdi-time` must not be read as `rdi` and a name.
        Assert.Equal(words.OrderByDescending(w => w.Length).ThenBy(w => w, StringComparer.Ordinal), words);
    }

    [Fact]
    public void Keywords_inside_names_are_names_and_units_after_numbers_are_units()
    {
        var tokens = IxrGrammar.Tokenize("  when rash_grade_4 grade 2..3 or non-haematologic grade 3 and anc < 1,000/mm3 # on hold\n  drug x oral 1.3 mg/m² days 1-21");
        Assert.Equal(
            [
                "1:3 when keyword.control.ixarules", "1:8 rash_grade_4 variable.other.ixarules", "1:21 grade keyword.control.ixarules",
                "1:27 2 constant.numeric.ixarules", "1:28 .. keyword.operator.comparison.ixarules", "1:30 3 constant.numeric.ixarules",
                "1:32 or keyword.control.ixarules", "1:35 non-haematologic variable.other.ixarules", "1:52 grade keyword.control.ixarules",
                "1:58 3 constant.numeric.ixarules", "1:60 and keyword.control.ixarules", "1:64 anc variable.other.ixarules",
                "1:68 < keyword.operator.comparison.ixarules", "1:70 1,000 constant.numeric.ixarules", "1:75 /mm3 entity.name.tag.unit.ixarules",
                "1:80 # on hold comment.line.number-sign.ixarules",
                "2:3 drug keyword.control.ixarules", "2:8 x variable.other.ixarules", "2:10 oral support.constant.route.ixarules",
                "2:15 1.3 constant.numeric.ixarules", "2:19 mg/m² entity.name.tag.unit.ixarules", "2:25 days keyword.control.ixarules",
                "2:30 1 constant.numeric.ixarules", "2:32 21 constant.numeric.ixarules",
            ],
            tokens.Where(t => t.Text != "-").Select(t => t.ToString()));
    }
}
