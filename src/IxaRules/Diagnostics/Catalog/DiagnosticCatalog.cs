using System.Reflection;

namespace IxaRules.Diagnostics.Catalog;

/// <summary>
/// Every diagnostic IxaRules can report, one descriptor per stable code (as Bicep's
/// <c>DiagnosticBuilder</c>): each stage's builders make diagnostics only from these. A test checks
/// that every code has a bad-input corpus file and an entry in docs/diagnostics.md.
/// </summary>
internal static class DiagnosticCatalog
{
    private static readonly Type[] Stages =
        [typeof(SyntaxCodes), typeof(NameCodes), typeof(ValidationCodes), typeof(WarningCodes), typeof(RunInputCodes), typeof(CSharpCodes)];

    private static readonly Lazy<IReadOnlyList<DiagnosticDescriptor>> AllCodes = new(() =>
        [.. Stages.SelectMany(t => t.GetFields(BindingFlags.Public | BindingFlags.Static))
            .Where(f => f.FieldType == typeof(DiagnosticDescriptor))
            .Select(f => (DiagnosticDescriptor)f.GetValue(null)!)
            .OrderBy(d => d.Code, StringComparer.Ordinal)]);

    /// <summary>All descriptors, by code.</summary>
    public static IReadOnlyList<DiagnosticDescriptor> All => AllCodes.Value;

    /// <summary>The descriptor of a code, or null.</summary>
    public static DiagnosticDescriptor? Find(string code)
    {
        foreach (var d in All)
        {
            if (d.Code == code)
            {
                return d;
            }
        }

        return null;
    }
}
