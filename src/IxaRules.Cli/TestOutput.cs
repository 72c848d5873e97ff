using System.Globalization;
using IxaRules.Checks;
using IxaRules.Diagnostics;

namespace IxaRules.Cli;

/// <summary>How `ixarules test` prints its results for people (and, with github, workflow annotations).</summary>
internal enum TestFormat
{
    Text,
    Github,
    Json,
    Junit,
    Sarif,
    Tap,
}

internal static class TestOutput
{
    /// <summary>Stated limit: a failed case shows at most this many of its failures.</summary>
    public const int MaxFailuresShown = 10;

    public static void Print(TestReport report, bool github, bool listCoverage, bool verbose, TextWriter stdout)
    {
        stdout.Write(DiagnosticRenderer.Render(report.Diagnostics, DiagnosticFormat.Text));
        foreach (var c in report.Cases.Where(c => verbose || !c.Passed))
        {
            stdout.WriteLine($"{(c.Passed ? "PASS" : "FAIL")} {c.Kind.ToString().ToLowerInvariant()} \"{c.Name}\" ({c.File}:{c.Line})");
            foreach (var f in c.Failures.Take(MaxFailuresShown))
            {
                stdout.WriteLine($"  {f.File}:{f.Line}: {f.Message}");
                foreach (var line in f.Context)
                {
                    stdout.WriteLine($"      {line}");
                }

                if (github)
                {
                    stdout.WriteLine($"::error file={DiagnosticRenderer.EscapeProperty(f.File)},line={f.Line},title={DiagnosticRenderer.EscapeProperty($"{c.Kind.ToString().ToLowerInvariant()}: {c.Name}")}::{DiagnosticRenderer.EscapeData(f.Message)}");
                }
            }

            if (c.Failures.Count > MaxFailuresShown)
            {
                stdout.WriteLine($"  … and {c.Failures.Count - MaxFailuresShown} more failures");
            }
        }

        // A rule file with errors is not run, so its rules are in no count: say so, or coverage would look complete.
        var broken = report.Diagnostics.Where(d => d.IsError).Select(d => d.Source.Path).Distinct().Count();
        stdout.WriteLine(broken == 0 ? report.Coverage.Summary : $"{report.Coverage.Summary}; {CheckCommand.Plural(broken, "file")} with errors not counted");
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
