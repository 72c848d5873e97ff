using System.Reflection;
using System.Runtime.Loader;
using System.Security.Cryptography;
using System.Text;

namespace IxaRules.Compilation;

/// <summary>What one pass through <see cref="AssemblyPipeline"/> compiles: a generated regimen, a file's C# conditions, a check script.</summary>
internal enum CompiledKind
{
    Regimen,
    Conditions,
    Script,
}

/// <summary>An assembly loaded in its own collectible context. Disposing it starts the unload.</summary>
internal sealed class LoadedAssembly(Assembly assembly, AssemblyLoadContext context, string hash, bool fromCache) : IDisposable
{
    public Assembly Assembly { get; } = assembly;

    /// <summary>The content key: SHA-256 of (kind, this build of IxaRules, source).</summary>
    public string Hash { get; } = hash;

    /// <summary>True when the image came from a cache (memory or the authenticated disk cache) instead of a compilation.</summary>
    public bool FromCache { get; } = fromCache;

    private int _disposed;

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            context.Unload();
        }
    }
}

/// <summary>
/// The one Roslyn pipeline behind everything IxaRules compiles — regimens, C# conditions and check
/// scripts: hash the source → a bounded in-memory image cache → the authenticated on-disk cache
/// (<see cref="CompiledCache"/>) → compile → load into a collectible context. The hash covers this
/// build of IxaRules (its module version id) as well as the source, so an image compiled against an
/// older IxaRules is never loaded by a newer one. Only successful compilations are cached.
/// </summary>
internal static class AssemblyPipeline
{
    /// <summary>Stated limit: images kept in memory per process (least recently used first out).</summary>
    public const int MemoryEntries = 64;

    /// <summary>Stated limit: bytes of images kept in memory per process.</summary>
    public const long MemoryBytes = 64L * 1024 * 1024;

    private static readonly string ToolIdentity = typeof(AssemblyPipeline).Assembly.ManifestModule.ModuleVersionId.ToString("N");

    internal static readonly ImageMemory Memory = new(MemoryEntries, MemoryBytes);

    /// <summary>The content key of a source of a given kind, for this build of IxaRules.</summary>
    public static string Hash(CompiledKind kind, string source) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{kind}\n{ToolIdentity}\n{source}")));

    /// <summary>
    /// The assembly for <paramref name="hash"/>: from memory, else from the disk cache (when a
    /// directory is given and its entry authenticates), else <paramref name="compile"/>d now.
    /// <paramref name="compile"/> returns null when the source does not compile (nothing is cached, null is returned).
    /// </summary>
    public static LoadedAssembly? Load(CompiledKind kind, string hash, Func<byte[]?> compile, string? cacheDirectory, bool useMemory = true)
    {
        var fromCache = true;
        if (!(useMemory && Memory.TryGet(hash, out var image)))
        {
            var disk = cacheDirectory is null ? null : CompiledCache.Open(cacheDirectory);
            image = disk?.TryLoad(hash);
            if (image is null)
            {
                image = compile();
                if (image is null)
                {
                    return null;
                }

                fromCache = false;
                disk?.TryStore(hash, image);
            }

            if (useMemory)
            {
                Memory.Add(hash, image);
            }
        }

        var context = new AssemblyLoadContext($"ixarules-{kind.ToString().ToLowerInvariant()}-{hash[..16]}", isCollectible: true);
        using var stream = new MemoryStream(image!, writable: false);
        return new LoadedAssembly(context.LoadFromStream(stream), context, hash, fromCache);
    }
}

/// <summary>A small least-recently-used cache of assembly images, bounded by count and bytes; safe across threads.</summary>
internal sealed class ImageMemory(int maxEntries, long maxBytes)
{
    private readonly LinkedList<(string Hash, byte[] Image)> _order = new();
    private readonly Dictionary<string, LinkedListNode<(string Hash, byte[] Image)>> _index = new(StringComparer.Ordinal);
    private long _bytes;

    public int Count
    {
        get
        {
            lock (_order)
            {
                return _order.Count;
            }
        }
    }

    public bool TryGet(string hash, out byte[]? image)
    {
        lock (_order)
        {
            if (_index.TryGetValue(hash, out var node))
            {
                _order.Remove(node);
                _order.AddFirst(node);
                image = node.Value.Image;
                return true;
            }

            image = null;
            return false;
        }
    }

    public void Add(string hash, byte[] image)
    {
        if (image.Length > maxBytes)
        {
            return; // larger than the whole budget: never kept
        }

        lock (_order)
        {
            if (_index.Remove(hash, out var old))
            {
                _order.Remove(old);
                _bytes -= old.Value.Image.Length;
            }

            _index[hash] = _order.AddFirst((hash, image));
            _bytes += image.Length;
            while (_order.Count > maxEntries || _bytes > maxBytes)
            {
                var last = _order.Last!;
                _order.RemoveLast();
                _index.Remove(last.Value.Hash);
                _bytes -= last.Value.Image.Length;
            }
        }
    }

    public void Clear()
    {
        lock (_order)
        {
            _order.Clear();
            _index.Clear();
            _bytes = 0;
        }
    }
}
