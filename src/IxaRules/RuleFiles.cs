using IxaRules.Binding;
using IxaRules.Diagnostics;
using IxaRules.Formatting;
using IxaRules.Parsing;
using IxaRules.Syntax;
using IxaRules.Text;

namespace IxaRules;

/// <summary>The outcome of checking one rule file: its tree, its model (when it bound) and every diagnostic.</summary>
public sealed record CheckResult(SyntaxTree Syntax, BoundFile? Model, IReadOnlyList<Diagnostic> Diagnostics)
{
    public bool HasErrors => Diagnostics.Any(d => d.IsError);
}

/// <summary>
/// The public face of the library: check, format and discover rule files. Everything behind it
/// (grammar, binder, formatter) is internal.
/// </summary>
public static class RuleFiles
{
    /// <summary>The file extension of rule files.</summary>
    public const string Extension = ".ixr";

    public static SyntaxTree Parse(SourceText source) => RuleParser.ParseFile(source);

    /// <summary>Parse, then bind when the file has no syntax errors (binding a broken tree only adds noise).</summary>
    public static CheckResult Check(SourceText source)
    {
        var tree = Parse(source);
        if (tree.HasErrors)
        {
            return new CheckResult(tree, null, tree.Diagnostics);
        }

        var (model, diagnostics) = Binder.Bind(tree);
        return new CheckResult(tree, model, DiagnosticBag.Sort(tree.Diagnostics.Concat(diagnostics)));
    }

    /// <summary>The canonical text of a file without syntax errors.</summary>
    public static string Format(SyntaxTree tree) =>
        tree.HasErrors ? throw new InvalidOperationException("cannot format a file with syntax errors") : Formatter.Format(tree);

    /// <summary>
    /// Expands files and directories (recursively, <c>*.ixr</c>) into a sorted list of files.
    /// Returns the paths that do not exist separately, so callers can report them.
    /// </summary>
    public static (IReadOnlyList<string> Files, IReadOnlyList<string> Missing) Discover(IEnumerable<string> paths)
    {
        var files = new List<string>();
        var missing = new List<string>();
        foreach (var path in paths)
        {
            if (File.Exists(path))
            {
                files.Add(path);
            }
            else if (Directory.Exists(path))
            {
                files.AddRange(Directory.EnumerateFiles(path, "*" + Extension, SearchOption.AllDirectories)
                    .Select(f => f.Replace('\\', '/')));
            }
            else
            {
                missing.Add(path);
            }
        }

        return ([.. files.Distinct().Order(StringComparer.Ordinal)], missing);
    }
}
