using IxaRules.Diagnostics;

namespace IxaRules.Cli.Lsp;

/// <summary>
/// Code actions: a diagnostic whose help is a did-you-mean carries the name it suggests
/// (<see cref="Diagnostic.Replacement"/>); the quick fix puts it in place of the misspelt name.
/// </summary>
internal static class QuickFixes
{
    public static IReadOnlyList<CodeAction> For(Document document, string uri, Range range) =>
        [.. document.Check.Diagnostics
            .Where(d => d.Replacement is not null && d.Source.Path == document.Source.Path)
            .Select(d => (Diagnostic: d, Lsp: ToLsp(d)))
            .Where(d => Ranges.Overlap(d.Lsp.Range, range))
            .Select(d => new CodeAction($"Change `{document.Source[d.Diagnostic.Span]}` to `{d.Diagnostic.Replacement}`", "quickfix", [d.Lsp], IsPreferred: true,
                new WorkspaceEdit(new Dictionary<string, IReadOnlyList<TextEdit>>(StringComparer.Ordinal) { [uri] = [new TextEdit(d.Lsp.Range, d.Diagnostic.Replacement!)] })))];

    /// <summary>A diagnostic as LSP carries it: the range, 1 error or 2 warning, the code, and the help line after the message.</summary>
    public static LspDiagnostic ToLsp(Diagnostic d) =>
        new(Ranges.Of(d.Source, d.Span), d.IsError ? 1 : 2, d.Code, "ixarules", d.Help is null ? d.Message : $"{d.Message}\nhelp: {d.Help}");
}
