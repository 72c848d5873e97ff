using System.CommandLine;
using IxaRules.Diagnostics;
using IxaRules.Text;

namespace IxaRules.Cli;

/// <summary>
/// <c>ixarules fmt</c>: rewrite rule files in the canonical layout, check that they are (<c>--check</c>),
/// show the change as a unified diff (<c>--diff</c>), or format standard input to standard output (<c>-</c>).
/// </summary>
internal static class FormatCommand
{
    /// <summary>How standard input is named in diagnostics and diffs.</summary>
    private const string StdinName = "<stdin>";

    public static Command Create(TextWriter stdout, TextWriter stderr, Func<TextReader> stdin)
    {
        var paths = new Argument<string[]>("paths")
        {
            Description = "Rule files (.ixr) or directories to format; `-` formats standard input to standard output.",
            Arity = ArgumentArity.OneOrMore,
        };
        var check = new Option<bool>("--check")
        {
            Description = "Change nothing; list the files that are not in canonical layout and exit 1 if there are any.",
        };
        var diff = new Option<bool>("--diff")
        {
            Description = "Change nothing; print what formatting would change as a unified diff and exit 1 if anything would.",
        };

        var command = new Command("fmt",
            "Rewrite rule files in the one canonical layout (comments are kept; meaning never changes).\n" +
            "A file with syntax errors is reported and left untouched (exit 1). A file is replaced whole or not at all.\n" +
            "Exits 0 when every file is formatted, 1 when one needs formatting (--check, --diff) or has syntax errors, 2 on usage or I/O errors.\n" +
            "Examples:\n" +
            "  ixarules fmt rules/\n" +
            "  ixarules fmt --check rules/          (in CI)\n" +
            "  ixarules fmt --diff rules/ird.ixr\n" +
            "  ixarules fmt - < rules/ird.ixr       (for editors: the formatted text on stdout)")
        {
            paths,
            check,
            diff,
        };

        command.SetAction(parsed =>
        {
            var given = parsed.GetRequiredValue(paths);
            var mode = parsed.GetValue(diff) ? Mode.Diff : parsed.GetValue(check) ? Mode.Check : Mode.Write;
            if (given.Contains("-"))
            {
                if (given.Length > 1)
                {
                    stderr.WriteLine("error: `-` (standard input) cannot be combined with other paths");
                    stderr.WriteLine("run `ixarules fmt --help` for usage");
                    return Program.UsageError;
                }

                return FormatStdin(InputFile.Read(stdin(), InputFile.RuleFileChars, StdinName), mode, stdout, stderr);
            }

            var sources = Inputs.Load(given, stderr);
            return sources is null ? Program.UsageError : FormatFiles(sources, mode, stdout, stderr);
        });
        return command;
    }

    private enum Mode
    {
        Write,
        Check,
        Diff,
    }

    private static int FormatFiles(IReadOnlyList<SourceText> sources, Mode mode, TextWriter stdout, TextWriter stderr)
    {
        var (changed, broken) = (0, 0);
        foreach (var source in sources)
        {
            var tree = RuleFiles.Parse(source);
            if (tree.HasErrors)
            {
                // Standard output is the list of files or the patch (`fmt --diff > fix.patch`): diagnostics go apart.
                stderr.Write(DiagnosticRenderer.Render(tree.Diagnostics, DiagnosticFormat.Text));
                broken++;
                continue;
            }

            var formatted = RuleFiles.Format(tree);
            if (formatted == source.Text)
            {
                continue;
            }

            changed++;
            switch (mode)
            {
                case Mode.Check:
                    stdout.WriteLine($"not formatted: {source.Path}");
                    break;
                case Mode.Diff:
                    stdout.Write(UnifiedDiff.Of(source.Text, formatted, DiffName("a/", source.Path), DiffName("b/", source.Path)));
                    break;
                default:
                    AtomicFile.Replace(source.Path, formatted);
                    stdout.WriteLine($"formatted: {source.Path}");
                    break;
            }
        }

        var verb = mode == Mode.Write ? "reformatted" : changed == 1 ? "needs formatting" : "need formatting";
        var errors = broken == 0 ? "" : $", {CheckCommand.Plural(broken, "file")} with syntax errors left untouched";
        stderr.WriteLine($"{CheckCommand.Plural(sources.Count, "file")} checked, {changed} {verb}{errors}");
        return broken > 0 || (changed > 0 && mode != Mode.Write) ? Program.Findings : Program.Clean;
    }

    /// <summary>git's `a/` and `b/` prefixes for a path relative to here; an absolute path as it is (`a//tmp/x` reads as a mistake).</summary>
    private static string DiffName(string prefix, string path) => Path.IsPathRooted(path) ? path : prefix + path;

    /// <summary>
    /// Standard input to standard output, as editors call a formatter: the whole formatted text, or
    /// (with errors) the diagnostics on stderr and nothing on stdout, so an editor never replaces a
    /// buffer with half a file.
    /// </summary>
    private static int FormatStdin(SourceText source, Mode mode, TextWriter stdout, TextWriter stderr)
    {
        var tree = RuleFiles.Parse(source);
        if (tree.HasErrors)
        {
            stderr.Write(DiagnosticRenderer.Render(tree.Diagnostics, DiagnosticFormat.Text));
            stderr.WriteLine("standard input has syntax errors; nothing was formatted");
            return Program.Findings;
        }

        var formatted = RuleFiles.Format(tree);
        switch (mode)
        {
            case Mode.Check:
                if (formatted != source.Text)
                {
                    stdout.WriteLine($"not formatted: {StdinName}");
                }

                break;
            case Mode.Diff:
                stdout.Write(UnifiedDiff.Of(source.Text, formatted, "a/" + StdinName, "b/" + StdinName) ?? "");
                break;
            default:
                stdout.Write(formatted);
                return Program.Clean;
        }

        return formatted == source.Text ? Program.Clean : Program.Findings;
    }
}
