using IxaRules.Binding;
using IxaRules.Checks;
using IxaRules.Compilation;
using IxaRules.Diagnostics;
using IxaRules.Evaluation;
using IxaRules.Formatting;
using IxaRules.Parsing;
using IxaRules.Syntax;
using IxaRules.Text;

namespace IxaRules;

/// <summary>The outcome of checking one rule file: its tree, its model (when it bound) and every diagnostic.</summary>
public sealed class CheckResult
{
    internal CheckResult(SyntaxTree syntax, BoundFile? model, IReadOnlyList<Diagnostic> diagnostics)
    {
        Syntax = syntax;
        Model = model;
        Diagnostics = diagnostics;
    }

    /// <summary>The syntax tree (internal: tools in this repository read it; the bound model is the public view).</summary>
    internal SyntaxTree Syntax { get; }

    /// <summary>The bound file, or null when the file has errors: nothing may run on it.</summary>
    public BoundFile? Model { get; }

    /// <summary>
    /// The file as far as it bound, errors or not: for an editor's hover, completion and outline
    /// only. Nothing runs on it (<see cref="Model"/> is what may run).
    /// </summary>
    internal BoundFile? AsFarAsBound { get; init; }

    /// <summary>Every diagnostic, in source order.</summary>
    public IReadOnlyList<Diagnostic> Diagnostics { get; }

    public bool HasErrors => Diagnostics.Any(d => d.IsError);

    internal void Deconstruct(out SyntaxTree syntax, out BoundFile? model, out IReadOnlyList<Diagnostic> diagnostics) =>
        (syntax, model, diagnostics) = (Syntax, Model, Diagnostics);
}

/// <summary>
/// The public face of the library: check, format and discover rule files. Everything behind it
/// (grammar, binder, formatter) is internal.
/// </summary>
public static class RuleFiles
{
    /// <summary>The file extension of rule files.</summary>
    public const string Extension = ".ixr";

    internal static SyntaxTree Parse(SourceText source) => RuleParser.ParseFile(source);

    /// <summary>
    /// Parses and binds a small file that uses every kind of declaration and the common clauses, and
    /// throws the result away: a cold process that calls it on another thread has the grammar's and
    /// binder's code compiled by the time its own files arrive. Nothing it does is visible.
    /// </summary>
    internal static void WarmUp() => _ = Check(new SourceText("warm-up.ixr", WarmUpText), followUsedFiles: false);

    internal const string WarmUpText = """
        regimen W "warm-up"
          source "none"
          cycle 28 days until progression
          drug ixazomib oral 4 mg days 1, 8, 15
            levels 4 mg > 3 mg > discontinue
          drug dexamethasone oral 40 mg days 1, 8, 15, 22
          start ixazomib at 3 mg when crcl < 30 mL/min or hepatic is moderate
          before each cycle
            require anc >= 1,000/mm3
            and platelets >= 75,000/mm3
            else delay
          missed ixazomib: take if next dose >= 72 hours away

        rule r
          source "none"
          counter per rule
          when platelets < 30 x10^9/L or rash grade 2..3
          occurrence 1:
            hold ixazomib until platelets >= 30 x10^9/L
            on recovery resume ixazomib next lower
          occurrence 2 or later:
            discontinue ixazomib

        scenario "s" for W
          patient age 60, crcl 80 mL/min, hepatic none
          day 1: platelets 20 x10^9/L, rash grade 0
          expect ixazomib held on day 8
        """;

    /// <summary>
    /// Parse and bind. The declarations that parsed are bound even when others did not, so one run
    /// reports every error it can; the model is returned only for a file without errors of any kind.
    /// </summary>
    public static CheckResult Check(SourceText source) => Check(source, followUsedFiles: true);

    /// <summary>As <see cref="Check(SourceText)"/>; a file being used by another does not follow its own used files (one level, no cycles).</summary>
    internal static CheckResult Check(SourceText source, bool followUsedFiles) => Check(source, followUsedFiles, recover: false, previous: null, keepForReuse: false);

    /// <summary>
    /// As <see cref="Check(SourceText)"/> for an editor: a declaration with a broken clause keeps its
    /// other clauses, so that they bind (see <see cref="CheckResult.AsFarAsBound"/>). Its diagnostics
    /// may include what the broken clause's absence implies; an editor shows <see cref="Check(SourceText)"/>'s.
    /// </summary>
    internal static CheckResult CheckRecovering(SourceText source, SyntaxTree? previous = null) => Check(source, followUsedFiles: true, recover: true, previous, keepForReuse: false);

