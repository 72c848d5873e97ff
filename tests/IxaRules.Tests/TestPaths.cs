namespace IxaRules.Tests;

/// <summary>Locates the repository from the test assembly, so tests read the real rules/ and examples/.</summary>
internal static class TestPaths
{
    public static string Root { get; } = FindRoot();

    public static string Rules => Path.Combine(Root, "rules");

    public static string Examples => Path.Combine(Root, "examples");

    public static string Baselines => Path.Combine(Root, "tests", "IxaRules.Tests", "Baselines");

    public static string BadCorpus => Path.Combine(Root, "tests", "IxaRules.Tests", "Corpus", "bad");

    /// <summary>Rule files that check with warnings only: they still run.</summary>
    public static string WarningCorpus => Path.Combine(Root, "tests", "IxaRules.Tests", "Corpus", "warnings");

    /// <summary>Set IXARULES_UPDATE_BASELINES=1 to rewrite expected files; review the diff before committing.</summary>
    public static bool UpdateBaselines => Environment.GetEnvironmentVariable("IXARULES_UPDATE_BASELINES") == "1";

    public static string RunInputCorpus => Path.Combine(Root, "tests", "IxaRules.Tests", "Corpus", "run-inputs");

    public static string PopulationCorpus => Path.Combine(Root, "tests", "IxaRules.Tests", "Corpus", "populations");

    public static string Populations => Path.Combine(Root, "populations");

    public static string ScriptCorpus => Path.Combine(Root, "tests", "IxaRules.Tests", "Corpus", "scripts");

    /// <summary>
    /// Compares a baseline file with what the code gives now; with IXARULES_UPDATE_BASELINES=1 it
    /// writes it instead (review the diff before committing).
    /// </summary>
    public static void CompareBaseline(string path, string actual)
    {
        if (UpdateBaselines)
        {
            File.WriteAllText(path, actual);
            return;
        }

        Xunit.Assert.True(File.Exists(path), $"missing baseline {Relative(path)}; run the tests with IXARULES_UPDATE_BASELINES=1 and review it");
        Xunit.Assert.Equal(File.ReadAllText(path), actual);
    }

    /// <summary>Paths relative to the repository, with forward slashes: stable across machines.</summary>
    public static string Relative(string path) => Path.GetRelativePath(Root, path).Replace('\\', '/');

    public static IEnumerable<string> ShippedRuleFiles() =>
        Directory.EnumerateFiles(Rules, "*.ixr", SearchOption.AllDirectories)
            .Concat(Directory.Exists(Examples) ? Directory.EnumerateFiles(Examples, "*.ixr", SearchOption.AllDirectories) : [])
            .Order(StringComparer.Ordinal);

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "IxaRules.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("cannot find IxaRules.sln above the test assembly");
    }
}
