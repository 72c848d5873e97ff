namespace IxaRules.Text;

/// <summary>
/// Replaces a file's text (`fmt`, `report -o`, `test --update`) as the user expects of an editor:
/// whole or not at all — the new text goes to a temporary file beside it, then is renamed over it,
/// so a crash or a full disk mid-write leaves the old text — and never with more rights than the
/// file gives: a file the user may not write is refused (renaming over it needs only the folder's
/// permission). A symbolic link is followed and stays a link; the file keeps its permissions. A file
/// with other names (hard links), one owned by another user, or one in a folder the user cannot
/// write is written in place instead, which keeps its links and its owner.
/// </summary>
internal static class AtomicFile
{
    public static void Replace(string path, string text)
    {
        var info = new FileInfo(path);
        var target = info.Exists && info.LinkTarget is not null ? info.ResolveLinkTarget(returnFinalTarget: true)!.FullName : path;
        try
        {
            if (!File.Exists(target))
            {
                ViaTemporary(target, text);
                return;
            }

            if (!InputFile.IsRegularFile(target))
            {
                File.WriteAllText(target, text); // a device or a pipe: renaming over it would replace the node itself
                return;
            }

            using (File.Open(target, FileMode.Open, FileAccess.Write, FileShare.ReadWrite))
            {
                // Opened for writing only to ask the file system whether this user may.
            }

            if (InputFile.LinkCount(target) > 1 || !InputFile.IsOwnedByCurrentUser(target) || !ViaTemporary(target, text))
            {
                File.WriteAllText(target, text);
            }
        }
        catch (UnauthorizedAccessException)
        {
            throw new IOException($"cannot write {path}: permission denied");
        }
    }

    /// <summary>Writes beside the file and renames over it; false (nothing changed) when the folder does not let a file be made.</summary>
    private static bool ViaTemporary(string target, string text)
    {
        var temporary = target + "." + Guid.NewGuid().ToString("N") + ".tmp";
        try
        {
            File.WriteAllText(temporary, text);
            if (!OperatingSystem.IsWindows() && File.Exists(target))
            {
                File.SetUnixFileMode(temporary, File.GetUnixFileMode(target));
            }

            File.Move(temporary, target, overwrite: true);
            return true;
        }
        catch (UnauthorizedAccessException) when (!File.Exists(temporary) && File.Exists(target))
        {
            return false;
        }
        finally
        {
            if (File.Exists(temporary))
            {
                File.Delete(temporary);
            }
        }
    }
}
