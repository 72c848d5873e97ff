using System.Diagnostics;
using System.Text;
using IxaRules.Tests.Evaluation;
using IxaRules.Text;

namespace IxaRules.Tests.Safety;

/// <summary>
/// Hostile rule files, one test per family of docs/threat-model.md: deep and long recursive
/// constructs, numbers of any length, output bounded by the input, and exact locations. Each must
/// end in a located diagnostic, quickly, without a crash — never a stack overflow or exit 70.
/// </summary>
public class HostileInputTests
{
    private static readonly TimeSpan Quickly = TimeSpan.FromSeconds(10); // a hang is what this catches, not speed

    private static string Rule(string condition) => RunHarness.IRd + $"""
        rule hostile
          when {condition}
          reduce lenalidomide next lower

        """;

    private static CheckResult CheckQuickly(string text)
    {
        var clock = Stopwatch.StartNew();
        var result = RuleFiles.Check(new SourceText("h.ixr", text));
        Assert.True(clock.Elapsed < Quickly, $"check took {clock.Elapsed}");
        return result;
    }

    [Theory]
    [InlineData(33)]
    [InlineData(2_400)]
    [InlineData(100_000)]
    public void Parentheses_deeper_than_the_limit_are_a_located_error(int depth)
    {
        var condition = new string('(', depth) + "anc < 1 x10^9/L" + new string(')', depth);
        var result = CheckQuickly(Rule(condition));
        var error = Assert.Single(result.Diagnostics, d => d.IsError);
        Assert.Equal("IXR0010", error.Code);
        Assert.Contains("32", error.Message, StringComparison.Ordinal);
        Assert.Equal(RunHarness.IRd.Split('\n').Length + 1, error.Start.Line);
        Assert.Equal(8 + 32, error.Start.Column); // the 33rd parenthesis
    }

    [Fact]
    public void Thirty_two_parentheses_are_still_accepted()
    {
        var result = CheckQuickly(Rule(new string('(', 32) + "anc < 1 x10^9/L" + new string(')', 32)));
        Assert.False(result.HasErrors, string.Join("\n", result.Diagnostics));
    }

    [Theory]
    [InlineData(65)]
    [InlineData(7_000)]
    public void Too_many_nots_are_a_located_error(int count)
    {
        var condition = string.Concat(Enumerable.Repeat("not ", count)) + "anc < 1 x10^9/L";
        var error = Assert.Single(CheckQuickly(Rule(condition)).Diagnostics, d => d.IsError);
        Assert.Equal("IXR0010", error.Code);
        Assert.Equal(8 + (64 * 4), error.Start.Column);
    }

    [Theory]
    [InlineData("and", 6_600)]
    [InlineData("or", 4_000)]
    public void A_chain_of_thousands_of_terms_is_refused_with_a_limit(string op, int terms)
    {
        var condition = string.Join($" {op} ", Enumerable.Repeat("anc < 1 x10^9/L", terms));
        var result = CheckQuickly(Rule(condition));
        var error = Assert.Single(result.Diagnostics, d => d.IsError);
        Assert.Equal("IXR2022", error.Code);
        Assert.Contains("512", error.Message + error.Help, StringComparison.Ordinal);
    }

