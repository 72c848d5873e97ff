using System.Diagnostics;
using System.Text;
using IxaRules.Evaluation;
using IxaRules.Text;
using Microsoft.CodeAnalysis.CSharp.Scripting;
using Microsoft.CodeAnalysis.Scripting;

namespace IxaRules.Checks;

/// <summary>
/// Compiles and runs C# check scripts with Roslyn scripting. The references and imports are built
/// once and shared by every script; each script is compiled once. Compile errors are diagnostics
/// located in the script.
/// </summary>
internal static class ScriptRunner
{
    private static readonly Lazy<ScriptOptions> BaseOptions = new(() => ScriptOptions.Default
        .WithReferences(typeof(RuleFiles).Assembly, typeof(Enumerable).Assembly, typeof(Outcome).Assembly)
        .WithImports("System", "System.Linq", "System.Collections.Generic", "IxaRules", "IxaRules.Binding", "IxaRules.Evaluation", "IxaRules.Checks")
        .WithEmitDebugInformation(true)
        .WithFileEncoding(Encoding.UTF8));

    public sealed record ScriptRun(IReadOnlyList<CaseResult> Cases, IReadOnlyList<Diagnostics.Diagnostic> CompileErrors, TimeSpan CompileTime);

    /// <summary>A script that produced no result of its own: one failed case saying why.</summary>
    public static ScriptRun Failed(string path, string why, TimeSpan duration = default) =>
        new([new CaseResult(CaseKind.Script, path, 1, Path.GetFileName(path), [new CheckFailure(path, 1, why, [])], duration)], [], TimeSpan.Zero);

    /// <summary>Compiles and runs a script in this process: the worker's job (see <see cref="ScriptWorkerLoop"/>).</summary>
    public static ScriptRun Run(string path, ProgramCache programs)
    {
        var source = InputFile.Read(path, InputFile.ScriptChars);
        if (source.Truncated)
        {
            return Failed(path, $"the check script is larger than {InputFile.ScriptChars / (1024 * 1024)} MiB");
        }

        var text = source.Text;
        var clock = Stopwatch.StartNew();
        List<Diagnostics.Diagnostic> errors = [.. UnicodeHazards.HiddenCharacters(source).Where(d => d.Descriptor == Diagnostics.Catalog.SyntaxCodes.BidiControl)]; // C# has its own view of other characters
        var script = CSharpScript.Create(text, BaseOptions.Value.WithFilePath(Path.GetFullPath(path)), typeof(CheckGlobals));
        if (errors.Count == 0)
        {
            errors.AddRange(script.Compile().Where(d => d.Severity == Microsoft.CodeAnalysis.DiagnosticSeverity.Error).Select(d => ToDiagnostic(source, d)));
        }

        var compileTime = clock.Elapsed;
        if (errors.Count > 0)
        {
            var failures = errors.Select(e => new CheckFailure(path, e.Start.Line, $"{e.Message} (col {e.Start.Column})", [])).ToList();
            return new ScriptRun([new CaseResult(CaseKind.Script, path, 1, Path.GetFileName(path) + " (compile)", failures, compileTime)], errors, compileTime);
        }

        var globals = new CheckGlobals(path, programs);
        clock.Restart();
        try
        {
            script.RunAsync(globals).GetAwaiter().GetResult();
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            globals.Checks[0].Failures.Add(new CheckFailure(path, globals.ScriptLine(e) ?? 1, $"{e.GetType().Name}: {e.Message}", []));
        }

        var cases = globals.Checks
            .Where((c, i) => i > 0 || c.Failures.Count > 0 || globals.Checks.Count == 1)
            .Select(c => new CaseResult(CaseKind.Script, path, c.Line, c.Name, c.Failures, c.Duration))
            .ToList();
        return new ScriptRun(cases, [], compileTime);
    }

    private static Diagnostics.Diagnostic ToDiagnostic(SourceText source, Microsoft.CodeAnalysis.Diagnostic d)
    {
        var span = d.Location.IsInSource ? new TextSpan(d.Location.SourceSpan.Start, d.Location.SourceSpan.Length) : new TextSpan(0, 0);
        return Diagnostics.Catalog.CSharpCodes.ScriptDoesNotCompile.At(source, span,
            $"the check script does not compile: {d.GetMessage(System.Globalization.CultureInfo.InvariantCulture)} ({d.Id})");
    }
}
