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
/// made printable and cut here, once for every producer (<see cref="Printable"/>).
/// </summary>
public sealed record Diagnostic(
    SourceText Source,
    TextSpan Span,
    DiagnosticSeverity Severity,
    string Code,
    string Message,
    string? Help = null)
{
    public string Message { get; init; } = Printable.Clamp(Message, MaxMessage);

    public string? Help { get; init; } = Help is null ? null : Printable.Clamp(Help, MaxMessage);

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

/// <summary>The template of a diagnostic: its stable code, severity and wording.</summary>
internal readonly record struct DiagnosticDescriptor(string Code, DiagnosticSeverity Severity)
{
    public Diagnostic At(SourceText source, TextSpan span, string message, string? help = null) =>
        new(source, span, Severity, Code, message, help);
}
