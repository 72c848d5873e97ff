using IxaRules.Syntax;
using IxaRules.Text;

namespace IxaRules.Formatting;

/// <summary>
/// Puts comments back around formatted lines. A comment after code stays at the end of the output
/// line that holds that source line; a comment on its own line goes before the next output line
/// (or, when indented and followed by a new declaration, after the previous one). At most one blank
/// line is kept wherever the source had one or more; declarations are separated by exactly one.
/// </summary>
internal static class CommentPlacer
{
    private sealed record Item(int Indent, string Text, int SourceLine, bool DeclarationStart, int SourceEnd = 0)
    {
        public int LastLine => Math.Max(SourceLine, SourceEnd);
    }

    public static string Render(SourceText source, IReadOnlyList<Formatter.OutLine> lines, IReadOnlyList<Comment> comments)
    {
        var leading = lines.Select(_ => new List<Comment>()).ToList();
        var trailing = lines.Select(_ => new List<Comment>()).ToList();
        var after = new List<Comment>();
        foreach (var comment in comments)
        {
            var (line, column) = source.GetLineColumn(comment.Span.Start);
            if (!comment.OwnLine && lines.Select((l, i) => (l, i)).LastOrDefault(x => x.l.SourceStart <= line && line <= x.l.SourceEnd) is { l: not null } holder)
            {
                trailing[holder.i].Add(comment);
                continue;
            }

            var next = FindNext(lines, line);
            if (next < 0)
            {
                after.Add(comment);
            }
            else if (column > 1 && next > 0 && lines[next].DeclarationStart)
            {
                trailing[next - 1].Add(comment with { OwnLine = true });
            }
            else
            {
                leading[next].Add(comment);
            }
        }

        var items = new List<Item>();
        for (var i = 0; i < lines.Count; i++)
        {
            var line = lines[i];
            var first = true;
            foreach (var c in leading[i])
            {
                items.Add(new Item(line.Indent, c.Text, source.GetLineColumn(c.Span.Start).Line, line.DeclarationStart && first));
                first = false;
            }

            var inline = trailing[i].FirstOrDefault(c => !c.OwnLine);
            items.Add(new Item(line.Indent, inline is null ? line.Text : line.Text + "  " + inline.Text, line.SourceStart, line.DeclarationStart && first, line.SourceEnd));
            foreach (var c in trailing[i].Where(c => c != inline))
            {
                items.Add(new Item(line.Indent, c.Text, source.GetLineColumn(c.Span.Start).Line, false));
            }
        }

        items.AddRange(after.Select(c => new Item(0, c.Text, source.GetLineColumn(c.Span.Start).Line, false)));

        var output = new List<string>();
        for (var i = 0; i < items.Count; i++)
        {
            if (i > 0 && (items[i].DeclarationStart || BlankBetween(source, items[i - 1].LastLine, items[i].SourceLine)))
            {
                output.Add("");
            }

            output.Add(new string(' ', items[i].Indent) + items[i].Text);
        }

        return Formatter.Join(output);
    }

    private static int FindNext(IReadOnlyList<Formatter.OutLine> lines, int line)
    {
        for (var i = 0; i < lines.Count; i++)
        {
            if (lines[i].SourceStart > line)
            {
                return i;
            }
        }

        return -1;
    }

    private static bool BlankBetween(SourceText source, int previous, int current)
    {
        for (var line = previous + 1; line < current; line++)
        {
            if (string.IsNullOrWhiteSpace(source.GetLineText(line)))
            {
                return true;
            }
        }

        return false;
    }
}
