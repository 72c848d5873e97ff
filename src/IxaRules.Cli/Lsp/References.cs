using IxaRules.Binding;
using IxaRules.Parsing;
using IxaRules.Syntax;
using IxaRules.Text;

namespace IxaRules.Cli.Lsp;

/// <summary>
/// Find references: every place a regimen, drug, rule, shared counter or lab is named — in the document and in the
/// workspace's other rule and scenario files — found among the parsed names (never in comments or
/// strings). A regimen, its drugs and its rules count only in the files that see that regimen
/// (its own file, and scenario files that name it); a lab, adverse event or covariate, a catalog
/// name, counts everywhere.
/// </summary>
internal static class References
{
    /// <summary>Stated limit: at most this many workspace files are searched for one request.</summary>
    public const int MaxFiles = 2_000;

    public static IReadOnlyList<Location> Find(Document document, Position position, bool includeDeclaration, Func<IEnumerable<Document>> workspace)
    {
        if (Ranges.Offset(document.Source, position) is not { } offset
            || NameAt(document.Syntax, offset) is not { } name
            || document.Model is not { } model
            || Symbol(model, name.Text) is not { } symbol)
        {
            return [];
        }

        var found = new List<Location>();
        foreach (var file in workspace().Prepend(document).DistinctBy(d => Path.GetFullPath(d.Source.Path)).Take(MaxFiles))
        {
            if (file.Model is not { } other || !symbol.SeenBy(other))
            {
                continue;
            }

            var tokens = Names(file.Syntax).Where(t => t.Text == name.Text).ToList();
            // The declaring name is the first of that text inside the declaration's span, in the declaring file.
            var declaration = symbol.Declared is { } d && SamePath(d.Path, file.Source.Path)
                ? tokens.FirstOrDefault(t => t.Span.Start >= d.Span.Start && t.Span.End <= d.Span.End)
                : null;
            found.AddRange(tokens.Where(t => includeDeclaration || !ReferenceEquals(t, declaration))
                .Select(t => new Location(new Uri(Path.GetFullPath(file.Source.Path)).AbsoluteUri, Ranges.Of(file.Source, t.Span))));
        }

        return [.. found.Distinct()];
    }

    /// <summary>What a name stands for: which files see it, and where it is declared (catalog names are declared nowhere).</summary>
    private sealed record SymbolOf(Func<BoundFile, bool> SeenBy, SourceLocation? Declared);

    private static SymbolOf? Symbol(BoundFile model, string name)
    {
        var regimens = HoverText.RegimensInView(model);
        if (regimens.FirstOrDefault(r => r.Name == name) is { } regimen)
        {
            return new SymbolOf(f => HoverText.RegimensInView(f).Any(r => Same(r.At, regimen.At)), regimen.At);
        }

        if (regimens.Select(r => r.FindDrug(name)).OfType<DrugPlan>().FirstOrDefault() is { } drug)
        {
            var owners = regimens.Where(r => r.FindDrug(name) is not null).Select(r => r.At).ToList();
            return new SymbolOf(f => HoverText.RegimensInView(f).Any(r => owners.Exists(o => Same(o, r.At))), drug.At);
        }

        if (HoverText.RulesInView(model).FirstOrDefault(r => r.Name == name) is { } rule)
        {
            return new SymbolOf(f => HoverText.RulesInView(f).Any(r => r.Name == name && Same(r.At, rule.At)), rule.At);
        }

        if (HoverText.RulesInView(model).Where(r => r.CounterShared && r.Counter == name).ToList() is [var first, ..] sharing)
        {
            // A shared counter: named in the `counter shared` clause of each rule that shares it; declared by the first.
            return new SymbolOf(f => HoverText.RulesInView(f).Any(r => sharing.Exists(s => Same(s.At, r.At))), first.At);
        }

        return Catalog.Lab(name) is not null || Catalog.AdverseEvent(name) is not null || Catalog.CovariateNames.Contains(name)
            ? new SymbolOf(_ => true, null)
            : null;
    }

    private static bool Same(SourceLocation a, SourceLocation b) => a.Span == b.Span && SamePath(a.Path, b.Path);

    private static bool SamePath(string a, string b) => Path.GetFullPath(a) == Path.GetFullPath(b);

    /// <summary>The parsed names of a file (keywords and symbols left out).</summary>
    public static IEnumerable<Token> Names(SyntaxTree tree) =>
        SyntaxWalk.Leaves(tree).OfType<Token>().Where(t => t.Text.Length > 0 && char.IsLetter(t.Text[0]) && !Lexical.Keywords.Contains(t.Text));

    /// <summary>The parsed name at an offset (its end counts: the cursor just after a word is on it).</summary>
    public static Token? NameAt(SyntaxTree tree, int offset) =>
        Names(tree).FirstOrDefault(t => offset >= t.Span.Start && offset <= t.Span.End);
}
