using System.Text;
using IxaRules.Syntax;
using IxaRules.Text;

namespace IxaRules.Parsing;

/// <summary>
/// Finds <c># …</c> comments outside string literals and C# backticks, returns them as trivia, and
/// a copy of the text with each comment blanked to spaces. The grammar then never sees comments,
/// yet every offset still points at the original file.
/// </summary>
internal static class CommentScanner
{
    public static (string Blanked, IReadOnlyList<Comment> Comments) Scan(string text)
    {
        var comments = new List<Comment>();
        StringBuilder? blanked = null;
        var inString = false;
        var inCSharp = false;
        var lineHasCode = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\n')
            {
                inString = false; // strings never span lines; the parser reports the unterminated one
                lineHasCode = false;
                continue;
            }

            if (inString)
            {
                if (c == '\\' && i + 1 < text.Length && text[i + 1] != '\n')
                {
                    i++;
                }
                else if (c == '"')
                {
                    inString = false;
                }

                continue;
            }

            if (inCSharp)
            {
                inCSharp = c != '`';
                continue;
            }

            switch (c)
            {
                case '"':
                    inString = true;
                    lineHasCode = true;
                    break;
                case '`':
                    inCSharp = true;
                    lineHasCode = true;
                    break;
                case '#':
                    var end = text.IndexOf('\n', i);
                    if (end < 0)
                    {
                        end = text.Length;
                    }

                    var commentEnd = end;
                    while (commentEnd > i && char.IsWhiteSpace(text[commentEnd - 1]))
                    {
                        commentEnd--;
                    }

                    comments.Add(new Comment(text[i..commentEnd], TextSpan.FromBounds(i, commentEnd), OwnLine: !lineHasCode));
                    blanked ??= new StringBuilder(text);
                    for (var j = i; j < end; j++)
                    {
                        blanked[j] = ' ';
                    }

                    i = end - 1;
                    break;
                default:
                    if (!char.IsWhiteSpace(c))
                    {
                        lineHasCode = true;
                    }

                    break;
            }
        }

        return (blanked?.ToString() ?? text, comments);
    }
}
