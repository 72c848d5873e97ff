using System.Collections.Concurrent;
using IxaRules.Binding;
using IxaRules.Text;
using StreamJsonRpc;

namespace IxaRules.Cli.Lsp;

/// <summary>
/// `ixarules lsp`: the language server, on StreamJsonRpc. Every answer comes from the pipeline
/// `check` runs — the same parser, binder and diagnostics, so an editor shows exactly what CI will
/// say. Documents are synchronised whole; diagnostics are published on open at once and on change
/// after a short pause in typing (<see cref="Debounce"/>), for the latest text only.
/// </summary>
internal sealed class LanguageServer(Func<PublishDiagnosticsParams, Task> publish)
{
    /// <summary>How long typing must pause before a change is checked.</summary>
    public static readonly TimeSpan Debounce = TimeSpan.FromMilliseconds(150);

    private readonly ConcurrentDictionary<string, Document> _documents = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, CancellationTokenSource> _pending = new(StringComparer.Ordinal);

    /// <summary>Set by `shutdown`; `exit` then ends the process with 0 (1 without it, as the protocol says).</summary>
    public bool ShutdownRequested { get; private set; }

    public TaskCompletionSource Exited { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    [JsonRpcMethod("initialize", UseSingleObjectParameterDeserialization = true)]
    public static InitializeResult Initialize(object? _) =>
        new(new ServerCapabilities(TextDocumentSync: 1, HoverProvider: true, DocumentFormattingProvider: true, new CompletionOptions([" "]), DefinitionProvider: true), new ServerInfo("ixarules", typeof(LanguageServer).Assembly.GetName().Version?.ToString() ?? ""));

    [JsonRpcMethod("initialized", UseSingleObjectParameterDeserialization = true)]
    public static void Initialized(object? _)
    {
    }

    [JsonRpcMethod("textDocument/didOpen", UseSingleObjectParameterDeserialization = true)]
    public Task DidOpen(DidOpenTextDocumentParams p)
    {
        _documents[p.TextDocument.Uri] = new Document(p.TextDocument.Uri, p.TextDocument.Version, p.TextDocument.Text);
        return Publish(p.TextDocument.Uri);
    }

    [JsonRpcMethod("textDocument/didChange", UseSingleObjectParameterDeserialization = true)]
    public void DidChange(DidChangeTextDocumentParams p)
    {
        if (p.ContentChanges.Count == 0)
        {
            return;
        }

        var uri = p.TextDocument.Uri;
        _documents[uri] = new Document(uri, p.TextDocument.Version, p.ContentChanges[^1].Text);
        var latest = new CancellationTokenSource();
        if (_pending.TryGetValue(uri, out var previous))
        {
            previous.Cancel();
        }

        _pending[uri] = latest;
        _ = Task.Delay(Debounce, latest.Token).ContinueWith(t => t.IsCanceled ? Task.CompletedTask : Publish(uri), TaskScheduler.Default).Unwrap();
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

    [JsonRpcMethod("textDocument/formatting", UseSingleObjectParameterDeserialization = true)]
    public IReadOnlyList<TextEdit> Formatting(DocumentFormattingParams p)
    {
        if (!_documents.TryGetValue(p.TextDocument.Uri, out var doc))
        {
            return [];
        }

        var source = doc.Source;
        var tree = RuleFiles.Parse(source);
        if (tree.HasErrors)
        {
            return []; // a file with syntax errors is not formatted, as `fmt` leaves it
        }

        var formatted = RuleFiles.Format(tree);
        var (line, column) = source.GetLineColumn(source.Text.Length);
        return formatted == doc.Text ? [] : [new TextEdit(new Range(new Position(0, 0), new Position(line - 1, column - 1)), formatted)];
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

        var source = doc.Source;
        var diagnostics = doc.Check.Diagnostics
            .Where(d => d.Source.Path == source.Path)
            .Select(d => new LspDiagnostic(
                new Range(new Position(d.Start.Line - 1, d.Start.Column - 1), new Position(d.End.Line - 1, d.End.Column - 1)),
                d.IsError ? 1 : 2, d.Code, "ixarules", d.Help is null ? d.Message : $"{d.Message}\nhelp: {d.Help}"))
            .ToList();
        return publish(new PublishDiagnosticsParams(uri, doc.Version, diagnostics));
    }

    /// <summary>
    /// One version of an open document: its text as a source named by its path (a `file:` URI), so
    /// scenario files find the files they name, and its check — run once, when the first request
    /// (a publish, a hover, a completion) needs it, and shared by the rest.
    /// </summary>
    private sealed class Document
    {
        private readonly Lazy<CheckResult> _check;

        public Document(string uri, int version, string text)
        {
            (Version, Text) = (version, text);
            Source = new SourceText(Uri.TryCreate(uri, UriKind.Absolute, out var u) && u.IsFile ? u.LocalPath : uri, text);
            _check = new Lazy<CheckResult>(() => RuleFiles.Check(Source));
        }

        public int Version { get; }

        public string Text { get; }

        public SourceText Source { get; }

        public CheckResult Check => _check.Value;

        public BoundFile? Model => Check.Model;
    }
}
