using System.CommandLine;
using IxaRules.Diagnostics;

namespace IxaRules.Cli;

/// <summary><c>ixarules check</c>: parse and validate rule files, printing every diagnostic.</summary>
internal static class CheckCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var paths = Inputs.PathsArgument("check");
        var format = Choices.Create("--format",
            "How to print diagnostics: text (for people), json (for tools), github (workflow annotations), sarif (SARIF 2.1.0, for code scanning). Default: text.",
            DiagnosticFormat.Text, ("text", DiagnosticFormat.Text), ("json", DiagnosticFormat.Json), ("github", DiagnosticFormat.Github), ("sarif", DiagnosticFormat.Sarif));
        format.DefaultValueFactory = _ => DiagnosticFormat.Text;

        var command = new Command("check",
            "Parse and validate rule files: names, units, dose levels, schedules, occurrence branches.\n" +
            "Exits 0 when there is nothing to report, 1 when there are diagnostics (errors or warnings), 2 on usage or I/O errors.\n" +
            "Example: ixarules check rules/")
        {
            paths,
            format,
        };

        command.SetAction(parsed =>
        {
            var sources = Inputs.Load(parsed.GetRequiredValue(paths), stderr);
            if (sources is null)
            {
                return Program.UsageError;
            }

            var diagnostics = sources.SelectMany(s => RuleFiles.Check(s).Diagnostics).ToList();
            var how = parsed.GetValue(format);
            stdout.Write(DiagnosticRenderer.Render(diagnostics, how));
            // Machine documents (json, sarif) are the whole output; annotations keep a summary for the log.
            if (how is DiagnosticFormat.Text or DiagnosticFormat.Github)
            {
                var errors = diagnostics.Count(d => d.IsError);
                stderr.WriteLine($"checked {Plural(sources.Count, "file")}: {Plural(errors, "error")}, {Plural(diagnostics.Count - errors, "warning")}");
            }

            return diagnostics.Count == 0 ? Program.Clean : Program.Findings;
        });
        return command;
    }

    internal static string Plural(int n, string word) => n == 1 ? $"1 {word}" : $"{n} {word}s";
}
