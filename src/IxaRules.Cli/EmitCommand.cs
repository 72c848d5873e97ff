using System.CommandLine;

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

            // Standard output is the generated code (`emit … > Regimen.cs`): diagnostics go to standard error.
            if (RunSetup.CheckRules(path, "nothing was generated", stderr, stderr, out var exit, "is a directory: emit takes one rule file") is not { } model)
            {
                return exit;
            }

            if (model.Regimens.Count == 0)
            {
                stderr.WriteLine($"error: {path} declares no regimen, so there is nothing to generate");
                return Program.Findings;
            }

            var name = parsed.GetValue(regimen);
            var chosen = name is null ? model.Regimens.ToList() : new[] { RunCommand.SelectRegimen(model, name, stderr) }.OfType<IxaRules.Binding.Regimen>().ToList();
            if (chosen.Count == 0)
            {
                return Program.UsageError;
            }

            stdout.Write(string.Join("\n", chosen.Select(r => RuleFiles.EmitCSharp(model, r))));
            return Program.Clean;
        });
        return command;
    }
}