    [Fact]
    public void The_longest_accepted_chain_compiles_and_both_backends_agree()
    {
        // check accepts a condition only if the compiled backend can compile it (CS8078 broke that at 3,900 terms).
        var terms = string.Join(" or ", Enumerable.Range(1, 512).Select(i => $"platelets < {i} x10^9/L"));
        var text = Rule(terms) + """
            scenario "long chain"
              patient age 66, crcl 80 mL/min, hepatic none, dialysis no
              day 1: platelets 200 x10^9/L, anc 2 x10^9/L
              day 8: platelets 100 x10^9/L
              expect lenalidomide 15 mg on day 9

            """;
        var result = CheckQuickly(text);
        Assert.False(result.HasErrors, string.Join("\n", result.Diagnostics));
        var model = result.Model!;
        var (regimen, patient, events) = RuleFiles.ScenarioInputs(model, Assert.Single(model.Scenarios));
        using var compiled = RuleFiles.Compile(model, regimen);
        var interpreted = IxaRules.Evaluation.OutcomeJson.Write(RuleFiles.Run(model, regimen, patient, events));
        Assert.Equal(interpreted, IxaRules.Evaluation.OutcomeJson.Write(RuleFiles.Run(model, regimen, patient, events, compiled: compiled)));
        Assert.Contains("\"hostile\"", interpreted, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("12345678901234567890123456789")]
    [InlineData("99999999999999999999999999999999999999999999999999999999999")]
    [InlineData("1.00000000000000000000000000000001")]
    public void A_number_of_any_length_in_a_rule_file_is_a_located_error(string number)
    {
        var text = RunHarness.IRd.Replace("drug dexamethasone oral 40 mg", $"drug dexamethasone oral {number} mg", StringComparison.Ordinal);
        var error = Assert.Single(CheckQuickly(text).Diagnostics, d => d.Code == "IXR0008");
        Assert.Equal(RunHarness.IRd.Split('\n').ToList().FindIndex(l => l.Contains("dexamethasone", StringComparison.Ordinal)) + 1, error.Start.Line);
        var (exit, stdout, stderr) = CliOnFile(text, "check");
        Assert.Equal(1, exit);
        Assert.Contains("error[IXR0008]", stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("internal error", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void One_long_line_with_thousands_of_errors_gives_output_linear_in_the_input()
    {
        // Every diagnostic used to reprint its whole line: a 180 KB events file reached 14.8 GB.
        var dir = Directory.CreateTempSubdirectory("ixr-long").FullName;
        try
        {
            var events = Path.Combine(dir, "long.events");
            File.WriteAllText(events, "day 1: " + string.Join(", ", Enumerable.Repeat("frobnicate 3 x10^9/L", 9_000)) + "\n");
            var patient = Path.Combine(dir, "p.yaml");
            File.WriteAllText(patient, "age: 66\nsex: male\nweight: 75 kg\nheight: 175 cm\ncrcl: 80 mL/min\nhepatic: none\ndialysis: false\n");
            var (exit, stdout, stderr) = CliRunner.Run("run", Path.Combine(TestPaths.Rules, "ird.ixr"), "--patient", patient, "--events", events);
            AssertBounded(exit, stdout + stderr, (int)new FileInfo(events).Length);

            // The same in a rule file: a scenario line of 3,000 numbers too long to be doses.
            var text = RunHarness.IRd + "scenario \"s\"\n  patient age 66, crcl 80 mL/min, hepatic none, dialysis no\n  day 1: "
                + string.Join(", ", Enumerable.Repeat("platelets 99999999999999999999 x10^9/L", 3_000)) + "\n";
            var (ruleExit, ruleOut, ruleErr) = CliOnFile(text, "check");
            AssertBounded(ruleExit, ruleOut + ruleErr, text.Length);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    private static void AssertBounded(int exit, string output, int inputLength)
    {
        Assert.Equal(1, exit);
        Assert.True(output.Length < inputLength, $"{output.Length} characters of output for {inputLength} of input");
        Assert.Contains("more problems in this file are not shown", output, StringComparison.Ordinal);
        Assert.All(output.Split('\n'), l => Assert.True(l.Length <= 400, $"a {l.Length}-character output line"));
    }

    [Fact]
    public void Cr_only_line_endings_are_located_on_the_right_line()
    {
        var text = "regimen R \"t\"\r  cycle 28 days for 6 cycles\r  drug ixazomib oral 4 mg days 1, 8, 15\r    levels 4 mg > 3 mg > 2.3 mg > discontinue\r\rrule r\r  when frobnicate < 1 x10^9/L\r  reduce ixazomib next lower\r";
        var error = Assert.Single(CheckQuickly(text).Diagnostics, d => d.IsError);
        Assert.Equal((7, 8), error.Start);
    }

    [Fact]
    public void A_csharp_condition_with_leading_spaces_is_located_at_its_code()
    {
        var text = Rule("`      System.IO.File.Exists(\"x\")`");
        var error = Assert.Single(CheckQuickly(text).Diagnostics, d => d.IsError);
        Assert.Equal("IXR6002", error.Code);
        Assert.Equal(8 + 1 + 6, error.Start.Column);
        Assert.Contains("System.IO.File.Exists", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/dev/zero")]
    [InlineData("/dev/urandom")]
    [InlineData("/dev/null")]
    public void A_device_is_refused_before_it_is_read(string device)
    {
        if (!File.Exists(device))
        {
            return; // not a Linux machine: the device does not exist to be refused
        }

        var clock = Stopwatch.StartNew();
        var (exit, _, stderr) = CliRunner.Run("check", device);
        Assert.True(clock.Elapsed < Quickly, $"took {clock.Elapsed}");
        Assert.Equal(2, exit);
        Assert.Contains("character device", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_fifo_is_refused_without_blocking()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        var dir = Directory.CreateTempSubdirectory("ixr-fifo").FullName;
        try
        {
            var fifo = Path.Combine(dir, "rules.ixr");
            using (var mk = Process.Start("mkfifo", fifo))
            {
                mk.WaitForExit();
                Assert.Equal(0, mk.ExitCode);
            }

            foreach (var args in new[] { new[] { "check", fifo }, ["run", Path.Combine(TestPaths.Rules, "ird.ixr"), "--patient", fifo, "--events", fifo] })
            {
                var run = Task.Run(() => CliRunner.Run(args));
                var finished = await Task.WhenAny(run, Task.Delay(Quickly));
                Assert.True(finished == run, $"`{string.Join(' ', args)}` blocked on a FIFO");
                var (exit, _, stderr) = await run;
                Assert.Equal(2, exit);
                Assert.Contains("named pipe (FIFO)", stderr, StringComparison.Ordinal);
            }
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void A_file_larger_than_the_limit_is_cut_while_reading_not_after()
    {
        var dir = Directory.CreateTempSubdirectory("ixr-big").FullName;
        try
        {
            var path = Path.Combine(dir, "big.ixr");
            using (var f = File.Create(path))
            {
                f.SetLength(64L * 1024 * 1024); // 64 MiB of zero bytes, sparse
            }

            var before = GC.GetAllocatedBytesForCurrentThread(); // this thread only: other tests run in parallel
            var source = InputFile.Read(path, InputFile.RuleFileChars);
            var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            Assert.True(source.Truncated);
            Assert.Equal(InputFile.RuleFileChars + 1, source.Text.Length);
            Assert.True(allocated < 80L * 1024 * 1024, $"{allocated / 1024 / 1024} MiB allocated to read past an 8 MiB limit");
            var (exit, stdout, _) = CliRunner.Run("check", path);
            Assert.Equal(1, exit);
            Assert.Contains("IXR0007", stdout, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    internal static (int Exit, string Stdout, string Stderr) CliOnFile(string text, params string[] verb)
    {
        var dir = Directory.CreateTempSubdirectory("ixr-hostile").FullName;
        try
        {
            var path = Path.Combine(dir, "h.ixr");
            File.WriteAllText(path, text, new UTF8Encoding(false));
            return CliRunner.Run([.. verb, path]);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
