using IxaRules.Binding;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using IxaRules.Diagnostics.Catalog;

namespace IxaRules.Compilation;

/// <summary>
/// The positive allow-list of embedded C#, judged on the syntax tree alone — before Roslyn binds
/// anything, so that nothing a snippet writes can make the compiler work exponentially (nested
/// lambdas did) or refer to the generated class (a condition calling another condition recursed for
/// ever). A snippet is one expression made only of literals, the rule context's members, the listed
/// pure functions of <c>System.Math</c> and of the primitive types, operators, casts to primitive
/// types, <c>?:</c> and <c>??</c>. So it has no loops, no calls back into itself, and no way out: its
/// evaluation is loop- and recursion-free by construction. The semantic check that follows is a
/// second fence, not the first.
/// </summary>
internal static class CSharpAllowList
{
    /// <summary>Stated limits: a snippet is at most 1,000 characters and nests at most 16 brackets.</summary>
    public const int MaxLength = 1000;

    public const int MaxNesting = 16;

    /// <summary>What the rule context offers (see <see cref="Evaluation.RuleContext"/>); a name needs a string literal argument when marked.</summary>
    private static readonly Dictionary<string, NameArgument> ContextMembers = new(StringComparer.Ordinal)
    {
        ["Day"] = NameArgument.None,
        ["Cycle"] = NameArgument.None,
        ["CycleDay"] = NameArgument.None,
        ["Age"] = NameArgument.None,
        ["Weight"] = NameArgument.None,
        ["Height"] = NameArgument.None,
        ["CrCl"] = NameArgument.None,
        ["Dialysis"] = NameArgument.None,
        ["Female"] = NameArgument.None,
        ["Hepatic"] = NameArgument.None,
        ["Lab"] = NameArgument.Lab,
        ["LabDay"] = NameArgument.Lab,
        ["Grade"] = NameArgument.AdverseEvent,
        ["Counter"] = NameArgument.Counter,
    };

    private static readonly HashSet<string> MathFunctions = new(StringComparer.Ordinal)
    {
        "Abs", "Min", "Max", "Round", "Floor", "Ceiling", "Truncate", "Sign", "Clamp", "Sqrt", "Pow", "Exp", "Log", "Log10", "PI", "E",
    };

    private static readonly HashSet<string> PrimitiveFunctions = new(StringComparer.Ordinal) { "IsNaN", "IsFinite", "IsInfinity", "IsNegative" };

    private static readonly HashSet<string> NullableMembers = new(StringComparer.Ordinal) { "HasValue", "Value", "GetValueOrDefault" };

    private static readonly HashSet<SyntaxKind> PrimitiveKeywords = [SyntaxKind.IntKeyword, SyntaxKind.LongKeyword, SyntaxKind.DoubleKeyword, SyntaxKind.DecimalKeyword, SyntaxKind.FloatKeyword, SyntaxKind.BoolKeyword];

    internal enum NameArgument
    {
        None,
        Lab,
        AdverseEvent,
        Counter,
    }

    /// <summary>A problem found in a snippet: where (offset in the snippet) and what.</summary>
    public sealed record Violation(int Start, int Length, Diagnostics.DiagnosticDescriptor Code, string Message, string? Help);

    /// <summary>Checks the text before parsing: length and bracket nesting (Roslyn's parser recurses per bracket).</summary>
    public static Violation? CheckText(string code)
    {
        if (code.Length > MaxLength)
        {
            return new Violation(MaxLength, 1, CSharpCodes.ConditionTooLarge, $"a C# condition is at most {MaxLength} characters (this one has {code.Length})", "write the condition in the rule language, or split it");
        }

        var depth = 0;
        for (var i = 0; i < code.Length; i++)
        {
            if (code[i] is '(' or '[' or '{' && ++depth > MaxNesting)
            {
                return new Violation(i, 1, CSharpCodes.ConditionTooLarge, $"a C# condition nests at most {MaxNesting} brackets", "write it with less nesting");
            }

            if (code[i] is ')' or ']' or '}')
            {
                depth = Math.Max(0, depth - 1);
            }
        }

        return null;
    }

