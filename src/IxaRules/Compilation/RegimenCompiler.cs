using System.Reflection;
using IxaRules.Binding;
using IxaRules.Evaluation;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace IxaRules.Compilation;

/// <summary>A regimen compiled to .NET code, loaded in its own collectible context. Dispose to unload it.</summary>
internal sealed class CompiledRegimen : IDisposable
{
    private readonly LoadedAssembly _assembly;

    internal CompiledRegimen(string source, LoadedAssembly assembly, ConditionCode code)
    {
        Source = source;
        _assembly = assembly;
        Code = code;
    }

    /// <summary>The generated C# (what `ixarules emit --csharp` prints).</summary>
    public string Source { get; }

    /// <summary>The cache key: SHA-256 of the source and this build of IxaRules (see <see cref="AssemblyPipeline"/>).</summary>
    public string Hash => _assembly.Hash;

    /// <summary>True when the assembly came from a cache (memory, or the authenticated disk cache) instead of a fresh compilation.</summary>
    public bool FromCache => _assembly.FromCache;

    public ConditionCode Code { get; }

    public void Dispose() => _assembly.Dispose();
}

/// <summary>
/// Compiles the generated class of a regimen with Roslyn. Metadata references are built once per
/// process; compiled assemblies are cached by the hash of their source on disk (when a cache
/// directory is given), so a second process loads instead of compiling — only entries this user's
/// key authenticates (see <see cref="CompiledCache"/>).
/// </summary>
internal static class RegimenCompiler
{
    /// <summary>Built once per process and shared by every compilation (regimens and C# conditions).</summary>
    internal static MetadataReference[] MetadataReferences => References.Value;

    private static readonly Lazy<MetadataReference[]> References = new(() =>
    {
        var trusted = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator);
        string[] needed = ["System.Private.CoreLib.dll", "System.Runtime.dll", "System.Collections.dll", "netstandard.dll"];
        return
        [
            .. trusted.Where(p => needed.Contains(Path.GetFileName(p))).Select(p => MetadataReference.CreateFromFile(p)),
            MetadataReference.CreateFromFile(typeof(RuleFiles).Assembly.Location),
        ];
    });

    /// <summary>The default on-disk cache: IXARULES_CACHE_DIR, else a folder under the user's local data.</summary>
    public static string DefaultCacheDirectory =>
        Environment.GetEnvironmentVariable("IXARULES_CACHE_DIR") is { Length: > 0 } dir
            ? dir
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData), "ixarules", "compiled");

    public static CompiledRegimen Compile(BoundFile file, Regimen regimen, string? cacheDirectory = null, bool useMemoryCache = true)
    {
        var source = CSharpEmitter.Emit(file, regimen);
        var hash = AssemblyPipeline.Hash(CompiledKind.Regimen, source);
        var loaded = AssemblyPipeline.Load(CompiledKind.Regimen, hash, () => Emit(source), cacheDirectory, useMemoryCache)!;
        var type = loaded.Assembly.GetType("IxaRules.Generated." + CSharpEmitter.ClassName(regimen))
            ?? throw new InvalidOperationException($"the compiled assembly has no class for {regimen.Name}");
        var inventory = ConditionInventory.Of(file, regimen);
        var instance = Activator.CreateInstance(type)!;
        var map = new Dictionary<Condition, Func<WorldState, Truth>>(ReferenceEqualityComparer.Instance);
        for (var i = 0; i < inventory.Count; i++)
        {
            var method = type.GetMethod("Condition" + i, BindingFlags.Public | BindingFlags.Instance)!;
            map[inventory[i].Condition] = method.CreateDelegate<Func<WorldState, Truth>>(instance);
        }

        return new CompiledRegimen(source, loaded, new CompiledConditions(map));
    }

    /// <summary>
    /// Every generated regimen assembly has this name, to which IxaRules grants its internals
    /// (InternalsVisibleTo): the generated code calls the evaluator's helpers and builds bound
    /// conditions, which are not public API. Only emitter output is compiled under this name; the
    /// C# conditions a rule author writes are compiled under another, and see only the public surface.
    /// </summary>
    internal const string GeneratedAssemblyName = "IxaRules.Generated.Regimen";

    private static byte[] Emit(string source)
    {
        var tree = CSharpSyntaxTree.ParseText(source, new CSharpParseOptions(LanguageVersion.Latest));
        var compilation = CSharpCompilation.Create(GeneratedAssemblyName, [tree], References.Value,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, optimizationLevel: OptimizationLevel.Release, deterministic: true));
        using var stream = new MemoryStream();
        var result = compilation.Emit(stream);
        if (!result.Success)
        {
            // The emitter's output always compiles; reaching here is a bug in ixarules, not in the rule file.
            throw new InvalidOperationException("generated code does not compile: " + string.Join("; ", result.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).Take(3)));
        }

        return stream.ToArray();
    }

    private sealed class CompiledConditions(Dictionary<Condition, Func<WorldState, Truth>> map) : ConditionCode
    {
        public override Func<WorldState, Truth> For(Condition condition) =>
            map.TryGetValue(condition, out var code) ? code : w => ConditionEvaluator.Evaluate(condition, w, null);
    }
}
