using System.Globalization;
using IxaRules.Syntax;
using IxaRules.Text;
using Sprache;

namespace IxaRules.Parsing;

/// <summary>
/// Token-level parsers. Each token consumes only its own trailing white space, and fails
/// without consuming anything, so that <c>XOr</c>/<c>XMany</c> report errors where they happen.
/// </summary>
internal static class Lexical
{
    /// <summary>Words the grammar gives a meaning to: they are never names and never units.</summary>
    public static readonly HashSet<string> Keywords = new(StringComparer.Ordinal)
    {
        "regimen", "rule", "scenario", "version", "source", "bsa", "phase", "cycle", "cycles", "days", "day",
        "for", "until", "drug", "levels", "discontinue", "stop", "daily", "every", "other", "start", "at", "when",
        "before", "each", "require", "else", "delay", "recheck", "most", "then", "titrate", "to", "from", "if",
        "tolerated", "missed", "vomited", "take", "next", "dose", "hours", "away", "skip", "do", "not", "repeat",
        "counter", "per", "shared", "occurrence", "or", "later", "and", "is", "any", "grade", "with", "without",
        "except", "attributed", "hold", "on", "recovery", "resume", "same", "lower", "one", "level", "starting",
        "alternate", "reduce", "patient", "expect", "given", "held", "delayed", "discontinued", "starts", "fires",
        "rdi", "rdi-time", "doses", "cumulative", "reductions", "unknown", "apply", "after", "baseline", "measured", "within",
        "no", "reduction", "by", "in", "dispense", "as", "capsules", "tablets", "rounded", "down", "nearest",
    };

    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> KeywordLookup = Keywords.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>
    /// A token: <paramref name="scan"/> returns where the token starting at a position ends (or -1);
    /// the lexeme then skips the white space after it. One scan, one allocation per token.
    /// </summary>
    internal static Parser<T> Lexeme<T>(Func<string, int, int, int> scan, Func<string, int, int, T> make, string expectation) =>
        Lexeme(scan, (input, start, end) => make(input.Source, start, end), expectation);

    /// <summary>A token whose making sees the input (to report a problem in the token itself).</summary>
    internal static Parser<T> Lexeme<T>(Func<string, int, int, int> scan, Func<SourceInput, int, int, T> make, string expectation)
    {
        string[] expectations = [expectation];
        var message = "expected " + expectation; // built once: failed attempts are the common case
        return input =>
        {
            var at = (SourceInput)input;
            var text = at.Source;
            var start = at.Position;
            var end = at.AtEnd ? -1 : scan(text, start, at.End);
            if (end <= start)
            {
                return Result.Failure<T>(input, message, expectations);
            }

            return Result.Success(make(at, start, end), at.At(SkipSpace(text, end, at.End)));
        };
    }

    private static int SkipSpace(string text, int from, int end)
    {
        while (from < end && char.IsWhiteSpace(text[from]))
        {
            from++;
        }

        return from;
    }

    /// <summary>Consume the white space after a token (for the few tokens still built from Sprache combinators).</summary>
    public static Parser<T> Tok<T>(this Parser<T> parser) => input =>
    {
        var result = parser(input);
        if (!result.WasSuccessful)
        {
            return result;
        }

        var at = (SourceInput)result.Remainder;
        return Result.Success(result.Value, at.At(SkipSpace(at.Source, at.Position, at.End)));
    };

    /// <summary>
    /// A word: a letter, then letters, digits, <c>_</c>, or <c>-</c> between word characters
    /// (<c>placebo-Rd</c>, <c>single-weekly-2</c>, <c>weekly-2x</c>).
    /// </summary>
    private static int ScanWord(string text, int start, int end)
    {
        if (!char.IsLetter(text[start]))
        {
            return -1;
        }

        var i = start + 1;
        while (i < end)
        {
            var c = text[i];
            if (char.IsLetterOrDigit(c) || c == '_' || (c == '-' && i + 1 < end && char.IsLetterOrDigit(text[i + 1])))
            {
                i++;
            }
            else
            {
                break;
            }
        }

        return i;
    }

