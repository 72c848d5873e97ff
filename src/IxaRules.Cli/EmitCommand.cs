using System.CommandLine;
using IxaRules.Diagnostics;
using IxaRules.Text;

namespace IxaRules.Cli;

/// <summary><c>ixarules emit --csharp</c>: print the C# the compiled backend generates for a regimen.</summary>
internal static class EmitCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var rules = new Argument<string>("rules") { Description = "The rule file (.ixr)." };
        var csharp = new Option<bool>("--csharp") { Description = "Print the generated C# (the default: it is the only output language so far)." };
        var regimen = new Option<string?>("--regimen") { Description = "Only this regimen (default: every regimen of the file)." };
        var command = new Command("emit",
            "Print the code the compiled backend generates: one class per regimen, one method per condition.\n" +
            "Example: ixarules emit --csharp rules/ird.ixr")
        {
            rules, csharp, regimen,
        };
        command.SetAction(parsed =>
        {
            var path = parsed.GetRequiredValue(rules);
            if (!File.Exists(path))
            {
                stderr.WriteLine($"error: no such file: {path}");
                return Program.UsageError;
            }

            var check = RuleFiles.Check(SourceText.FromFile(path));
            if (check.Model is not { } model)
            {
                stdout.Write(DiagnosticRenderer.Render(check.Diagnostics, DiagnosticFormat.Text));
                return Program.Findings;
            }

            var name = parsed.GetValue(regimen);
            var chosen = model.Regimens.Where(r => name is null || r.Name == name).ToList();
            if (chosen.Count == 0)
            {
                stderr.WriteLine($"error: no regimen `{name}` in {path} (it declares: {string.Join(", ", model.Regimens.Select(r => r.Name))})");
                return Program.UsageError;
            }

            stdout.Write(string.Join("\n", chosen.Select(r => RuleFiles.EmitCSharp(model, r))));
            return Program.Clean;
        });
        return command;
    }
}
