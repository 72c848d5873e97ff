namespace IxaRules.Tests;

/// <summary>A test class with a temporary folder of its own (one per test, as xunit makes one instance per test), deleted after.</summary>
public abstract class TempFolderTest : IDisposable
{
    protected string Dir { get; } = Directory.CreateTempSubdirectory("ixarules-test-").FullName;

    public void Dispose()
    {
        Directory.Delete(Dir, recursive: true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Writes a file below the folder (creating its folders) and returns its path.</summary>
    protected string Write(string name, string text)
    {
        var path = Path.Combine(Dir, name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        return path;
    }
}