    /// <summary>As <see cref="Check(SourceText)"/> for an edited document: the declarations <paramref name="previous"/> parsed cleanly and the edit left alone are reused, not parsed again.</summary>
    internal static CheckResult CheckEdited(SourceText source, SyntaxTree? previous) => Check(source, followUsedFiles: true, recover: false, previous, keepForReuse: true);

    private static CheckResult Check(SourceText source, bool followUsedFiles, bool recover, SyntaxTree? previous, bool keepForReuse)
    {
        var tree = RuleParser.ParseFile(source, recover, previous, keepForReuse);
        var (used, usedProblems) = followUsedFiles && (recover || !tree.HasErrors) ? UsedFiles.Resolve(tree) : (UsedFiles.None, []);
        var (model, diagnostics) = Binder.Bind(tree, used);
        diagnostics = [.. usedProblems, .. diagnostics];
        if (tree.HasErrors)
        {
            // References to broken declarations are not reported (the binder's error symbols); warnings wait for a file that parses.
            diagnostics = [.. diagnostics.Where(d => d.IsError)];
        }
        else if (!diagnostics.Any(d => d.IsError))
        {
            // Embedded C# is checked once the rest binds: compile errors and the allow-list, located in the file.
            // A file without any never loads Roslyn (a third of `check`'s cold start).
            var embedded = CSharpConditions.All(model);
            diagnostics = [.. diagnostics, .. embedded.Count == 0 ? [] : CSharpConditions.Check(source, embedded, CSharpConditions.Counters(model)), .. ScenarioRunInputs(model)];
        }

        var all = DiagnosticBag.Sort(tree.Diagnostics.Concat(diagnostics));
        return new CheckResult(tree, all.Any(d => d.IsError) ? null : model, DiagnosticBag.Capped(all)) { AsFarAsBound = model };
    }

    /// <summary>A scenario's patient must give what its regimen needs, like a patient file (located at its `patient` clause).</summary>
    private static IEnumerable<Diagnostic> ScenarioRunInputs(BoundFile model) =>
        model.Scenarios.SelectMany(s => RunInputs.Check(s.Regimen, PatientFactory.Build(s.Title, s.Patient))
            .Select(p => RunDiagnostics.ForScenario(p, model.Source, s)));

    /// <summary>The canonical text of a file without syntax errors.</summary>
    internal static string Format(SyntaxTree tree) =>
        tree.HasErrors ? throw new InvalidOperationException("cannot format a file with syntax errors") : Formatter.Format(tree);

    /// <summary>
    /// Expands files and directories (recursively, <c>*.ixr</c>) into a sorted list of files.
    /// Returns the paths that do not exist separately, so callers can report them.
    /// </summary>
    public static (IReadOnlyList<string> Files, IReadOnlyList<string> Missing) Discover(IEnumerable<string> paths) =>
        Expand(paths, f => f.EndsWith(Extension, StringComparison.Ordinal));

    /// <summary>Stated limits of discovery: directories are searched 32 levels deep, and at most 100,000 files are taken.</summary>
    public const int MaxDirectoryDepth = 32;

    public const int MaxDiscoveredFiles = 100_000;

    /// <summary>
    /// Files named directly, plus the files below named directories that <paramref name="include"/>
    /// accepts; sorted, without duplicates. Paths that do not exist are returned apart. Symbolic links
    /// to directories are not followed (a link back up would recurse for ever).
    /// </summary>
    internal static (IReadOnlyList<string> Files, IReadOnlyList<string> Missing) Expand(IEnumerable<string> paths, Func<string, bool> include)
    {
        var files = new List<string>();
        var missing = new List<string>();
        foreach (var path in paths)
        {
            if (File.Exists(path))
            {
                files.Add(path);
            }
            else if (Directory.Exists(path))
            {
                Walk(path, 0, include, files);
            }
            else
            {
                missing.Add(path);
            }
        }

        return ([.. files.Distinct().Order(StringComparer.Ordinal).Take(MaxDiscoveredFiles)], missing);
    }

