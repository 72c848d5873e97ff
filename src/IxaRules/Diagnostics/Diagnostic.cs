using IxaRules.Text;

namespace IxaRules.Diagnostics;

public enum DiagnosticSeverity
{
    Error,
    Warning,
}

/// <summary>
/// One finding about an input, located by span. Diagnostics are values: collected, sorted by
/// location and rendered; never thrown at the user. Message and help quote the input, so they are
/// made printable and cut here, once for every producer (<see cref="Printable"/>). A diagnostic is
/// made only from a descriptor of the <see cref="Catalog.DiagnosticCatalog"/>.
/// </summary>
public sealed record Diagnostic
{
    internal Diagnostic(DiagnosticDescriptor descriptor, SourceText source, TextSpan span, string message, string? help = null, DiagnosticSeverity? severity = null)
    {
        Descriptor = descriptor;
        Source = source;
        Span = span;
        Severity = severity ?? descriptor.Severity;
        Message = Printable.Clamp(message, MaxMessage);
        Help = help is null ? null : Printable.Clamp(help, MaxMessage);
    }

    /// <summary>The catalog entry: stable code, default severity, title.</summary>
    public DiagnosticDescriptor Descriptor { get; }

    public SourceText Source { get; }

    public TextSpan Span { get; }

    public DiagnosticSeverity Severity { get; }

    public string Code => Descriptor.Code;

    public string Message { get; }

    public string? Help { get; }

    /// <summary>
    /// The text that fixes the problem when it replaces <see cref="Span"/> — the name a did-you-mean
    /// help line suggests — or null. Editors offer it as a quick fix.
    /// </summary>
    public string? Replacement { get; internal init; }

    /// <summary>Stated limit: a message or help line shows at most this many characters of its text.</summary>
    public const int MaxMessage = 400;

    public (int Line, int Column) Start => Source.GetLineColumn(Span.Start);

    public (int Line, int Column) End => Source.GetLineColumn(Span.End);

    public bool IsError => Severity == DiagnosticSeverity.Error;

    public override string ToString()
    {
        var (line, column) = Start;
        return $"{Source.Path}:{line}:{column}: {SeverityText(Severity)}[{Code}]: {Message}";
    }

    internal static string SeverityText(DiagnosticSeverity severity) =>
        severity == DiagnosticSeverity.Error ? "error" : "warning";
}

/// <summary>The template of a diagnostic: its stable code, default severity and a short title (docs/diagnostics.md lists them).</summary>
public sealed record DiagnosticDescriptor(string Code, DiagnosticSeverity Severity, string Title)
{
    internal Diagnostic At(SourceText source, TextSpan span, string message, string? help = null) => new(this, source, span, message, help);

    /// <summary>For the one code whose severity is that of what it stands for (IXR0009: the problems not shown).</summary>
    internal Diagnostic At(SourceText source, TextSpan span, DiagnosticSeverity severity, string message, string? help = null) => new(this, source, span, message, help, severity);
}
