using System.Globalization;
using System.Text;
using IxaRules.Diagnostics;
using IxaRules.Diagnostics.Catalog;

namespace IxaRules.Text;

/// <summary>
/// Text that reads differently from what it is. Bidirectional controls reorder what an editor or a
/// code review shows ("Trojan Source", CVE-2021-42574): like rustc, they are an error anywhere in any
/// input, comments and strings included, because that is where they hide. A name that mixes scripts
/// (a Cyrillic `а` in `thrombocytopenia`) is a different name that looks the same: a warning, with the
/// name it looks like. The confusable table is the common Cyrillic and Greek look-alikes of Latin
/// letters, hand-written: no .NET package implementing Unicode's confusables data restores here.
/// </summary>
internal static class UnicodeHazards
{
    /// <summary>
    /// One error per character that hides or alters what a file says, in text order (at most
    /// <see cref="DiagnosticBag.MaxPerFile"/> are shown later): a bidirectional control (`IXR0011`), or
    /// (`IXR0012`) a control character other than tab, line feed and carriage return (NUL, escape, …)
    /// or U+FFFD, which is what bytes that are not UTF-8 are read as — so a file in another encoding
    /// is reported where it goes wrong, not silently altered.
    /// </summary>
    public static IEnumerable<Diagnostic> HiddenCharacters(SourceText source)
    {
        var text = source.Text;
        for (var i = text.AsSpan().IndexOfAny(Hidden); i >= 0;)
        {
            var c = text[i];
            yield return Printable.IsBidiControl(c)
                ? SyntaxCodes.BidiControl.At(source, new TextSpan(i, 1),
                    $"a Unicode control character that changes the visible order of text (U+{(int)c:X4}): what is shown is not what is read",
                    "remove it; a rule, patient or events file never needs one")
                : SyntaxCodes.ControlCharacter.At(source, new TextSpan(i, 1),
                    c == '\uFFFD'
                        ? "the file is not valid UTF-8 here (or holds U+FFFD, the replacement character)"
                        : $"a control character (U+{(int)c:X4}) that a text file does not hold",
                    "save the file as UTF-8 text; remove the character");
            var next = text.AsSpan(i + 1).IndexOfAny(Hidden);
            i = next < 0 ? -1 : i + 1 + next;
        }
    }

    private static readonly System.Buffers.SearchValues<char> Hidden = System.Buffers.SearchValues.Create(
        [.. Enumerable.Range(0, 32).Select(i => (char)i).Where(c => c is not '\t' and not '\n' and not '\r'), '\u007F', '\uFFFD', .. Printable.BidiControls]);

    /// <summary>
    /// The Latin look-alike of a word that mixes Latin with Cyrillic or Greek letters, or null when
    /// the word is in one script. A leading micro sign (µmol, μg) is a unit prefix, not a mix.
    /// </summary>
    public static string? LooksLike(ReadOnlySpan<char> word)
    {
        var body = word.Length > 1 && word[0] is 'µ' or 'μ' ? word[1..] : word;
        bool latin = false, other = false;
        foreach (var c in body)
        {
            switch (ScriptOf(c))
            {
                case Script.Latin:
                    latin = true;
                    break;
                case Script.CyrillicOrGreek:
                    other = true;
                    break;
            }
        }

        if (!(latin && other))
        {
            return null;
        }

        var skeleton = new StringBuilder(word.Length);
        foreach (var c in word)
        {
            skeleton.Append(Confusables.TryGetValue(c, out var latinLetter) ? latinLetter : c);
        }

        return skeleton.ToString();
    }

    private enum Script
    {
        Neutral,
        Latin,
        CyrillicOrGreek,
    }

    private static Script ScriptOf(char c) => c switch
    {
        >= 'a' and <= 'z' or >= 'A' and <= 'Z' => Script.Latin,
        >= '\u00C0' and <= '\u024F' when c is not '×' and not '÷' => Script.Latin,
        >= '\u0370' and <= '\u03FF' or >= '\u1F00' and <= '\u1FFF' or >= '\u0400' and <= '\u052F' => Script.CyrillicOrGreek,
        _ => Script.Neutral,
    };

    private static readonly Dictionary<char, char> Confusables = new()
    {
        ['а'] = 'a', ['в'] = 'B', ['е'] = 'e', ['к'] = 'k', ['м'] = 'M', ['н'] = 'H', ['о'] = 'o', ['р'] = 'p', ['с'] = 'c', ['т'] = 'T',
        ['у'] = 'y', ['х'] = 'x', ['і'] = 'i', ['ј'] = 'j', ['ѕ'] = 's', ['ԁ'] = 'd', ['һ'] = 'h', ['ӏ'] = 'l', ['ԛ'] = 'q', ['ԝ'] = 'w',
        ['А'] = 'A', ['В'] = 'B', ['Е'] = 'E', ['К'] = 'K', ['М'] = 'M', ['Н'] = 'H', ['О'] = 'O', ['Р'] = 'P', ['С'] = 'C', ['Т'] = 'T',
        ['Х'] = 'X', ['І'] = 'I', ['Ј'] = 'J', ['Ѕ'] = 'S',
        ['α'] = 'a', ['ο'] = 'o', ['ν'] = 'v', ['ι'] = 'i', ['κ'] = 'k', ['ρ'] = 'p', ['τ'] = 't', ['υ'] = 'u', ['χ'] = 'x', ['ε'] = 'e',
        ['Α'] = 'A', ['Β'] = 'B', ['Ε'] = 'E', ['Η'] = 'H', ['Ι'] = 'I', ['Κ'] = 'K', ['Μ'] = 'M', ['Ν'] = 'N', ['Ο'] = 'O', ['Ρ'] = 'P',
        ['Τ'] = 'T', ['Υ'] = 'Y', ['Χ'] = 'X', ['Ζ'] = 'Z',
    };

    /// <summary>A warning for each word of the (comment-blanked) text that mixes scripts; titles in quotes and C# in backticks are prose and code, not names.</summary>
    public static IEnumerable<Diagnostic> MixedScriptWords(SourceText source, string blanked)
    {
        var i = 0;
        var quote = '\0';
        while (i < blanked.Length)
        {
            var c = blanked[i];
            if (quote != '\0' || c is '"' or '`' || !char.IsLetter(c))
            {
                quote = quote == '\0' && c is '"' or '`' ? c : quote == c || c == '\n' ? '\0' : quote;
                i++;
                continue;
            }

            var start = i;
            var ascii = true;
            while (i < blanked.Length && (char.IsLetterOrDigit(blanked[i]) || blanked[i] is '_' or '-'))
            {
                ascii &= blanked[i] < 128;
                i++;
            }

            if (!ascii && LooksLike(blanked.AsSpan(start, i - start)) is { } looksLike)
            {
                yield return WarningCodes.MixedScript.At(source, TextSpan.FromBounds(start, i),
                    $"`{blanked[start..i]}` mixes Latin with Cyrillic or Greek letters: it is not the name `{looksLike}` it looks like",
                    string.Create(CultureInfo.InvariantCulture, $"retype it in one script; the first letter that is not Latin is at column {source.GetLineColumn(FirstNonLatin(blanked, start, i)).Column}"));
            }
        }
    }

    private static int FirstNonLatin(string text, int start, int end)
    {
        for (var i = start; i < end; i++)
        {
            if (ScriptOf(text[i]) == Script.CyrillicOrGreek && !(i == start && text[i] is 'μ'))
            {
                return i;
            }
        }

        return start;
    }
}
