namespace IxaRules.Cli;

/// <summary>
/// A file an option names for output (`report -o`, `cohort --report`, `test --junit`) may be new, or
/// an earlier output of the same kind; an existing file of another kind — a rule file, a patient, an
/// events file — is never overwritten by a slip of the command line (`-o rules/ird.ixr`).
/// </summary>
internal static class OutputFile
{
    /// <summary>True (after saying why) when <paramref name="path"/> must not be written.</summary>
    public static bool Refused(string? path, string option, TextWriter stderr, params string[] kinds)
    {
        if (path is null)
        {
            return false;
        }

        if (path.Trim().Length == 0)
        {
            stderr.WriteLine($"error: {option} needs a file name");
            return true;
        }

        // Through a link, what would be written is the file it names.
        var info = new FileInfo(path);
        var target = info.Exists && info.LinkTarget is not null ? info.ResolveLinkTarget(returnFinalTarget: true)!.FullName : path;
        if (File.Exists(target) && !IxaRules.Text.InputFile.IsRegularFile(target))
        {
            stderr.WriteLine($"error: {path} is not a regular file (a device or a pipe), so {option} does not write to it");
            return true;
        }

        if (Directory.Exists(path))
        {
            stderr.WriteLine($"error: {option} {path} is a directory; name a file in it");
            return true;
        }

        if (File.Exists(target) && !kinds.Any(k => target.EndsWith(k, StringComparison.OrdinalIgnoreCase)))
        {
            stderr.WriteLine($"error: {path} exists and is not a {string.Join(" or ", kinds)} file, so {option} does not overwrite it");
            stderr.WriteLine($"help: name a new file, or one ending in {string.Join(" or ", kinds)}");
            return true;
        }

        return false;
    }
}
