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
        "rdi", "doses", "cumulative", "reductions",
    };

    private static readonly Parser<IEnumerable<char>> TrailingSpace = Parse.WhiteSpace.Many();

    /// <summary>Consume the white space after a token.</summary>
    public static Parser<T> Tok<T>(this Parser<T> parser) =>
        from value in parser
        from _ in TrailingSpace
        select value;

    private static TextSpan SpanOf<T>(ITextSpan<T> s) => new(s.Start.Pos, s.Length);

    /// <summary>A word: a letter, then letters, digits, <c>_</c>, or <c>-</c> between word characters.</summary>
    private static readonly Parser<string> RawWord = input =>
    {
        if (input.AtEnd || !char.IsLetter(input.Current))
        {
            return Result.Failure<string>(input, "expected a word", ["a name"]);
        }

        var start = input.Position;
        var rest = input.Advance();
        while (!rest.AtEnd)
        {
            var c = rest.Current;
            if (char.IsLetterOrDigit(c) || c == '_')
            {
                rest = rest.Advance();
                continue;
            }

            if (c == '-')
            {
                var after = rest.Advance();
                if (!after.AtEnd && char.IsLetter(after.Current))
                {
                    rest = after;
                    continue;
                }
            }

            break;
        }

        return Result.Success(input.Source[start..rest.Position], rest);
    };

    public static readonly Parser<Token> Word =
        RawWord.Span().Select(s => new Token(s.Value, SpanOf(s))).Tok();

    /// <summary>A name: any word that is not a keyword.</summary>
    public static readonly Parser<Token> Name = Word.Where(t => !Keywords.Contains(t.Text)).Named("a name");

    public static Parser<Token> Kw(string keyword) => Word.Where(t => t.Text == keyword).Named($"`{keyword}`");

    public static Parser<Token> Sym(string symbol) =>
        Parse.String(symbol).Text().Span().Select(s => new Token(s.Value, SpanOf(s))).Tok().Named($"`{symbol}`");

    public static Parser<IReadOnlyList<Token>> CommaList(Parser<Token> item) =>
        from first in item
        from rest in Sym(",").Then(_ => item).Many()
        select (IReadOnlyList<Token>)[first, .. rest];

    /// <summary>Comparison operators, longest first; Unicode forms are accepted and kept as written.</summary>
    public static readonly Parser<Token> CompareOp =
        Sym("<=").Or(Sym(">=")).Or(Sym("!=")).Or(Sym("≤")).Or(Sym("≥")).Or(Sym("≠")).Or(Sym("<")).Or(Sym(">")).Or(Sym("="))
            .Named("a comparison (`<`, `<=`, `>`, `>=`, `=`, `!=`)");

    private static readonly Parser<string> RawInteger = Parse.Digit.AtLeastOnce().Text();

    /// <summary>A whole number (days, cycles, grades): no grouping, no fraction.</summary>
    public static readonly Parser<NumberLiteral> Integer =
        RawInteger.Span().Select(s => new NumberLiteral(decimal.Parse(s.Value, CultureInfo.InvariantCulture), s.Value, SpanOf(s)))
            .Tok().Named("a whole number");

    /// <summary>A number: <c>30</c>, <c>2.3</c>, <c>30,000</c> (a comma followed by exactly three digits groups thousands).</summary>
    private static readonly Parser<string> RawNumber = input =>
    {
        if (input.AtEnd || !char.IsAsciiDigit(input.Current))
        {
            return Result.Failure<string>(input, "expected a number", ["a number"]);
        }

        var source = input.Source;
        var start = input.Position;
        var rest = input;
        var leadingDigits = 0;
        while (!rest.AtEnd && char.IsAsciiDigit(rest.Current))
        {
            rest = rest.Advance();
            leadingDigits++;
        }

        if (leadingDigits <= 3)
        {
            while (IsGroup(rest))
            {
                for (var k = 0; k < 4; k++)
                {
                    rest = rest.Advance();
                }
            }
        }

        if (!rest.AtEnd && rest.Current == '.')
        {
            var afterDot = rest.Advance();
            if (!afterDot.AtEnd && char.IsAsciiDigit(afterDot.Current))
            {
                rest = afterDot;
                while (!rest.AtEnd && char.IsAsciiDigit(rest.Current))
                {
                    rest = rest.Advance();
                }
            }
        }

        return Result.Success(source[start..rest.Position], rest);

        static bool IsGroup(IInput at)
        {
            var p = at.Position;
            var s = at.Source;
            return !at.AtEnd && s[p] == ',' && p + 3 < s.Length
                && char.IsAsciiDigit(s[p + 1]) && char.IsAsciiDigit(s[p + 2]) && char.IsAsciiDigit(s[p + 3])
                && (p + 4 >= s.Length || !char.IsAsciiDigit(s[p + 4]));
        }
    };

    public static readonly Parser<NumberLiteral> Number =
        RawNumber.Span().Select(s => new NumberLiteral(
                decimal.Parse(s.Value.Replace(",", "", StringComparison.Ordinal), NumberStyles.Number, CultureInfo.InvariantCulture),
                s.Value,
                SpanOf(s)))
            .Tok().Named("a number");

    /// <summary>
    /// A unit written after a number: <c>mg</c>, <c>mg/m²</c>, <c>x10^9/L</c>, <c>× 10⁹/L</c>, <c>/mm3</c>, <c>%</c>.
    /// Any run of unit characters that is not a keyword is taken here; the binder decides whether it is a known unit.
    /// </summary>
    private static readonly Parser<string> RawUnit = input =>
    {
        if (input.AtEnd || !IsUnitStart(input.Current))
        {
            return Result.Failure<string>(input, "expected a unit", ["a unit"]);
        }

        var start = input.Position;
        var rest = input.Advance();
        if (input.Current is 'x' or '×')
        {
            // "x 10^9/L": a multiplication sign may be followed by spaces before the power of ten.
            var probe = rest;
            while (!probe.AtEnd && probe.Current == ' ')
            {
                probe = probe.Advance();
            }

            if (!probe.AtEnd && char.IsAsciiDigit(probe.Current))
            {
                rest = probe;
            }
        }

        while (!rest.AtEnd && IsUnitPart(rest.Current))
        {
            rest = rest.Advance();
        }

        var text = input.Source[start..rest.Position];
        return Keywords.Contains(text)
            ? Result.Failure<string>(input, "expected a unit", ["a unit"])
            : Result.Success(text, rest);
    };

    public static readonly Parser<UnitSyntax> Unit =
        RawUnit.Span().Select(s => new UnitSyntax(s.Value, SpanOf(s))).Tok();

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
        RawString.Span().Select(s => new StringLiteral(s.Value, SpanOf(s))).Tok().Named("a quoted string");

    /// <summary>The C# escape hatch: <c>`expression`</c>.</summary>
    public static readonly Parser<CSharpExpr> CSharp =
        (from open in Parse.Char('`')
         from code in Parse.CharExcept('`').Many().Text().Span()
         from close in Parse.Char('`').Named("closing backtick")
         select code).Span()
        .Select(s => new CSharpExpr(s.Value.Value, SpanOf(s), SpanOf(s.Value)))
        .Tok().Named("a C# condition in backticks");
}
