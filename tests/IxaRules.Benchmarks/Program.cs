using BenchmarkDotNet.Running;

namespace IxaRules.Benchmarks;

/// <summary>
/// Run on demand: <c>dotnet run -c Release --project tests/IxaRules.Benchmarks -- --filter '*'</c>;
/// <c>-- unload-cycles 1000</c> for the compile/unload memory check; <c>-- first-compile</c> for a
/// cold compile in a fresh process; <c>-- profile-loop SECONDS [compiled|interpreted|handwritten|ratio]</c>
/// to run the evaluation cohort under a profiler, or (<c>ratio</c>) to time the three interleaved;
/// <c>-- cohort-memory N</c> for the time and peak working set of one N-patient in-silico trial.
/// </summary>
public static class Program
{
    public static void Main(string[] args)
    {
        if (args is ["first-compile"])
        {
            FirstCompile();
            return;
        }

        if (args is ["unload-cycles", var n])
        {
            UnloadCycles.Run(int.Parse(n, System.Globalization.CultureInfo.InvariantCulture));
            return;
        }

        if (args is ["cohort-memory", var patients])
        {
            CohortBenchmarks.PeakMemory(int.Parse(patients, System.Globalization.CultureInfo.InvariantCulture));
            return;
        }

        if (args is ["profile-loop", var seconds, .. var rest])
        {
            ProfileLoop.Run(double.Parse(seconds, System.Globalization.CultureInfo.InvariantCulture), rest is [var backend] ? backend : "compiled");
            return;
        }

        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
    }

    /// <summary>`-- first-compile`: the first compilation in a fresh process (Roslyn loaded and jitted), then a cached load.</summary>
    private static void FirstCompile()
    {
        var model = Repository.Rules("ird.ixr");
        var cache = Directory.CreateTempSubdirectory("ixarules-first-").FullName;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        Compilation.RegimenCompiler.Compile(model, model.Regimens[0], cache, useMemoryCache: false).Dispose();
        var first = clock.Elapsed;
        clock.Restart();
        using var cached = Compilation.RegimenCompiler.Compile(model, model.Regimens[0], cache, useMemoryCache: false);
        Console.WriteLine($"first compile in a fresh process: {first.TotalMilliseconds:0} ms; then a load from the disk cache: {clock.Elapsed.TotalMilliseconds:0.0} ms (from cache: {cached.FromCache})");
        Directory.Delete(cache, recursive: true);
    }
}
