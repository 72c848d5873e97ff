using System.Diagnostics;
using IxaRules.Binding;
using IxaRules.Text;

namespace IxaRules.Checks;

/// <summary>
/// Discovers and runs every check under the given paths: the scenarios of rule files (.ixr), C#
/// check scripts (.csx), and example cases (*.patient.yaml with an .expected.txt); collects rule coverage.
/// </summary>
internal static class TestRunner
{
    public static TestReport Run(IReadOnlyList<string> files, TestOptions options)
    {
        var compiled = options.Compiled;
        using var programs = new ProgramCache(compiled ? Backend.Compiled : Backend.Interpreted);
        using var workers = new ScriptWorkerPool(options.ScriptLimits ?? ScriptLimits.Default);
        var clock = Stopwatch.StartNew();
        var scriptFiles = files.Where(IsScript).ToList();
        var skipped = options.RunScripts ? 0 : scriptFiles.Count;

        // The scripts run in the worker process while this one runs the scenarios and examples: the
        // worker's own start-up (a second runtime, its JIT) overlaps the rest. Results are merged in
        // file order below, so the report does not depend on which side finished first.
        var scriptRuns = options.RunScripts && scriptFiles.Count > 0
            ? Task.Run(() => scriptFiles.Select(f => Reported(workers.Run(f, compiled), f, options.Progress)).ToList())
            : Task.FromResult(new List<ScriptRunner.ScriptRun>());

        var coverage = new CoverageCollector();
        var diagnostics = new List<Diagnostics.Diagnostic>();
        var filter = new CaseFilter(options.NamePattern);
        var updated = new List<(string Path, IReadOnlyList<string> Diff)>();
        var perFile = files.Select(file => IsScript(file) ? null : Reported(file.EndsWith(RuleFiles.Extension, StringComparison.Ordinal)
            ? RunRuleFile(file, coverage, diagnostics, programs, filter).ToList()
            : filter.Matches(file, ExampleName(file)) ? [RunExample(file, programs, options.UpdateExpected ? updated : null)] : filter.Skip(), file, options.Progress)).ToList();

        var runs = scriptRuns.GetAwaiter().GetResult();
        var cases = new List<CaseResult>();
        var next = 0;
        foreach (var results in perFile)
        {
            if (results is not null)
            {
                cases.AddRange(results);
            }
            else if (next < runs.Count)
            {
                cases.AddRange(filter.Keep(runs[next].Cases));
                diagnostics.AddRange(runs[next].CompileErrors);
                next++;
            }
        }

        var compileTime = runs.Aggregate(TimeSpan.Zero, (total, run) => total + run.CompileTime);
        return new TestReport(cases, coverage.Build(), compileTime, runs.Count, clock.Elapsed, diagnostics)
        {
            ScriptsSkipped = skipped,
            Updated = updated,
            Filtered = filter.Left,
        };
    }

    private static T Reported<T>(T result, string file, Action<string>? progress)
    {
        progress?.Invoke(file);
        return result;
    }

    private static bool IsScript(string file) => file.EndsWith(".csx", StringComparison.Ordinal);

    /// <summary>Rule files, check scripts and example cases below the paths, sorted; missing paths are returned apart.</summary>
    public static (IReadOnlyList<string> Files, IReadOnlyList<string> Missing) Discover(IEnumerable<string> paths) =>
        RuleFiles.Expand(paths, f => f.EndsWith(RuleFiles.Extension, StringComparison.Ordinal) || IsScript(f)
            || (f.EndsWith(".patient.yaml", StringComparison.Ordinal) && File.Exists(f.Replace(".patient.yaml", ".expected.txt", StringComparison.Ordinal))));

    private static IEnumerable<CaseResult> RunRuleFile(string file, CoverageCollector coverage, List<Diagnostics.Diagnostic> diagnostics, ProgramCache programs, CaseFilter filter)
    {
        var started = DateTime.UtcNow;
        var check = programs.Check(file, file);
        if (check.Model is not { } model)
        {
            diagnostics.AddRange(check.Diagnostics.Where(d => d.IsError));
            return [new CaseResult(CaseKind.Scenario, file, 1, "the file checks",
                [.. check.Diagnostics.Where(d => d.IsError).Select(d => new CheckFailure(file, d.Start.Line, $"error[{d.Code}]: {d.Message}", []))],
                DateTime.UtcNow - started)];
        }

        coverage.AddFile(model);
        foreach (var used in model.Scenarios.Select(s => s.RegimenFile).OfType<BoundFile>().Distinct())
        {
            coverage.AddFile(used); // its rules are covered by these scenarios (counted once with the file's own run)
        }

        var results = new List<CaseResult>();
        foreach (var scenario in model.Scenarios)
        {
            if (!filter.Matches(file, scenario.Title))
            {
                filter.Skip();
                continue;
            }

            var (result, _) = ScenarioRunner.Run(model, scenario, programs.For(scenario.RegimenFile ?? model, scenario.Regimen), coverage);
            results.Add(result);
        }

        return results;
    }

    private static string ExampleName(string file) => Path.GetFileName(file).Replace(".patient.yaml", "", StringComparison.Ordinal);

    private static CaseResult RunExample(string file, ProgramCache programs, List<(string Path, IReadOnlyList<string> Diff)>? updated)
    {
        var started = DateTime.UtcNow;
        CheckFailure? failure;
        try
        {
            var difference = ExampleRunner.Compare(file, out _, programs);
            if (difference is not null && updated is not null)
            {
                AtomicFile.Replace(difference.ExpectedPath, difference.Actual);
                updated.Add((difference.ExpectedPath, difference.Diff));
                difference = null;
            }

            failure = difference is null ? null : new CheckFailure(file, 1, difference.Message, difference.Diff);
        }
        catch (CheckScriptException e)
        {
            failure = new CheckFailure(file, 1, e.Message, []);
        }

        return new CaseResult(CaseKind.Example, file, 1, ExampleName(file), failure is null ? [] : [failure], DateTime.UtcNow - started);
    }
}

/// <summary>`test --run PATTERN`: a case runs when its name or its file contains the pattern (ignoring case).</summary>
internal sealed class CaseFilter(string? pattern)
{
    public int Left { get; private set; }

    public bool Matches(string file, string name) =>
        pattern is null || name.Contains(pattern, StringComparison.OrdinalIgnoreCase) || file.Contains(pattern, StringComparison.OrdinalIgnoreCase);

    public List<CaseResult>? Skip()
    {
        Left++;
        return [];
    }

    public IEnumerable<CaseResult> Keep(IEnumerable<CaseResult> cases)
    {
        foreach (var c in cases)
        {
            if (Matches(c.File, c.Name))
            {
                yield return c;
            }
            else
            {
                Left++;
            }
        }
    }
}
