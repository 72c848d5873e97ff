using IxaRules.Cli;

namespace IxaRules.Tests;

/// <summary>Runs the CLI in-process and captures what it prints.</summary>
internal static class CliRunner
{
    public static (int Exit, string Stdout, string Stderr) Run(params string[] args) => RunWithInput("", args);

    /// <summary>Runs it with <paramref name="stdin"/> as standard input (`fmt -`).</summary>
    public static (int Exit, string Stdout, string Stderr) RunWithInput(string stdin, params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var exit = Program.Run(args, stdout, stderr, new StringReader(stdin));
        return (exit, stdout.ToString(), stderr.ToString());
    }
}