    /// <summary>The first thing in the expression that is not on the allow-list, in reading order; null when all is allowed.</summary>
    public static Violation? Check(ExpressionSyntax expression, IReadOnlySet<string> counters)
    {
        foreach (var node in expression.DescendantNodesAndSelf())
        {
            if (Judge(node, counters) is { } violation)
            {
                return violation;
            }
        }

        return null;
    }

    private static Violation Deny(SyntaxNode node, string what) =>
        new(node.SpanStart, node.Span.Length, CSharpCodes.NotAllowed, $"not allowed in a C# condition: {what}",
            "a C# condition may only read the rule context (Lab(\"anc\"), Grade(\"rash\"), Cycle, …), use System.Math, operators and literals");

    private static Violation? Judge(SyntaxNode node, IReadOnlySet<string> counters)
    {
        switch (node)
        {
            case LiteralExpressionSyntax { RawKind: (int)SyntaxKind.StringLiteralExpression } s:
                return s.Parent is ArgumentSyntax { Parent: ArgumentListSyntax { Parent: InvocationExpressionSyntax call } } ? NameInString(call, s, counters) : Deny(node, "strings");
            case LiteralExpressionSyntax or ParenthesizedExpressionSyntax or ConditionalExpressionSyntax or ArgumentListSyntax or ArgumentSyntax:
                return node is ArgumentSyntax { RefKindKeyword.RawKind: not 0 } or ArgumentSyntax { NameColon: not null } ? Deny(node, "ref and named arguments") : null;
            case BinaryExpressionSyntax b:
                return b.IsKind(SyntaxKind.AsExpression) || b.IsKind(SyntaxKind.IsExpression) ? Deny(node, "type tests") : null;
            case PrefixUnaryExpressionSyntax u:
                return u.Kind() is SyntaxKind.UnaryMinusExpression or SyntaxKind.UnaryPlusExpression or SyntaxKind.LogicalNotExpression ? null : Deny(node, $"`{u.OperatorToken.Text}`");
            case CastExpressionSyntax cast:
                return cast.Type is PredefinedTypeSyntax p && PrimitiveKeywords.Contains(p.Keyword.Kind()) || cast.Type is NullableTypeSyntax { ElementType: PredefinedTypeSyntax q } && PrimitiveKeywords.Contains(q.Keyword.Kind())
                    ? null : Deny(node, "casts other than to a number type");
            case PredefinedTypeSyntax or NullableTypeSyntax:
                return node.Parent is CastExpressionSyntax || node.Parent is MemberAccessExpressionSyntax ? null : Deny(node, "types");
            case IdentifierNameSyntax id:
                return Identifier(id);
            case MemberAccessExpressionSyntax m:
                return Member(m);
            case InvocationExpressionSyntax invocation:
                return invocation.Expression is IdentifierNameSyntax or MemberAccessExpressionSyntax ? null : Deny(node, "this call");
            default:
                return Deny(node, Describe(node));
        }
    }

    private static Violation? Identifier(IdentifierNameSyntax id)
    {
        var name = id.Identifier.ValueText;
        if (id.Parent is MemberAccessExpressionSyntax m && m.Name == id)
        {
            return null; // the member side is judged with its member access
        }

        if (ContextMembers.TryGetValue(name, out var argument))
        {
            var called = id.Parent is InvocationExpressionSyntax call && call.Expression == id;
            return (argument != NameArgument.None) == called ? null : Deny(id, called ? $"`{name}(…)`" : $"`{name}` without its name argument");
        }

        return name is "Math" or "System" && id.Parent is MemberAccessExpressionSyntax ? null : Deny(id, $"`{name}`");
    }

