using System.Text.RegularExpressions;

namespace IxaRules.Tests.Safety;

/// <summary>
/// Corpus/run-inputs: malformed patient files and events files; Corpus/scripts: malformed check
/// scripts. Each names, in its first line, what must be reported: <c># expect: IXR4103 at 5:9</c>
/// (an events file may add <c>with PATIENT</c>; either may add <c>against RULES REGIMEN</c>, else
/// rules/ird.ixr is run), or for scripts <c>// expect: IXR5001 at 2</c> /
/// <c>// expect: failure at 3</c>. Every one gives a located message and a non-zero exit; a run
/// input's FILE.diagnostics holds everything <c>run</c> reports for it (IXARULES_UPDATE_BASELINES=1 rewrites it).
/// </summary>
public partial class BadRunInputCorpusTests
{
    [GeneratedRegex(@"^# expect: (IXR\d{4}) at (\d+):(\d+)(?: with (\S+))?(?: against (\S+) (\S+))?")]
    private static partial Regex RunExpect();

    [GeneratedRegex(@"^// expect: (IXR5001|failure) at (\d+)")]
    private static partial Regex ScriptExpect();

    private static string RunInputs => Path.Combine(TestPaths.Root, "tests", "IxaRules.Tests", "Corpus", "run-inputs");

    private static string Scripts => Path.Combine(TestPaths.Root, "tests", "IxaRules.Tests", "Corpus", "scripts");

    public static TheoryData<string> RunInputFiles() => Files(RunInputs);

    public static TheoryData<string> ScriptFiles() => Files(Scripts);

    private static TheoryData<string> Files(string dir)
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.EnumerateFiles(dir).Where(f => !f.EndsWith(".diagnostics", StringComparison.Ordinal)).Order(StringComparer.Ordinal))
        {
            data.Add(TestPaths.Relative(file));
        }

        return data;
    }

    [Fact]
    public void Corpora_are_large_enough()
    {
        Assert.True(RunInputFiles().Count >= 30);
        Assert.True(ScriptFiles().Count >= 10);
    }

    [Theory]
    [MemberData(nameof(RunInputFiles))]
    public void Malformed_run_input_gives_a_located_message_and_a_non_zero_exit(string file)
    {
        var expect = RunExpect().Match(File.ReadAllText(file));
        Assert.True(expect.Success, $"{file} must start with `# expect: IXRnnnn at line:col`");
        var isEvents = file.EndsWith(".events", StringComparison.Ordinal);
        var patient = isEvents ? (expect.Groups[4].Success ? expect.Groups[4].Value : "examples/ird/normal-course.patient.yaml") : file;
        string[] rules = expect.Groups[5].Success ? [expect.Groups[5].Value, "--regimen", expect.Groups[6].Value] : ["rules/ird.ixr"];
        string[] args = isEvents
            ? ["run", .. rules, "--patient", patient, "--events", file]
            : ["run", .. rules, "--patient", file];
        var (exit, stdout, stderr) = CliRunner.Run(args);
        Assert.Equal(1, exit);
        var first = Regex.Match(stdout, @"^error\[(IXR\d{4})\]: .*\n\s*--> (.*?):(\d+):(\d+)", RegexOptions.Multiline);
        Assert.True(first.Success, stdout + stderr);
        Assert.Equal(expect.Groups[1].Value, first.Groups[1].Value);
        Assert.Equal(file, first.Groups[2].Value);
        Assert.Equal($"{expect.Groups[2].Value}:{expect.Groups[3].Value}", $"{first.Groups[3].Value}:{first.Groups[4].Value}");
        Assert.DoesNotContain("   at ", stdout + stderr); // never a stack trace
        TestPaths.CompareBaseline(Path.Combine(TestPaths.Root, file) + ".diagnostics", stdout); // every diagnostic, not only the first
    }

    [Theory]
    [MemberData(nameof(ScriptFiles))]
    public void Malformed_script_gives_a_located_message_and_a_non_zero_exit(string file)
    {
        var expect = ScriptExpect().Match(File.ReadAllText(file));
        Assert.True(expect.Success, $"{file} must start with `// expect: IXR5001|failure at line`");
        var (exit, stdout, stderr) = CliRunner.Run("test", file);
        Assert.Equal(1, exit);
        Assert.Contains("0 passed, 1 failed", stdout);
        Assert.Contains($"{file}:{expect.Groups[2].Value}", stdout);
        if (expect.Groups[1].Value == "IXR5001")
        {
            Assert.Contains("error[IXR5001]: the check script does not compile", stdout);
            Assert.Contains($"--> {file}:{expect.Groups[2].Value}:", stdout);
        }

        Assert.DoesNotContain("   at ", stdout + stderr);
    }
}
