using System.Text.RegularExpressions;
using IxaRules.Diagnostics;
using IxaRules.Syntax;
using IxaRules.Text;
using Sprache;

namespace IxaRules.Parsing;

/// <summary>
/// Parses one file. The text is cut at each line that starts (in column 1) with <c>regimen</c>,
/// <c>rule</c> or <c>scenario</c>; each piece is parsed on its own, so one broken declaration
/// costs only itself and the others are still checked.
/// </summary>
internal static partial class RuleParser
{
    private static readonly string[] DeclarationKeywords = ["regimen", "rule", "scenario"];

    [GeneratedRegex(@"^(regimen|rule|scenario)(?=\s|$)", RegexOptions.Multiline | RegexOptions.CultureInvariant)]
    private static partial Regex DeclarationStart();

    /// <summary>The name after a declaration keyword, on the same line (as the grammar reads names).</summary>
    [GeneratedRegex(@"\G(?:regimen|rule)[ \t]+([A-Za-z][A-Za-z0-9_\-]*)", RegexOptions.CultureInvariant)]
    private static partial Regex DeclaredName();

    /// <summary>Stated limit (docs/threat-model.md): larger rule files are refused, not ground through.</summary>
    public const int MaxFileChars = InputFile.RuleFileChars;

    /// <summary>
    /// Parses a file. With <paramref name="recover"/> (the editor's view), a declaration with a broken
    /// clause keeps its other clauses (<see cref="Recover"/>); the diagnostics are the same either way.
    /// <para>
    /// With <paramref name="previous"/> (the editor's last parse of the same document), a declaration
    /// whose text is unchanged and parsed cleanly then is not parsed again but moved to where it now
    /// starts (<see cref="SyntaxShift"/>): an edit costs the declarations it touches. Only a tree
    /// parsed with <paramref name="keepForReuse"/> offers its declarations (the editor's; `check`
    /// and the other verbs parse once and keep no copy of each declaration's text).
    /// </para>
    /// </summary>
    public static SyntaxTree ParseFile(SourceText source, bool recover = false, SyntaxTree? previous = null, bool keepForReuse = false)
    {
        if (source.Text.Length > MaxFileChars)
        {
            return new SyntaxTree(source, [], [], [ParseDiagnostics.FileTooLarge(source, MaxFileChars)]);
        }

        var (text, comments) = CommentScanner.Scan(source.Text);
        var diagnostics = new List<Diagnostic>(UnicodeHazards.HiddenCharacters(source));
        diagnostics.AddRange(UnicodeHazards.MixedScriptWords(source, text));
        var declarations = new List<DeclarationSyntax>();
        var broken = new List<BrokenDeclaration>();

        var starts = DeclarationStart().Matches(text).Select(m => m.Index).ToList();
        var firstStart = starts.Count > 0 ? starts[0] : text.Length;
        var junk = SkipSpace(text, 0, firstStart);
        if (junk < firstStart)
        {
            diagnostics.Add(ParseDiagnostics.NotADeclaration(source, WordSpan(text, junk), Describe(text, junk)));
        }

        var clean = new Dictionary<string, (int Start, DeclarationSyntax Declaration)>(StringComparer.Ordinal);
        for (var i = 0; i < starts.Count; i++)
        {
            var end = i + 1 < starts.Count ? starts[i + 1] : text.Length;
            // A declaration that parsed without a word parses the same in recovery: both modes reuse it.
            var slice = previous is not null || keepForReuse ? text[starts[i]..end] : null;
            var reused = slice is not null && previous?.CleanSlices.TryGetValue(slice, out var old) == true ? SyntaxShift.Shift(old.Declaration, starts[i] - old.Start) : null;
            var before = diagnostics.Count;
            if ((reused ?? ParseDeclaration(source, text, starts[i], end, diagnostics, recover)) is { } declaration)
            {
                declarations.Add(declaration);
                if (keepForReuse && diagnostics.Count == before)
                {
                    clean.TryAdd(slice!, (starts[i], declaration));
                }
            }
            else
            {
                broken.Add(Broken(text, starts[i], end));
            }
        }

        if (starts.Count == 0 && junk >= firstStart)
        {
            diagnostics.Add(ParseDiagnostics.NothingDeclared(source));
        }

        return new SyntaxTree(source, declarations, comments, DiagnosticBag.Sort(diagnostics)) { Broken = broken, CleanSlices = clean };
    }

