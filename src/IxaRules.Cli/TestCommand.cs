using System.CommandLine;
using System.Globalization;
using IxaRules.Binding;
using IxaRules.Checks;
using IxaRules.Diagnostics;

namespace IxaRules.Cli;

/// <summary><c>ixarules test</c>: prove the rules against the protocol — scenarios, check scripts, examples.</summary>
internal static class TestCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var paths = new Argument<string[]>("paths")
        {
            Description = "Files or directories: rule files (.ixr, their scenarios), C# check scripts (.csx), example cases (*.patient.yaml with *.expected.txt).",
            Arity = ArgumentArity.OneOrMore,
        };
        var junit = new Option<string?>("--junit") { Description = "Also write the results as JUnit XML to this file." };
        var coverage = new Option<bool>("--coverage") { Description = "List the rules and occurrence branches no scenario made fire." };
        var minCoverage = new Option<decimal?>("--min-coverage") { Description = "Fail when rule coverage (rules and occurrence branches fired in a scenario) is below this percentage." };
        var format = new Option<DiagnosticFormat>("--format")
        {
            Description = "text, or github to also print workflow annotations for failures.",
            DefaultValueFactory = _ => DiagnosticFormat.Text,
        };

        var noScripts = new Option<bool>("--no-scripts")
        {
            Description = "Do not run C# check scripts (.csx): they are code and run with your rights. Use it to test a pull request\n" +
                "you do not trust (e.g. from a fork); scenarios and examples still run, and the scripts not run are counted.",
        };
        var scriptTimeout = new Option<int>("--script-timeout")
        {
            Description = "Seconds a check script may take, compile and run (default 60); past it the script is stopped and fails.",
            DefaultValueFactory = _ => (int)ScriptLimits.Default.Timeout.TotalSeconds,
        };
        var scriptMemory = new Option<int>("--script-memory")
        {
            Description = "MiB of memory the check-script worker may use (default 1024); past it the script fails.",
            DefaultValueFactory = _ => ScriptLimits.Default.MemoryMiB,
        };
        var backend = Backends.Option("compiled (a suite runs many patients)");
        var command = new Command("test",
            "Run every scenario of the rule files, every C# check script and every example case under the paths.\n" +
            "Prints each failure (where the expectation is written, expected vs actual, the decisions around that day),\n" +
            "then rule coverage and the summary `N passed, N failed`; exits 1 on any failure.\n" +
            "Example: ixarules test rules/ examples/ --junit results.xml --min-coverage 100")
        {
            paths, junit, coverage, minCoverage, format, backend, noScripts, scriptTimeout, scriptMemory,
        };

        scriptTimeout.Validators.Add(r =>
        {
            if (!IsWholeNumber(r))
            {
                r.AddError("--script-timeout takes a whole number of seconds, 1 to 3600");
            }
            else if (r.GetValueOrDefault<int>() is < 1 or > 3600)
            {
                r.AddError("--script-timeout is between 1 and 3600 seconds");
            }
        });
        scriptMemory.Validators.Add(r =>
        {
            if (!IsWholeNumber(r))
            {
                r.AddError("--script-memory takes a whole number of MiB, 256 to 65536");
            }
            else if (r.GetValueOrDefault<int>() is < 256 or > 65536)
            {
                r.AddError("--script-memory is between 256 and 65536 MiB (Roslyn needs about 200 MiB to compile a script)");
            }
        });
        minCoverage.Validators.Add(r =>
        {
            if (r.Tokens.Count == 1 && decimal.TryParse(r.Tokens[0].Value, NumberStyles.Number, CultureInfo.InvariantCulture, out var pct) && pct is < 0 or > 100)
            {
                r.AddError("--min-coverage is a percentage, 0 to 100");
            }
        });
        command.Validators.Add(result =>
        {
            if (result.GetResult(noScripts) is { Implicit: false } && (result.GetResult(scriptTimeout) is { Implicit: false } || result.GetResult(scriptMemory) is { Implicit: false }))
            {
                result.AddError("--no-scripts runs no scripts, so --script-timeout and --script-memory do nothing; give one or the other");
            }
        });

        command.SetAction(parsed =>
        {
            var (files, missing) = RuleFiles.DiscoverChecks(parsed.GetRequiredValue(paths));
            foreach (var path in missing)
            {
                stderr.WriteLine(path.StartsWith('-') ? $"error: unknown option: {path}" : $"error: no such file or directory: {path}");
            }

            if (missing.Count > 0 || files.Count == 0)
            {
                if (files.Count == 0 && missing.Count == 0)
                {
                    stderr.WriteLine("error: no rule files, check scripts or example cases found");
                }

                stderr.WriteLine("run `ixarules test --help` for usage");
                return Program.UsageError;
            }

            var limits = new ScriptLimits(TimeSpan.FromSeconds(parsed.GetValue(scriptTimeout)), parsed.GetValue(scriptMemory));
            var report = RuleFiles.Test(files, new TestOptions((parsed.GetValue(backend) ?? Backend.Compiled) == Backend.Compiled, !parsed.GetValue(noScripts), limits));
            Print(report, parsed.GetValue(format), parsed.GetValue(coverage), stdout);
            var exit = report.Failed > 0 ? Program.Findings : Program.Clean;
            if (parsed.GetValue(minCoverage) is { } min && report.Coverage.Percent < min)
            {
                stdout.WriteLine(string.Create(CultureInfo.InvariantCulture, $"error: rule coverage {ConditionText.Num(report.Coverage.Percent)}% is below the required {ConditionText.Num(min)}%"));
                exit = Program.Findings;
            }

            if (parsed.GetValue(junit) is { } junitPath)
            {
                File.WriteAllText(junitPath, JUnitWriter.Write(report));
            }

            if (report.ScriptsSkipped > 0)
            {
                stdout.WriteLine($"{report.ScriptsSkipped} check script{(report.ScriptsSkipped == 1 ? "" : "s")} not run (--no-scripts)");
            }

            stdout.WriteLine($"{report.Passed} passed, {report.Failed} failed");
            return exit;
        });
        return command;
    }

    private static void Print(TestReport report, DiagnosticFormat format, bool listCoverage, TextWriter stdout)
    {
        stdout.Write(DiagnosticRenderer.Render(report.Diagnostics, DiagnosticFormat.Text));
        foreach (var failed in report.Cases.Where(c => !c.Passed))
        {
            stdout.WriteLine($"FAIL {failed.Kind.ToString().ToLowerInvariant()} \"{failed.Name}\" ({failed.File}:{failed.Line})");
            foreach (var f in failed.Failures.Take(10))
            {
                stdout.WriteLine($"  {f.File}:{f.Line}: {f.Message}");
                foreach (var line in f.Context)
                {
                    stdout.WriteLine($"      {line}");
                }

                if (format == DiagnosticFormat.Github)
                {
                    stdout.WriteLine($"::error file={DiagnosticRenderer.EscapeProperty(f.File)},line={f.Line},title={DiagnosticRenderer.EscapeProperty($"{failed.Kind.ToString().ToLowerInvariant()}: {failed.Name}")}::{DiagnosticRenderer.EscapeData(f.Message)}");
                }
            }

            if (failed.Failures.Count > 10)
            {
                stdout.WriteLine($"  … and {failed.Failures.Count - 10} more failures");
            }
        }

        stdout.WriteLine(report.Coverage.Summary);
        if (listCoverage || report.Coverage.Percent < 100)
        {
            foreach (var item in report.Coverage.Missing)
            {
                stdout.WriteLine($"  never fired: {item}");
            }
        }

        if (report.ScriptsCompiled > 0)
        {
            var share = report.Total.TotalSeconds > 0 ? 100 * report.ScriptCompileTime.TotalSeconds / report.Total.TotalSeconds : 0;
            stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"check scripts: {report.ScriptsCompiled} compiled in {report.ScriptCompileTime.TotalSeconds:0.00} s ({share:0}% of the {report.Total.TotalSeconds:0.00} s run)"));
        }
    }

    /// <summary>A value that parses as an int: checked first, because reading an unparsable one from a validator throws.</summary>
    private static bool IsWholeNumber(System.CommandLine.Parsing.OptionResult r) =>
        r.Implicit || (r.Tokens.Count == 1 && int.TryParse(r.Tokens[0].Value, NumberStyles.Integer, CultureInfo.InvariantCulture, out _));
}
