using System.Text;

namespace IxaRules.Diagnostics;

/// <summary>
/// What an input may put on the user's terminal: nothing raw. Control characters (C0, DEL, C1) and
/// the Unicode controls that reorder text (bidi embeddings, overrides and isolates: "Trojan Source")
/// are shown as escapes, and long texts are cut, so that an id, a name or a message read from a file
/// cannot move the cursor, recolour the terminal, forge an output line or flood it.
/// </summary>
internal static class Printable
{
    /// <summary>LRE, RLE, PDF, LRO, RLO, LRI, RLI, FSI, PDI, LRM, RLM and ALM: the controls that reorder what is shown.</summary>
    public const string BidiControls = "\u202A\u202B\u202C\u202D\u202E\u2066\u2067\u2068\u2069\u200E\u200F\u061C";

    public static bool IsBidiControl(char c) => BidiControls.Contains(c, StringComparison.Ordinal);

    /// <summary>C0, DEL, C1 and the bidi controls: what no input may put on a terminal raw.</summary>
    internal static bool NeedsEscape(char c) => char.IsControl(c) || IsBidiControl(c);

    /// <summary>The text with every control and bidi character written as <c>\uXXXX</c> (as C# and JSON write it, so escaped JSON stays JSON).</summary>
    public static string Escape(string text)
    {
        if (!text.AsSpan().ContainsAny(Controls))
        {
            return text;
        }

        var sb = new StringBuilder(text.Length + 16);
        foreach (var c in text)
        {
            if (NeedsEscape(c))
            {
                sb.Append("\\u").Append(((int)c).ToString("X4", System.Globalization.CultureInfo.InvariantCulture));
            }
            else
            {
                sb.Append(c);
            }
        }

        return sb.ToString();
    }

    private static readonly System.Buffers.SearchValues<char> Controls = System.Buffers.SearchValues.Create(
        [.. Enumerable.Range(0, 0xA0).Select(i => (char)i).Where(char.IsControl), .. BidiControls]);

    /// <summary>Escaped, and cut to <paramref name="max"/> characters with an ellipsis.</summary>
    public static string Clamp(string text, int max)
    {
        var escaped = Escape(text);
        return escaped.Length <= max ? escaped : escaped[..max] + "…";
    }

    /// <summary>A source line as shown under a diagnostic: each control character one visible character, so the caret still lines up.</summary>
    public static string Visible(string line)
    {
        if (!line.AsSpan().ContainsAny(Controls))
        {
            return line;
        }

        var chars = line.ToCharArray();
        for (var i = 0; i < chars.Length; i++)
        {
            chars[i] = chars[i] == '\t' ? ' ' : NeedsEscape(chars[i]) ? '\uFFFD' : chars[i];
        }

        return new string(chars);
    }
}
