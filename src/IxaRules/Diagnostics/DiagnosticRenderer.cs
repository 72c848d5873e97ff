using System.Globalization;
using System.Text;
using System.Text.Json;

namespace IxaRules.Diagnostics;

/// <summary>How diagnostics are printed: for people, for tools, or for GitHub workflow annotations.</summary>
public enum DiagnosticFormat
{
    Text,
    Json,
    Github,

    /// <summary>SARIF 2.1.0, for code-scanning dashboards.</summary>
    Sarif,
}

/// <summary>Renders diagnostics rustc-style (text), as a JSON array, or as GitHub workflow commands.</summary>
public static class DiagnosticRenderer
{
    public static string Render(IEnumerable<Diagnostic> diagnostics, DiagnosticFormat format) => format switch
    {
        DiagnosticFormat.Json => RenderJson(diagnostics),
        DiagnosticFormat.Github => string.Concat(diagnostics.Select(d => RenderGithub(d) + "\n")),
        DiagnosticFormat.Sarif => new SarifLog().AddAll(diagnostics).Write(),
        _ => string.Concat(diagnostics.Select(RenderText)),
    };

    /// <summary>
    /// <code>
    /// error[IXR1001]: unknown drug `lenalidomid`
    ///   --> rules/ird.ixr:12:8
    ///    |
    /// 12 |   hold lenalidomid until platelets >= 30 x10^9/L
    ///    |        ^^^^^^^^^^^
    ///    = help: did you mean `lenalidomide`?
    /// </code>
    /// </summary>
    public static string RenderText(Diagnostic diagnostic)
    {
        var (line, column) = diagnostic.Start;
        var (endLine, endColumn) = diagnostic.End;
        var lineText = diagnostic.Source.LineCount >= line ? diagnostic.Source.GetLineText(line) : "";
        var gutter = line.ToString(CultureInfo.InvariantCulture);
        var pad = new string(' ', gutter.Length);

        // A span that runs past its first line is underlined to the end of that line.
        var caretEnd = endLine == line ? endColumn : lineText.Length + 1;
        var (expanded, caretColumn, caretCount) = Window(lineText, column, Math.Max(1, caretEnd - column));

        var sb = new StringBuilder();
        sb.Append(Diagnostic.SeverityText(diagnostic.Severity)).Append('[').Append(diagnostic.Code).Append("]: ")
          .Append(diagnostic.Message).Append('\n');
        sb.Append(pad).Append("--> ").Append(diagnostic.Source.Path).Append(':').Append(line.ToString(CultureInfo.InvariantCulture))
          .Append(':').Append(column.ToString(CultureInfo.InvariantCulture)).Append('\n');
        sb.Append(pad).Append(" |\n");
        sb.Append(gutter).Append(" | ").Append(expanded).Append('\n');
        sb.Append(pad).Append(" | ").Append(new string(' ', caretColumn - 1)).Append(new string('^', caretCount)).Append('\n');
        if (diagnostic.Help is { } help)
        {
            sb.Append(pad).Append(" = help: ").Append(help).Append('\n');
        }

        return sb.Append('\n').ToString();
    }

    public static string RenderGithub(Diagnostic d)
    {
        var (line, column) = d.Start;
        var (endLine, endColumn) = d.End;
        var kind = d.IsError ? "error" : "warning";
        var message = d.Help is null ? d.Message : $"{d.Message} (help: {d.Help})";
        return string.Create(CultureInfo.InvariantCulture,
            $"::{kind} file={EscapeProperty(d.Source.Path)},line={line},col={column},endLine={endLine},endColumn={endColumn},title={d.Code}::{EscapeData(message)}");
    }

    private static string RenderJson(IEnumerable<Diagnostic> diagnostics)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            writer.WriteStartArray();
            foreach (var d in diagnostics)
            {
                var (line, column) = d.Start;
                var (endLine, endColumn) = d.End;
                writer.WriteStartObject();
                writer.WriteString("file", d.Source.Path);
                writer.WriteNumber("line", line);
                writer.WriteNumber("column", column);
                writer.WriteNumber("endLine", endLine);
                writer.WriteNumber("endColumn", endColumn);
                writer.WriteString("severity", Diagnostic.SeverityText(d.Severity));
                writer.WriteString("code", d.Code);
                writer.WriteString("message", d.Message);
                if (d.Help is { } help)
                {
                    writer.WriteString("help", help);
                }

                writer.WriteEndObject();
            }

            writer.WriteEndArray();
        }

        return Encoding.UTF8.GetString(stream.ToArray()) + "\n";
    }

    /// <summary>Stated limit: a source line is shown as at most this many characters around the caret.</summary>
    public const int MaxLineShown = 160;

    /// <summary>
    /// The part of a line to show under a diagnostic, with the caret's column and width in it: the
    /// whole line when short, else a window around the span with ellipses, so that a diagnostic on a
    /// 1 MB line prints a line of normal length (output stays linear in the input).
    /// </summary>
    private static (string Text, int CaretColumn, int CaretCount) Window(string line, int column, int caretCount)
    {
        var visible = Printable.Visible(line);
        if (visible.Length <= MaxLineShown)
        {
            return (visible, column, caretCount);
        }

        var start = Math.Clamp(column - 1 - 60, 0, Math.Max(0, visible.Length - MaxLineShown));
        var length = Math.Min(MaxLineShown, visible.Length - start);
        var prefix = start > 0 ? "…" : "";
        var suffix = start + length < visible.Length ? "…" : "";
        var caretColumn = column - start + prefix.Length;
        var shownCaret = Math.Max(1, Math.Min(caretCount, length - (column - 1 - start)));
        return (string.Concat(prefix, visible.AsSpan(start, length), suffix), caretColumn, shownCaret);
    }

    // GitHub's workflow-command escaping rules.
    /// <summary>GitHub's workflow-command escapes: a message cannot end the command or start another.</summary>
    internal static string EscapeData(string s) => s.Replace("%", "%25").Replace("\r", "%0D").Replace("\n", "%0A");

    internal static string EscapeProperty(string s) => EscapeData(s).Replace(":", "%3A").Replace(",", "%2C");
}
