using TextMateSharp.Grammars;
using TextMateSharp.Internal.Grammars.Reader;
using TextMateSharp.Internal.Types;
using TextMateSharp.Registry;
using TextMateSharp.Themes;

namespace IxaRules.Tests.Editors;

/// <summary>
/// The VS Code extension's TextMate grammar (editors/vscode/syntaxes), loaded with TextMateSharp —
/// the .NET port of vscode-textmate, on the same Oniguruma regex engine — beside the C# grammar its
/// embedded code includes (TextMateSharp.Grammars').
/// </summary>
internal static class IxrGrammar
{
    public static string Path => System.IO.Path.Combine(TestPaths.Root, "editors", "vscode", "syntaxes", "ixarules.tmLanguage.json");

    private static readonly Lazy<IGrammar> Loaded = new(() => new Registry(new Options()).LoadGrammar("source.ixarules"));

    /// <summary>One token of a line: its text, where it starts, and its innermost scope.</summary>
    public sealed record Token(int Line, int Start, string Text, IReadOnlyList<string> Scopes)
    {
        public string Scope => Scopes[^1];

        public override string ToString() => $"{Line}:{Start} {Text} {string.Join(" ", Scopes.Skip(1))}";
    }

    public static List<Token> Tokenize(string text)
    {
        var tokens = new List<Token>();
        IStateStack? state = null;
        var lines = text.Split('\n');
        for (var l = 0; l < lines.Length; l++)
        {
            var line = lines[l];
            var result = Loaded.Value.TokenizeLine(line, state, TimeSpan.FromSeconds(5));
            state = result.RuleStack;
            foreach (var t in result.Tokens)
            {
                var (start, end) = (Math.Min(t.StartIndex, line.Length), Math.Min(t.EndIndex, line.Length));
                if (end > start && line[start..end].Trim().Length > 0)
                {
                    tokens.Add(new Token(l + 1, start + 1, line[start..end], t.Scopes));
                }
            }
        }

        return tokens;
    }

    private sealed class Options : IRegistryOptions
    {
        private readonly RegistryOptions _bundled = new(ThemeName.DarkPlus);

        public IRawGrammar GetGrammar(string scopeName)
        {
            if (scopeName != "source.ixarules")
            {
                return _bundled.GetGrammar(scopeName);
            }

            using var reader = new StreamReader(IxrGrammar.Path);
            return GrammarReader.ReadGrammarSync(reader);
        }

        public ICollection<string>? GetInjections(string scopeName) => null;

        public IRawTheme GetTheme(string scopeName) => _bundled.GetTheme(scopeName);

        public IRawTheme GetDefaultTheme() => _bundled.GetDefaultTheme();
    }
}
