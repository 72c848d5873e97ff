namespace IxaRules.Diagnostics.Catalog;

/// <summary>Names: what a declaration refers to that is not there (IXR1xxx). Codes are stable: users, CI filters and editors rely on them.</summary>
internal static class NameCodes
{
    public static readonly DiagnosticDescriptor UnknownDrug = new("IXR1001", DiagnosticSeverity.Error, "unknown drug");

    public static readonly DiagnosticDescriptor DrugNotInRegimen = new("IXR1002", DiagnosticSeverity.Error, "drug not in the regimen or phase");

    public static readonly DiagnosticDescriptor UnknownLab = new("IXR1003", DiagnosticSeverity.Error, "unknown lab or covariate");

    public static readonly DiagnosticDescriptor UnknownAdverseEvent = new("IXR1004", DiagnosticSeverity.Error, "unknown adverse event");

    public static readonly DiagnosticDescriptor UnknownRegimen = new("IXR1005", DiagnosticSeverity.Error, "unknown regimen");

    public static readonly DiagnosticDescriptor UnknownRule = new("IXR1006", DiagnosticSeverity.Error, "unknown rule");

    public static readonly DiagnosticDescriptor UnknownRoute = new("IXR1007", DiagnosticSeverity.Error, "unknown route");

    public static readonly DiagnosticDescriptor UnknownBsaMethod = new("IXR1008", DiagnosticSeverity.Error, "unknown body-surface method");

    public static readonly DiagnosticDescriptor UnknownUntil = new("IXR1009", DiagnosticSeverity.Error, "unknown `until` event");

    public static readonly DiagnosticDescriptor UnknownQualifier = new("IXR1010", DiagnosticSeverity.Error, "unknown qualifier");

    public static readonly DiagnosticDescriptor UnknownName = new("IXR1011", DiagnosticSeverity.Error, "unknown name or event");

    public static readonly DiagnosticDescriptor UnknownValue = new("IXR1012", DiagnosticSeverity.Error, "unknown value of a class");

    public static readonly DiagnosticDescriptor Duplicate = new("IXR1013", DiagnosticSeverity.Error, "declared twice");

    public static readonly DiagnosticDescriptor NotAllowedHere = new("IXR1014", DiagnosticSeverity.Error, "not allowed in this condition");

    public static readonly DiagnosticDescriptor RuleNeedsRegimen = new("IXR1015", DiagnosticSeverity.Error, "rule does not say its regimen");

    public static readonly DiagnosticDescriptor UnknownPatientItem = new("IXR1016", DiagnosticSeverity.Error, "unknown patient fact");

    public static readonly DiagnosticDescriptor NotAnEnum = new("IXR1017", DiagnosticSeverity.Error, "not a class-valued covariate");

    public static readonly DiagnosticDescriptor NamedTwice = new("IXR1018", DiagnosticSeverity.Error, "named twice in one list");

    public static readonly DiagnosticDescriptor CannotUseFile = new("IXR1019", DiagnosticSeverity.Error, "rule file cannot be used");

    public static readonly DiagnosticDescriptor UsedFileHasErrors = new("IXR1020", DiagnosticSeverity.Error, "used rule file has errors");
}
