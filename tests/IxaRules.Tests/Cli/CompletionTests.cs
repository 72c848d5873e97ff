using System.Diagnostics;

namespace IxaRules.Tests.Cli;

/// <summary>
/// `ixarules completion`: the bash script is sourced in a real bash and asked what it completes,
/// with `ixarules` on the PATH as a user has it; the directive it calls is tested in-process.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class CompletionTests : IDisposable
{
    private readonly string _bin = Directory.CreateTempSubdirectory("ixarules-completion-").FullName;

    public void Dispose() => Directory.Delete(_bin, recursive: true);

    [Theory]
    [InlineData("ixarules ch", "check")]
    [InlineData("ixarules c", "check\ncohort\ncompletion")]
    [InlineData("ixarules test --format j", "json\njunit")]
    [InlineData("ixarules run --backend ", "compiled\ninterpreted")]
    [InlineData("ixarules completion ", "bash\npwsh\nzsh")]
    [InlineData("ixarules fmt --", "--check\n--diff\n--help")]
    [InlineData("ixarules check --f", "--format")]
    public void Bash_completes_verbs_options_and_option_values(string line, string expected) =>
        Assert.Equal(expected, string.Join('\n', BashCompletions(line).Order(StringComparer.Ordinal)));

    [Theory]
    [InlineData("ixarules check rul")]
    [InlineData("ixarules fmt ")] // options only once a `-` is typed
    [InlineData("ixarules fmt --check ")] // a flag takes no value: no True or False
    [InlineData("ixarules test --no-scripts ")]
    public void Bash_offers_nothing_of_its_own_for_a_path_so_the_shell_completes_file_names(string line) =>
        Assert.Empty(BashCompletions(line));

    [Theory]
    [InlineData("[suggest:-1]")]
    [InlineData("[suggest:abc]")]
    [InlineData("[suggest:99999999999]")]
    [InlineData("[suggest:]")]
    public void A_completion_request_at_a_position_outside_its_line_is_answered_not_crashed(string directive)
    {
        var (exit, _, stderr) = CliRunner.Run(directive, "ixarules te");
        Assert.Equal((0, ""), (exit, stderr));
    }

    [Fact]
    public void The_directive_the_scripts_call_completes_from_the_real_commands()
    {
        var (exit, stdout, _) = CliRunner.Run("[suggest:23]", "ixarules test --format ");
        Assert.Equal(0, exit);
        Assert.Equal(["github", "json", "junit", "sarif", "tap", "text"], stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.DoesNotContain("/?", CliRunner.Run("[suggest:9]", "ixarules ").Stdout); // no DOS spellings of --help
    }

    [Theory]
    [InlineData("zsh", "compdef _ixarules ixarules", "[suggest:${#line}]")]
    [InlineData("pwsh", "Register-ArgumentCompleter -Native -CommandName ixarules", "[suggest:$position]")]
    [InlineData("bash", "complete -o bashdefault -o default -F _ixarules_complete ixarules", "[suggest:${COMP_POINT}]")]
    public void Each_shell_gets_a_script_that_registers_for_ixarules_and_asks_it(string shell, string registers, string asks)
    {
        var (exit, stdout, _) = CliRunner.Run("completion", shell);
        Assert.Equal(0, exit);
        Assert.Contains(registers, stdout);
        Assert.Contains(asks, stdout);
    }

    [Fact]
    public void An_unknown_shell_is_a_usage_error_naming_the_shells()
    {
        var (exit, _, stderr) = CliRunner.Run("completion", "fish");
        Assert.Equal(2, exit);
        Assert.StartsWith("error: shell is one of bash, zsh, pwsh, not `fish`", stderr);
    }

    /// <summary>Sources the script in bash, sets what bash sets for the line, and returns COMPREPLY.</summary>
    private string[] BashCompletions(string line)
    {
        var wrapper = Path.Combine(_bin, "ixarules");
        File.WriteAllText(wrapper, $"#!/bin/sh\nexec '{Path.Combine(AppContext.BaseDirectory, "IxaRules.Cli")}' \"$@\"\n");
        File.SetUnixFileMode(wrapper, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var script = CliRunner.Run("completion", "bash").Stdout;
        var words = line.Split(' ');
        var setup = $"""
            {script}
            COMP_LINE='{line}'
            COMP_POINT=${"{#COMP_LINE}"}
            COMP_WORDS=({string.Join(' ', words.Select(w => $"'{w}'"))})
            COMP_CWORD={words.Length - 1}
            _ixarules_complete
            printf '%s\n' "${"{COMPREPLY[@]}"}"
            """;
        var start = new ProcessStartInfo("bash", ["--noprofile", "--norc", "-c", setup]) { RedirectStandardOutput = true };
        start.Environment["PATH"] = _bin + Path.PathSeparator + Environment.GetEnvironmentVariable("PATH");
        using var bash = Process.Start(start)!;
        var output = bash.StandardOutput.ReadToEnd();
        Assert.True(bash.WaitForExit(60_000), "bash did not finish");
        return output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }
}
