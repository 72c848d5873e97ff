using System.Security.Cryptography;
using System.Text;
using IxaRules.Text;

namespace IxaRules.Compilation;

/// <summary>
/// The on-disk cache of compiled regimens, which nobody but its user can fill. An entry is the
/// assembly behind an HMAC-SHA256 of (source hash, assembly), keyed by a per-user secret kept outside
/// the cache directory (created 0600 in a 0700 folder; refused if anyone else could read or replace
/// it). An entry that does not authenticate — planted, corrupt, cut short, from another user or
/// machine — is a miss: the regimen is compiled again and the entry rewritten. So a cache restored
/// from another branch in CI can cost a compilation, never run foreign code or fail a run.
/// </summary>
internal sealed class CompiledCache
{
    private const int KeyBytes = 32;

    /// <summary>Stated limit: no generated regimen assembly comes near this; a larger file is not read.</summary>
    private const long MaxEntryBytes = 16 * 1024 * 1024;

    private readonly string _directory;
    private readonly byte[] _key;

    private CompiledCache(string directory, byte[] key)
    {
        _directory = directory;
        _key = key;
    }

    /// <summary>The per-user key file: beside, not inside, the default cache folder.</summary>
    public static string DefaultKeyFile =>
        Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData), "ixarules", "cache.key");

    /// <summary>A cache over a folder, or null when no trustworthy key can be had (then nothing is cached on disk).</summary>
    public static CompiledCache? Open(string directory, string? keyFile = null)
    {
        keyFile ??= DefaultKeyFile;
        var full = Path.GetFullPath(directory);
        var keyFull = Path.GetFullPath(keyFile);
        if (keyFull.StartsWith(full.TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            return null; // a key inside the cache would travel with it
        }

        return LoadOrCreateKey(keyFull) is { } key ? new CompiledCache(full, key) : null;
    }

    /// <summary>The authenticated assembly for a source hash, or null (a miss).</summary>
    public byte[]? TryLoad(string hash)
    {
        var path = PathOf(hash);
        try
        {
            var info = new FileInfo(path);
            if (!info.Exists || !InputFile.IsRegularFile(path) || info.Length <= KeyBytes || info.Length > MaxEntryBytes)
            {
                return null;
            }

            var entry = File.ReadAllBytes(path);
            var image = entry.AsSpan(KeyBytes);
            return CryptographicOperations.FixedTimeEquals(entry.AsSpan(0, KeyBytes), Tag(hash, image)) ? image.ToArray() : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>Stores an entry; the cache is an optimisation, so a failure to write is not an error.</summary>
    public void TryStore(string hash, byte[] image)
    {
        try
        {
            CreatePrivateDirectory(_directory);
            var path = PathOf(hash);
            var temporary = path + "." + Guid.NewGuid().ToString("N") + ".tmp"; // unique per write: threads and processes may race
            using (var stream = CreatePrivateFile(temporary))
            {
                stream.Write(Tag(hash, image));
                stream.Write(image);
            }

            File.Move(temporary, path, overwrite: true); // atomic: concurrent runs never read half a file
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
        }
    }

    private string PathOf(string hash) => Path.Combine(_directory, hash + ".dll");

    private byte[] Tag(string hash, ReadOnlySpan<byte> image)
    {
        using var hmac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, _key);
        hmac.AppendData(Encoding.ASCII.GetBytes(hash + "\n"));
        hmac.AppendData(image);
        return hmac.GetHashAndReset();
    }

    private static byte[]? LoadOrCreateKey(string keyFile)
    {
        try
        {
            if (!File.Exists(keyFile))
            {
                CreatePrivateDirectory(Path.GetDirectoryName(keyFile)!);
                var temporary = keyFile + "." + Guid.NewGuid().ToString("N") + ".tmp";
                using (var stream = CreatePrivateFile(temporary))
                {
                    stream.Write(RandomNumberGenerator.GetBytes(KeyBytes));
                }

                try
                {
                    File.Move(temporary, keyFile, overwrite: false); // the first process to create it wins; the others read it
                }
                catch (IOException)
                {
                    File.Delete(temporary);
                }
            }

            if (!InputFile.IsRegularFile(keyFile) || !OnlyTheUserCanUse(keyFile) || new FileInfo(keyFile).Length != KeyBytes)
            {
                return null;
            }

            var key = File.ReadAllBytes(keyFile);
            return key.Length == KeyBytes ? key : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static bool OnlyTheUserCanUse(string path) =>
        OperatingSystem.IsWindows()
        || ((File.GetUnixFileMode(path) & (UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.OtherRead | UnixFileMode.OtherWrite)) == 0
            && InputFile.IsOwnedByCurrentUser(path));

    private static void CreatePrivateDirectory(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(path);
        }
        else
        {
            Directory.CreateDirectory(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }

    private static FileStream CreatePrivateFile(string path)
    {
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        return new FileStream(path, options);
    }
}