    private static BrokenDeclaration Broken(string text, int start, int end)
    {
        var keyword = text[start..Math.Min(end, start + 8)] switch
        {
            var s when s.StartsWith("regimen", StringComparison.Ordinal) => "regimen",
            var s when s.StartsWith("rule", StringComparison.Ordinal) => "rule",
            _ => "scenario",
        };
        var name = DeclaredName().Match(text, start) is { Success: true } m && m.Groups[1].Index + m.Groups[1].Length <= end
            && !Lexical.Keywords.Contains(m.Groups[1].Value)
            ? new Token(m.Groups[1].Value, new TextSpan(m.Groups[1].Index, m.Groups[1].Length))
            : null;
        return new BrokenDeclaration(keyword, name, TextSpan.FromBounds(start, end));
    }

    private static DeclarationSyntax? ParseDeclaration(SourceText source, string text, int start, int end, List<Diagnostic> diagnostics, bool recover)
    {
        var (grammar, kind, clauseKeywords) = text[start..Math.Min(end, start + 8)] switch
        {
            var s when s.StartsWith("regimen", StringComparison.Ordinal) => (RegimenGrammar.Regimen, "regimen", RegimenGrammar.ClauseKeywords),
            var s when s.StartsWith("rule", StringComparison.Ordinal) => (RuleGrammar.Rule, "rule", RuleGrammar.ClauseKeywords),
            _ => (ScenarioGrammar.Scenario, "scenario", ScenarioGrammar.ClauseKeywords),
        };
        var recovered = recover ? Recover(text, start, end, kind) : null;

        if (NestingLimits.FirstExcess(text, start, end) is { } excess)
        {
            diagnostics.Add(ParseDiagnostics.TooDeep(source, new TextSpan(excess.At, excess.Length), excess.What));
            return null;
        }

        var input = new SourceInput(text, start, end);
        var result = grammar(input);
        diagnostics.AddRange(input.Problems.Diagnostics(source));
        if (!result.WasSuccessful)
        {
            diagnostics.Add(FromFailure(source, text, start, end, result.Remainder.Position, result.Expectations));
            return recovered?.Invoke();
        }

        var at = SkipSpace(text, result.Remainder.Position, end);
        if (at < end)
        {
            // The clause list stopped at something that starts no clause.
            var span = WordSpan(text, at);
            var found = text.Substring(span.Start, span.Length);
            if (IsUnterminated(text, start, end, at, out var unterminated))
            {
                diagnostics.Add(unterminated(source, span));
            }
            else
            {
                var help = found.Length > 0 && char.IsLetter(found[0])
                    ? Suggest.DidYouMean(found, clauseKeywords.Concat(DeclarationKeywords))
                    : null;
                if (help is not null && DeclarationKeywords.Any(k => help.Contains($"`{k}`", StringComparison.Ordinal)))
                {
                    help += " (declarations start in column 1)";
                }

                diagnostics.Add(ParseDiagnostics.NotAClause(source, span, found, kind, clauseKeywords, help));
            }

            return recovered?.Invoke();
        }

        return result.Value;
    }

