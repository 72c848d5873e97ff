namespace IxaRules.Diagnostics.Catalog;

/// <summary>Syntax: what the parser and the text checks find (IXR0xxx). Codes are stable: users, CI filters and editors rely on them.</summary>
internal static class SyntaxCodes
{
    public static readonly DiagnosticDescriptor Unexpected = new("IXR0001", DiagnosticSeverity.Error, "unexpected token");

    public static readonly DiagnosticDescriptor TopLevel = new("IXR0002", DiagnosticSeverity.Error, "not a declaration");

    public static readonly DiagnosticDescriptor UnknownClause = new("IXR0003", DiagnosticSeverity.Error, "not a clause of this declaration");

    public static readonly DiagnosticDescriptor UnterminatedString = new("IXR0004", DiagnosticSeverity.Error, "unterminated string");

    public static readonly DiagnosticDescriptor UnterminatedCSharp = new("IXR0005", DiagnosticSeverity.Error, "unterminated C# condition");

    public static readonly DiagnosticDescriptor EmptyFile = new("IXR0006", DiagnosticSeverity.Warning, "the file declares nothing");

    public static readonly DiagnosticDescriptor TooLarge = new("IXR0007", DiagnosticSeverity.Error, "rule file too large");

    public static readonly DiagnosticDescriptor HugeNumber = new("IXR0008", DiagnosticSeverity.Error, "number out of range");

    public static readonly DiagnosticDescriptor MoreNotShown = new("IXR0009", DiagnosticSeverity.Error, "more problems not shown");

    public static readonly DiagnosticDescriptor Nesting = new("IXR0010", DiagnosticSeverity.Error, "nested too deeply");

    public static readonly DiagnosticDescriptor BidiControl = new("IXR0011", DiagnosticSeverity.Error, "bidirectional control character");

    public static readonly DiagnosticDescriptor ControlCharacter = new("IXR0012", DiagnosticSeverity.Error, "control character or invalid UTF-8");
}
