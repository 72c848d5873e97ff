using BenchmarkDotNet.Running;

namespace IxaRules.Benchmarks;

/// <summary>Run on demand: <c>dotnet run -c Release --project tests/IxaRules.Benchmarks -- --filter '*'</c>.</summary>
public static class Program
{
    public static void Main(string[] args) => BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
}