    private static Violation? Member(MemberAccessExpressionSyntax m)
    {
        var member = m.Name.Identifier.ValueText;
        if (m.Name is GenericNameSyntax)
        {
            return Deny(m, "generic members");
        }

        return m.Expression switch
        {
            IdentifierNameSyntax { Identifier.ValueText: "Math" } or MemberAccessExpressionSyntax { Expression: IdentifierNameSyntax { Identifier.ValueText: "System" }, Name.Identifier.ValueText: "Math" }
                => MathFunctions.Contains(member) ? null : Deny(m, $"`Math.{member}`"),
            IdentifierNameSyntax { Identifier.ValueText: "System" } => member == "Math" ? null : Deny(m, $"`System.{member}`"),
            PredefinedTypeSyntax p => PrimitiveFunctions.Contains(member) ? null : Deny(m, $"`{p.Keyword.Text}.{member}`"),
            _ => NullableMembers.Contains(member) ? null : Deny(m, $"`{Clip(m.ToString())}`"),
        };
    }

    /// <summary>A name in a string — a lab, an adverse event, a counter — must be one the file knows: a misspelt one would be silently never true.</summary>
    private static Violation? NameInString(InvocationExpressionSyntax call, LiteralExpressionSyntax literal, IReadOnlySet<string> counters)
    {
        var function = call.Expression is IdentifierNameSyntax id ? id.Identifier.ValueText : "";
        var name = literal.Token.ValueText;
        var (known, candidates) = ContextMembers.GetValueOrDefault(function) switch
        {
            NameArgument.Lab => (Catalog.Lab(name) is not null, Catalog.LabNames),
            NameArgument.AdverseEvent => (Catalog.AdverseEvent(name) is not null, Catalog.AdverseEventNames),
            NameArgument.Counter => (counters.Contains(name), (IEnumerable<string>)counters),
            _ => (false, []),
        };
        if (known)
        {
            return null;
        }

        var what = ContextMembers.GetValueOrDefault(function) switch
        {
            NameArgument.Lab => "lab",
            NameArgument.AdverseEvent => "adverse event",
            NameArgument.Counter => "counter",
            _ => "name",
        };
        return new Violation(literal.SpanStart, literal.Span.Length, CSharpCodes.UnknownNameArgument,
            $"`{function}(\"{name}\")`: unknown {what} `{name}`, so the condition could never be true",
            Diagnostics.Suggest.DidYouMean(name, candidates) ?? $"known: {string.Join(", ", candidates.Order(StringComparer.Ordinal))}");
    }

    private static string Clip(string text) => text.Length <= 60 ? text : string.Concat(text.AsSpan(0, 57), "…");

    private static string Describe(SyntaxNode node) => node switch
    {
        LambdaExpressionSyntax or AnonymousMethodExpressionSyntax => "lambdas",
        QueryExpressionSyntax => "queries",
        BaseObjectCreationExpressionSyntax or ArrayCreationExpressionSyntax or ImplicitArrayCreationExpressionSyntax or CollectionExpressionSyntax
            or AnonymousObjectCreationExpressionSyntax or StackAllocArrayCreationExpressionSyntax or ImplicitStackAllocArrayCreationExpressionSyntax => "creating objects",
        AssignmentExpressionSyntax or PostfixUnaryExpressionSyntax => "assignments",
        ThisExpressionSyntax or BaseExpressionSyntax => "`this` and `base`",
        ElementAccessExpressionSyntax => "indexing",
        TypeOfExpressionSyntax or SizeOfExpressionSyntax or DefaultExpressionSyntax => "type operators",
        InterpolatedStringExpressionSyntax => "string formatting",
        AwaitExpressionSyntax => "await",
        ThrowExpressionSyntax => "throw",
        SwitchExpressionSyntax or IsPatternExpressionSyntax => "patterns",
        CheckedExpressionSyntax => "checked and unchecked",
        GenericNameSyntax => "generic names",
        _ => $"`{node.Kind()}`",
    };
}
