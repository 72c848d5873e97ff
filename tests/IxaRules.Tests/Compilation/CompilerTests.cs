using System.Runtime.Loader;
using IxaRules.Text;

namespace IxaRules.Tests.Compilation;

public sealed class CompilerTests : IDisposable
{
    private readonly string _cache = Directory.CreateTempSubdirectory("ixarules-cache-").FullName;

    public void Dispose() => Directory.Delete(_cache, recursive: true);

    private static readonly IxaRules.Binding.BoundFile Ird = RuleFiles.Check(SourceText.FromFile(Path.Combine(TestPaths.Rules, "ird.ixr"))).Model!;

    [Fact]
    public void Generated_source_is_deterministic_and_keyed_by_its_hash()
    {
        using var first = IxaRules.Compilation.RegimenCompiler.Compile(Ird, Ird.Regimens[0], _cache, useMemoryCache: false);
        using var second = IxaRules.Compilation.RegimenCompiler.Compile(Ird, Ird.Regimens[0], _cache, useMemoryCache: false);
        Assert.Equal(first.Source, second.Source);
        Assert.Equal(first.Hash, second.Hash);
        Assert.False(first.FromCache);
        Assert.True(second.FromCache); // loaded from the on-disk cache, not compiled again
        Assert.True(File.Exists(Path.Combine(_cache, first.Hash + ".dll")));
        Assert.Contains("internal sealed class Regimen_IRd", first.Source);
        Assert.Contains("LabLess(w, 0 /* platelets */, 30m)", first.Source);
        Assert.Contains("GradeIn(HighestGrade(w, \"rash\"), 2, 3)", first.Source); // a named event without qualifiers: no tree walk
        Assert.Contains("AdverseEvent(w, Leaf", first.Source); // qualifiers (with pain): the shared evaluation
    }

    [Fact]
    public void Compiled_regimens_unload_and_leave_no_assemblies_behind()
    {
        static int Generated() => AssemblyLoadContext.All.Count(c => c.Name?.StartsWith("ixarules-", StringComparison.Ordinal) == true);
        Cycle(5); // warm up
        var before = Generated();
        Cycle(30);
        for (var i = 0; i < 10 && Generated() > before; i++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
        }

        Assert.True(Generated() <= before, $"{Generated()} generated load contexts remain (was {before})");

        static void Cycle(int n)
        {
            for (var i = 0; i < n; i++)
            {
                using var compiled = IxaRules.Compilation.RegimenCompiler.Compile(Ird, Ird.Regimens[0]);
            }
        }
    }

    [Fact]
    public void An_unwritable_cache_does_not_fail_the_compilation()
    {
        var notADirectory = Path.Combine(_cache, "a-file");
        File.WriteAllText(notADirectory, "");
        using var compiled = IxaRules.Compilation.RegimenCompiler.Compile(Ird, Ird.Regimens[0], notADirectory, useMemoryCache: false);
        Assert.False(compiled.FromCache);
        Assert.Contains("Regimen_IRd", compiled.Source);
    }

    [Fact]
    public void Emit_prints_the_generated_class()
    {
        var (exit, stdout, _) = CliRunner.Run("emit", "--csharp", "rules/ixazomib-single-agent.ixr", "--regimen", "ixazomib-weekly");
        Assert.Equal(0, exit);
        Assert.Contains("internal sealed class Regimen_ixazomib_002Dweekly", stdout);
        Assert.DoesNotContain("Regimen_ixazomib_002Dtwice", stdout);
    }

    [Fact]
    public void Regimens_whose_names_differ_only_in_punctuation_get_different_classes()
    {
        var path = Path.Combine(Path.GetTempPath(), $"ixr-names-{Guid.NewGuid():N}.ixr");
        File.WriteAllText(path, "regimen ixazomib-weekly\n  cycle 28 days for 1 cycles\n  drug ixazomib oral 4 mg days 1, 8, 15\n\n" +
            "regimen ixazomib_weekly\n  cycle 28 days for 1 cycles\n  drug ixazomib oral 4 mg days 1, 8, 15\n");
        try
        {
            var (exit, stdout, _) = CliRunner.Run("emit", path);
            Assert.Equal(0, exit);
            var classes = System.Text.RegularExpressions.Regex.Matches(stdout, @"internal sealed class (\w+)").Select(m => m.Groups[1].Value).ToList();
            Assert.Equal(["Regimen_ixazomib_002Dweekly", "Regimen_ixazomib_005Fweekly"], classes);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Theory]
    [InlineData("rules/", "error: rules/ is a directory: emit takes one rule file")]
    [InlineData("tests/IxaRules.Tests/Corpus/bad/drug-not-in-regimen.ixr", "drug-not-in-regimen.ixr has errors; nothing was generated")]
    public void Emit_keeps_standard_output_for_code(string path, string message)
    {
        var (exit, stdout, stderr) = CliRunner.Run("emit", path);
        Assert.NotEqual(0, exit);
        Assert.Equal("", stdout);
        Assert.Contains(message, stderr);
    }

    [Theory]
    [InlineData("interpreted")]
    [InlineData("compiled")]
    public void Run_and_test_accept_a_backend(string backend)
    {
        var (exit, stdout, _) = CliRunner.Run("run", "rules/ird.ixr", "--patient", "examples/ird/worked-example.patient.yaml",
            "--events", "examples/ird/worked-example.events", "--json", "--backend", backend);
        Assert.Equal(0, exit);
        Assert.Equal(CliRunner.Run("run", "rules/ird.ixr", "--patient", "examples/ird/worked-example.patient.yaml", "--events", "examples/ird/worked-example.events", "--json").Stdout, stdout);
        Assert.Equal(0, CliRunner.Run("test", "rules/ird.ixr", "--backend", backend).Exit);
    }
}
