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
            $"--- {path}\n+++ {path}\n@@ -1,3 +1,3 @@\n regimen R\n-   cycle 28 days for 1 cycles\n-  drug ixazomib oral 4 mg days 1,8,15\n+  cycle 28 days for 1 cycles\n+  drug ixazomib oral 4 mg days 1, 8, 15\n",
            stdout);
        Assert.Equal("1 file checked, 1 needs formatting\n", stderr);
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
        Assert.Equal("", stdout); // standard output is the list of files (or the patch): diagnostics go to standard error
        Assert.StartsWith("error[IXR0001]", stderr);
        Assert.EndsWith("2 files checked, 0 need formatting, 1 file with syntax errors left untouched\n", stderr);
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

    [Fact]
    public void Formatting_a_file_with_another_name_keeps_the_hard_link()
    {
        var path = Write("messy.ixr", Messy);
        var other = Path.Combine(Dir, "other-name.ixr");
        Assert.Equal(0, Link(path, other));

        Assert.Equal(0, CliRunner.Run("fmt", path).Exit);

        Assert.Equal(Tidy, File.ReadAllText(other)); // one file, two names: both see the new text
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public void A_file_the_user_may_not_write_is_refused_and_kept_even_in_a_folder_they_may_write()
    {
        // As another user (nobody), in a folder anyone may write, on a read-only file: renaming over
        // it would succeed, so the permission is asked of the file itself.
        var folder = Directory.CreateDirectory(Path.Combine(Dir, "shared")).FullName;
        File.SetUnixFileMode(Dir, (UnixFileMode)0b111_101_101);
        File.SetUnixFileMode(folder, (UnixFileMode)0b111_111_111);
        var path = Path.Combine(folder, "read-only.ixr");
        File.WriteAllText(path, Messy);
        File.SetUnixFileMode(path, (UnixFileMode)0b100_100_100);
        var cli = Path.Combine(AppContext.BaseDirectory, "IxaRules.Cli");
        var start = new System.Diagnostics.ProcessStartInfo("setpriv", ["--reuid=65534", "--regid=65534", "--clear-groups", cli, "fmt", path])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = folder,
        };
        start.Environment["DOTNET_CLI_HOME"] = folder;
        start.Environment["HOME"] = folder;
        using var process = System.Diagnostics.Process.Start(start)!;
        var stderr = process.StandardError.ReadToEnd();
        process.StandardOutput.ReadToEnd();
        Assert.True(process.WaitForExit(60_000));

        Assert.Equal(2, process.ExitCode);
        Assert.Contains($"error: cannot write {path}: permission denied", stderr);
        Assert.Equal(Messy, File.ReadAllText(path));
        Assert.Equal(["read-only.ixr"], Directory.GetFiles(folder).Select(Path.GetFileName));
    }

    private static int Link(string existing, string name)
    {
        using var ln = System.Diagnostics.Process.Start("ln", [existing, name])!;
        ln.WaitForExit();
        return ln.ExitCode;
    }

    [Theory]
    [InlineData("regimen R\n   cycle 28 days for 1 cycles\n  drug ixazomib oral 4 mg days 1,8,15")] // no final line break
    [InlineData("regimen R\n  cycle 28 days for 1 cycles\n  drug ixazomib oral 4 mg days 1, 8, 15")]
    public void The_diff_is_a_patch_that_patch_applies(string text)
    {
        var path = Write("p.ixr", text);
        var (exit, diff, _) = CliRunner.Run("fmt", "--diff", path);
        Assert.Equal(1, exit);
        var patchFile = Write("fix.patch", diff);
        using var patch = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("patch", ["-s", path, patchFile]) { RedirectStandardOutput = true })!;
        patch.StandardOutput.ReadToEnd();
        patch.WaitForExit();
        Assert.Equal(0, patch.ExitCode);
        Assert.Equal(CliRunner.RunWithInput(text, "fmt", "-").Stdout, File.ReadAllText(path));
    }
}
