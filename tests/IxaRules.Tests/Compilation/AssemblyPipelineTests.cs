using IxaRules.Checks;
using IxaRules.Compilation;

namespace IxaRules.Tests.Compilation;

/// <summary>
/// One pipeline compiles regimens, C# conditions and check scripts: keys that cover the kind and
/// this build of IxaRules, an in-memory image cache bounded by count and bytes, and the same
/// authenticated disk cache for all three — so an unchanged check script is loaded, not recompiled,
/// and a tampered entry is compiled again.
/// </summary>
public sealed class AssemblyPipelineTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("ixr-pipeline-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public void The_memory_cache_drops_the_least_recently_used_image_past_its_count()
    {
        var memory = new ImageMemory(maxEntries: 2, maxBytes: 1_000);
        memory.Add("a", new byte[10]);
        memory.Add("b", new byte[10]);
        Assert.True(memory.TryGet("a", out _)); // a is now the most recently used
        memory.Add("c", new byte[10]);

        Assert.Equal(2, memory.Count);
        Assert.True(memory.TryGet("a", out var a));
        Assert.Equal(10, a!.Length);
        Assert.False(memory.TryGet("b", out _));
        Assert.True(memory.TryGet("c", out _));
    }

    [Fact]
    public void The_memory_cache_stays_within_its_bytes_and_never_keeps_an_image_larger_than_them()
    {
        var memory = new ImageMemory(maxEntries: 10, maxBytes: 100);
        memory.Add("a", new byte[60]);
        memory.Add("b", new byte[60]); // 120 > 100: a goes
        Assert.False(memory.TryGet("a", out _));
        Assert.True(memory.TryGet("b", out _));

        memory.Add("huge", new byte[101]);
        Assert.False(memory.TryGet("huge", out _));
        Assert.True(memory.TryGet("b", out _)); // and it pushed nothing out

        memory.Add("b", new byte[100]); // replacing an entry counts its bytes once
        Assert.Equal(1, memory.Count);
        Assert.True(memory.TryGet("b", out var b));
        Assert.Equal(100, b!.Length);
    }

    [Fact]
    public void Keys_depend_on_the_kind_and_the_source_and_nothing_else()
    {
        var regimen = AssemblyPipeline.Hash(CompiledKind.Regimen, "class C {}");
        Assert.Equal(regimen, AssemblyPipeline.Hash(CompiledKind.Regimen, "class C {}"));
        Assert.NotEqual(regimen, AssemblyPipeline.Hash(CompiledKind.Script, "class C {}"));
        Assert.NotEqual(regimen, AssemblyPipeline.Hash(CompiledKind.Regimen, "class C { }"));
        Assert.Matches("^[0-9a-f]{64}$", regimen);
    }

    [Fact]
    public void A_source_that_does_not_compile_is_not_cached()
    {
        var hash = AssemblyPipeline.Hash(CompiledKind.Script, Guid.NewGuid().ToString());
        Assert.Null(AssemblyPipeline.Load(CompiledKind.Script, hash, () => null, _root));
        Assert.False(AssemblyPipeline.Memory.TryGet(hash, out _));
        Assert.Empty(Directory.EnumerateFiles(_root, "*.dll", SearchOption.AllDirectories));
    }

    [Fact]
    public void An_unchanged_check_script_is_loaded_from_the_cache_and_still_names_the_failing_line()
    {
        var cache = Path.Combine(_root, "compiled");
        var script = Path.Combine(_root, "arith.csx");
        File.WriteAllText(script, $$"""
            // {{Guid.NewGuid()}}: a script no other test compiles
            Check("adds", () => Assert(1 + 1 == 2, "adds"));
            Check("divides", () => { var zero = 0; Assert(1 / zero == 1, "never"); });
            """);

        var first = RunScript(script, cache);
        var entry = Assert.Single(Directory.EnumerateFiles(cache, "*.dll"));
        AssemblyPipeline.Memory.Clear(); // as a second process would start
        var second = RunScript(script, cache);
        File.WriteAllBytes(entry, [.. File.ReadAllBytes(entry).Select((b, i) => i == 40 ? (byte)(b ^ 0xFF) : b)]); // tampered
        AssemblyPipeline.Memory.Clear();
        var third = RunScript(script, cache);

        Assert.Equal((false, true, false), (first.FromCache, second.FromCache, third.FromCache));
        foreach (var run in new[] { first, second, third })
        {
            var failure = Assert.Single(run.Cases.SelectMany(c => c.Failures));
            Assert.Equal(3, failure.Line); // the embedded debug information travels with the cached image
            Assert.StartsWith("DivideByZeroException", failure.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void A_script_that_loads_other_files_is_never_kept_on_disk()
    {
        var cache = Path.Combine(_root, "compiled");
        File.WriteAllText(Path.Combine(_root, "helper.csx"), "static int Two() => 2;\n");
        var script = Path.Combine(_root, "main.csx");
        File.WriteAllText(script, $"#load \"helper.csx\"\n// {Guid.NewGuid()}\nCheck(\"two\", () => Assert(Two() == 2, \"two\"));\n");

        var run = RunScript(script, cache);

        Assert.Empty(run.Cases.SelectMany(c => c.Failures));
        Assert.False(Directory.Exists(cache) && Directory.EnumerateFiles(cache, "*.dll").Any());
    }

    private static ScriptRunner.ScriptRun RunScript(string path, string cache)
    {
        using var programs = new ProgramCache(Backend.Interpreted);
        var run = ScriptRunner.Run(path, programs, cache);
        Assert.Empty(run.CompileErrors);
        return run;
    }
}
