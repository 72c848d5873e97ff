using IxaRules.Binding;
using IxaRules.Parsing;
using IxaRules.Text;

namespace IxaRules.Cli.Lsp;

/// <summary>One completion: the word, what kind of thing it is (LSP's CompletionItemKind) and a short detail.</summary>
internal sealed record CompletionItem(string Label, int Kind, string Detail);

/// <summary>
/// Completion from what the language knows: at the start of a line, the declarations (unindented)
/// or the clause keywords (indented); elsewhere the names a rule or scenario uses — this file's
/// drugs and rules, the labs, adverse events, covariates, routes and units of the catalog. The
/// client filters by what has been typed.
/// </summary>
internal static class Completions
{
    private const int Keyword = 14;
    private const int Variable = 6;
    private const int Function = 3;
    private const int Unit = 11;
    private const int Constant = 21;

    private static readonly string[] Declarations = ["regimen", "rule", "scenario"];

    /// <summary>What an indented line starts with: a regimen's clauses, a rule's, a scenario's.</summary>
    private static readonly string[] LineStarts =
        [.. RegimenGrammar.ClauseKeywords, "levels", "when", "hold", "reduce", "discontinue", "stop", "on", "counter", "patient", "day", "expect"];

    private static readonly string[] UnitWords = ["mg", "mg/m2", "mg/kg", "x10^9/L", "mL/min", "mg/dL", "umol/L", "kg", "cm", "years", "%"];

    public static IReadOnlyList<CompletionItem> At(SourceText source, BoundFile? model, Position position)
    {
        if (position.Line < 0 || position.Line >= source.LineCount)
        {
            return [];
        }

        var line = source.GetLineText(position.Line + 1);
        var before = line[..Math.Clamp(position.Character, 0, line.Length)];
        if (before.Trim().All(c => char.IsLetter(c) || c == '-'))
        {
            // The first word of a line: what can start one here.
            return before.Length > 0 && char.IsWhiteSpace(before[0])
                ? [.. LineStarts.Where(Lexical.Keywords.Contains).Distinct().Order(StringComparer.Ordinal).Select(k => new CompletionItem(k, Keyword, "clause"))]
                : [.. Declarations.Select(k => new CompletionItem(k, Keyword, "declaration"))];
        }

        var items = new List<CompletionItem>();
        var regimens = model is null ? [] : HoverText.RegimensInView(model);
        items.AddRange(regimens.SelectMany(r => r.DrugNames).Distinct().Select(d => new CompletionItem(d, Variable, "drug of this file")));
        items.AddRange(model is null ? [] : model.Rules.Select(r => new CompletionItem(r.Name, Function, $"rule (line {r.Line})")));
        items.AddRange(Catalog.LabNames.Select(l => new CompletionItem(l, Variable, "lab")));
        items.AddRange(Catalog.AdverseEventNames.Select(a => new CompletionItem(a, Variable, "adverse event")));
        items.AddRange(Catalog.CovariateNames.Select(c => new CompletionItem(c, Variable, "covariate")));
        items.AddRange(Catalog.Routes.Select(r => new CompletionItem(r, Constant, "route")));
        items.AddRange(UnitWords.Select(u => new CompletionItem(u, Unit, "unit")));
        return [.. items.DistinctBy(i => i.Label).OrderBy(i => i.Label, StringComparer.Ordinal)];
    }
}
