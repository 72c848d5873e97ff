using System.Diagnostics;
using System.Text;
using IxaRules.Evaluation;
using IxaRules.Text;
using System.Reflection;
using IxaRules.Compilation;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Scripting;
using Microsoft.CodeAnalysis.Emit;
using Microsoft.CodeAnalysis.Scripting;

namespace IxaRules.Checks;

/// <summary>
/// Compiles and runs C# check scripts with Roslyn scripting. The references and imports are built
/// once and shared by every script; each script goes through the one compile pipeline
/// (<see cref="AssemblyPipeline"/>), so an unchanged script is loaded from the authenticated cache
/// instead of compiled again. Compile errors are diagnostics located in the script.
/// </summary>
internal static partial class ScriptRunner
{
    private static readonly Lazy<ScriptOptions> BaseOptions = new(() => ScriptOptions.Default
        .WithReferences(typeof(RuleFiles).Assembly, typeof(Enumerable).Assembly, typeof(Outcome).Assembly)
        .WithImports("System", "System.Linq", "System.Collections.Generic", "IxaRules", "IxaRules.Binding", "IxaRules.Evaluation", "IxaRules.Checks")
        .WithEmitDebugInformation(true)
        .WithFileEncoding(Encoding.UTF8));

    /// <summary>What a script did; <paramref name="FromCache"/> when its assembly was loaded from a cache rather than compiled.</summary>
    public sealed record ScriptRun(IReadOnlyList<CaseResult> Cases, IReadOnlyList<Diagnostics.Diagnostic> CompileErrors, TimeSpan CompileTime, bool FromCache = false);

    /// <summary>A script that produced no result of its own: one failed case saying why.</summary>
    public static ScriptRun Failed(string path, string why, TimeSpan duration = default) =>
        new([new CaseResult(CaseKind.Script, path, 1, Path.GetFileName(path), [new CheckFailure(path, 1, why, [])], duration)], [], TimeSpan.Zero);

    /// <summary>Compiles and runs a script in this process: the worker's job (see <see cref="ScriptWorkerLoop"/>).</summary>
    public static ScriptRun Run(string path, ProgramCache programs) => Run(path, programs, RegimenCompiler.DefaultCacheDirectory);

    /// <summary>As <see cref="Run(string, ProgramCache)"/> with another on-disk cache (null: none).</summary>
    internal static ScriptRun Run(string path, ProgramCache programs, string? cacheDirectory)
    {
        var source = InputFile.Read(path, InputFile.ScriptChars);
        if (source.Truncated)
        {
            return Failed(path, $"the check script is larger than {InputFile.ScriptChars / (1024 * 1024)} MiB");
        }

        var text = source.Text;
        var full = Path.GetFullPath(path);
        var clock = Stopwatch.StartNew();
        List<Diagnostics.Diagnostic> errors = [.. UnicodeHazards.HiddenCharacters(source).Where(d => d.Descriptor == Diagnostics.Catalog.SyntaxCodes.BidiControl)]; // C# has its own view of other characters
        LoadedAssembly? loaded = null;
        if (errors.Count == 0)
        {
            // The path is part of the key: it is compiled into the debug information that locates a failure.
            // Roslyn is only loaded when the script has to be compiled: a cached script starts without it.
            var hash = AssemblyPipeline.Hash(CompiledKind.Script, full + "\n" + text);
            loaded = AssemblyPipeline.Load(CompiledKind.Script, hash,
                () => Emit(CSharpScript.Create(text, BaseOptions.Value.WithFilePath(full), typeof(CheckGlobals)), source, errors),
                Cacheable(text) ? cacheDirectory : null);
        }

        var compileTime = clock.Elapsed;
        if (loaded is null)
        {
            var failures = errors.Select(e => new CheckFailure(path, e.Start.Line, $"{e.Message} (col {e.Start.Column})", [])).ToList();
            return new ScriptRun([new CaseResult(CaseKind.Script, path, 1, Path.GetFileName(path) + " (compile)", failures, compileTime)], errors, compileTime);
        }

        var globals = new CheckGlobals(path, programs);
        using (loaded)
        {
            try
            {
                Invoke(loaded, globals);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                globals.Checks[0].Failures.Add(new CheckFailure(path, globals.ScriptLine(e) ?? 1, $"{e.GetType().Name}: {e.Message}", []));
            }
        }

        var cases = globals.Checks
            .Where((c, i) => i > 0 || c.Failures.Count > 0 || globals.Checks.Count == 1)
            .Select(c => new CaseResult(CaseKind.Script, path, c.Line, c.Name, c.Failures, c.Duration))
            .ToList();
        return new ScriptRun(cases, [], compileTime, loaded.FromCache);
    }

    /// <summary>The script's assembly image with its debug information embedded (so a failure names its line), or null with the compile errors added.</summary>
    private static byte[]? Emit(Script script, SourceText source, List<Diagnostics.Diagnostic> errors)
    {
        using var image = new MemoryStream();
        var result = script.GetCompilation().Emit(image, options: new EmitOptions(debugInformationFormat: DebugInformationFormat.Embedded));
        errors.AddRange(result.Diagnostics.Where(d => d.Severity == Microsoft.CodeAnalysis.DiagnosticSeverity.Error).Select(d => ToDiagnostic(source, d)));
        return result.Success && errors.Count == 0 ? image.ToArray() : null;
    }

    /// <summary>
    /// A script that pulls in other files (<c>#load</c>, <c>#r</c>) depends on more than its own text,
    /// so its image is kept in memory only, never in the disk cache keyed by that text.
    /// </summary>
    private static bool Cacheable(string text) => !Directives().IsMatch(text);

    /// <summary>A line that could be a `#load` or `#r` directive (a match inside a string only costs the disk cache, never correctness).</summary>
    [System.Text.RegularExpressions.GeneratedRegex(@"^\s*#\s*(?:load|r)\b", System.Text.RegularExpressions.RegexOptions.Multiline)]
    private static partial System.Text.RegularExpressions.Regex Directives();

    /// <summary>
    /// Runs a compiled script as Roslyn's scripting host does: the submission's static factory takes
    /// the submission array, whose first slot holds the globals.
    /// </summary>
    private static void Invoke(LoadedAssembly loaded, CheckGlobals globals)
    {
        var submission = loaded.Assembly.GetTypes().First(t => t.Name == "Submission#0");
        var factory = submission.GetMethod("<Factory>", BindingFlags.Public | BindingFlags.Static)!;
        try
        {
            ((Task<object>)factory.Invoke(null, [new object?[] { globals, null }])!).GetAwaiter().GetResult();
        }
        catch (TargetInvocationException e) when (e.InnerException is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(e.InnerException).Throw();
        }
    }

    private static Diagnostics.Diagnostic ToDiagnostic(SourceText source, Microsoft.CodeAnalysis.Diagnostic d)
    {
        var span = d.Location.IsInSource ? new TextSpan(d.Location.SourceSpan.Start, d.Location.SourceSpan.Length) : new TextSpan(0, 0);
        return Diagnostics.Catalog.CSharpCodes.ScriptDoesNotCompile.At(source, span,
            $"the check script does not compile: {d.GetMessage(System.Globalization.CultureInfo.InvariantCulture)} ({d.Id})");
    }
}
