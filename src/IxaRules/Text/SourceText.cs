namespace IxaRules.Text;

/// <summary>
/// The text of one input file and its line map. Every later stage refers to it by span only;
/// nothing after parsing re-reads the characters.
/// </summary>
public sealed class SourceText
{
    private readonly int[] _lineStarts;

    public SourceText(string path, string text)
    {
        Path = path;
        Text = WithoutLoneCarriageReturns(text);
        _lineStarts = ComputeLineStarts(Text);
    }

    /// <summary>The path as the user gave it (used verbatim in diagnostics).</summary>
    public string Path { get; }

    public string Text { get; }

    public int LineCount => _lineStarts.Length;

    /// <summary>True when the file was longer than the limit it was read with: <see cref="Text"/> holds only its start.</summary>
    public bool Truncated { get; init; }

    /// <summary>A rule file, read within the rule-file limit (see <see cref="InputFile"/>).</summary>
    public static SourceText FromFile(string path) => InputFile.Read(path, InputFile.RuleFileChars);

    /// <summary>1-based line and column of an offset. Columns count UTF-16 code units.</summary>
    public (int Line, int Column) GetLineColumn(int offset)
    {
        offset = Math.Clamp(offset, 0, Text.Length);
        var index = Array.BinarySearch(_lineStarts, offset);
        var line = index >= 0 ? index : ~index - 1;
        return (line + 1, offset - _lineStarts[line] + 1);
    }

    public int GetLineStart(int line) => _lineStarts[line - 1];

    /// <summary>The text of a 1-based line without its line break.</summary>
    public string GetLineText(int line)
    {
        var start = _lineStarts[line - 1];
        var end = line < _lineStarts.Length ? _lineStarts[line] : Text.Length;
        while (end > start && (Text[end - 1] == '\n' || Text[end - 1] == '\r'))
        {
            end--;
        }

        return Text[start..end];
    }

    public string this[TextSpan span] => Text.Substring(span.Start, span.Length);

    /// <summary>
    /// A lone <c>\r</c> (old Mac files) becomes <c>\n</c>: one character for one, so every offset and
    /// span stays that of the file, and every stage sees the line breaks the editor shows.
    /// </summary>
    private static string WithoutLoneCarriageReturns(string text)
    {
        var at = text.IndexOf('\r', StringComparison.Ordinal);
        if (at < 0)
        {
            return text;
        }

        var chars = text.ToCharArray();
        for (var i = at; i < chars.Length; i++)
        {
            if (chars[i] == '\r' && (i + 1 >= chars.Length || chars[i + 1] != '\n'))
            {
                chars[i] = '\n';
            }
        }

        return new string(chars);
    }

    /// <summary>Lines end at <c>\n</c> or <c>\r\n</c> (a lone <c>\r</c> was made a <c>\n</c>).</summary>
    private static int[] ComputeLineStarts(string text)
    {
        var starts = new List<int> { 0 };
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '\n')
            {
                starts.Add(i + 1);
            }
        }

        return [.. starts];
    }
}