    /// <summary>The diagnostic for a failed parse of the slice [start, end) of the text (a declaration, an events line, an option).</summary>
    internal static Diagnostic FromFailure(SourceText source, string text, int start, int end, int position, IEnumerable<string> expectations, string endName = "the end of the declaration")
    {
        var at = Math.Min(position, end);
        if (IsUnterminated(text, start, end, at, out var unterminated))
        {
            return unterminated(source, WordSpan(text, at));
        }

        var expected = expectations.Distinct().OrderBy(e => e, StringComparer.Ordinal).ToList();
        var expectedText = expected.Count switch
        {
            0 => "something else",
            1 => expected[0],
            _ => string.Join(", ", expected.Take(expected.Count - 1)) + " or " + expected[^1],
        };

        var atEnd = SkipSpace(text, at, end) >= end;
        var span = atEnd ? new TextSpan(LastCodeEnd(text, at), 0) : WordSpan(text, at);
        var found = atEnd ? endName : Describe(text, at);
        var word = text.Substring(span.Start, span.Length);
        var keywords = expected.Where(e => e.StartsWith('`')).Select(e => e.Trim('`'));
        var help = word.Length > 0 && char.IsLetter(word[0]) ? Suggest.DidYouMean(word, keywords) : null;
        if (expected.Contains("a name") && Lexical.Keywords.Contains(word))
        {
            help = $"`{word}` is a keyword of the language and cannot be used as a name; choose another";
        }

        return ParseDiagnostics.UnexpectedToken(source, span, found, expectedText, help);
    }

    /// <summary>
    /// An unclosed <c>"</c> or backtick before the failure explains it better than "expected …".
    /// Only the slice is searched: a file with many broken lines costs linear time, not quadratic.
    /// </summary>
    private static bool IsUnterminated(string text, int start, int end, int at, out Func<SourceText, TextSpan, Diagnostic> diagnostic)
    {
        at = Math.Clamp(at, start, end);
        var lineStart = Math.Max(start, text.LastIndexOf('\n', Math.Max(start, at - 1), Math.Max(0, at - start)) + 1);
        var lineEnd = text.IndexOf('\n', lineStart, end - lineStart);
        var line = text.AsSpan(lineStart, (lineEnd < 0 ? end : lineEnd) - lineStart);
        if (line.Count('"') % 2 == 1)
        {
            var quote = lineStart + line.LastIndexOf('"');
            var close = lineStart + line.TrimEnd().Length;
            diagnostic = (s, _) => ParseDiagnostics.StringNotClosed(s, TextSpan.FromBounds(quote, close));
            return true;
        }

        var slice = text.AsSpan(start, end - start);
        var backtick = slice[..(at - start)].LastIndexOf('`');
        if (backtick >= 0 && slice.Count('`') % 2 == 1 && slice[(backtick + 1)..].IndexOf('`') < 0)
        {
            var offset = start + backtick;
            diagnostic = (s, _) => ParseDiagnostics.CSharpNotClosed(s, new TextSpan(offset, 1));
            return true;
        }

        diagnostic = null!;
        return false;
    }

    private static int SkipSpace(string text, int from, int end)
    {
        while (from < end && char.IsWhiteSpace(text[from]))
        {
            from++;
        }

        return from;
    }

    private static int LastCodeEnd(string text, int before)
    {
        var i = Math.Min(before, text.Length);
        while (i > 0 && char.IsWhiteSpace(text[i - 1]))
        {
            i--;
        }

        return i;
    }

    /// <summary>The word (or single character) at a position, for carets and "found …".</summary>
    private static TextSpan WordSpan(string text, int at)
    {
        if (at >= text.Length)
        {
            return new TextSpan(text.Length, 0);
        }

        var end = at;
        if (char.IsLetterOrDigit(text[at]))
        {
            while (end < text.Length && (char.IsLetterOrDigit(text[end]) || text[end] is '_' or '-' or '.'))
            {
                end++;
            }

            return TextSpan.FromBounds(at, end);
        }

        return new TextSpan(at, char.IsSurrogate(text[at]) && at + 1 < text.Length ? 2 : 1);
    }

    private static string Describe(string text, int at)
    {
        var span = WordSpan(text, at);
        return span.Length == 0 ? "the end of the file" : $"`{text.Substring(span.Start, span.Length)}`";
    }
}
