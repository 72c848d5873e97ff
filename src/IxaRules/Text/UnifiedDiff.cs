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

        // Lines are compared without their breaks: a text's final line break ends its last line, it
        // does not start an empty one (which showed up as a context line), and CRLF is LF.
        var (oldBody, oldEnds) = Body(oldText);
        var (newBody, newEnds) = Body(newText);
        var a = oldBody.Split('\n');
        var b = newBody.Split('\n');
        var blocks = Differ.Instance.CreateLineDiffs(oldBody, newBody, ignoreWhitespace: false).DiffBlocks;
        var output = new List<string> { $"--- {oldName}", $"+++ {newName}" };
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
                    output.Add(" " + a[at]);
                }

                output.AddRange(a.Skip(block.DeleteStartA).Take(block.DeleteCountA).Select(l => "-" + l));
                output.AddRange(b.Skip(block.InsertStartB).Take(block.InsertCountB).Select(l => "+" + l));
                at = block.DeleteStartA + block.DeleteCountA;
            }

            for (; at < endA; at++)
            {
                output.Add(" " + a[at]);
            }

            i = j + 1;
        }

        if (oldEnds != newEnds)
        {
            output.Add($"\\ the last line of {(oldEnds ? newName : oldName)} has no line break");
        }
        else if (blocks.Count == 0)
        {
            output.Add("\\ only the line breaks differ (CRLF and LF)");
        }

        var shown = output.Take(MaxLines).ToList();
        if (output.Count > MaxLines)
        {
            shown.Add(string.Create(CultureInfo.InvariantCulture, $"… {output.Count - MaxLines} more diff lines"));
        }

        return new StringBuilder().AppendJoin('\n', shown).Append('\n').ToString();
    }

    private static (string Body, bool EndsWithBreak) Body(string text)
    {
        var lf = text.Replace("\r\n", "\n", StringComparison.Ordinal);
        return lf.EndsWith('\n') ? (lf[..^1], true) : (lf, false);
    }

    private static string Range(int start, int count) =>
        count == 0 ? string.Create(CultureInfo.InvariantCulture, $"{start},0") : string.Create(CultureInfo.InvariantCulture, $"{start + 1},{count}");
}
