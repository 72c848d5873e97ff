using System.Collections;
using System.Collections.Concurrent;
using System.Reflection;

namespace IxaRules.Syntax;

/// <summary>
/// Every leaf of a syntax tree — names and keywords (<see cref="Token"/>), numbers, units, strings
/// and embedded C# — in source order, for the editor's semantic tokens and find references.
/// Reflection over the node records, as <see cref="SyntaxDump"/> does, keeps it in step with the
/// node types without a visitor to maintain.
/// </summary>
internal static class SyntaxWalk
{
    /// <summary>Stated limit: nodes nested deeper than this are not walked (the parser's own limits stop far sooner).</summary>
    public const int MaxDepth = 200;

    private static readonly ConcurrentDictionary<Type, PropertyInfo[]> Children = new();

    public static IReadOnlyList<SyntaxNode> Leaves(SyntaxTree tree)
    {
        var leaves = new List<SyntaxNode>();
        foreach (var declaration in tree.Declarations)
        {
            Collect(declaration, leaves, 0);
        }

        return [.. leaves.OrderBy(l => l.Span.Start).ThenBy(l => l.Span.Length)];
    }

    private static void Collect(object? value, List<SyntaxNode> leaves, int depth)
    {
        switch (value)
        {
            case null:
                return;
            case Token or NumberLiteral or UnitSyntax or StringLiteral or CSharpExpr:
                leaves.Add((SyntaxNode)value);
                return;
            case SyntaxNode when depth < MaxDepth:
                foreach (var property in Children.GetOrAdd(value.GetType(), NodeProperties))
                {
                    var child = property.GetValue(value);
                    if (child is IEnumerable list and not string)
                    {
                        foreach (var item in list)
                        {
                            Collect(item, leaves, depth + 1);
                        }
                    }
                    else
                    {
                        Collect(child, leaves, depth + 1);
                    }
                }

                return;
            default:
                return; // a value (a flag, an enum) or a node too deep
        }
    }

    private static PropertyInfo[] NodeProperties(Type type) =>
        [.. type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.GetIndexParameters().Length == 0 && p.Name is not ("Span" or "EqualityContract")
                && (typeof(SyntaxNode).IsAssignableFrom(p.PropertyType) || (typeof(IEnumerable).IsAssignableFrom(p.PropertyType) && p.PropertyType != typeof(string))))];
}
