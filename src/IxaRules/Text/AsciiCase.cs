namespace IxaRules.Text;

/// <summary>
/// Case folding for data files (patient and events files), where names are read without regard to
/// case. Only ASCII letters change, so a folded text has the same length and every span found in it
/// points at the same characters of the text as written.
/// </summary>
internal static class AsciiCase
{
    public static string Lower(string text) =>
        string.Create(text.Length, text, static (chars, t) =>
        {
            for (var i = 0; i < t.Length; i++)
            {
                chars[i] = char.IsAsciiLetterUpper(t[i]) ? (char)(t[i] + ('a' - 'A')) : t[i];
            }
        });
}
