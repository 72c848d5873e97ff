using IxaRules.Binding;
using IxaRules.Diagnostics;
using IxaRules.Diagnostics.Catalog;
using IxaRules.Syntax;
using IxaRules.Text;

namespace IxaRules;

/// <summary>
/// The other rule files a file's scenarios name (`scenario "…" for IRd in "../rules/ird.ixr"`), so
/// protocol tests can live apart from the rules they test. Paths are relative to the naming file.
/// Stated limits: at most <see cref="MaxFiles"/> files per file, and one level — a used file's own
/// `in` scenarios are not followed (its regimens and rules are what is used), so there are no cycles.
/// A file that cannot be used is one error at its path; its scenarios are not reported again.
/// </summary>
internal sealed class UsedFiles
{
    public const int MaxFiles = 16;

    public static readonly UsedFiles None = new(new Dictionary<string, BoundFile?>(StringComparer.Ordinal));

    private readonly IReadOnlyDictionary<string, BoundFile?> _files;

    private UsedFiles(IReadOnlyDictionary<string, BoundFile?> files) => _files = files;

    /// <summary>The bound file written as <paramref name="path"/>, or null when it could not be used (already reported) or is not followed (<see cref="None"/>: its `in` scenarios are skipped).</summary>
    public BoundFile? Model(string path) => _files.GetValueOrDefault(path);

    public static (UsedFiles Files, IReadOnlyList<Diagnostic> Diagnostics) Resolve(SyntaxTree tree)
    {
        var files = new Dictionary<string, BoundFile?>(StringComparer.Ordinal);
        var diagnostics = new List<Diagnostic>();
        var source = tree.Source;
        foreach (var path in tree.Declarations.OfType<ScenarioSyntax>().Select(s => s.InFile).OfType<StringLiteral>())
        {
            if (files.ContainsKey(path.Value))
            {
                continue;
            }

            files[path.Value] = null;
            if (files.Count > MaxFiles)
            {
                diagnostics.Add(NameCodes.CannotUseFile.At(source, path.Span, $"a file may name at most {MaxFiles} other rule files",
                    "split the scenarios into more files"));
                continue;
            }

            files[path.Value] = Load(source, path, diagnostics);
        }

        return (new UsedFiles(files), diagnostics);
    }

    private static BoundFile? Load(SourceText source, StringLiteral path, List<Diagnostic> diagnostics)
    {
        if (!path.Value.EndsWith(RuleFiles.Extension, StringComparison.Ordinal) || path.Value.IndexOfAny(['\0', '\n', '\r']) >= 0)
        {
            diagnostics.Add(NameCodes.CannotUseFile.At(source, path.Span, $"`{Printable.Clamp(path.Value, 80)}` is not a rule file",
                "name a rule file (.ixr), relative to this file"));
            return null;
        }

        var full = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(Path.GetFullPath(source.Path)) ?? ".", path.Value));
        if (full == Path.GetFullPath(source.Path))
        {
            diagnostics.Add(NameCodes.CannotUseFile.At(source, path.Span, "the scenario names its own file",
                "drop `in \"…\"`: a regimen of this file is named by `for` alone"));
            return null;
        }

        var display = Path.GetRelativePath(Environment.CurrentDirectory, full);
        SourceText used;
        try
        {
            used = File.Exists(full) || Directory.Exists(full)
                ? InputFile.Read(full, InputFile.RuleFileChars, display)
                : throw new InputFileException($"no such file: {display}");
        }
        catch (Exception e) when (e is InputFileException or IOException)
        {
            diagnostics.Add(NameCodes.CannotUseFile.At(source, path.Span, $"cannot read `{Printable.Clamp(path.Value, 80)}`: {e.Message}",
                "the path is relative to this file"));
            return null;
        }

        var check = RuleFiles.Check(used, followUsedFiles: false);
        if (check.Model is null)
        {
            var errors = check.Diagnostics.Count(d => d.IsError);
            diagnostics.Add(NameCodes.UsedFileHasErrors.At(source, path.Span,
                $"`{Printable.Clamp(path.Value, 80)}` has {errors} error{(errors == 1 ? "" : "s")}, so its regimens cannot be tested here",
                $"run `ixarules check {display}`"));
        }

        return check.Model;
    }
}
