using System.Text.RegularExpressions;
using IxaRules.Diagnostics;
using IxaRules.Text;

namespace IxaRules.Tests;

/// <summary>
/// Corpus/warnings holds one rule file per warning: legal, but probably not what its author meant.
/// Its first line, <c># expect: IXR3002 at 9:8</c>, names the first diagnostic; NAME.diagnostics holds
/// all of them (IXARULES_UPDATE_BASELINES=1 rewrites it). A file with only warnings keeps its model,
/// so it runs, and <c>check</c> reports it with exit 1 like any diagnostic.
/// </summary>
public partial class WarningCorpusTests
{
    [GeneratedRegex(@"^# expect: (IXR3\d{3}) at (\d+):(\d+)")]
    private static partial Regex ExpectLine();

    public static TheoryData<string> Files() =>
        new(Directory.EnumerateFiles(TestPaths.WarningCorpus, "*.ixr").Order(StringComparer.Ordinal).Select(Path.GetFileName)!);

    [Theory]
    [MemberData(nameof(Files))]
    public void The_file_binds_with_its_warning_first_and_every_diagnostic_as_in_its_baseline(string file)
    {
        var path = Path.Combine(TestPaths.WarningCorpus, file);
        var text = File.ReadAllText(path);
        var expect = ExpectLine().Match(text);
        Assert.True(expect.Success, $"{file} must start with `# expect: IXR3nnn at line:col`");

        var result = RuleFiles.Check(new SourceText(file, text));

        Assert.False(result.HasErrors, string.Join("\n", result.Diagnostics));
        Assert.NotNull(result.Model);
        var first = result.Diagnostics[0];
        Assert.Equal((expect.Groups[1].Value, int.Parse(expect.Groups[2].Value), int.Parse(expect.Groups[3].Value)), (first.Code, first.Start.Line, first.Start.Column));
        Assert.Equal(DiagnosticSeverity.Warning, first.Severity);
        TestPaths.CompareBaseline(Path.ChangeExtension(path, ".diagnostics"), DiagnosticRenderer.Render(result.Diagnostics, DiagnosticFormat.Text));
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Cli_prints_the_located_warning_and_no_error(string file)
    {
        var (exit, stdout, _) = CliRunner.Run("check", Path.Combine(TestPaths.WarningCorpus, file));
        Assert.Equal(1, exit);
        Assert.Matches(@"warning\[IXR3\d{3}\]: .*\n *--> .*:\d+:\d+", stdout);
        Assert.DoesNotContain("error[", stdout, StringComparison.Ordinal);
    }
}
