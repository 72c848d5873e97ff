namespace IxaRules.Tests.Cli;

/// <summary>`fmt --diff`, `fmt -` and what `fmt` says about files it cannot format.</summary>
public sealed class FormatCommandTests : TempFolderTest
{
    private const string Messy = "regimen R\n   cycle 28 days for 1 cycles\n  drug ixazomib oral 4 mg days 1,8,15\n";

    private const string Tidy = "regimen R\n  cycle 28 days for 1 cycles\n  drug ixazomib oral 4 mg days 1, 8, 15\n";

    private const string Broken = "regimen R\n  cycle 28 dayz\n";

    [Fact]
    public void Diff_prints_the_change_as_a_unified_diff_and_changes_nothing()
    {
        var path = Write("messy.ixr", Messy);
        var (exit, stdout, stderr) = CliRunner.Run("fmt", "--diff", path);
        Assert.Equal(1, exit);
        Assert.Equal(
            $"--- a/{path}\n+++ b/{path}\n@@ -1,3 +1,3 @@\n regimen R\n-   cycle 28 days for 1 cycles\n-  drug ixazomib oral 4 mg days 1,8,15\n+  cycle 28 days for 1 cycles\n+  drug ixazomib oral 4 mg days 1, 8, 15\n",
            stdout);
        Assert.Equal("1 file checked, 1 need formatting\n", stderr);
        Assert.Equal(Messy, File.ReadAllText(path));
    }

    [Fact]
    public void Diff_of_formatted_files_is_empty_and_exits_0()
    {
        var (exit, stdout, _) = CliRunner.Run("fmt", "--diff", Write("tidy.ixr", Tidy));
        Assert.Equal((0, ""), (exit, stdout));
    }

    [Fact]
    public void Stdin_is_formatted_to_stdout()
    {
        var (exit, stdout, stderr) = CliRunner.RunWithInput(Messy, "fmt", "-");
        Assert.Equal((0, Tidy, ""), (exit, stdout, stderr));
    }

    [Theory]
    [InlineData("--check", "not formatted: <stdin>\n")]
    [InlineData("--diff", "--- a/<stdin>\n+++ b/<stdin>\n@@ -1,3 +1,3 @@\n")]
    public void Stdin_can_be_checked_or_diffed(string mode, string start)
    {
        var (exit, stdout, _) = CliRunner.RunWithInput(Messy, "fmt", mode, "-");
        Assert.Equal(1, exit);
        Assert.StartsWith(start, stdout);
        Assert.Equal(0, CliRunner.RunWithInput(Tidy, "fmt", mode, "-").Exit);
    }

    [Fact]
    public void Stdin_with_syntax_errors_prints_nothing_on_stdout_and_the_located_error_on_stderr()
    {
        var (exit, stdout, stderr) = CliRunner.RunWithInput(Broken, "fmt", "-");
        Assert.Equal(1, exit);
        Assert.Equal("", stdout); // an editor must not replace its buffer with half a file
        Assert.Contains("error[IXR0001]: expected `days`, found `dayz`\n --> <stdin>:2:12", stderr);
        Assert.EndsWith("standard input has syntax errors; nothing was formatted\n", stderr);
    }

    [Fact]
    public void Stdin_cannot_be_combined_with_paths()
    {
        var (exit, _, stderr) = CliRunner.RunWithInput(Tidy, "fmt", "-", Write("tidy.ixr", Tidy));
        Assert.Equal(2, exit);
        Assert.StartsWith("error: `-` (standard input) cannot be combined with other paths\n", stderr);
    }

    [Fact]
    public void Check_names_the_files_with_syntax_errors_instead_of_saying_none_need_formatting()
    {
        var (exit, stdout, stderr) = CliRunner.Run("fmt", "--check", Write("broken.ixr", Broken), Write("tidy.ixr", Tidy));
        Assert.Equal(1, exit);
        Assert.Contains("error[IXR0001]", stdout);
        Assert.Equal("2 files checked, 0 need formatting, 1 file with syntax errors left untouched\n", stderr);
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public void Formatting_through_a_link_replaces_the_file_it_names_and_keeps_its_permissions()
    {
        var path = Write("messy.ixr", Messy);
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead);
        var link = Path.Combine(Dir, "link.ixr");
        File.CreateSymbolicLink(link, path);

        Assert.Equal(0, CliRunner.Run("fmt", link).Exit);

        Assert.Equal(Tidy, File.ReadAllText(path));
        Assert.Equal(path, new FileInfo(link).LinkTarget);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead, File.GetUnixFileMode(path));
        Assert.Equal(["link.ixr", "messy.ixr"], Directory.GetFiles(Dir).Select(Path.GetFileName).Order(StringComparer.Ordinal)); // no temporary left
    }
}
