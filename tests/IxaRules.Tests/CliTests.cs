using System.Text.Json;

namespace IxaRules.Tests;

public sealed class CliTests : TempFolderTest
{
    private const string Bad = """
        regimen R
          cycle 28 days for 6 cycles
          drug lenalidomid oral 25 mg days 1-21
        """;

    [Fact]
    public void Check_of_the_shipped_rules_is_clean()
    {
        var (exit, stdout, stderr) = CliRunner.Run("check", TestPaths.Rules);
        Assert.Equal(0, exit);
        Assert.Equal("", stdout);
        Assert.Matches(@"checked \d+ files: 0 errors, 0 warnings", stderr);
    }

    [Fact]
    public void Check_reports_diagnostics_and_exits_one()
    {
        var path = Write("bad.ixr", Bad);
        var (exit, stdout, stderr) = CliRunner.Run("check", path);
        Assert.Equal(1, exit);
        Assert.Contains("error[IXR1001]: unknown drug `lenalidomid`", stdout);
        Assert.Contains("did you mean `lenalidomide`?", stdout);
        Assert.Contains("1 error", stderr);
    }

    [Fact]
    public void Check_json_is_a_stable_array_of_located_diagnostics()
    {
        var path = Write("bad.ixr", Bad);
        var (exit, stdout, _) = CliRunner.Run("check", "--format", "json", path);
        Assert.Equal(1, exit);
        var item = Assert.Single(JsonDocument.Parse(stdout).RootElement.EnumerateArray());
        Assert.Equal("IXR1001", item.GetProperty("code").GetString());
        Assert.Equal(3, item.GetProperty("line").GetInt32());
        Assert.Equal(8, item.GetProperty("column").GetInt32());
        Assert.Equal(19, item.GetProperty("endColumn").GetInt32());
        Assert.Equal("error", item.GetProperty("severity").GetString());
        Assert.Equal("did you mean `lenalidomide`?", item.GetProperty("help").GetString());
        Assert.Equal(stdout, CliRunner.Run("check", "--format", "json", path).Stdout); // same input, same bytes
    }

    [Fact]
    public void Check_github_format_writes_workflow_annotations()
    {
        var path = Write("bad.ixr", Bad);
        var (_, stdout, stderr) = CliRunner.Run("check", "--format", "github", path);
        Assert.Equal("checked 1 file: 1 error, 0 warnings\n", stderr); // the job log says what was checked
        Assert.StartsWith($"::error file={path.Replace(":", "%3A")},line=3,col=8,endLine=3,endColumn=19,title=IXR1001::unknown drug `lenalidomid`", stdout);
    }

    [Theory]
    [InlineData("check", "no/such/path.ixr")]
    [InlineData("fmt", "no/such/dir")]
    public void Missing_paths_are_usage_errors(string verb, string path)
    {
        var (exit, _, stderr) = CliRunner.Run(verb, path);
        Assert.Equal(2, exit);
        Assert.Contains($"no such file or directory: {path}", stderr);
    }

    [Theory]
    [InlineData("check")]
    [InlineData("check", "--format", "xml", "rules")]
    [InlineData("frobnicate")]
    [InlineData("check", "--bogus", "rules")]
    public void Bad_command_lines_exit_two_with_a_hint(params string[] args)
    {
        var (exit, _, stderr) = CliRunner.Run(args);
        Assert.Equal(2, exit);
        Assert.Contains("ixarules --help", stderr);
    }

    [Fact]
    public void EmptyDirectory_is_a_usage_error()
    {
        var (exit, _, stderr) = CliRunner.Run("check", Dir);
        Assert.Equal(2, exit);
        Assert.Contains("no .ixr files", stderr);
    }

    [Fact]
    public void Help_teaches_the_verbs()
    {
        var (exit, stdout, _) = CliRunner.Run("--help");
        Assert.Equal(0, exit);
        Assert.Contains("check", stdout);
        Assert.Contains("fmt", stdout);
        var (_, checkHelp, _) = CliRunner.Run("check", "--help");
        Assert.Contains("Example: ixarules check rules/", checkHelp);
        Assert.Contains("--format", checkHelp);
    }

    [Fact]
    public void Fmt_rewrites_in_place_and_check_mode_then_passes()
    {
        var path = Write("messy.ixr", "regimen R\n   cycle 28 days for 6 cycles   # c\n drug ixazomib oral 4 mg days 1,8 , 15\n");
        var (checkExit, checkOut, _) = CliRunner.Run("fmt", "--check", path);
        Assert.Equal(1, checkExit);
        Assert.Contains("not formatted: " + path, checkOut);
        Assert.Contains("1,8 , 15", File.ReadAllText(path));

        var (exit, _, _) = CliRunner.Run("fmt", path);
        Assert.Equal(0, exit);
        Assert.Equal("regimen R\n  cycle 28 days for 6 cycles  # c\n  drug ixazomib oral 4 mg days 1, 8, 15\n", File.ReadAllText(path));
        Assert.Equal(0, CliRunner.Run("fmt", "--check", path).Exit);
    }

    [Fact]
    public void Fmt_leaves_files_with_syntax_errors_untouched()
    {
        const string broken = "regimen R\n  cycle 28 dayz for 6 cycles\n";
        var path = Write("broken.ixr", broken);
        var (exit, _, stderr) = CliRunner.Run("fmt", path);
        Assert.Equal(1, exit);
        Assert.Contains("error[IXR0001]", stderr);
        Assert.Equal(broken, File.ReadAllText(path));
    }

    [Fact]
    public void Fmt_check_passes_on_the_shipped_rules() => Assert.Equal(0, CliRunner.Run("fmt", "--check", TestPaths.Rules).Exit);
}
