using System.Text.RegularExpressions;
using IxaRules.Diagnostics;
using IxaRules.Text;

namespace IxaRules.Tests;

/// <summary>
/// Corpus/bad holds one malformed rule file per mistake. Its first line, <c># expect: IXR2002 at 9:23</c>,
/// names the code and position of the first diagnostic; NAME.diagnostics beside it holds every
/// diagnostic of the file as <c>check</c> renders it (IXARULES_UPDATE_BASELINES=1 rewrites it: review
/// the diff — a new cascade shows up there). No input may throw.
/// </summary>
public partial class BadInputCorpusTests
{
    [GeneratedRegex(@"^# expect: (IXR\d{4}) at (\d+):(\d+)")]
    private static partial Regex ExpectLine();

    public static TheoryData<string> Files()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.EnumerateFiles(TestPaths.BadCorpus, "*.ixr").Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetFileName(file));
        }

        return data;
    }

    [Fact]
    public void Corpus_has_at_least_forty_files() => Assert.True(Files().Count >= 40, $"only {Files().Count} files");

    [Theory]
    [MemberData(nameof(Files))]
    public void First_diagnostic_has_the_expected_code_and_position(string file)
    {
        var path = Path.Combine(TestPaths.BadCorpus, file);
        var text = File.ReadAllText(path);
        var expect = ExpectLine().Match(text);
        Assert.True(expect.Success, $"{file} must start with `# expect: IXRnnnn at line:col`");

        var result = RuleFiles.Check(new SourceText(file, text));

        Assert.NotEmpty(result.Diagnostics);
        var first = result.Diagnostics[0];
        Assert.Equal(expect.Groups[1].Value, first.Code);
        Assert.Equal((int.Parse(expect.Groups[2].Value), int.Parse(expect.Groups[3].Value)), first.Start);
        if (first.IsError)
        {
            Assert.Null(result.Model); // nothing later may run on a file with errors
        }

        var rendered = DiagnosticRenderer.RenderText(first);
        Assert.Contains($"--> {file}:{expect.Groups[2].Value}:{expect.Groups[3].Value}", rendered);
        Assert.Contains("^", rendered);
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Every_diagnostic_of_the_file_matches_its_baseline(string file)
    {
        var path = Path.Combine(TestPaths.BadCorpus, file);
        var result = RuleFiles.Check(new SourceText(file, File.ReadAllText(path)));
        TestPaths.CompareBaseline(Path.ChangeExtension(path, ".diagnostics"), DiagnosticRenderer.Render(result.Diagnostics, DiagnosticFormat.Text));
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Cli_exits_non_zero_with_a_located_message(string file)
    {
        var path = Path.Combine(TestPaths.BadCorpus, file);
        var (exit, stdout, _) = CliRunner.Run("check", path);
        Assert.Equal(1, exit);
        Assert.Matches(@"--> .*:\d+:\d+", stdout);
        Assert.DoesNotContain("Exception", stdout);
    }
}