    private static void Walk(string directory, int depth, Func<string, bool> include, List<string> files)
    {
        if (depth > MaxDirectoryDepth || files.Count >= MaxDiscoveredFiles)
        {
            return;
        }

        // An unreadable directory throws: the command reports it (exit 2) rather than checking part of the tree silently.
        files.AddRange(Directory.EnumerateFiles(directory).Where(include).Select(f => f.Replace('\\', '/')));
        foreach (var sub in Directory.EnumerateDirectories(directory).Where(d => new DirectoryInfo(d).LinkTarget is null))
        {
            Walk(sub, depth + 1, include, files);
        }
    }

    /// <summary>Loads a patient from a YAML file; the patient is null, with diagnostics, when anything is wrong.</summary>
    public static PatientInput LoadPatient(SourceText source) => PatientFile.Load(source);

    /// <summary>
    /// Loads an events file against a regimen (drug names) and the patient's start date (dated lines).
    /// With the checked file, a report the regimen's rules cannot read unambiguously (a qualifier they
    /// decide on, not stated) is an error too.
    /// </summary>
    public static (IReadOnlyList<PatientEvent> Events, IReadOnlyList<Diagnostic> Diagnostics) LoadEvents(SourceText source, Regimen regimen, DateOnly? start, BoundFile? file = null) =>
        EventsFile.Load(source, regimen, start, file is null ? null : QualifierNeeds.Of(file.Rules, regimen, file.Source.Path));

    /// <summary>
    /// What a run needs from the patient that checking the rule file cannot know: a body size for
    /// doses per m² or kg, and every covariate a starting-dose adjustment or titration depends on
    /// (an unknown one refuses the run unless the rule file says what to do). Located in the patient file.
    /// </summary>
    public static IReadOnlyList<Diagnostic> CheckRunInputs(BoundFile file, Regimen regimen, PatientInput patient) =>
        patient.Patient is not { } p ? []
        : [.. RunInputs.Check(regimen, p).Select(problem => RunDiagnostics.ForPatientFile(problem, patient, file.Source.Path))];

    /// <summary>Prepares a regimen of a checked file to run many patients (see <see cref="PreparedRegimen"/>).</summary>
    public static PreparedRegimen Prepare(BoundFile file, string regimen, Backend backend = Backend.Interpreted, string? cacheDirectory = null) =>
        PreparedRegimen.Prepare(file, regimen, backend, cacheDirectory);

    /// <summary>
    /// One run with the reference interpreter, or with compiled code when <paramref name="compiled"/> is
    /// given: for tests and benchmarks, which compare backends run by run. Callers prepare instead.
    /// </summary>
    internal static Outcome Run(BoundFile file, Regimen regimen, Patient patient, IReadOnlyList<PatientEvent> events, RunOptions? options = null, CompiledRegimen? compiled = null) =>
        Interpreter.Run(RunPlan.For(file, regimen, compiled?.Code ?? InterpretedConditions.Instance), patient, events, options ?? new RunOptions());

    /// <summary>Compiles a regimen with Roslyn (cached by content hash in memory, and on disk when a directory is given).</summary>
    internal static CompiledRegimen Compile(BoundFile file, Regimen regimen, string? cacheDirectory = null) =>
        RegimenCompiler.Compile(file, regimen, cacheDirectory);

    /// <summary>The C# generated for a regimen.</summary>
    public static string EmitCSharp(BoundFile file, Regimen regimen) => CSharpEmitter.Emit(file, regimen);

    /// <summary>The patient and events a scenario describes, ready to run.</summary>
    internal static (Regimen Regimen, Patient Patient, IReadOnlyList<PatientEvent> Events) ScenarioInputs(BoundFile file, Scenario scenario) =>
        (scenario.Regimen,
         PatientFactory.Build(scenario.Title, scenario.Patient),
         [.. scenario.Events.Select(e => PatientFactory.ToEvent(e, scenario.Line))]);

    /// <summary>Rule files, check scripts and example cases under the paths (directories recursively).</summary>
    public static (IReadOnlyList<string> Files, IReadOnlyList<string> Missing) DiscoverChecks(IEnumerable<string> paths) => TestRunner.Discover(paths);

    /// <summary>
    /// Runs every scenario, check script and example case in the files; reports cases and rule
    /// coverage. Check scripts run in a worker process under <see cref="TestOptions.ScriptLimits"/>.
    /// </summary>
    internal static TestReport Test(IReadOnlyList<string> files, TestOptions? options = null) => TestRunner.Run(files, options ?? new TestOptions());
}
