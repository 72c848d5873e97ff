namespace IxaRules.Diagnostics.Catalog;

/// <summary>Embedded C#: check scripts (IXR5xxx) and C# conditions (IXR6xxx). Codes are stable: users, CI filters and editors rely on them.</summary>
internal static class CSharpCodes
{
    public static readonly DiagnosticDescriptor ScriptDoesNotCompile = new("IXR5001", DiagnosticSeverity.Error, "check script does not compile");

    public static readonly DiagnosticDescriptor ConditionDoesNotCompile = new("IXR6001", DiagnosticSeverity.Error, "C# condition does not compile");

    public static readonly DiagnosticDescriptor NotAllowed = new("IXR6002", DiagnosticSeverity.Error, "not allowed in a C# condition");

    public static readonly DiagnosticDescriptor NotOneExpression = new("IXR6003", DiagnosticSeverity.Error, "C# condition is not one expression");

    public static readonly DiagnosticDescriptor ConditionTooLarge = new("IXR6004", DiagnosticSeverity.Error, "C# condition too long or nested too deeply");

    public static readonly DiagnosticDescriptor UnknownNameArgument = new("IXR6005", DiagnosticSeverity.Error, "C# condition names an unknown lab, event or counter");

    public static readonly DiagnosticDescriptor CompileBudget = new("IXR6006", DiagnosticSeverity.Error, "C# conditions took too long to compile");
}
