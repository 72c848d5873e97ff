using System.Diagnostics;
using IxaRules.Binding;

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
            ? Task.Run(() => scriptFiles.Select(f => workers.Run(f, compiled)).ToList())
            : Task.FromResult(new List<ScriptRunner.ScriptRun>());

        var coverage = new CoverageCollector();
        var diagnostics = new List<Diagnostics.Diagnostic>();
        var perFile = files.Select(file => file.EndsWith(RuleFiles.Extension, StringComparison.Ordinal)
            ? RunRuleFile(file, coverage, diagnostics, programs).ToList()
            : IsScript(file) ? null : [RunExample(file, programs)]).ToList();

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
                cases.AddRange(runs[next].Cases);
                diagnostics.AddRange(runs[next].CompileErrors);
                next++;
            }
        }

        var compileTime = runs.Aggregate(TimeSpan.Zero, (total, run) => total + run.CompileTime);
        return new TestReport(cases, coverage.Build(), compileTime, runs.Count, clock.Elapsed, diagnostics) { ScriptsSkipped = skipped };
    }

    private static bool IsScript(string file) => file.EndsWith(".csx", StringComparison.Ordinal);

    /// <summary>Rule files, check scripts and example cases below the paths, sorted; missing paths are returned apart.</summary>
    public static (IReadOnlyList<string> Files, IReadOnlyList<string> Missing) Discover(IEnumerable<string> paths) =>
        RuleFiles.Expand(paths, f => f.EndsWith(RuleFiles.Extension, StringComparison.Ordinal) || f.EndsWith(".csx", StringComparison.Ordinal)
            || (f.EndsWith(".patient.yaml", StringComparison.Ordinal) && File.Exists(f.Replace(".patient.yaml", ".expected.txt", StringComparison.Ordinal))));

    private static IEnumerable<CaseResult> RunRuleFile(string file, CoverageCollector coverage, List<Diagnostics.Diagnostic> diagnostics, ProgramCache programs)
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
            var (result, _) = ScenarioRunner.Run(model, scenario, programs.For(scenario.RegimenFile ?? model, scenario.Regimen), coverage);
            results.Add(result);
        }

        return results;
    }

    private static CaseResult RunExample(string file, ProgramCache programs)
    {
        var started = DateTime.UtcNow;
        string? difference;
        try
        {
            difference = ExampleRunner.Compare(file, out _, programs);
        }
        catch (CheckScriptException e)
        {
            difference = e.Message;
        }

        var name = Path.GetFileName(file).Replace(".patient.yaml", "", StringComparison.Ordinal);
        return new CaseResult(CaseKind.Example, file, 1, name, difference is null ? [] : [new CheckFailure(file, 1, difference, [])], DateTime.UtcNow - started);
    }
}
