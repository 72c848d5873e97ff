using System.Runtime.CompilerServices;

namespace IxaRules.Tests;

internal static class RepositoryDirectory
{
    /// <summary>
    /// Paths in diagnostics and outcomes are shown relative to the working directory, as for a user
    /// running ixarules from the repository; run the tests from there too, so baselines are stable.
    /// </summary>
    [ModuleInitializer]
    internal static void Enter() => Directory.SetCurrentDirectory(TestPaths.Root);
}
