using System.Collections.Concurrent;
using IxaRules.Text;
using StreamJsonRpc;

namespace IxaRules.Cli.Lsp;

/// <summary>
/// `ixarules lsp`: the language server, on StreamJsonRpc. Every answer comes from the pipeline
/// `check` runs — the same parser, binder and diagnostics, so an editor shows exactly what CI will
/// say. Documents are synchronised whole; diagnostics are published on open and on every change,
/// one check of a document at a time: changes that arrive while it runs are coalesced into one check
/// of the latest text (<see cref="CheckLoop"/>) — no fixed pause, so a single edit is answered as
/// soon as it is checked, and fast typing never queues stale checks.
/// </summary>
internal sealed class LanguageServer(Func<PublishDiagnosticsParams, Task> publish)
{
    private readonly ConcurrentDictionary<string, Document> _documents = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, CheckLoop> _loops = new(StringComparer.Ordinal);

    /// <summary>Set by `shutdown`; `exit` then ends the process with 0 (1 without it, as the protocol says).</summary>
    public bool ShutdownRequested { get; private set; }

    public TaskCompletionSource Exited { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>The workspace's folders (from `initialize`), searched by find references; none: the documents' own folders.</summary>
    private IReadOnlyList<string> _roots = [];

    [JsonRpcMethod("initialize", UseSingleObjectParameterDeserialization = true)]
    public InitializeResult Initialize(InitializeParams? p)
    {
        _roots = [.. (p?.WorkspaceFolders?.Select(f => f.Uri) ?? (p?.RootUri is { } root ? [root] : []))
            .Select(u => Uri.TryCreate(u, UriKind.Absolute, out var uri) && uri.IsFile ? uri.LocalPath : null).OfType<string>()
            .Concat(p?.RootPath is { } path && p.RootUri is null && p.WorkspaceFolders is null ? [path] : [])];
        var capabilities = new ServerCapabilities(TextDocumentSync: 1, HoverProvider: true, DocumentFormattingProvider: true, new CompletionOptions([" "]), DefinitionProvider: true,
            ReferencesProvider: true, DocumentSymbolProvider: true, FoldingRangeProvider: true,
            new SemanticTokensOptions(new SemanticTokensLegend(SemanticTokenList.Types, []), Full: true), CodeActionProvider: true);
        return new(capabilities, new ServerInfo("ixarules", typeof(LanguageServer).Assembly.GetName().Version?.ToString() ?? ""));
    }

    [JsonRpcMethod("initialized", UseSingleObjectParameterDeserialization = true)]
    public static void Initialized(object? _)
    {
    }

    [JsonRpcMethod("textDocument/didOpen", UseSingleObjectParameterDeserialization = true)]
    public void DidOpen(DidOpenTextDocumentParams p)
    {
        _documents[p.TextDocument.Uri] = new Document(p.TextDocument.Uri, p.TextDocument.Version, p.TextDocument.Text);
        Changed(p.TextDocument.Uri);
    }

    [JsonRpcMethod("textDocument/didChange", UseSingleObjectParameterDeserialization = true)]
    public void DidChange(DidChangeTextDocumentParams p)
    {
        if (p.ContentChanges.Count == 0)
        {
            return;
        }

        var uri = p.TextDocument.Uri;
        _documents[uri] = new Document(uri, p.TextDocument.Version, p.ContentChanges[^1].Text, _documents.TryGetValue(uri, out var before) ? before.LastParsed : null);
        Changed(uri);
    }

    /// <summary>Opening and changing a document go through its one <see cref="CheckLoop"/>, so publishes arrive in version order.</summary>
    private void Changed(string uri) => _loops.GetOrAdd(uri, u => new CheckLoop(() => Publish(u))).Changed();

    /// <summary>
    /// One document's checks: at most one runs; a change during it marks the document dirty, and the
    /// check that follows reads the latest text. Every change is answered by a publish of a version
    /// at least as new.
    /// </summary>
    private sealed class CheckLoop(Func<Task> check)
    {
        private readonly Lock _gate = new();
        private bool _running;
        private bool _dirty;

        public void Changed()
        {
            lock (_gate)
            {
                if (_running)
                {
                    _dirty = true;
                    return;
                }

                _running = true;
            }

            _ = Task.Run(Run);
        }

        private async Task Run()
        {
            while (true)
            {
                try
                {
                    await check().ConfigureAwait(false);
                }
                catch (Exception)
                {
                    // A publish that failed (the client went away mid-way) must not leave the loop marked running:
                    // the next change would never be checked.
                }

                lock (_gate)
                {
                    if (!_dirty)
                    {
                        _running = false;
                        return;
                    }

                    _dirty = false;
                }
            }
        }
    }

    [JsonRpcMethod("textDocument/didClose", UseSingleObjectParameterDeserialization = true)]
    public Task DidClose(DidCloseTextDocumentParams p)
    {
        _documents.TryRemove(p.TextDocument.Uri, out _);
        return publish(new PublishDiagnosticsParams(p.TextDocument.Uri, null, []));
    }

    [JsonRpcMethod("textDocument/hover", UseSingleObjectParameterDeserialization = true)]
    public Hover? Hover(TextDocumentPositionParams p) =>
        _documents.TryGetValue(p.TextDocument.Uri, out var doc) ? HoverText.At(doc.Source, doc.Model, p.Position) : null;

    [JsonRpcMethod("textDocument/definition", UseSingleObjectParameterDeserialization = true)]
    public Location? Definition(TextDocumentPositionParams p) =>
        _documents.TryGetValue(p.TextDocument.Uri, out var doc) ? HoverText.Definition(doc.Source, doc.Model, p.Position) : null;

    [JsonRpcMethod("textDocument/completion", UseSingleObjectParameterDeserialization = true)]
    public IReadOnlyList<CompletionItem> Completion(TextDocumentPositionParams p) =>
        _documents.TryGetValue(p.TextDocument.Uri, out var doc) ? Completions.At(doc.Source, doc.Model, p.Position) : [];

    [JsonRpcMethod("textDocument/references", UseSingleObjectParameterDeserialization = true)]
    public IReadOnlyList<Location> References(ReferenceParams p) =>
        _documents.TryGetValue(p.TextDocument.Uri, out var doc) ? Lsp.References.Find(doc, p.Position, p.Context?.IncludeDeclaration ?? true, () => Workspace(doc)) : [];

    [JsonRpcMethod("textDocument/documentSymbol", UseSingleObjectParameterDeserialization = true)]
    public IReadOnlyList<DocumentSymbol> DocumentSymbols(DocumentParams p) =>
        _documents.TryGetValue(p.TextDocument.Uri, out var doc) ? Outline.Symbols(doc.Syntax) : [];

    [JsonRpcMethod("textDocument/foldingRange", UseSingleObjectParameterDeserialization = true)]
    public IReadOnlyList<FoldingRange> FoldingRanges(DocumentParams p) =>
        _documents.TryGetValue(p.TextDocument.Uri, out var doc) ? Outline.Folds(doc.Syntax) : [];

    [JsonRpcMethod("textDocument/semanticTokens/full", UseSingleObjectParameterDeserialization = true)]
    public SemanticTokens SemanticTokens(DocumentParams p) =>
        _documents.TryGetValue(p.TextDocument.Uri, out var doc) ? SemanticTokenList.Of(doc.Syntax, doc.Model) : new SemanticTokens([]);

    [JsonRpcMethod("textDocument/codeAction", UseSingleObjectParameterDeserialization = true)]
    public IReadOnlyList<CodeAction> CodeActions(CodeActionParams p) =>
        _documents.TryGetValue(p.TextDocument.Uri, out var doc) ? QuickFixes.For(doc, p.TextDocument.Uri, p.Range) : [];

    /// <summary>
    /// The rule files find references searches besides the document: every open document, and the
    /// `.ixr` files below the workspace folders (or, without any, the document's folder), read from disk.
    /// </summary>
    private IEnumerable<Document> Workspace(Document from)
    {
        var open = _documents.Values.ToDictionary(d => Path.GetFullPath(d.Source.Path), StringComparer.Ordinal);
        var roots = _roots.Count > 0 ? _roots : [Path.GetDirectoryName(Path.GetFullPath(from.Source.Path)) ?? "."];
        var (files, _) = RuleFiles.Discover(roots.Where(Directory.Exists));
        return open.Values.Concat(files.Select(Path.GetFullPath).Where(f => !open.ContainsKey(f)).Take(Lsp.References.MaxFiles).Select(Read).OfType<Document>());
    }

    private static Document? Read(string path)
    {
        try
        {
            var source = SourceText.FromFile(path);
            return new Document(new Uri(path).AbsoluteUri, 0, source.Text);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidDataException)
        {
            return null; // an unreadable file has no references to give
        }
    }

    [JsonRpcMethod("textDocument/formatting", UseSingleObjectParameterDeserialization = true)]
    public IReadOnlyList<TextEdit> Formatting(DocumentParams p)
    {
        if (!_documents.TryGetValue(p.TextDocument.Uri, out var doc))
        {
            return [];
        }

        var tree = doc.Check.Syntax; // the parse the diagnostics came from, not a second one
        if (tree.HasErrors)
        {
            return []; // a file with syntax errors is not formatted, as `fmt` leaves it
        }

        var formatted = RuleFiles.Format(tree);
        return formatted == doc.Text ? [] : [new TextEdit(Ranges.Of(doc.Source, new TextSpan(0, doc.Text.Length)), formatted)];
    }

    [JsonRpcMethod("shutdown")]
    public object? Shutdown()
    {
        ShutdownRequested = true;
        return null;
    }

    [JsonRpcMethod("exit")]
    public void Exit() => Exited.TrySetResult();

    private Task Publish(string uri)
    {
        if (!_documents.TryGetValue(uri, out var doc))
        {
            return Task.CompletedTask;
        }

        var diagnostics = doc.Check.Diagnostics.Where(d => d.Source.Path == doc.Source.Path).Select(QuickFixes.ToLsp).ToList();
        return publish(new PublishDiagnosticsParams(uri, doc.Version, diagnostics));
    }
}
