using System.Diagnostics;
using System.IO.Compression;

namespace IxaRules.Tests.Editors;

/// <summary>
/// The VS Code extension (editors/vscode): its own tests (the wiring with VS Code's API recorded;
/// `ixarules lsp` driven by vscode-jsonrpc, the library VS Code's client is built on) pass, and it
/// packs with @vscode/vsce into a .vsix that holds the grammar, the language configuration and the
/// client. Needs Node.js and npm (the registry, for `npm ci` from the lock file).
/// </summary>
public sealed class VsCodeExtensionTests : TempFolderTest
{
    private static readonly string Extension = Path.Combine(TestPaths.Root, "editors", "vscode");

    [Fact]
    public void The_extension_passes_its_tests_and_packs_into_a_vsix_with_grammar_configuration_and_client()
    {
        Npm("ci", "--no-audit", "--no-fund", "--ignore-scripts");
        var tests = Npm("test");
        Assert.Contains("# pass 3", tests);
        Assert.Contains("# fail 0", tests);

        var vsix = Path.Combine(Dir, "ixarules.vsix");
        Npm("exec", "--", "vsce", "package", "--skip-license", "--allow-missing-repository", "--out", vsix);
        using var zip = ZipFile.OpenRead(vsix);
        var names = zip.Entries.Select(e => e.FullName).ToHashSet(StringComparer.Ordinal);
        Assert.Contains("extension/package.json", names);
        Assert.Contains("extension/extension.js", names);
        Assert.Contains("extension/language-configuration.json", names);
        Assert.Contains("extension/node_modules/vscode-languageclient/package.json", names);
        Assert.DoesNotContain(names, n => n.StartsWith("extension/test/", StringComparison.Ordinal));
        using var grammar = new StreamReader(zip.GetEntry("extension/syntaxes/ixarules.tmLanguage.json")!.Open());
        Assert.Equal(File.ReadAllText(IxrGrammar.Path), grammar.ReadToEnd());
    }

    private static string Npm(params string[] args)
    {
        var start = new ProcessStartInfo("npm", args) { WorkingDirectory = Extension, RedirectStandardOutput = true, RedirectStandardError = true };
        start.Environment["IXARULES_CLI"] = Path.Combine(AppContext.BaseDirectory, "IxaRules.Cli");
        start.Environment["NO_UPDATE_NOTIFIER"] = "1";
        using var npm = Process.Start(start) ?? throw new InvalidOperationException("npm did not start (Node.js and npm are needed)");
        var stdout = npm.StandardOutput.ReadToEndAsync();
        var stderr = npm.StandardError.ReadToEndAsync();
        if (!npm.WaitForExit(300_000))
        {
            npm.Kill(entireProcessTree: true);
            Assert.Fail($"npm {string.Join(' ', args)} did not finish within 5 minutes");
        }

        Assert.True(npm.ExitCode == 0, $"npm {string.Join(' ', args)} exited {npm.ExitCode}:\n{stdout.Result}\n{stderr.Result}");
        return stdout.Result;
    }
}
