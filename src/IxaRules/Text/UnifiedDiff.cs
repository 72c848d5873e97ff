using System.Globalization;
using System.Text;
using DiffPlex;

namespace IxaRules.Text;

/// <summary>
/// A unified diff (`diff -u` layout, three lines of context) of two texts, for `test` (an example's
/// expected vs actual outcome) and `fmt --diff`. The line matching is DiffPlex's; only the hunk layout
/// is written here. Stated limit: at most <see cref="MaxLines"/> lines are printed, then a count.
/// </summary>
internal static class UnifiedDiff
{
    public const int MaxLines = 200;

    private const int Context = 3;

    /// <summary>Null when the texts are equal.</summary>
    public static string? Of(string oldText, string newText, string oldName, string newName)
    {
        if (oldText == newText)
        {
            return null;
        }

        // A text's final line break ends its last line, it does not start an empty one, and CRLF is LF.
        // A last line without its break is compared with a mark, so `x` and `x` + break differ, and
        // printed as diff -u does: followed by `\ No newline at end of file`.
        var (a, aOpen) = Lines(oldText);
        var (b, bOpen) = Lines(newText);
        var blocks = Differ.Instance.CreateLineDiffs(Key(a, aOpen), Key(b, bOpen), ignoreWhitespace: false).DiffBlocks;
        var output = new List<string> { $"--- {oldName}", $"+++ {newName}" };
        void Add(char sign, string[] lines, bool open, int index)
        {
            if (index >= lines.Length)
            {
                return; // DiffPlex counts an empty text as one empty line; it has none
            }

            output.Add(sign + lines[index]);
            if (open && index == lines.Length - 1)
            {
                output.Add(NoNewline);
            }
        }

        var i = 0;
        while (i < blocks.Count)
        {
            // Blocks closer than twice the context share a hunk.
            var j = i;
            while (j + 1 < blocks.Count && blocks[j + 1].DeleteStartA - (blocks[j].DeleteStartA + blocks[j].DeleteCountA) <= 2 * Context)
            {
                j++;
            }

            var startA = Math.Max(0, blocks[i].DeleteStartA - Context);
            var startB = Math.Max(0, blocks[i].InsertStartB - Context);
            var endA = Math.Min(a.Length, blocks[j].DeleteStartA + blocks[j].DeleteCountA + Context);
            var endB = Math.Min(b.Length, blocks[j].InsertStartB + blocks[j].InsertCountB + Context);
            output.Add(string.Create(CultureInfo.InvariantCulture, $"@@ -{Range(startA, endA - startA)} +{Range(startB, endB - startB)} @@"));
            var at = startA;
            for (var k = i; k <= j; k++)
            {
                var block = blocks[k];
                for (; at < block.DeleteStartA; at++)
                {
                    Add(' ', a, aOpen, at);
                }

                for (var d = block.DeleteStartA; d < block.DeleteStartA + block.DeleteCountA; d++)
                {
                    Add('-', a, aOpen, d);
                }

                for (var n = block.InsertStartB; n < block.InsertStartB + block.InsertCountB; n++)
                {
                    Add('+', b, bOpen, n);
                }

                at = block.DeleteStartA + block.DeleteCountA;
            }

            for (; at < endA; at++)
            {
                Add(' ', a, aOpen, at);
            }

            i = j + 1;
        }

        if (blocks.Count == 0)
        {
            output.Add("\\ only the line breaks differ (CRLF and LF): a patch cannot show it");
        }

        var shown = output.Take(MaxLines).ToList();
        if (output.Count > MaxLines)
        {
            shown.Add(string.Create(CultureInfo.InvariantCulture, $"… {output.Count - MaxLines} more diff lines"));
        }

        return new StringBuilder().AppendJoin('\n', shown).Append('\n').ToString();
    }

    private const string NoNewline = "\\ No newline at end of file";

    /// <summary>The lines of a text, and whether its last line has no line break.</summary>
    private static (string[] Lines, bool Open) Lines(string text)
    {
        var lf = text.Replace("\r\n", "\n", StringComparison.Ordinal);
        return lf.Length == 0 ? ([], false) : lf.EndsWith('\n') ? (lf[..^1].Split('\n'), false) : (lf.Split('\n'), true);
    }

    private static string Key(string[] lines, bool open) =>
        string.Join('\n', open ? lines[..^1].Append(lines[^1] + "\0no newline") : lines) + (lines.Length > 0 ? "\n" : "");

    private static string Range(int start, int count) =>
        count == 0 ? string.Create(CultureInfo.InvariantCulture, $"{start},0") : string.Create(CultureInfo.InvariantCulture, $"{start + 1},{count}");
}
