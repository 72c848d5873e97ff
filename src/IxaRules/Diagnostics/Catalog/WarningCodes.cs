namespace IxaRules.Diagnostics.Catalog;

/// <summary>Warnings: legal, but probably not what the author meant (IXR3xxx). Codes are stable: users, CI filters and editors rely on them.</summary>
internal static class WarningCodes
{
    public static readonly DiagnosticDescriptor UnusedLevels = new("IXR3001", DiagnosticSeverity.Warning, "dose levels no rule reaches");

    public static readonly DiagnosticDescriptor NeverFires = new("IXR3002", DiagnosticSeverity.Warning, "rule can never fire");

    public static readonly DiagnosticDescriptor ToleranceNotStated = new("IXR3003", DiagnosticSeverity.Warning, "`if tolerated` without criteria");

    public static readonly DiagnosticDescriptor AlternationStartsElsewhere = new("IXR3004", DiagnosticSeverity.Warning, "alternation starts with another drug than the label");

    public static readonly DiagnosticDescriptor MixedScript = new("IXR3005", DiagnosticSeverity.Warning, "word mixing scripts");
}
