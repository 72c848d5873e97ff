using System.CommandLine;
using IxaRules.Text;

namespace IxaRules.Cli;

/// <summary>Turns command-line paths into source texts, reporting missing paths as usage errors.</summary>
internal static class Inputs
{
    /// <summary>The `paths` argument every verb takes: files, or directories meaning every .ixr below them.</summary>
    public static Argument<string[]> PathsArgument(string verb) => new("paths")
    {
        Description = $"Rule files (.ixr) or directories to {verb}.",
        Arity = ArgumentArity.OneOrMore,
    };

    public static IReadOnlyList<SourceText>? Load(IReadOnlyList<string> paths, TextWriter stderr)
    {
        var (files, missing) = RuleFiles.Discover(paths);
        foreach (var path in missing)
        {
            // System.CommandLine hands an unknown `--option` to the paths argument; name it for what it is.
            stderr.WriteLine(path.StartsWith('-') ? $"error: unknown option: {path}" : $"error: no such file or directory: {path}");
        }

        if (missing.Count > 0)
        {
            stderr.WriteLine("run `ixarules --help` for usage");
            return null;
        }

        if (files.Count == 0)
        {
            stderr.WriteLine($"error: no {RuleFiles.Extension} files in {string.Join(", ", paths)}");
            return null;
        }

        return [.. files.Select(SourceText.FromFile)];
    }
}
