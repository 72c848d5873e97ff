using System.CommandLine;
using IxaRules.Diagnostics;

namespace IxaRules.Cli;

/// <summary><c>ixarules fmt</c>: rewrite rule files in the canonical layout, or check that they are.</summary>
internal static class FormatCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var paths = Inputs.PathsArgument("format");
        var check = new Option<bool>("--check")
        {
            Description = "Change nothing; list the files that are not in canonical layout and exit 1 if there are any.",
        };

        var command = new Command("fmt",
            "Rewrite rule files in the one canonical layout (comments are kept; meaning never changes).\n" +
            "Files with syntax errors are reported and left untouched.\n" +
            "Example: ixarules fmt --check rules/")
        {
            paths,
            check,
        };

        command.SetAction(parsed =>
        {
            var sources = Inputs.Load(parsed.GetRequiredValue(paths), stderr);
            if (sources is null)
            {
                return Program.UsageError;
            }

            var checkOnly = parsed.GetValue(check);
            var exit = Program.Clean;
            var changed = 0;
            foreach (var source in sources)
            {
                var tree = RuleFiles.Parse(source);
                if (tree.HasErrors)
                {
                    stdout.Write(DiagnosticRenderer.Render(tree.Diagnostics, DiagnosticFormat.Text));
                    exit = Program.Findings;
                    continue;
                }

                var formatted = RuleFiles.Format(tree);
                if (formatted == source.Text)
                {
                    continue;
                }

                changed++;
                if (checkOnly)
                {
                    stdout.WriteLine($"not formatted: {source.Path}");
                    exit = Program.Findings;
                }
                else
                {
                    File.WriteAllText(source.Path, formatted);
                    stdout.WriteLine($"formatted: {source.Path}");
                }
            }

            var verb = checkOnly ? "need formatting" : "reformatted";
            stderr.WriteLine($"{CheckCommand.Plural(sources.Count, "file")} checked, {changed} {verb}");
            return exit;
        });
        return command;
    }
}
