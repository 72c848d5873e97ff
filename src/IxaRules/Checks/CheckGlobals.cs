using System.Runtime.CompilerServices;
using IxaRules.Binding;
using IxaRules.Evaluation;

namespace IxaRules.Checks;

/// <summary>A patient with its events, ready to run: from a patient file (and its events file) or a virtual cohort.</summary>
public sealed record PatientCase(string Name, Patient Patient, IReadOnlyList<PatientEvent> Events)
{
    /// <summary>The patient file it was loaded from, when it was (so that what a run needs is reported there).</summary>
    public PatientInput? Input { get; init; }

    /// <summary>The latest value of a lab measured on or before a day (canonical units: ×10⁹/L, mg/dL), or null.</summary>
    public decimal? LabOn(string lab, int day) =>
        Events.LastOrDefault(e => e.Kind == EventKind.Lab && e.Subject == lab && e.Day <= day)?.Value;

    /// <summary>The grade of an adverse event as last reported on or before a day (0 when never reported).</summary>
    public int GradeOn(string adverseEvent, int day) =>
        (int)(Events.LastOrDefault(e => e.Kind == EventKind.AdverseEvent && e.Subject == adverseEvent && e.Day <= day)?.Value ?? 0);
}

/// <summary>A checked rule file, for scripts: find regimens and run them.</summary>
public sealed class RuleSet(BoundFile model)
{
    internal ProgramCache Programs { get; init; } = new(IxaRules.Backend.Interpreted);

    public BoundFile Model { get; } = model;

    public Regimen Regimen(string name) =>
        Model.Regimens.FirstOrDefault(r => r.Name == name)
        ?? throw new CheckScriptException($"no regimen `{name}` in {Model.Source.Path} (it declares: {string.Join(", ", Model.Regimens.Select(r => r.Name))})");

    public Outcome Run(string regimen, PatientCase patient, int? days = null)
    {
        var chosen = Regimen(regimen);
        return Programs.For(Model, chosen).Run(patient.Patient, patient.Events, new RunOptions(days));
    }

    public IReadOnlyList<(PatientCase Patient, Outcome Outcome)> RunAll(string regimen, IEnumerable<PatientCase> patients, int? days = null) =>
        [.. patients.Select(p => (p, Run(regimen, p, days)))];
}

/// <summary>Raised for a mistake in how a script uses the API (a missing file, an unknown regimen).</summary>
public sealed class CheckScriptException(string message) : Exception(message);

/// <summary>
/// What a C# check script (<c>.csx</c>) can use. Paths are relative to the script's folder.
/// <code>
/// var ird = Rules("ird.ixr");
/// var patients = Patients("../examples/ird").Concat(Cohort(200, seed: 1));
/// Check("no lenalidomide on a day its platelets were below 30", () =>
/// {
///     foreach (var (p, o) in ird.RunAll("IRd", patients))
///         foreach (var dose in o.Administrations.Where(a => a.Drug == "lenalidomide" &amp;&amp; a.Status == DoseStatus.Given))
///             Assert(!(p.LabOn("platelets", dose.Day) &lt; 30), $"{p.Name}: lenalidomide on day {dose.Day}");
/// });
/// </code>
/// </summary>
public class CheckGlobals
{
    private readonly string _directory;
    private readonly string _scriptPath;
    private readonly List<(string Name, int Line, List<CheckFailure> Failures, TimeSpan Duration)> _checks = [];
    private List<CheckFailure> _current;

    private readonly ProgramCache _programs;

    internal CheckGlobals(string scriptPath, ProgramCache programs)
    {
        _programs = programs;
        _scriptPath = scriptPath;
        _directory = Path.GetDirectoryName(Path.GetFullPath(scriptPath)) ?? ".";
        _current = [];
        _checks.Add((Path.GetFileName(scriptPath), 1, _current, TimeSpan.Zero));
    }

    internal IReadOnlyList<(string Name, int Line, List<CheckFailure> Failures, TimeSpan Duration)> Checks => _checks;

    /// <summary>Loads and checks a rule file; a file with errors stops the script with its diagnostics.</summary>
    public RuleSet Rules(string path)
    {
        var full = Resolve(path);
        var result = _programs.Check(full, Relative(full));
        return result.Model is { } model
            ? new RuleSet(model) { Programs = _programs }
            : throw new CheckScriptException($"{path} has errors: {result.Diagnostics.First(d => d.IsError)}");
    }

    /// <summary>A patient file (with its events file beside it), or every *.patient.yaml in a folder.</summary>
    public IReadOnlyList<PatientCase> Patients(string path, RuleSet? rules = null, string? regimen = null)
    {
        var full = Path.Combine(_directory, path);
        var files = Directory.Exists(full)
            ? Directory.EnumerateFiles(full, "*.patient.yaml").Order(StringComparer.Ordinal).ToList()
            : [Resolve(path)];
        return [.. files.Select(f => PatientFiles.Load(f, Relative(f), rules?.Regimen(regimen ?? rules.Model.Regimens[0].Name), rules?.Model))];
    }

