using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace IxaRules.Compilation;

/// <summary>
/// The second fence around embedded C# conditions, on Roslyn's semantic model (the first,
/// <see cref="CSharpAllowList"/>, judges syntax before anything binds): what a node of a compiled
/// condition may refer to — the rule context, primitive values and their operators, System.Math.
/// </summary>
internal static class CSharpSemanticFence
{
    private static readonly HashSet<SpecialType> PrimitiveTypes =
    [
        SpecialType.System_Boolean, SpecialType.System_Int32, SpecialType.System_Int64, SpecialType.System_Double,
        SpecialType.System_Decimal, SpecialType.System_Single, SpecialType.System_Nullable_T,
    ];

    /// <summary>Why a node is not allowed, or null. Syntax first, then every symbol it refers to.</summary>
    public static string? Forbidden(SyntaxNode node, SemanticModel model)
    {
        switch (node)
        {
            case LambdaExpressionSyntax or AnonymousMethodExpressionSyntax:
                return "lambdas";
            case QueryExpressionSyntax:
                return "queries";
            case BaseObjectCreationExpressionSyntax or ArrayCreationExpressionSyntax or ImplicitArrayCreationExpressionSyntax or StackAllocArrayCreationExpressionSyntax
                or ImplicitStackAllocArrayCreationExpressionSyntax or CollectionExpressionSyntax or AnonymousObjectCreationExpressionSyntax:
                return "creating objects";
            case TypeOfExpressionSyntax or SizeOfExpressionSyntax or RefValueExpressionSyntax or RefTypeExpressionSyntax or MakeRefExpressionSyntax:
                return "type and reference operators";
            case AssignmentExpressionSyntax or PostfixUnaryExpressionSyntax { RawKind: (int)SyntaxKind.PostIncrementExpression or (int)SyntaxKind.PostDecrementExpression }
                or PrefixUnaryExpressionSyntax { RawKind: (int)SyntaxKind.PreIncrementExpression or (int)SyntaxKind.PreDecrementExpression }:
                return "assignments";
            case PrefixUnaryExpressionSyntax { RawKind: (int)SyntaxKind.AddressOfExpression or (int)SyntaxKind.PointerIndirectionExpression } or PointerTypeSyntax
                or FunctionPointerTypeSyntax:
                return "unsafe code";
            case AwaitExpressionSyntax:
                return "await";
            case ThrowExpressionSyntax:
                return "throw";
            case InterpolatedStringExpressionSyntax:
                return "string formatting";
        }

        if (model.GetTypeInfo(node).Type is { TypeKind: TypeKind.Dynamic })
        {
            return "dynamic";
        }

        if (node is not (IdentifierNameSyntax or GenericNameSyntax or MemberAccessExpressionSyntax or InvocationExpressionSyntax
            or BinaryExpressionSyntax or PrefixUnaryExpressionSyntax or ElementAccessExpressionSyntax))
        {
            return null;
        }

        var symbol = model.GetSymbolInfo(node).Symbol;
        return symbol switch
        {
            null => null, // unresolved names are compile errors, reported as such
            ILocalSymbol or IParameterSymbol or IRangeVariableSymbol => null,
            INamespaceSymbol => null, // a namespace is only a prefix; the type after it is what is judged
            ITypeSymbol t when t.ToDisplayString() == "System.Math" || PrimitiveTypes.Contains(t.OriginalDefinition.SpecialType) => null,
            ITypeSymbol t => $"`{t.ToDisplayString()}`",
            IMethodSymbol { MethodKind: MethodKind.BuiltinOperator or MethodKind.UserDefinedOperator or MethodKind.Conversion } when Allowed(symbol.ContainingType) => null,
            _ when ObjectSurface.Contains(symbol.Name) => $"`{symbol.Name}`",
            _ when symbol.ContainingType?.ToDisplayString() is "System.Math" or "IxaRules.Evaluation.RuleContext" or "IxaRules.Generated.Conditions" => null,
            IFieldSymbol { IsConst: true } or IFieldSymbol { IsStatic: true, IsReadOnly: true } when Allowed(symbol.ContainingType) => null,
            IPropertySymbol { Name: "HasValue" or "Value" } or IMethodSymbol { Name: "GetValueOrDefault" } when symbol.ContainingType?.OriginalDefinition.SpecialType == SpecialType.System_Nullable_T => null,
            IMethodSymbol { IsStatic: true } m when Allowed(symbol.ContainingType) && PureStatics.Contains(m.Name) => null,
            _ => $"`{symbol.ContainingType?.ToDisplayString()}.{symbol.Name}`",
        };
    }

    /// <summary>Members every object has; through them lies reflection (GetType) and arbitrary code (ToString overrides).</summary>
    private static readonly HashSet<string> ObjectSurface = new(StringComparer.Ordinal) { "GetType", "ToString", "GetHashCode", "Equals", "ReferenceEquals", "MemberwiseClone", "Finalize" };

    /// <summary>Static functions of primitive types that only compute.</summary>
    private static readonly HashSet<string> PureStatics = new(StringComparer.Ordinal)
    {
        "IsNaN", "IsInfinity", "IsFinite", "IsNegative", "IsPositiveInfinity", "IsNegativeInfinity", "Max", "Min", "Abs", "Sign", "Clamp",
        "Round", "Floor", "Ceiling", "Truncate",
    };

    private static bool Allowed(INamedTypeSymbol? type) =>
        type is not null
        && (type.ToDisplayString() is "System.Math" or "IxaRules.Evaluation.RuleContext" or "IxaRules.Generated.Conditions"
            || PrimitiveTypes.Contains(type.OriginalDefinition.SpecialType));
}
