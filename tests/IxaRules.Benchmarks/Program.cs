using BenchmarkDotNet.Running;

namespace IxaRules.Benchmarks;

/// <summary>
/// Run on demand: <c>dotnet run -c Release --project tests/IxaRules.Benchmarks -- --filter '*'</c>,
/// or <c>-- unload-cycles 1000</c> for the compile/unload memory check.
/// </summary>
public static class Program
{
    public static void Main(string[] args)
    {
        if (args is ["unload-cycles", var n])
        {
            UnloadCycles.Run(int.Parse(n, System.Globalization.CultureInfo.InvariantCulture));
            return;
        }

        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
    }
}
