using System.CommandLine;
using System.Globalization;
using IxaRules.Binding;
using IxaRules.Checks;

namespace IxaRules.Cli;

/// <summary><c>ixarules test</c>: prove the rules against the protocol — scenarios, check scripts, examples.</summary>
internal static class TestCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr, Spectre.Console.IAnsiConsole? progress)
    {
        var paths = new Argument<string[]>("paths")
        {
            Description = "Files or directories: rule files (.ixr, their scenarios), C# check scripts (.csx), example cases (*.patient.yaml with *.expected.txt).",
            Arity = ArgumentArity.OneOrMore,
        };
        var junit = new Option<string?>("--junit") { Description = "Also write the results as JUnit XML to this file." };
        var coverage = new Option<bool>("--coverage") { Description = "List the rules and occurrence branches no scenario made fire." };
        var coverageFormat = Choices.Create("--coverage-format",
            "text (the coverage lines of the report) or json (OPA's coverage shape, per file, alone on standard output;\n" +
            "the report goes to standard error). Default: text.",
            CoverageFormat.Text, ("text", CoverageFormat.Text), ("json", CoverageFormat.Json));
        coverageFormat.DefaultValueFactory = _ => CoverageFormat.Text;
        var minCoverage = new Option<decimal?>("--min-coverage") { Description = "Fail when rule coverage (rules and occurrence branches fired in a scenario) is below this percentage." };
        var format = Choices.Create("--format",
            "text (for people); github (text plus workflow annotations); json, junit, sarif (SARIF 2.1.0) or tap (TAP 14):\n" +
            "the document alone on standard output, the summary on standard error. Default: text.",
            TestFormat.Text, ("text", TestFormat.Text), ("github", TestFormat.Github), ("json", TestFormat.Json), ("junit", TestFormat.Junit),
            ("sarif", TestFormat.Sarif), ("tap", TestFormat.Tap));
        format.DefaultValueFactory = _ => TestFormat.Text;
        var run = new Option<string?>("--run")
        {
            Description = "Only the cases whose name or file contains this text (ignoring case), e.g. --run thrombocytopenia.",
        };
        var verbose = new Option<bool>("--verbose", "-v") { Description = "List every case, passed ones too." };
        var update = new Option<bool>("--update")
        {
            Description = "Accept the new outcome of every example that differs: rewrite its .expected.txt and show the diff (review it, then commit).",
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
            paths, run, verbose, update, junit, coverage, coverageFormat, minCoverage, format, backend, noScripts, scriptTimeout, scriptMemory,
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
        run.Validators.Add(r =>
        {
            if (r.Tokens.Count == 1 && r.Tokens[0].Value.Length is 0 or > 200)
            {
                r.AddError("--run takes a text of 1 to 200 characters");
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
            // Read as written: a value that does not parse has its own error, and reading it would throw.
            if (Choices.Written(result.GetResult(coverageFormat)) == "json" && Choices.Written(result.GetResult(format)) is { } document and not ("text" or "github"))
            {
                result.AddError($"--coverage-format json and --format {document} would both be the document on standard output; " +
                    "write the test results to a file with --junit FILE, or give one of them");
            }

            if (result.GetResult(noScripts) is { Implicit: false } && (result.GetResult(scriptTimeout) is { Implicit: false } || result.GetResult(scriptMemory) is { Implicit: false }))
            {
                result.AddError("--no-scripts runs no scripts, so --script-timeout and --script-memory do nothing; give one or the other");
            }
        });

        command.SetAction(parsed =>
        {
            if (OutputFile.Refused(parsed.GetValue(junit), "--junit", stderr, ".xml"))
            {
                return Program.UsageError;
            }

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
            var options = new TestOptions((parsed.GetValue(backend) ?? Backend.Compiled) == Backend.Compiled, !parsed.GetValue(noScripts), limits)
            {
                NamePattern = parsed.GetValue(run),
                UpdateExpected = parsed.GetValue(update),
            };
            var report = ProgressDisplay.Items(progress, files.Count, done => RuleFiles.Test(files, options with { Progress = done }));
            var how = parsed.GetValue(format);
            string? shortfall = parsed.GetValue(minCoverage) is { } min && report.Coverage.Percent < min
                ? string.Create(CultureInfo.InvariantCulture, $"rule coverage {ConditionText.Num(report.Coverage.Percent)}% is below the required {ConditionText.Num(min)}%")
                : null;

            // A document format owns standard output; what people read goes to standard error.
            var coverageJson = parsed.GetValue(coverageFormat) == CoverageFormat.Json;
            var human = how is TestFormat.Text or TestFormat.Github && !coverageJson ? stdout : stderr;
            if (coverageJson)
            {
                stdout.Write(CoverageJson.Write(report.Coverage));
            }

            switch (how)
            {
                case TestFormat.Json:
                    stdout.Write(TestReportWriters.Json(report));
                    break;
                case TestFormat.Junit:
                    stdout.Write(JUnitWriter.Write(report));
                    break;
                case TestFormat.Sarif:
                    stdout.Write(TestReportWriters.Sarif(report, shortfall));
                    break;
                case TestFormat.Tap:
                    stdout.Write(TestReportWriters.Tap(report));
                    break;
                default:
                    TestOutput.Print(report, how == TestFormat.Github, parsed.GetValue(coverage), parsed.GetValue(verbose), human);
                    break;
            }

            foreach (var (path, diff) in report.Updated)
            {
                human.WriteLine($"updated {path}:");
                foreach (var line in diff)
                {
                    human.WriteLine("  " + line);
                }
            }

            if (shortfall is not null)
            {
                human.WriteLine("error: " + shortfall);
            }

            if (parsed.GetValue(junit) is { } junitPath)
            {
                IxaRules.Text.AtomicFile.Replace(junitPath, JUnitWriter.Write(report));
            }

            if (report.ScriptsSkipped > 0)
            {
                human.WriteLine($"{report.ScriptsSkipped} check script{(report.ScriptsSkipped == 1 ? "" : "s")} not run (--no-scripts)");
            }

            if (report.Filtered > 0)
            {
                human.WriteLine($"{report.Filtered} case{(report.Filtered == 1 ? "" : "s")} left out by --run (rule coverage counts only the cases run)");
            }

            if (report.Updated.Count > 0)
            {
                human.WriteLine($"{report.Updated.Count} expected output{(report.Updated.Count == 1 ? "" : "s")} updated (--update): review the diffs above");
            }

            human.WriteLine($"{report.Passed} passed, {report.Failed} failed");
            var nothingRan = options.NamePattern is { } pattern && report.Cases.Count == 0;
            if (nothingRan)
            {
                // A filter that matches nothing is a typo more often than a wish: a green run would hide it.
                human.WriteLine($"error: --run `{IxaRules.Diagnostics.Printable.Clamp(options.NamePattern!, 80)}` matches no case");
            }

            return report.Failed > 0 || shortfall is not null || nothingRan ? Program.Findings : Program.Clean;
        });
        return command;
    }

    private enum CoverageFormat
    {
        Text,
        Json,
    }

    /// <summary>A value that parses as an int: checked first, because reading an unparsable one from a validator throws.</summary>
    private static bool IsWholeNumber(System.CommandLine.Parsing.OptionResult r) =>
        r.Implicit || (r.Tokens.Count == 1 && int.TryParse(r.Tokens[0].Value, NumberStyles.Integer, CultureInfo.InvariantCulture, out _));
}