    private static Token MakeToken(string text, int start, int end) => new(text[start..end], TextSpan.FromBounds(start, end));

    public static readonly Parser<Token> Word = Lexeme(ScanWord, MakeToken, "a word");

    /// <summary>A name: any word that is not a keyword.</summary>
    public static readonly Parser<Token> Name = Lexeme(
        (text, start, end) =>
        {
            var stop = ScanWord(text, start, end);
            return stop > start && !KeywordLookup.Contains(text.AsSpan(start, stop - start)) ? stop : -1;
        },
        MakeToken,
        "a name");

    /// <summary>A keyword, matched in place: the word at the position must be exactly <paramref name="keyword"/>.</summary>
    public static Parser<Token> Kw(string keyword) => Lexeme(
        (text, start, end) => ScanWord(text, start, end) == start + keyword.Length && string.CompareOrdinal(text, start, keyword, 0, keyword.Length) == 0
            ? start + keyword.Length
            : -1,
        MakeToken,
        $"`{keyword}`");

    public static Parser<Token> Sym(string symbol) => Lexeme(
        (text, start, end) => end - start >= symbol.Length && string.CompareOrdinal(text, start, symbol, 0, symbol.Length) == 0 ? start + symbol.Length : -1,
        MakeToken,
        $"`{symbol}`");

    public static Parser<IReadOnlyList<Token>> CommaList(Parser<Token> item) => CommaSeparated(item);

    public static Parser<IReadOnlyList<T>> CommaSeparated<T>(Parser<T> item) =>
        from first in item
        from rest in Sym(",").Then(_ => item).Many()
        select (IReadOnlyList<T>)[first, .. rest];

    /// <summary>Comparison operators, longest first; Unicode forms are accepted and kept as written.</summary>
    public static readonly Parser<Token> CompareOp =
        Sym("<=").Or(Sym(">=")).Or(Sym("!=")).Or(Sym("≤")).Or(Sym("≥")).Or(Sym("≠")).Or(Sym("<")).Or(Sym(">")).Or(Sym("="))
            .Named("a comparison (`<`, `<=`, `>`, `>=`, `=`, `!=`)");

    private static int ScanDigits(string text, int i, int end)
    {
        while (i < end && char.IsAsciiDigit(text[i]))
        {
            i++;
        }

        return i;
    }

    /// <summary>Stated limits of a number literal: anything longer is `IXR0008` (no dose, count, day or threshold needs more).</summary>
    public const int MaxIntegerDigits = 9;

    public const int MaxFractionDigits = 6;

    /// <summary>
    /// A number token's value. One out of range is reported (not thrown: 29 digits overflow a decimal)
    /// and stands for the largest in-range value, so that later stages never see an overflow.
    /// </summary>
    private static NumberLiteral MakeNumber(SourceInput input, int start, int end)
    {
        var text = input.Source[start..end];
        var digits = text.Replace(",", "", StringComparison.Ordinal);
        var point = digits.IndexOf('.', StringComparison.Ordinal);
        var (whole, fraction) = point < 0 ? (digits.Length, 0) : (point, digits.Length - point - 1);
        var span = TextSpan.FromBounds(start, end);
        if (whole - CountLeadingZeros(digits) > MaxIntegerDigits || fraction > MaxFractionDigits
            || !decimal.TryParse(digits, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value))
        {
            input.Problems.NumberTooLarge(span, text.Length > 40 ? text[..40] + "…" : text);
            value = 999_999_999m;
        }

        return new NumberLiteral(value, text, span);
    }

    private static int CountLeadingZeros(string digits)
    {
        var n = 0;
        while (n < digits.Length - 1 && digits[n] == '0' && digits[n + 1] != '.')
        {
            n++;
        }

        return n;
    }

    /// <summary>A whole number (days, cycles, grades): no grouping, no fraction.</summary>
    public static readonly Parser<NumberLiteral> Integer = Lexeme((text, start, end) => ScanDigits(text, start, end), MakeNumber, "a whole number");

