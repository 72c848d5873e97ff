using IxaRules.Binding;
using IxaRules.Compilation;
using IxaRules.Evaluation;

namespace IxaRules;

/// <summary>How a prepared regimen evaluates its conditions. Both give byte-identical outcomes (the differential tests prove it).</summary>
public enum Backend
{
    /// <summary>The reference tree walk: no compilation, the right choice for one patient.</summary>
    Interpreted,

    /// <summary>Roslyn-generated code, compiled once and cached by content hash: the choice for many patients.</summary>
    Compiled,
}

/// <summary>
/// A regimen of a checked file, prepared once and run many times (as OPA's <c>PrepareForEval</c>):
/// it owns the run plan, the compiled code of the compiled backend and the file's C# conditions.
/// Every caller — the CLI, scenarios, examples and check scripts — runs through one of these.
/// Dispose it to unload compiled code. Runs may be made from several threads at once.
/// </summary>
public sealed class PreparedRegimen : IDisposable
{
    private readonly CompiledRegimen? _compiled;
    private readonly RunPlan _plan;

    private PreparedRegimen(BoundFile file, Regimen regimen, Backend backend, CompiledRegimen? compiled)
    {
        File = file;
        Regimen = regimen;
        Backend = backend;
        _compiled = compiled;
        _plan = new RunPlan(file, regimen, compiled?.Code ?? InterpretedConditions.Instance, CSharpConditions.For(file));
    }

    public BoundFile File { get; }

    public Regimen Regimen { get; }

    public Backend Backend { get; }

    /// <summary>The compiled code's content hash (the cache key), or null for the interpreter.</summary>
    public string? CodeHash => _compiled?.Hash;

    /// <summary>True when the compiled code was loaded from the on-disk cache rather than compiled now.</summary>
    public bool FromCache => _compiled?.FromCache ?? false;

    /// <summary>
    /// Prepares <paramref name="regimen"/> of a checked file. With <see cref="Backend.Compiled"/> the
    /// regimen is compiled (or loaded from <paramref name="cacheDirectory"/>, when given, after its
    /// authentication). Throws <see cref="ArgumentException"/> when the file declares no such regimen.
    /// </summary>
    public static PreparedRegimen Prepare(BoundFile file, string regimen, Backend backend = Backend.Interpreted, string? cacheDirectory = null)
    {
        var chosen = file.Regimens.FirstOrDefault(r => r.Name == regimen)
            ?? throw new ArgumentException($"no regimen `{regimen}` in {file.Source.Path} (it declares: {string.Join(", ", file.Regimens.Select(r => r.Name))})", nameof(regimen));
        return Prepare(file, chosen, backend, cacheDirectory);
    }

    internal static PreparedRegimen Prepare(BoundFile file, Regimen regimen, Backend backend, string? cacheDirectory) =>
        new(file, regimen, backend, backend == Backend.Compiled ? RegimenCompiler.Compile(file, regimen, cacheDirectory) : null);

    /// <summary>Runs the regimen for one patient; <paramref name="observer"/> sees every decision as it is made.</summary>
    public Outcome Run(Patient patient, IReadOnlyList<PatientEvent> events, RunOptions? options = null, IRunObserver? observer = null) =>
        Interpreter.Run(_plan, patient, events, options ?? new RunOptions(), observer);

    public void Dispose() => _compiled?.Dispose();
}