    /// <summary>A deterministic virtual cohort (see <see cref="VirtualCohort"/>).</summary>
    public IReadOnlyList<PatientCase> Cohort(int count, int seed) =>
        [.. VirtualCohort.Generate(count, seed).Select(p => new PatientCase(p.Patient.Id, p.Patient, p.Events))];

    /// <summary>
    /// Replays a population file's arm for a regimen of a rule file (docs/cohort.md) and returns every
    /// published figure without a documented gap that falls outside its stated tolerance, as
    /// "figure: simulated S, published P ± T (source)"; empty when the replay holds.
    /// </summary>
    public IReadOnlyList<string> ReplayOutsideTolerance(string rules, string population, string regimen, int patients = 2_000, int seed = 1)
    {
        var set = Rules(rules);
        var file = Resolve(population);
        var (loaded, problems) = IxaRules.Cohort.PopulationFile.Load(Text.InputFile.Read(file, Text.InputFile.PatientFileChars, Relative(file)));
        if (loaded is null)
        {
            throw new CheckScriptException($"{population} has errors: {problems[0]}");
        }

        var arm = loaded.ArmFor(regimen) ?? throw new CheckScriptException($"{population} has no arm for regimen `{regimen}`");
        if (patients is < 1 or > IxaRules.Cohort.CohortRunner.MaxPatients)
        {
            throw new CheckScriptException($"patients must be between 1 and {IxaRules.Cohort.CohortRunner.MaxPatients}");
        }

        var bound = set.Regimen(regimen);
        var generator = new IxaRules.Cohort.PatientGenerator(arm, loaded.FollowUpCycles);
        if (IxaRules.Cohort.PopulationChecks.Check(loaded, arm, set.Model, bound, generator) is { Count: > 0 } misfits)
        {
            throw new CheckScriptException($"{population} does not fit regimen `{regimen}`: {misfits[0]}");
        }

        var figures = IxaRules.Cohort.CohortRunner.Run(_programs.For(set.Model, bound), loaded, generator, patients, seed);
        return [.. arm.Published.Where(p => p.Gap is null && !IxaRules.Cohort.CohortReport.Within(p, figures.Simulated(p)))
            .Select(p => string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"{IxaRules.Cohort.CohortReport.Label(p)}: simulated {figures.Simulated(p)}, published {p.Value} ± {p.Tolerance} ({p.Source})"))];
    }

    /// <summary>A named check: its failed assertions are reported on their own; an exception fails it.</summary>
    public void Check(string name, Action body, [CallerLineNumber] int line = 0)
    {
        var previous = _current;
        _current = [];
        var started = DateTime.UtcNow;
        try
        {
            body();
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            _current.Add(new CheckFailure(_scriptPath, ScriptLine(e) ?? line, $"{e.GetType().Name}: {e.Message}", []));
        }
        finally
        {
            _checks.Add((name, line, _current, DateTime.UtcNow - started));
            _current = previous;
        }
    }

    /// <summary>Records a failure (with this line of the script) when the condition is false; the check goes on.</summary>
    public void Assert(bool condition, string message, [CallerLineNumber] int line = 0)
    {
        if (condition)
        {
            return;
        }

        // Stated limit: a check keeps its first 100 failures and counts the rest (an assertion in a loop can fail a million times).
        if (_current.Count < MaxFailuresPerCheck)
        {
            _current.Add(new CheckFailure(_scriptPath, line, message, []));
        }
        else if (_current.Count == MaxFailuresPerCheck)
        {
            _current.Add(new CheckFailure(_scriptPath, line, "… more failures of this check are not kept", []));
        }
    }

    public const int MaxFailuresPerCheck = 100;

    public void Fail(string message, [CallerLineNumber] int line = 0) => Assert(false, message, line);

    internal int? ScriptLine(Exception e) =>
        new System.Diagnostics.StackTrace(e, fNeedFileInfo: true).GetFrames()
            .FirstOrDefault(f => f.GetFileName() is { } file && Path.GetFullPath(file) == Path.GetFullPath(_scriptPath))?.GetFileLineNumber();

    private string Resolve(string path)
    {
        var full = Path.GetFullPath(Path.Combine(_directory, path));
        return File.Exists(full) ? full : throw new CheckScriptException($"no such file: {path} (relative to {Relative(_directory)})");
    }

    private static string Relative(string full) => Path.GetRelativePath(Directory.GetCurrentDirectory(), full).Replace('\\', '/');
}