    /// <summary>A number: <c>30</c>, <c>2.3</c>, <c>30,000</c> (a comma followed by exactly three digits groups thousands).</summary>
    private static int ScanNumber(string text, int start, int end)
    {
        var i = ScanDigits(text, start, end);
        if (i == start)
        {
            return -1;
        }

        if (i - start <= 3)
        {
            while (i + 3 < end && text[i] == ',' && char.IsAsciiDigit(text[i + 1]) && char.IsAsciiDigit(text[i + 2]) && char.IsAsciiDigit(text[i + 3])
                && (i + 4 >= end || !char.IsAsciiDigit(text[i + 4])))
            {
                i += 4;
            }
        }

        if (i + 1 < end && text[i] == '.' && char.IsAsciiDigit(text[i + 1]))
        {
            i = ScanDigits(text, i + 1, end);
        }

        return i;
    }

    public static readonly Parser<NumberLiteral> Number = Lexeme(ScanNumber, MakeNumber, "a number");

    /// <summary>
    /// A unit written after a number: <c>mg</c>, <c>mg/m²</c>, <c>x10^9/L</c>, <c>× 10⁹/L</c>, <c>/mm3</c>, <c>%</c>.
    /// Any run of unit characters that is not a keyword is taken here; the binder decides whether it is a known unit.
    /// </summary>
    private static int ScanUnit(string text, int start, int end)
    {
        if (!IsUnitStart(text[start]))
        {
            return -1;
        }

        var i = start + 1;
        if (text[start] is 'x' or '×')
        {
            // "x 10^9/L": a multiplication sign may be followed by spaces before the power of ten.
            var probe = i;
            while (probe < end && text[probe] == ' ')
            {
                probe++;
            }

            if (probe < end && char.IsAsciiDigit(text[probe]))
            {
                i = probe;
            }
        }

        while (i < end && IsUnitPart(text[i]))
        {
            i++;
        }

        return KeywordLookup.Contains(text.AsSpan(start, i - start)) ? -1 : i;
    }

    public static readonly Parser<UnitSyntax> Unit = Lexeme(
        ScanUnit,
        (text, start, end) => new UnitSyntax(text[start..end], TextSpan.FromBounds(start, end)),
        "a unit");

    private static bool IsUnitStart(char c) => char.IsLetter(c) || c is 'µ' or 'μ' or '/' or '%' or '×';

    private static bool IsUnitPart(char c) =>
        char.IsLetterOrDigit(c) || c is 'µ' or 'μ' or '^' or '/' or '·' or '*' or '%' or '²' or '³' or '⁰' or '¹'
            or '⁴' or '⁵' or '⁶' or '⁷' or '⁸' or '⁹' or '×';

    public static readonly Parser<QuantitySyntax> Quantity =
        (from number in Number
         from unit in Unit.Optional()
         select new QuantitySyntax(number, unit.GetOrDefault())).Named("a quantity");

    /// <summary>A string literal: <c>"…"</c> on one line, with <c>\"</c> and <c>\\</c> escapes.</summary>
    private static readonly Parser<string> RawString =
        from open in Parse.Char('"')
        from chars in Parse.Char('\\').Then(_ => Parse.AnyChar.Except(Parse.Char('\n'))).Or(Parse.CharExcept("\"\n")).Many()
        from close in Parse.Char('"').Named("closing `\"`")
        select new string([.. chars]);

    public static readonly Parser<StringLiteral> String =
        RawString.Span().Select(s => new StringLiteral(s.Value, new TextSpan(s.Start.Pos, s.Length))).Tok().Named("a quoted string");

    /// <summary>The C# escape hatch: <c>`expression`</c>.</summary>
    public static readonly Parser<CSharpExpr> CSharp =
        (from open in Parse.Char('`')
         from code in Parse.CharExcept('`').Many().Text().Span()
         from close in Parse.Char('`').Named("closing backtick")
         select code).Span()
        .Select(s => new CSharpExpr(s.Value.Value, new TextSpan(s.Start.Pos, s.Length), new TextSpan(s.Value.Start.Pos, s.Value.Length)))
        .Tok().Named("a C# condition in backticks");
}
