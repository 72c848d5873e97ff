using System.Collections.Concurrent;
using System.Linq.Expressions;
using System.Reflection;
using IxaRules.Text;

namespace IxaRules.Syntax;

/// <summary>
/// A declaration's syntax moved by a number of characters: every span, and every node rebuilt
/// through its record's primary constructor (so spans a node derives from its children are derived
/// again). The editor's parse reuses the declarations an edit did not touch, moved to where the
/// edit put them, instead of parsing a 1 MB file again on every keystroke. The mover of each node
/// type is compiled once from its record's shape (reflection alone was 200 ms for 1 MB), so it keeps
/// in step with the node types without a visitor to maintain.
/// </summary>
internal static class SyntaxShift
{
    /// <summary>Stated limit: nodes nested deeper than this are not moved; the caller then parses instead.</summary>
    public const int MaxDepth = 200;

    private delegate SyntaxNode Mover(SyntaxNode node, int delta, int depth);

    private static readonly ConcurrentDictionary<Type, Mover> Movers = new();

    /// <summary>The node moved by <paramref name="delta"/>, or null when it is nested too deep to move.</summary>
    public static T? Shift<T>(T node, int delta) where T : SyntaxNode
    {
        try
        {
            return delta == 0 ? node : (T)Move(node, delta, 0)!;
        }
        catch (InsufficientExecutionStackException)
        {
            return null; // thrown below at MaxDepth, not by the runtime: the caller parses the text instead
        }
    }

    private static SyntaxNode? Move(SyntaxNode? node, int delta, int depth)
    {
        if (node is null)
        {
            return null;
        }

        if (depth > MaxDepth)
        {
            throw new InsufficientExecutionStackException();
        }

        return Movers.GetOrAdd(node.GetType(), Compile)(node, delta, depth + 1);
    }

    private static TextSpan MoveSpan(TextSpan span, int delta) => new(span.Start + delta, span.Length);

    private static TItem[] MoveList<TItem>(IReadOnlyList<TItem> items, int delta, int depth) where TItem : SyntaxNode
    {
        var moved = new TItem[items.Count];
        for (var i = 0; i < moved.Length; i++)
        {
            moved[i] = (TItem)Move(items[i], delta, depth)!;
        }

        return moved;
    }

    private static readonly MethodInfo MoveNodeMethod = typeof(SyntaxShift).GetMethod(nameof(Move), BindingFlags.NonPublic | BindingFlags.Static)!;
    private static readonly MethodInfo MoveSpanMethod = typeof(SyntaxShift).GetMethod(nameof(MoveSpan), BindingFlags.NonPublic | BindingFlags.Static)!;
    private static readonly MethodInfo MoveListMethod = typeof(SyntaxShift).GetMethod(nameof(MoveList), BindingFlags.NonPublic | BindingFlags.Static)!;

    /// <summary>
    /// `(node, delta, depth) => new T(moved arguments…) { InitOnly = moved… }`: the record's widest
    /// public constructor (its primary one), each parameter read from the property of its name.
    /// </summary>
    private static Mover Compile(Type type)
    {
        var constructor = type.GetConstructors(BindingFlags.Public | BindingFlags.Instance).OrderByDescending(c => c.GetParameters().Length).First();
        var properties = type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.GetIndexParameters().Length == 0).ToList();
        var arguments = constructor.GetParameters().Select(p => properties.Single(q => string.Equals(q.Name, p.Name, StringComparison.OrdinalIgnoreCase))).ToList();
        var initOnly = properties.Where(p => !arguments.Contains(p) && p.SetMethod is { IsPublic: true } && p.Name != "EqualityContract").ToList();

        var node = Expression.Parameter(typeof(SyntaxNode), "node");
        var delta = Expression.Parameter(typeof(int), "delta");
        var depth = Expression.Parameter(typeof(int), "depth");
        var typed = Expression.Variable(type, "typed");
        Expression Moved(PropertyInfo property) => MoveValue(Expression.Property(typed, property), property.PropertyType, delta, depth);

        var created = Expression.New(constructor, arguments.Select(Moved));
        Expression body = initOnly.Count == 0 ? created : Expression.MemberInit(created, initOnly.Select(p => Expression.Bind(p, Moved(p))));
        var block = Expression.Block(typeof(SyntaxNode), [typed], Expression.Assign(typed, Expression.Convert(node, type)), Expression.Convert(body, typeof(SyntaxNode)));
        return Expression.Lambda<Mover>(block, node, delta, depth).Compile();
    }

    private static Expression MoveValue(Expression value, Type type, ParameterExpression delta, ParameterExpression depth)
    {
        if (type == typeof(TextSpan))
        {
            return Expression.Call(MoveSpanMethod, value, delta);
        }

        if (typeof(SyntaxNode).IsAssignableFrom(type))
        {
            return Expression.Convert(Expression.Call(MoveNodeMethod, value, delta, depth), type);
        }

        if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(IReadOnlyList<>) && type.GetGenericArguments() is [var item] && typeof(SyntaxNode).IsAssignableFrom(item))
        {
            return Expression.Convert(Expression.Call(MoveListMethod.MakeGenericMethod(item), value, delta, depth), type);
        }

        // Text, numbers, flags, enums, lists of text: nothing positional. A span anywhere else would be missed: refuse the type.
        return type.IsGenericType && type.GetGenericArguments().Any(a => a == typeof(TextSpan) || typeof(SyntaxNode).IsAssignableFrom(a)) || type == typeof(TextSpan?)
            ? throw new NotSupportedException($"SyntaxShift cannot move a {type} (add it here)")
            : value;
    }
}
