using IxaRules.Syntax;
using IxaRules.Text;

namespace IxaRules.Cli.Lsp;

/// <summary>
/// The outline and the folds of a document, from its syntax (recovered while typing): regimens with
/// their phases and each phase's drugs, rules, scenarios. A regimen's clauses before its first
/// `phase` belong to the implicit phase, which has no entry of its own.
/// </summary>
internal static class Outline
{
    // LSP's SymbolKind values.
    private const int Namespace = 3;
    private const int Class = 5;
    private const int Method = 6;
    private const int Function = 12;
    private const int Variable = 13;

    public static IReadOnlyList<DocumentSymbol> Symbols(SyntaxTree tree) =>
        [.. tree.Declarations.Select(d => d switch
        {
            RegimenSyntax r => Symbol(tree.Source, r.Name.Text, r.Title?.Value, Class, r.Span, r.Name.Span, Phases(tree.Source, r)),
            RuleSyntax r => Symbol(tree.Source, r.Name.Text, r.ForRegimens.Count > 0 ? "for " + string.Join(", ", r.ForRegimens.Select(f => f.Text)) : "rule", Function, r.Span, r.Name.Span, []),
            ScenarioSyntax s => Symbol(tree.Source, s.Title.Value, s.ForRegimen is { } f ? "scenario for " + f.Text : "scenario", Method, s.Span, s.Title.Span, []),
            _ => Symbol(tree.Source, d.Keyword.Text, null, Namespace, d.Span, d.Keyword.Span, []),
        })];

    /// <summary>A fold per declaration and per named phase that spans more than one line.</summary>
    public static IReadOnlyList<FoldingRange> Folds(SyntaxTree tree)
    {
        var folds = new List<FoldingRange>();
        foreach (var declaration in tree.Declarations)
        {
            Add(folds, tree.Source, declaration.Span, "region");
            if (declaration is RegimenSyntax regimen)
            {
                foreach (var (_, span) in PhaseSpans(regimen).Where(p => p.Phase?.Name is not null))
                {
                    Add(folds, tree.Source, span, "region");
                }
            }
        }

        return [.. folds.OrderBy(f => f.StartLine).ThenByDescending(f => f.EndLine)];
    }

    private static List<DocumentSymbol> Phases(SourceText source, RegimenSyntax regimen)
    {
        var children = new List<DocumentSymbol>();
        foreach (var (phase, span) in PhaseSpans(regimen))
        {
            var drugs = Drugs(source, regimen.Clauses.Where(c => c.Span.Start >= span.Start && c.Span.End <= span.End));
            if (phase?.Name is null)
            {
                children.AddRange(drugs); // the one unnamed phase (`cycle 28 days`): its drugs sit under the regimen
            }
            else
            {
                children.Add(Symbol(source, phase.Name?.Text ?? "phase", $"cycle {phase.CycleDays.Text} days", Namespace, span, phase.Name?.Span ?? phase.Keyword.Span, drugs));
            }
        }

        return children;
    }

    private static List<DocumentSymbol> Drugs(SourceText source, IEnumerable<ClauseSyntax> clauses) =>
        [.. clauses.OfType<DrugClause>().Select(d => Symbol(source, d.Name.Text, $"{d.Route.Text} {d.Dose.Number.Text} {d.Dose.Unit?.Text}".TrimEnd(), Variable, d.Span, d.Name.Span, []))];

    /// <summary>Each phase of a regimen with the span from its `phase` clause to its last clause (null: the clauses before the first phase).</summary>
    private static IEnumerable<(PhaseClause? Phase, TextSpan Span)> PhaseSpans(RegimenSyntax regimen)
    {
        PhaseClause? current = null;
        var group = new List<ClauseSyntax>();
        foreach (var clause in regimen.Clauses)
        {
            if (clause is PhaseClause next)
            {
                if (current is not null || group.Count > 0)
                {
                    yield return (current, Cover(current, group));
                }

                (current, group) = (next, []);
            }
            else
            {
                group.Add(clause);
            }
        }

        if (current is not null || group.Count > 0)
        {
            yield return (current, Cover(current, group));
        }
    }

    private static TextSpan Cover(PhaseClause? phase, List<ClauseSyntax> clauses)
    {
        var spans = clauses.Select(c => c.Span).ToList();
        if (phase is not null)
        {
            spans.Insert(0, phase.Span);
        }

        return TextSpan.FromBounds(spans.Min(s => s.Start), spans.Max(s => s.End));
    }

    private static void Add(List<FoldingRange> folds, SourceText source, TextSpan span, string kind)
    {
        var (start, _) = source.GetLineColumn(span.Start);
        var (end, _) = source.GetLineColumn(span.End);
        if (end > start)
        {
            folds.Add(new FoldingRange(start - 1, end - 1, kind));
        }
    }

    private static DocumentSymbol Symbol(SourceText source, string name, string? detail, int kind, TextSpan span, TextSpan selection, IReadOnlyList<DocumentSymbol> children) =>
        new(name, detail, kind, Ranges.Of(source, span), Ranges.Of(source, selection), children);
}
