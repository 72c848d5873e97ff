using System.Text;

namespace IxaRules.Text;

/// <summary>A file that cannot be read as an input: not a regular file, unreadable, or not there.</summary>
internal sealed class InputFileException(string message) : IOException(message);

/// <summary>
/// Reads an input file without trusting it: a FIFO, a device, a socket or a directory is refused
/// before it is opened (opening a FIFO blocks, and /dev/zero never ends), and the text is read only
/// up to the stated limit — a larger file is cut there and marked truncated, so the stage that owns
/// the limit reports it as a located diagnostic. Memory is bounded by the limit, not by the file.
/// </summary>
internal static class InputFile
{
    /// <summary>Stated limits, in characters (docs/threat-model.md).</summary>
    public const int RuleFileChars = 8 * 1024 * 1024;

    public const int PatientFileChars = 1024 * 1024;

    public const int EventsFileChars = 64 * 1024 * 1024;

    public const int ScriptChars = 1024 * 1024;

    public const int ManifestChars = 4 * 1024;

    public static SourceText Read(string path, int maxChars, string? displayPath = null)
    {
        RefuseSpecial(path);
        try
        {
            using var reader = new StreamReader(path, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
            return Read(reader, maxChars, displayPath ?? path);
        }
        catch (Exception e) when (e is UnauthorizedAccessException or FileNotFoundException or DirectoryNotFoundException or PathTooLongException)
        {
            throw new InputFileException($"cannot read {displayPath ?? path}: {e.Message}");
        }
    }

    /// <summary>Reads a stream (a file, or standard input for `fmt -`) up to the limit; more is cut and marked truncated.</summary>
    public static SourceText Read(TextReader reader, int maxChars, string displayPath)
    {
        var buffer = new char[Math.Min(maxChars + 1, 1 << 16)];
        var text = new StringBuilder();
        int read;
        while (text.Length <= maxChars && (read = reader.Read(buffer, 0, Math.Min(buffer.Length, maxChars + 1 - text.Length))) > 0)
        {
            text.Append(buffer, 0, read);
        }

        // A byte-order mark on standard input (a file's is taken off by the StreamReader that opens it).
        if (text.Length > 0 && text[0] == '\uFEFF')
        {
            text.Remove(0, 1);
        }

        return new SourceText(displayPath, text.ToString()) { Truncated = text.Length > maxChars };
    }

    /// <summary>Refuses anything that is not a regular file (symbolic links are followed to what they name).</summary>
    private static void RefuseSpecial(string path)
    {
        if (Directory.Exists(path))
        {
            throw new InputFileException($"{path} is a directory, not a file");
        }

        if (!OperatingSystem.IsLinux())
        {
            return; // the open below is bounded anyway; FIFOs are a Linux/macOS concern this check covers on Linux
        }

        var kind = FileKind(path);
        if (kind is not null and not "regular file")
        {
            throw new InputFileException($"{path} is a {kind}, not a regular file; inputs are read only from regular files");
        }
    }

    /// <summary>True for a regular file (after symbolic links); false for a FIFO, a device, a directory or nothing.</summary>
    public static bool IsRegularFile(string path) =>
        OperatingSystem.IsLinux() ? FileKind(path) == "regular file" : File.Exists(path);

    /// <summary>True when the file belongs to the user running ixarules (always true off Linux, where this is not checked).</summary>
    public static bool IsOwnedByCurrentUser(string path) =>
        !OperatingSystem.IsLinux() || (Stat(path) is { } status && status.st_uid == Tmds.Linux.LibC.geteuid());

    /// <summary>How many names the file has (hard links); 1 where it cannot be told.</summary>
    public static long LinkCount(string path) => OperatingSystem.IsLinux() && Stat(path) is { } status ? (long)(ulong)status.st_nlink : 1;

    private static string? FileKind(string path) => Stat(path) is not { } status
        ? null // missing or unreadable: the open reports it
        : (status.st_mode & Tmds.Linux.LibC.S_IFMT) switch
        {
            var m when m == Tmds.Linux.LibC.S_IFREG => "regular file",
            var m when m == Tmds.Linux.LibC.S_IFIFO => "named pipe (FIFO)",
            var m when m == Tmds.Linux.LibC.S_IFCHR => "character device",
            var m when m == Tmds.Linux.LibC.S_IFBLK => "block device",
            var m when m == Tmds.Linux.LibC.S_IFSOCK => "socket",
            var m when m == Tmds.Linux.LibC.S_IFDIR => "directory",
            _ => "special file",
        };

    /// <summary>stat(2) of a path (symbolic links followed), or null when it fails.</summary>
    private static unsafe Tmds.Linux.stat? Stat(string path)
    {
        var bytes = Encoding.UTF8.GetBytes(path + "\0");
        Tmds.Linux.stat status;
        fixed (byte* p = bytes)
        {
            return Tmds.Linux.LibC.stat(p, &status) == 0 ? status : null;
        }
    }
}
