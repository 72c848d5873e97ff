using System.Collections;
using System.Collections.Concurrent;
using System.Reflection;
using IxaRules.Text;

namespace IxaRules.Syntax;

/// <summary>
/// A declaration's syntax moved by a number of characters: every span, and every node rebuilt
/// through its record's primary constructor (so spans a node derives from its children are derived
/// again). The editor's parse reuses the declarations an edit did not touch, moved to where the
/// edit put them, instead of parsing a 1 MB file again on every keystroke. Reflection over the node
/// records, as <see cref="SyntaxDump"/> does, keeps it in step with the node types.
/// </summary>
internal static class SyntaxShift
{
    /// <summary>Stated limit: nodes nested deeper than this are not moved; the caller then parses instead.</summary>
    public const int MaxDepth = 200;

    private sealed record Shape(ConstructorInfo Constructor, PropertyInfo[] Arguments, PropertyInfo[] InitOnly);

    private static readonly ConcurrentDictionary<Type, Shape> Shapes = new();

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

    private static object? Move(object? value, int delta, int depth) => value switch
    {
        null => null,
        TextSpan span => new TextSpan(span.Start + delta, span.Length),
        SyntaxNode node => MoveNode(node, delta, depth),
        _ => value, // text, numbers, flags, enums
    };

    private static object MoveNode(SyntaxNode node, int delta, int depth)
    {
        if (depth > MaxDepth)
        {
            throw new InsufficientExecutionStackException();
        }

        var shape = Shapes.GetOrAdd(node.GetType(), ShapeOf);
        var arguments = new object?[shape.Arguments.Length];
        for (var i = 0; i < arguments.Length; i++)
        {
            var property = shape.Arguments[i];
            arguments[i] = MoveMember(property.PropertyType, property.GetValue(node), delta, depth);
        }

        var moved = shape.Constructor.Invoke(arguments);
        foreach (var property in shape.InitOnly)
        {
            property.SetValue(moved, MoveMember(property.PropertyType, property.GetValue(node), delta, depth));
        }

        return moved;
    }

    private static object? MoveMember(Type type, object? value, int delta, int depth)
    {
        if (value is IEnumerable list and not string && type.IsGenericType && type.GetGenericArguments() is [var element])
        {
            var items = list.Cast<object?>().ToList();
            var array = Array.CreateInstance(element, items.Count);
            for (var i = 0; i < items.Count; i++)
            {
                array.SetValue(Move(items[i], delta, depth + 1), i);
            }

            return array;
        }

        return Move(value, delta, depth + 1);
    }

    /// <summary>A record's primary constructor (its widest public one), the property behind each parameter, and its init-only extras.</summary>
    private static Shape ShapeOf(Type type)
    {
        var constructor = type.GetConstructors(BindingFlags.Public | BindingFlags.Instance).OrderByDescending(c => c.GetParameters().Length).First();
        var properties = type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.GetIndexParameters().Length == 0).ToList();
        var arguments = constructor.GetParameters()
            .Select(p => properties.Single(q => string.Equals(q.Name, p.Name, StringComparison.OrdinalIgnoreCase)))
            .ToArray();
        var initOnly = properties
            .Where(p => !arguments.Contains(p) && p.SetMethod is { IsPublic: true } && p.Name != "EqualityContract")
            .ToArray();
        return new Shape(constructor, arguments, initOnly);
    }
}
