namespace IxaRules.Benchmarks;

/// <summary>BenchmarkDotNet runs each benchmark from a generated project deep in bin/: the rules are found from the repository root.</summary>
internal static class Repository
{
    public static string Root
    {
        get
        {
            var root = AppContext.BaseDirectory;
            while (!File.Exists(Path.Combine(root, "IxaRules.sln")))
            {
                root = Path.GetDirectoryName(root) ?? throw new InvalidOperationException("run the benchmarks from inside the repository");
            }

            return root;
        }
    }

    /// <summary>A rules file, checked; the benchmarks only use files that check clean.</summary>
    public static Binding.BoundFile Rules(string name) =>
        RuleFiles.Check(Text.SourceText.FromFile(Path.Combine(Root, "rules", name))).Model!;
}
