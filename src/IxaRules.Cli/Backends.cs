using System.CommandLine;

namespace IxaRules.Cli;

/// <summary>The `--backend` option: which engine evaluates conditions. Both give byte-identical outcomes (tested).</summary>
internal static class Backends
{
    public static Option<Backend?> Option(string defaultText) => Choices.Create<Backend?>("--backend",
        $"interpreted (the reference tree walk) or compiled (Roslyn-generated code, cached by content hash). Default: {defaultText}.",
        null, ("interpreted", Backend.Interpreted), ("compiled", Backend.Compiled));
}
