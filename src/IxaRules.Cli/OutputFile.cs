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

        if (Directory.Exists(path))
        {
            stderr.WriteLine($"error: {option} {path} is a directory; name a file in it");
            return true;
        }

        if (File.Exists(path) && !kinds.Any(k => path.EndsWith(k, StringComparison.OrdinalIgnoreCase)))
        {
            stderr.WriteLine($"error: {path} exists and is not a {string.Join(" or ", kinds)} file, so {option} does not overwrite it");
            stderr.WriteLine($"help: name a new file, or one ending in {string.Join(" or ", kinds)}");
            return true;
        }

        return false;
    }
}
