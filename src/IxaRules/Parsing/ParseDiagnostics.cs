using IxaRules.Diagnostics;
using IxaRules.Diagnostics.Catalog;
using IxaRules.Text;

namespace IxaRules.Parsing;

/// <summary>Syntax diagnostics, <c>IXR0xxx</c>. Codes are stable: tests and users rely on them.</summary>
internal static class ParseDiagnostics
{
    private static readonly DiagnosticDescriptor Unexpected = SyntaxCodes.Unexpected;
    private static readonly DiagnosticDescriptor TopLevel = SyntaxCodes.TopLevel;
    private static readonly DiagnosticDescriptor UnknownClause = SyntaxCodes.UnknownClause;
    private static readonly DiagnosticDescriptor UnterminatedString = SyntaxCodes.UnterminatedString;
    private static readonly DiagnosticDescriptor UnterminatedCSharp = SyntaxCodes.UnterminatedCSharp;
    private static readonly DiagnosticDescriptor EmptyFile = SyntaxCodes.EmptyFile;
    private static readonly DiagnosticDescriptor TooLarge = SyntaxCodes.TooLarge;
    private static readonly DiagnosticDescriptor HugeNumber = SyntaxCodes.HugeNumber;
    private static readonly DiagnosticDescriptor Nesting = SyntaxCodes.Nesting;

    public static Diagnostic UnexpectedToken(SourceText s, TextSpan span, string found, string expected, string? help) =>
        Unexpected.At(s, span, $"expected {expected}, found {found}", help);

    public static Diagnostic NotADeclaration(SourceText s, TextSpan span, string found) =>
        TopLevel.At(s, span, $"expected `regimen`, `rule` or `scenario` at the start of a line, found {found}",
            "top-level declarations start in column 1; clauses inside them are indented");

    public static Diagnostic NotAClause(SourceText s, TextSpan span, string found, string declaration, IEnumerable<string> keywords, string? help) =>
        UnknownClause.At(s, span, $"`{found}` does not start a {declaration} clause",
            help ?? $"a {declaration} clause starts with one of: {string.Join(", ", keywords.Select(k => $"`{k}`"))}");

    public static Diagnostic StringNotClosed(SourceText s, TextSpan span) =>
        UnterminatedString.At(s, span, "unterminated string", "close the string with `\"` on the same line");

    public static Diagnostic CSharpNotClosed(SourceText s, TextSpan span) =>
        UnterminatedCSharp.At(s, span, "unterminated C# condition", "close the C# condition with a backtick");

    public static Diagnostic FileTooLarge(SourceText s, int limit) =>
        TooLarge.At(s, new TextSpan(0, 0), (s.Truncated ? $"the file is more than {limit / (1024 * 1024)} MiB;" : string.Create(System.Globalization.CultureInfo.InvariantCulture, $"the file is {s.Text.Length / (1024.0 * 1024.0):0.0} MiB;")) + $" rule files are limited to {limit / (1024 * 1024)} MiB",
            "split the regimens into several files");

    public static Diagnostic NumberTooLarge(SourceText s, TextSpan span, string text) =>
        HugeNumber.At(s, span, $"the number `{text}` is out of range", $"numbers have at most {Lexical.MaxIntegerDigits} digits before the point and {Lexical.MaxFractionDigits} after it");

    public static Diagnostic TooDeep(SourceText s, TextSpan span, string what) =>
        Nesting.At(s, span, $"this declaration is nested too deeply: {what}", "split the condition, or write it without the extra nesting (`not (a and b)` is `not a or not b`)");

    public static Diagnostic NothingDeclared(SourceText s) =>
        EmptyFile.At(s, new TextSpan(0, 0), "the file declares nothing", "declare a `regimen`, a `rule` or a `scenario`");
}
