using System.Diagnostics;
using IxaRules.Compilation;
using IxaRules.Evaluation;
using IxaRules.Text;

namespace IxaRules.Tests.Compilation;

/// <summary>
/// The compiled-code cache loads only what this user's key authenticates: a planted assembly (which
/// once silently removed a hold), a corrupt or truncated entry, a FIFO, or an entry under an
/// untrustworthy key is a miss — compiled again, never loaded, never an exit 70.
/// </summary>
public sealed class CompiledCacheTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("ixr-cache-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private string Cache => Path.Combine(_root, "compiled");

    private static readonly IxaRules.Binding.BoundFile Ird = RuleFiles.Check(SourceText.FromFile(Path.Combine(TestPaths.Rules, "ird.ixr"))).Model!;

    /// <summary>IRd without its thrombocytopenia rule: the same class name, a missing hold.</summary>
    private static readonly IxaRules.Binding.BoundFile Weakened = RuleFiles.Check(new SourceText("rules/ird.ixr",
        File.ReadAllText(Path.Combine(TestPaths.Rules, "ird.ixr")).Replace("platelets < 30,000/mm3", "platelets < 1/mm3", StringComparison.Ordinal))).Model!;

    private static CompiledRegimen Compile(IxaRules.Binding.BoundFile file, string cache) =>
        RegimenCompiler.Compile(file, file.Regimens[0], cache, useMemoryCache: false);

    private static string RunJson(CompiledRegimen compiled)
    {
        var patient = RuleFiles.LoadPatient(SourceText.FromFile(Path.Combine(TestPaths.Examples, "ird", "worked-example.patient.yaml"))).Patient!;
        var (events, _) = RuleFiles.LoadEvents(SourceText.FromFile(Path.Combine(TestPaths.Examples, "ird", "worked-example.events")), Ird.Regimens[0], null);
        return OutcomeJson.Write(RuleFiles.Run(Ird, Ird.Regimens[0], patient, events, compiled: compiled));
    }

    [Fact]
    public void An_entry_authenticates_and_is_loaded_the_second_time()
    {
        using var first = Compile(Ird, Cache);
        using var second = Compile(Ird, Cache);
        Assert.False(first.FromCache);
        Assert.True(second.FromCache);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(Cache));
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(CompiledCache.DefaultKeyFile));
        }
    }

    [Fact]
    public void A_planted_assembly_under_the_expected_name_is_never_loaded()
    {
        using var honest = Compile(Ird, Cache);
        var entry = Path.Combine(Cache, honest.Hash + ".dll");
        var expected = RunJson(honest);

        // The attacker's assembly: the weakened rules' own, authenticated entry, and its bare image, each under IRd's name.
        var elsewhere = Path.Combine(_root, "elsewhere");
        using var weak = Compile(Weakened, elsewhere);
        var weakEntry = File.ReadAllBytes(Path.Combine(elsewhere, weak.Hash + ".dll"));
        foreach (var planted in new[] { weakEntry, weakEntry[32..] })
        {
            File.WriteAllBytes(entry, planted);
            using var loaded = Compile(Ird, Cache);
            Assert.False(loaded.FromCache, "a planted entry was loaded");
            Assert.Equal(expected, RunJson(loaded));
        }

        using var rewritten = Compile(Ird, Cache);
        Assert.True(rewritten.FromCache); // the miss rewrote a good entry
    }

    [Theory]
    [InlineData("empty")]
    [InlineData("truncated")]
    [InlineData("flipped")]
    [InlineData("random")]
    public void A_corrupt_entry_is_a_miss_not_a_failure(string damage)
    {
        using (Compile(Ird, Cache))
        {
        }

        var entry = Directory.GetFiles(Cache, "*.dll").Single();
        var bytes = File.ReadAllBytes(entry);
        File.WriteAllBytes(entry, damage switch
        {
            "empty" => [],
            "truncated" => bytes[..(bytes.Length / 2)],
            "flipped" => [.. bytes[..^1], (byte)(bytes[^1] ^ 1)],
            _ => [.. Enumerable.Range(0, 5000).Select(i => (byte)(i * 37))],
        });
        using var compiled = Compile(Ird, Cache);
        Assert.False(compiled.FromCache);
        Assert.Contains("Regimen_IRd", compiled.Source, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_fifo_in_place_of_an_entry_does_not_block()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        string hash;
        using (var first = Compile(Ird, Cache))
        {
            hash = first.Hash;
        }

        var entry = Path.Combine(Cache, hash + ".dll");
        File.Delete(entry);
        using (var mk = Process.Start("mkfifo", entry))
        {
            mk.WaitForExit();
        }

        var run = Task.Run(() =>
        {
            using var c = Compile(Ird, Cache);
            return c.FromCache;
        });
        Assert.True(await Task.WhenAny(run, Task.Delay(TimeSpan.FromSeconds(30))) == run, "compiling blocked on a FIFO in the cache");
        Assert.False(await run);
    }

    [Fact]
    public void A_key_others_could_read_or_a_key_inside_the_cache_disables_the_disk_cache()
    {
        var key = Path.Combine(_root, "keys", "cache.key");
        Assert.NotNull(CompiledCache.Open(Cache, key));
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(key, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.OtherRead);
            Assert.Null(CompiledCache.Open(Cache, key));
        }

        Assert.Null(CompiledCache.Open(Cache, Path.Combine(Cache, "cache.key")));
        File.WriteAllBytes(Path.Combine(_root, "short.key"), [1, 2, 3]);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(Path.Combine(_root, "short.key"), UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        Assert.Null(CompiledCache.Open(Cache, Path.Combine(_root, "short.key")));
    }

    [Fact]
    public void Two_keys_do_not_accept_each_others_entries()
    {
        var a = CompiledCache.Open(Cache, Path.Combine(_root, "a.key"))!;
        var b = CompiledCache.Open(Cache, Path.Combine(_root, "b.key"))!;
        var hash = new string('0', 64);
        a.TryStore(hash, [1, 2, 3, 4]);
        Assert.Equal([1, 2, 3, 4], a.TryLoad(hash));
        Assert.Null(b.TryLoad(hash));
    }
}
