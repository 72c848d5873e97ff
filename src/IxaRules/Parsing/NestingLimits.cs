namespace IxaRules.Parsing;

/// <summary>
/// Stated limits on nesting, checked on the text before the parser recurses into it (a parser that
/// recurses once per parenthesis or `not` can only be protected before it starts): at most
/// <see cref="MaxParentheses"/> parentheses deep, and at most <see cref="MaxNots"/> `not`s in one
/// declaration. No real rule needs a tenth of either.
/// </summary>
internal static class NestingLimits
{
    public const int MaxParentheses = 32;

    public const int MaxNots = 64;

    /// <summary>The offset of the first place past a limit in [start, end), and what it is, or null.</summary>
    public static (int At, int Length, string What)? FirstExcess(string text, int start, int end)
    {
        var depth = 0;
        var nots = 0;
        var inString = false;
        var inCSharp = false;
        for (var i = start; i < end; i++)
        {
            var c = text[i];
            if (inCSharp)
            {
                inCSharp = c != '`';
                continue;
            }

            if (inString)
            {
                if (c == '\\')
                {
                    i++; // an escaped character stays in the string
                }
                else
                {
                    inString = c != '"' && c != '\n';
                }

                continue;
            }

            switch (c)
            {
                case '`':
                    inCSharp = true;
                    break;
                case '"':
                    inString = true;
                    break;
                case '(':
                    if (++depth > MaxParentheses)
                    {
                        return (i, 1, $"parentheses nested more than {MaxParentheses} deep");
                    }

                    break;
                case ')':
                    depth = Math.Max(0, depth - 1);
                    break;
                case 'n' when IsWord(text, i, end, "not") && ++nots > MaxNots:
                    return (i, 3, $"more than {MaxNots} `not`s in one declaration");
            }
        }

        return null;
    }

    private static bool IsWord(string text, int i, int end, string word) =>
        i + word.Length <= end && string.CompareOrdinal(text, i, word, 0, word.Length) == 0
        && (i == 0 || !IsWordChar(text[i - 1])) && (i + word.Length == end || !IsWordChar(text[i + word.Length]));

    private static bool IsWordChar(char c) => char.IsLetterOrDigit(c) || c is '_' or '-';
}
