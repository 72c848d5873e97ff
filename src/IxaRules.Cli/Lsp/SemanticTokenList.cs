using IxaRules.Binding;
using IxaRules.Parsing;
using IxaRules.Syntax;
using IxaRules.Text;

namespace IxaRules.Cli.Lsp;

/// <summary>
/// Semantic tokens: what the parser and binder know a word to be, beyond what a grammar of the
/// text can tell — a drug, a lab, a rule, a regimen — from the document's syntax (recovered while
/// typing) and its model. Encoded as LSP says: five integers a token, each relative to the one before.
/// </summary>
internal static class SemanticTokenList
{
    /// <summary>The legend; a token's type is its index here.</summary>
    public static readonly string[] Types = ["keyword", "namespace", "function", "variable", "property", "event", "enumMember", "number", "type", "string", "comment", "macro"];

    private const int Keyword = 0, Regimen = 1, Rule = 2, Drug = 3, Lab = 4, AdverseEvent = 5, Route = 6, Number = 7, Unit = 8, String = 9, Comment = 10, CSharp = 11;

    public static SemanticTokens Of(SyntaxTree tree, BoundFile? model)
    {
        var regimens = model is null ? [] : HoverText.RegimensInView(model);
        var drugs = regimens.SelectMany(r => r.DrugNames).ToHashSet(StringComparer.Ordinal);
        var rules = model is null ? [] : HoverText.RulesInView(model).Select(r => r.Name).ToHashSet(StringComparer.Ordinal);
        var regimenNames = regimens.Select(r => r.Name).ToHashSet(StringComparer.Ordinal);

        var tokens = new List<(TextSpan Span, int Type)>();
        foreach (var leaf in SyntaxWalk.Leaves(tree))
        {
            int? type = leaf switch
            {
                Token t when Lexical.Keywords.Contains(t.Text.Split(' ')[0]) => Keyword, // a phrase (`or baseline`, `after dialysis`) is one token
                Token t when regimenNames.Contains(t.Text) => Regimen,
                Token t when rules.Contains(t.Text) => Rule,
                Token t when drugs.Contains(t.Text) || Catalog.Drugs.Contains(t.Text) => Drug,
                Token t when Catalog.Lab(t.Text) is not null || Catalog.CovariateNames.Contains(t.Text) => Lab,
                Token t when Catalog.AdverseEvent(t.Text) is not null => AdverseEvent,
                Token t when Catalog.Route(t.Text) is not null => Route,
                Token => null, // a symbol (`>=`, `:`) or a name nothing declares
                NumberLiteral => Number,
                UnitSyntax => Unit,
                StringLiteral => String,
                CSharpExpr => CSharp,
                _ => null,
            };
            if (type is { } known)
            {
                tokens.Add((leaf.Span, known));
            }
        }

        tokens.AddRange(tree.Comments.Select(c => (c.Span, Comment)));
        return new SemanticTokens(Encode(tree.Source, tokens.OrderBy(t => t.Span.Start)));
    }

    /// <summary>LSP's relative encoding; a token across lines (embedded C#) is one token a line.</summary>
    private static List<int> Encode(SourceText source, IEnumerable<(TextSpan Span, int Type)> tokens)
    {
        var data = new List<int>();
        var (lastLine, lastStart, lastEnd) = (0, 0, -1);
        foreach (var (span, type) in tokens)
        {
            if (span.Start < lastEnd || span.Length == 0)
            {
                continue; // overlapping (a comment inside embedded C#) or empty: LSP allows neither
            }

            var (line, column) = source.GetLineColumn(span.Start);
            var (endLine, endColumn) = source.GetLineColumn(span.End);
            for (var l = line; l <= endLine; l++)
            {
                var start = l == line ? column - 1 : 0;
                var end = l == endLine ? endColumn - 1 : source.GetLineText(l).Length;
                if (end <= start)
                {
                    continue;
                }

                data.AddRange([l - 1 - lastLine, l - 1 == lastLine ? start - lastStart : start, end - start, type, 0]);
                (lastLine, lastStart) = (l - 1, start);
            }

            lastEnd = span.End;
        }

        return data;
    }
}
