using IxaRules.Text;

namespace IxaRules.Cli.Lsp;

/// <summary>Spans as LSP ranges: 0-based lines and UTF-16 characters (IxaRules' 1-based line and column, less one).</summary>
internal static class Ranges
{
    public static Range Of(SourceText source, TextSpan span)
    {
        var (line, column) = source.GetLineColumn(span.Start);
        var (endLine, endColumn) = source.GetLineColumn(span.End);
        return new Range(new Position(line - 1, column - 1), new Position(endLine - 1, endColumn - 1));
    }

    /// <summary>The offset of a position in the text, or null when it is outside it.</summary>
    public static int? Offset(SourceText source, Position position)
    {
        if (position.Line < 0 || position.Line >= source.LineCount || position.Character < 0)
        {
            return null;
        }

        var line = source.GetLineText(position.Line + 1);
        return position.Character > line.Length ? null : source.GetLineStart(position.Line + 1) + position.Character;
    }

    public static bool Overlap(Range a, Range b) => !Before(a.End, b.Start) && !Before(b.End, a.Start);

    private static bool Before(Position a, Position b) => a.Line < b.Line || (a.Line == b.Line && a.Character < b.Character);
}
