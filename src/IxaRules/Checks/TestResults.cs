namespace IxaRules.Checks;

/// <summary>What kind of check a case is.</summary>
internal enum CaseKind
{
    Scenario,
    Script,
    Example,
}

/// <summary>One failed expectation or assertion, located in the file that states it.</summary>
internal sealed record CheckFailure(string File, int Line, string Message, IReadOnlyList<string> Context);

/// <summary>One case: a scenario, a check of a script, or an example with its expected outcome.</summary>
internal sealed record CaseResult(CaseKind Kind, string File, int Line, string Name, IReadOnlyList<CheckFailure> Failures, TimeSpan Duration)
{
    public bool Passed => Failures.Count == 0;
}

/// <summary>Everything one `ixarules test` run found; <see cref="Diagnostics"/> are located errors (rule files that do not check, scripts that do not compile).</summary>
internal sealed record TestReport(IReadOnlyList<CaseResult> Cases, Coverage Coverage, TimeSpan ScriptCompileTime, int ScriptsCompiled, TimeSpan Total, IReadOnlyList<Diagnostics.Diagnostic> Diagnostics)
{
    public int Passed => Cases.Count(c => c.Passed);

    public int Failed => Cases.Count(c => !c.Passed);

    /// <summary>Check scripts found but not run (`--no-scripts`).</summary>
    public int ScriptsSkipped { get; init; }

    /// <summary>Expected outputs rewritten by `--update`, with the diff each one made.</summary>
    public IReadOnlyList<(string Path, IReadOnlyList<string> Diff)> Updated { get; init; } = [];

    /// <summary>Cases left out by `--run`.</summary>
    public int Filtered { get; init; }
}

/// <summary>
/// How `ixarules test` runs: which backend, and whether check scripts run (they are code; an untrusted
/// pull request is tested with <see cref="RunScripts"/> off) and under which limits.
/// </summary>
internal sealed record TestOptions(bool Compiled = false, bool RunScripts = true, ScriptLimits? ScriptLimits = null)
{
    /// <summary>Only the cases whose name or file contains this (ordinal, ignoring case); rule files and examples that match nothing are still checked.</summary>
    public string? NamePattern { get; init; }

    /// <summary>`--update`: an example whose outcome differs gets it written as its new expected.txt, and passes.</summary>
    public bool UpdateExpected { get; init; }

    /// <summary>Called with each file's path when it has been tested (from more than one thread: check scripts run beside the rest).</summary>
    public Action<string>? Progress { get; init; }
}
