using System.Diagnostics;
using System.Text.RegularExpressions;
using IxaRules.Cli;
using Spectre.Console;

namespace IxaRules.Tests.Cli;

/// <summary>
/// Colour on a terminal, plain everywhere else: the painter only adds styles (the text is the same
/// once they are removed), input characters stay escaped beneath it, and the real CLI under a
/// pseudo-terminal (`script`) is coloured unless NO_COLOR is set, while redirected output is plain.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed partial class ColourTests : TempFolderTest
{
    private const string Misspelt = "regimen R\n  cycle 28 days for 1 cycles\n  drug lenalidomid oral 4 mg days 1, 8, 15\n";

    private static IAnsiConsole Colours(TextWriter writer)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.Yes,
            ColorSystem = ColorSystemSupport.Standard,
            Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(writer),
        });
        console.Profile.Width = 100_000;
        return console;
    }

    private static (int Exit, string Stdout, string Stderr) RunColoured(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var exit = Program.Run(args, stdout, stderr, null, new Terminal(Colours(stdout), Colours(stderr), null));
        return (exit, stdout.ToString(), stderr.ToString());
    }

    [Theory]
    [InlineData("check", "tests/IxaRules.Tests/Corpus/bad")]
    [InlineData("check", "tests/IxaRules.Tests/Corpus/warnings")]
    [InlineData("test", "rules/ird.ixr", "-v")]
    public void Colour_adds_styles_and_nothing_else(params string[] args)
    {
        var plain = CliRunner.Run(args);
        var coloured = RunColoured(args);
        Assert.Equal(plain.Exit, coloured.Exit);
        Assert.Matches(Sgr(), coloured.Stdout);
        Assert.Equal(plain.Stdout, Sgr().Replace(coloured.Stdout, ""));
        Assert.Equal(plain.Stderr, Sgr().Replace(coloured.Stderr, ""));
    }

    [Fact]
    public void Errors_are_red_warnings_yellow_and_help_cyan()
    {
        var (_, stdout, _) = RunColoured("check", Write("e.ixr", Misspelt));
        var lines = stdout.Split('\n');
        Assert.StartsWith("\u001b[1;91merror[IXR1001]:", lines[0]);
        Assert.Matches(@"^  = \u001b\[1;96mhelp\u001b\[0m: did you mean `lenalidomide`\?$", lines.Single(l => l.Contains("help", StringComparison.Ordinal)));
        Assert.Contains("\u001b[1;91m        ^^^^^^^^^^^", stdout); // the carets take the error's colour
    }

    [Fact]
    public void An_escape_sequence_in_an_input_stays_escaped_under_the_colours()
    {
        var path = Write("esc.ixr", "regimen R\n  cycle 28 days for 1 cycles\n  drug lenalidomid\u001b[2J oral 4 mg days 1\n");
        var (_, stdout, _) = RunColoured("check", path);
        Assert.DoesNotContain("\u001b[2J", stdout);
        Assert.Contains("found `\\u001B`", stdout); // named by its escape, never written raw
    }

    [Theory]
    [InlineData(false, true)]
    [InlineData(true, false)]
    public void The_real_cli_on_a_terminal_is_coloured_unless_NO_COLOR_is_set(bool noColor, bool coloured)
    {
        var path = Write("e.ixr", Misspelt);
        var output = UnderTerminal($"check '{path}'", noColor);
        Assert.Contains("error[IXR1001]", output);
        Assert.Equal(coloured, Sgr().IsMatch(output));
    }

    [Fact]
    public void Redirected_output_is_plain_and_byte_identical_to_the_in_process_run()
    {
        var path = Write("e.ixr", Misspelt);
        var start = new ProcessStartInfo(Path.Combine(AppContext.BaseDirectory, "IxaRules.Cli"), ["check", path]) { RedirectStandardOutput = true, RedirectStandardError = true };
        start.Environment.Remove("NO_COLOR");
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEnd();
        process.StandardError.ReadToEnd();
        Assert.True(process.WaitForExit(60_000));
        Assert.Equal(CliRunner.Run("check", path).Stdout, stdout);
    }

    [Theory]
    [InlineData("test rules/ird.ixr", "testing", "passed, 0 failed")]
    [InlineData("cohort rules/ird.ixr --population populations/mm1.yaml -n 2000 --seed 1", "virtual patients", "UNCONFIRMED")]
    public void The_progress_display_is_shown_on_a_terminal_and_then_the_report(string arguments, string task, string lastWords)
    {
        var output = UnderTerminal(arguments, noColor: false);
        Assert.Contains(task, output); // the live display's task
        Assert.EndsWith(lastWords, Sgr().Replace(output, "").TrimEnd());
    }

    [Fact]
    public void Without_a_terminal_there_is_no_progress_display()
    {
        var (_, stdout, stderr) = CliRunner.Run("cohort", "rules/ird.ixr", "--population", "populations/mm1.yaml", "-n", "200", "--seed", "1");
        Assert.DoesNotContain("virtual patients", stderr);
        Assert.DoesNotContain('\u001b', stderr + stdout);
    }

    /// <summary>Runs the CLI's apphost under `script`, which gives it a pseudo-terminal for both streams.</summary>
    private static string UnderTerminal(string arguments, bool noColor)
    {
        var cli = Path.Combine(AppContext.BaseDirectory, "IxaRules.Cli");
        var start = new ProcessStartInfo("script", ["-qec", $"'{cli}' {arguments}", "/dev/null"])
        {
            RedirectStandardOutput = true,
            RedirectStandardInput = true,
            WorkingDirectory = TestPaths.Root,
        };
        start.Environment["TERM"] = "xterm-256color";
        start.Environment.Remove("NO_COLOR");
        if (noColor)
        {
            start.Environment["NO_COLOR"] = "1";
        }

        using var process = Process.Start(start)!;
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEnd();
        Assert.True(process.WaitForExit(120_000), "the CLI under script did not finish");
        return output.Replace("\r\n", "\n", StringComparison.Ordinal);
    }

    /// <summary>A Select Graphic Rendition sequence: what colours and bold are made of.</summary>
    [GeneratedRegex(@"\u001b\[[0-9;]*m")]
    private static partial Regex Sgr();
}
