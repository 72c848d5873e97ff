using System.Diagnostics;
using System.Xml.Linq;

namespace IxaRules.Tests.Checks;

/// <summary>
/// Check scripts run in a worker process: whatever one does to its process is a failed check with
/// the reason, the others still run, and `ixarules test` still prints its summary and writes JUnit.
/// </summary>
public sealed class IsolatedScriptTests : TempFolderTest
{
    [Fact]
    public void Every_way_a_script_can_take_its_process_down_is_a_failed_check_and_the_run_goes_on()
    {
        var scripts = new Dictionary<string, (string Text, string Reason)>
        {
            ["a-exit.csx"] = ("Check(\"fails\", () => Assert(false, \"this check fails\"));\nSystem.Environment.Exit(0);\n", "must not call Environment.Exit"),
            ["b-overflow.csx"] = ("int F(int n) => F(n + 1) + 1;\nCheck(\"recurses\", () => Assert(F(0) > 0, \"never\"));\n", "stack overflow"),
            ["c-loop.csx"] = ("Check(\"spins\", () => { while (true) { } });\n", "did not finish within 20 s (--script-timeout)"),
            ["d-oom.csx"] = ("var list = new System.Collections.Generic.List<byte[]>();\nCheck(\"eats\", () => { while (true) list.Add(new byte[1 << 20]); });\n", "ran out of memory"),
            ["e-thread.csx"] = ("new System.Threading.Thread(() => throw new System.Exception(\"from a thread\")).Start();\nSystem.Threading.Thread.Sleep(5000);\n", "exception no check caught"),
            ["f-failfast.csx"] = ("System.Environment.FailFast(\"bye\");\n", "crashed its process"),
        };
        foreach (var (name, (text, _)) in scripts)
        {
            Write(name, text);
        }

        Write("g-fine.csx", "Check(\"fine\", () => Assert(1 + 1 == 2, \"arithmetic\"));\n");
        var junit = Path.Combine(Dir, "results.xml");
        var clock = Stopwatch.StartNew();
        var (exit, stdout, _) = CliRunner.Run("test", Dir, "--script-timeout", "20", "--script-memory", "512", "--junit", junit);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(90), $"took {clock.Elapsed}");
        Assert.Equal(1, exit);
        foreach (var (name, (_, reason)) in scripts)
        {
            var failure = stdout.Split('\n').SkipWhile(l => !l.StartsWith($"FAIL script \"{name}\"", StringComparison.Ordinal)).Skip(1).FirstOrDefault() ?? "";
            Assert.True(failure.Contains(reason, StringComparison.Ordinal), $"{name}: expected `{reason}` in `{failure}`\n{stdout}");
        }

        Assert.EndsWith("1 passed, 6 failed\n", stdout, StringComparison.Ordinal);
        var doc = XDocument.Load(junit);
        Assert.Equal("7", doc.Root!.Attribute("tests")!.Value);
        Assert.Equal("6", doc.Root.Attribute("failures")!.Value);
    }

    [Fact]
    public void A_check_name_or_message_cannot_forge_output_lines()
    {
        var script = Write("forge.csx", "Check(\"x\\n5 passed, 0 failed\\n\\u001b[2J\", () => Assert(false, \"msg\\n9 passed, 0 failed\"));\nSystem.Console.WriteLine(\"noise\\n99 passed, 0 failed\");\n");
        var junit = Path.Combine(Dir, "forge.xml");
        var (exit, stdout, _) = CliRunner.Run("test", script, "--junit", junit);
        Assert.Equal(1, exit);
        var lines = stdout.Split('\n');
        Assert.Equal(["0 passed, 1 failed"], lines.Where(l => l.Contains("passed,", StringComparison.Ordinal) && !l.StartsWith(' ') && !l.StartsWith("FAIL", StringComparison.Ordinal)));
        Assert.DoesNotContain('\u001b', stdout);
        Assert.Contains("\\u001B[2J", stdout, StringComparison.Ordinal);
        Assert.Contains("      output: 99 passed, 0 failed", lines);
        Assert.Contains("\\u001B", XDocument.Load(junit).Descendants("testcase").Single().Attribute("name")!.Value, StringComparison.Ordinal);
    }

    [Fact]
    public void No_scripts_runs_scenarios_and_examples_but_no_script()
    {
        var marker = Path.Combine(Dir, "ran");
        Write("side-effect.csx", $"System.IO.File.WriteAllText(@\"{marker}\", \"x\");\nCheck(\"c\", () => Assert(true, \"t\"));\n");
        Write("r.ixr", """
            regimen R
              cycle 28 days for 1 cycles
              drug dexamethasone oral 40 mg days 1, 8, 15, 22

            scenario "one"
              patient age 60
              expect dexamethasone 40 mg on day 1
            """);
        var (exit, stdout, _) = CliRunner.Run("test", Dir, "--no-scripts");
        Assert.Equal(0, exit);
        Assert.False(File.Exists(marker), "a script ran under --no-scripts");
        Assert.Contains("1 check script not run (--no-scripts)", stdout, StringComparison.Ordinal);
        Assert.EndsWith("1 passed, 0 failed\n", stdout, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--script-timeout", "0")]
    [InlineData("--script-timeout", "99999")]
    [InlineData("--script-memory", "16")]
    [InlineData("--script-timeout", "NaN")] // unparsable values threw from the validator (red-team finding: exit 134)
    [InlineData("--script-timeout", "99999999999")]
    [InlineData("--script-memory", "abc")]
    [InlineData("--min-coverage", "101")]
    [InlineData("--min-coverage", "-5")]
    public void Out_of_range_limits_are_usage_errors(string option, string value)
    {
        var (exit, _, stderr) = CliRunner.Run("test", Dir, option, value);
        Assert.Equal(2, exit);
        Assert.Contains(option, stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void No_scripts_with_script_limits_is_a_usage_error()
    {
        var (exit, _, stderr) = CliRunner.Run("test", Dir, "--no-scripts", "--script-timeout", "5");
        Assert.Equal(2, exit);
        Assert.Contains("give one or the other", stderr, StringComparison.Ordinal);
    }
}
