using System.Text.Json.Serialization;

namespace IxaRules.Cli.Lsp;

// The Language Server Protocol types this server uses, and only those (LSP 3.17; hand-written: the
// maintained .NET packages of them do not restore here). Positions are 0-based, in UTF-16 code
// units — the same units IxaRules' columns count, less one.

internal sealed record Position(int Line, int Character);

internal sealed record Range(Position Start, Position End);

internal sealed record TextDocumentIdentifier(string Uri);

internal sealed record TextDocumentItem(string Uri, string LanguageId, int Version, string Text);

internal sealed record VersionedTextDocumentIdentifier(string Uri, int Version);

internal sealed record TextDocumentContentChangeEvent(string Text);

internal sealed record DidOpenTextDocumentParams(TextDocumentItem TextDocument);

internal sealed record DidChangeTextDocumentParams(VersionedTextDocumentIdentifier TextDocument, IReadOnlyList<TextDocumentContentChangeEvent> ContentChanges);

internal sealed record DidCloseTextDocumentParams(TextDocumentIdentifier TextDocument);

internal sealed record TextDocumentPositionParams(TextDocumentIdentifier TextDocument, Position Position);

/// <summary>The parameters of requests about a whole document (formatting's options are not read: `fmt` has one layout).</summary>
internal sealed record DocumentParams(TextDocumentIdentifier TextDocument);

internal sealed record LspDiagnostic(Range Range, int Severity, string Code, string Source, string Message);

internal sealed record PublishDiagnosticsParams(string Uri, int? Version, IReadOnlyList<LspDiagnostic> Diagnostics);

internal sealed record MarkupContent(string Kind, string Value);

internal sealed record Hover(MarkupContent Contents, Range Range);

internal sealed record TextEdit(Range Range, string NewText);

internal sealed record Location(string Uri, Range Range);

internal sealed record CompletionOptions(IReadOnlyList<string> TriggerCharacters);

internal sealed record ReferenceContext(bool IncludeDeclaration);

internal sealed record ReferenceParams(TextDocumentIdentifier TextDocument, Position Position, ReferenceContext? Context);

internal sealed record DocumentSymbol(string Name, string? Detail, int Kind, Range Range, Range SelectionRange, IReadOnlyList<DocumentSymbol> Children);

internal sealed record FoldingRange(int StartLine, int EndLine, string? Kind);

internal sealed record SemanticTokensLegend(IReadOnlyList<string> TokenTypes, IReadOnlyList<string> TokenModifiers);

internal sealed record SemanticTokensOptions(SemanticTokensLegend Legend, bool Full);

internal sealed record SemanticTokens(IReadOnlyList<int> Data);

internal sealed record CodeActionContext(IReadOnlyList<LspDiagnostic>? Diagnostics);

internal sealed record CodeActionParams(TextDocumentIdentifier TextDocument, Range Range, CodeActionContext? Context);

internal sealed record WorkspaceEdit(IReadOnlyDictionary<string, IReadOnlyList<TextEdit>> Changes);

internal sealed record CodeAction(string Title, string Kind, IReadOnlyList<LspDiagnostic> Diagnostics, bool IsPreferred, WorkspaceEdit Edit);

internal sealed record WorkspaceFolder(string Uri, string Name);

/// <summary>What the server reads of `initialize`: where the workspace is, for find references.</summary>
internal sealed record InitializeParams(string? RootUri, string? RootPath, IReadOnlyList<WorkspaceFolder>? WorkspaceFolders);

internal sealed record ServerCapabilities(
    [property: JsonPropertyName("textDocumentSync")] int TextDocumentSync,
    bool HoverProvider,
    bool DocumentFormattingProvider,
    CompletionOptions CompletionProvider,
    bool DefinitionProvider,
    bool ReferencesProvider,
    bool DocumentSymbolProvider,
    bool FoldingRangeProvider,
    SemanticTokensOptions SemanticTokensProvider,
    bool CodeActionProvider);

internal sealed record ServerInfo(string Name, string Version);

internal sealed record InitializeResult(ServerCapabilities Capabilities, ServerInfo ServerInfo);
