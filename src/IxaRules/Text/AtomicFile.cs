namespace IxaRules.Text;

/// <summary>
/// Replaces a file's text whole or not at all (`fmt`, `test --update`): the new text goes to a
/// temporary file beside it, then is renamed over it, so a crash or a full disk mid-write leaves the
/// old text, never half of each. A symbolic link is followed (the file it names is replaced, the link
/// stays) and the file keeps its permissions.
/// </summary>
internal static class AtomicFile
{
    public static void Replace(string path, string text)
    {
        var info = new FileInfo(path);
        var target = info.Exists && info.LinkTarget is not null ? info.ResolveLinkTarget(returnFinalTarget: true)!.FullName : path;
        var temporary = target + "." + Guid.NewGuid().ToString("N") + ".tmp";
        try
        {
            File.WriteAllText(temporary, text);
            if (!OperatingSystem.IsWindows() && File.Exists(target))
            {
                File.SetUnixFileMode(temporary, File.GetUnixFileMode(target));
            }

            File.Move(temporary, target, overwrite: true);
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
