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

        var backend = Backends.Option("compiled (a suite runs many patients)");
        var command = new Command("test",
            "Run every scenario of the rule files, every C# check script and every example case under the paths.\n" +
            "Prints each failure (where the expectation is written, expected vs actual, the decisions around that day),\n" +
            "then rule coverage and the summary `N passed, N failed`; exits 1 on any failure.\n" +
            "Example: ixarules test rules/ examples/ --junit results.xml --min-coverage 100")
        {
            paths, junit, coverage, minCoverage, format, backend,
        };

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

            var report = RuleFiles.Test(files, (parsed.GetValue(backend) ?? Backend.Compiled) == Backend.Compiled);
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
                    stdout.WriteLine($"::error file={f.File},line={f.Line},title={failed.Kind.ToString().ToLowerInvariant()}: {failed.Name.Replace(",", " ", StringComparison.Ordinal)}::{f.Message.Replace("%", "%25", StringComparison.Ordinal)}");
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
}
