using System.Diagnostics;
using System.Runtime.Loader;
using IxaRules.Compilation;

namespace IxaRules.Benchmarks;

/// <summary>
/// `-- unload-cycles N`: compiles and unloads the IRd regimen N times (no cache, so each cycle is a
/// real Roslyn compilation and a new load context) and reports managed memory and loaded
/// assemblies before and after. Targets: growth ≤ 50 MB and no growth in loaded assemblies.
/// </summary>
internal static class UnloadCycles
{
    public static void Run(int cycles)
    {
        var model = Repository.Rules("ird.ixr");
        // Warm up Roslyn, the reference set, and what this measurement itself uses (console, stopwatch),
        // so that framework assemblies loaded once are not counted as growth.
        var clock = Stopwatch.StartNew();
        Console.WriteLine($"warming up ({cycles} cycles to measure)");
        Cycle(model, 20);
        // Roslyn touches System.Runtime.Numerics on a rare path, once, late in a long run; load it now so
        // the count below measures per-cycle growth (the target), not a one-time framework load.
        _ = System.Numerics.BigInteger.One.IsZero;
        var (memoryBefore, assembliesBefore, contextsBefore) = Measure();
        var namesBefore = AppDomain.CurrentDomain.GetAssemblies().Select(a => a.GetName().Name).ToHashSet();
        clock.Restart();
        Cycle(model, cycles / 2);
        var (memoryMiddle, assembliesMiddle, _) = Measure();
        Cycle(model, cycles - (cycles / 2));
        var elapsed = clock.Elapsed;
        var (memoryAfter, assembliesAfter, contextsAfter) = Measure();
        Console.WriteLine($"second half: managed memory {memoryMiddle / 1e6:0.0} → {memoryAfter / 1e6:0.0} MB, loaded assemblies {assembliesMiddle} → {assembliesAfter}");
        Console.WriteLine($"{cycles} compile/unload cycles in {elapsed.TotalSeconds:0.0} s ({elapsed.TotalMilliseconds / cycles:0.0} ms each)");
        Console.WriteLine($"managed memory: {memoryBefore / 1e6:0.0} MB before, {memoryAfter / 1e6:0.0} MB after (growth {(memoryAfter - memoryBefore) / 1e6:0.0} MB)");
        Console.WriteLine($"loaded assemblies: {assembliesBefore} before, {assembliesAfter} after; generated load contexts alive: {contextsBefore} before, {contextsAfter} after");
        foreach (var name in AppDomain.CurrentDomain.GetAssemblies().Select(a => a.GetName().Name).Where(n => !namesBefore.Contains(n)))
        {
            Console.WriteLine($"  loaded during the cycles: {name}");
        }

        static void Cycle(IxaRules.Binding.BoundFile model, int n)
        {
            for (var i = 0; i < n; i++)
            {
                using var compiled = RegimenCompiler.Compile(model, model.Regimens[0], cacheDirectory: null, useMemoryCache: false);
            }
        }

        static (long Memory, int Assemblies, int Contexts) Measure()
        {
            for (var i = 0; i < 5; i++)
            {
                GC.Collect();
                GC.WaitForPendingFinalizers();
            }

            return (GC.GetTotalMemory(forceFullCollection: true), AppDomain.CurrentDomain.GetAssemblies().Length,
                AssemblyLoadContext.All.Count(c => c.Name?.StartsWith("ixarules-", StringComparison.Ordinal) == true));
        }
    }
}
