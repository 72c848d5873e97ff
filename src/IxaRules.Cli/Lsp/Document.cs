using IxaRules.Binding;
using IxaRules.Syntax;
using IxaRules.Text;

namespace IxaRules.Cli.Lsp;

/// <summary>
/// One version of an open document: its text as a source named by its path (a `file:` URI), so
/// scenario files find the files they name, and its check — run once, when the first request
/// (a publish, a hover, a completion) needs it, and shared by the rest. Hover, completion and
/// the outline read the file as far as it binds; a file with a syntax error is parsed a second
/// time, recovering at clause level, so the rest of a declaration being typed still answers.
/// </summary>
internal sealed class Document
{
    private readonly Lazy<CheckResult> _check;
    private readonly Lazy<CheckResult> _recovered;

    private readonly SyntaxTree? _previous;

    /// <summary>A version; <paramref name="previous"/>, the last syntax parsed of an earlier one, lends it its untouched declarations (a 1 MB file costs the declaration being typed, not the file).</summary>
    public Document(string uri, int version, string text, SyntaxTree? previous = null)
    {
        (Version, Text, _previous) = (version, text, previous);
        Source = new SourceText(Uri.TryCreate(uri, UriKind.Absolute, out var u) && u.IsFile ? u.LocalPath : uri, text);
        _check = new Lazy<CheckResult>(() => RuleFiles.CheckEdited(Source, _previous));
        _recovered = new Lazy<CheckResult>(() => Check.Syntax.HasErrors ? RuleFiles.CheckRecovering(Source, Check.Syntax) : Check);
    }

    /// <summary>The syntax the next version may reuse: this version's, once checked, else what this one was given (a version typed over before it was checked).</summary>
    public SyntaxTree? LastParsed => _check.IsValueCreated ? _check.Value.Syntax : _previous;

    public int Version { get; }

    public string Text { get; }

    public SourceText Source { get; }

    /// <summary>What `check` says: the diagnostics to publish.</summary>
    public CheckResult Check => _check.Value;

    /// <summary>The syntax the editor's features read (recovered when the strict parse failed).</summary>
    public SyntaxTree Syntax => _recovered.Value.Syntax;

    /// <summary>The file as far as it binds, errors or not — never run, only read.</summary>
    public BoundFile? Model => _recovered.Value.AsFarAsBound;
}
