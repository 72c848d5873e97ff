using BenchmarkDotNet.Attributes;
using IxaRules.Binding;
using IxaRules.Compilation;

namespace IxaRules.Benchmarks;

/// <summary>
/// The cost of the compiled backend's set-up: a cold compile (Roslyn, no cache) and a cached load
/// (the assembly read from the on-disk cache by content hash). Each includes loading into a fresh
/// collectible context and unloading it.
/// </summary>
[MemoryDiagnoser]
public class CompileBenchmarks
{
    private BoundFile _model = null!;
    private string _cache = "";

    [GlobalSetup]
    public void Setup()
    {
        _model = Repository.Rules("ird.ixr");
        _cache = Directory.CreateTempSubdirectory("ixarules-bench-").FullName;
        RegimenCompiler.Compile(_model, _model.Regimens[0], _cache, useMemoryCache: false).Dispose(); // fill the disk cache
    }

    [GlobalCleanup]
    public void Cleanup() => Directory.Delete(_cache, recursive: true);

    [Benchmark]
    public string ColdCompile()
    {
        using var compiled = RegimenCompiler.Compile(_model, _model.Regimens[0], cacheDirectory: null, useMemoryCache: false);
        return compiled.Hash;
    }

    [Benchmark]
    public string CachedLoad()
    {
        using var compiled = RegimenCompiler.Compile(_model, _model.Regimens[0], _cache, useMemoryCache: false);
        return compiled.FromCache ? compiled.Hash : throw new InvalidOperationException("expected a cache hit");
    }
}
