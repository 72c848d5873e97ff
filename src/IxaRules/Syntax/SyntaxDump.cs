using System.Collections;
using System.Globalization;
using System.Reflection;
using System.Text;
using IxaRules.Text;

namespace IxaRules.Syntax;

/// <summary>
/// An indented dump of a syntax tree with line:column spans, for baseline tests. Reflection over
/// the node records keeps it in step with the node types without a visitor to maintain.
/// </summary>
internal static class SyntaxDump
{
    public static string Dump(SyntaxTree tree)
    {
        var sb = new StringBuilder();
        foreach (var declaration in tree.Declarations)
        {
            Write(sb, tree.Source, declaration, 0, null);
        }

        return sb.ToString();
    }

    private static string Where(SourceText source, TextSpan span)
    {
        var (l1, c1) = source.GetLineColumn(span.Start);
        var (l2, c2) = source.GetLineColumn(span.End);
        return string.Create(CultureInfo.InvariantCulture, $"{l1}:{c1}-{l2}:{c2}");
    }

    private static void Write(StringBuilder sb, SourceText source, object? value, int depth, string? label)
    {
        var pad = new string(' ', depth * 2);
        var prefix = label is null ? pad : $"{pad}{label}: ";
        switch (value)
        {
            case null:
                return;
            case Token t:
                sb.Append(prefix).Append('`').Append(t.Text).Append("` @").Append(Where(source, t.Span)).Append('\n');
                return;
            case NumberLiteral n:
                sb.Append(prefix).Append(n.Text).Append(" @").Append(Where(source, n.Span)).Append('\n');
                return;
            case StringLiteral s:
                sb.Append(prefix).Append('"').Append(s.Value).Append("\" @").Append(Where(source, s.Span)).Append('\n');
                return;
            case UnitSyntax u:
                sb.Append(prefix).Append("unit ").Append(u.Text).Append(" @").Append(Where(source, u.Span)).Append('\n');
                return;
            case SyntaxNode node:
                sb.Append(prefix).Append(node.GetType().Name).Append(" @").Append(Where(source, node.Span)).Append('\n');
                foreach (var property in node.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance))
                {
                    if (property.Name is "Span" or "EqualityContract" || property.GetIndexParameters().Length > 0)
                    {
                        continue;
                    }

                    var child = property.GetValue(node);
                    if (child is IEnumerable list and not string)
                    {
                        var items = list.Cast<object>().ToList();
                        if (items.Count > 0)
                        {
                            sb.Append(pad).Append("  ").Append(property.Name).Append(":\n");
                            foreach (var item in items)
                            {
                                Write(sb, source, item, depth + 2, null);
                            }
                        }
                    }
                    else if (child is SyntaxNode or null)
                    {
                        Write(sb, source, child, depth + 1, property.Name);
                    }
                    else if (child is not TextSpan)
                    {
                        sb.Append(pad).Append("  ").Append(property.Name).Append(": ")
                          .Append(Convert.ToString(child, CultureInfo.InvariantCulture)).Append('\n');
                    }
                }

                return;
            default:
                sb.Append(prefix).Append(Convert.ToString(value, CultureInfo.InvariantCulture)).Append('\n');
                return;
        }
    }
}
