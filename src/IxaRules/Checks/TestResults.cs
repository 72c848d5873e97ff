namespace IxaRules.Checks;

/// <summary>What kind of check a case is.</summary>
public enum CaseKind
{
    Scenario,
    Script,
    Example,
}

/// <summary>One failed expectation or assertion, located in the file that states it.</summary>
public sealed record CheckFailure(string File, int Line, string Message, IReadOnlyList<string> Context);

/// <summary>One case: a scenario, a check of a script, or an example with its expected outcome.</summary>
public sealed record CaseResult(CaseKind Kind, string File, int Line, string Name, IReadOnlyList<CheckFailure> Failures, TimeSpan Duration)
{
    public bool Passed => Failures.Count == 0;
}

/// <summary>Everything one `ixarules test` run found; <see cref="Diagnostics"/> are located errors (rule files that do not check, scripts that do not compile).</summary>
public sealed record TestReport(IReadOnlyList<CaseResult> Cases, Coverage Coverage, TimeSpan ScriptCompileTime, int ScriptsCompiled, TimeSpan Total, IReadOnlyList<Diagnostics.Diagnostic> Diagnostics)
{
    public int Passed => Cases.Count(c => c.Passed);

    public int Failed => Cases.Count(c => !c.Passed);
}
