using System.Collections.Immutable;
using System.Reflection;
using System.Text;
using IxaRules.Binding;
using IxaRules.Diagnostics;
using IxaRules.Evaluation;
using IxaRules.Text;
using Diagnostic = IxaRules.Diagnostics.Diagnostic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using IxaRules.Diagnostics.Catalog;

namespace IxaRules.Compilation;

/// <summary>
/// Embedded C# conditions. Each is parsed as exactly one expression, compiled as a method of a
/// class deriving from <see cref="RuleContext"/>, and checked against an allow-list on the semantic
/// model: the rule context, primitive values and their operators, and <c>System.Math</c>; nothing
/// else (no I/O, reflection, types, threads, tasks, environment, processes, unsafe code, dynamic,
/// object creation, lambdas or queries — and so no loops). Problems are located in the rule file.
/// </summary>
internal static class CSharpConditions
{
    private const string Prefix = "public bool C";

    public static List<CSharpCondition> All(BoundFile file) =>
    [
        .. file.Regimens.SelectMany(r => r.Phases).SelectMany(p => p.CycleStart is { } c ? [c.Require] : Array.Empty<Condition>())
            .Concat(file.Rules.SelectMany(r => r.Branches.SelectMany(b => b.Actions).OfType<HoldDrugs>().Select(h => h.Until).Prepend(r.Trigger)))
            .SelectMany(c => ConditionLeaves.Of(c).OfType<CSharpCondition>())
            .Distinct(),
    ];

    /// <summary>Stated limit: compiling a file's C# conditions at check time may take this long.</summary>
    public static readonly TimeSpan CompileBudget = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Check-time validation of every C# condition of a file: the text (length, nesting), one
    /// expression, the syntax allow-list (before Roslyn binds anything), then compilation within a
    /// time budget and the semantic allow-list as a second fence. Problems are located in the file.
    /// </summary>
    public static IReadOnlyList<Diagnostic> Check(SourceText source, IEnumerable<CSharpCondition> conditions, IReadOnlySet<string> counters) =>
        Check(source, conditions, counters, CompileBudget);

    /// <summary>As <see cref="Check(SourceText, IEnumerable{CSharpCondition}, IReadOnlySet{string})"/> with another budget (tests spend none).</summary>
    internal static IReadOnlyList<Diagnostic> Check(SourceText source, IEnumerable<CSharpCondition> conditions, IReadOnlySet<string> counters, TimeSpan compileBudget)
    {
        var list = conditions.ToList();
        if (list.Count == 0)
        {
            return [];
        }

        var diagnostics = new List<Diagnostic>();
        var (code, offsets, expressions) = Build(source, list, diagnostics, counters);
        if (expressions.Count == 0)
        {
            return DiagnosticBag.Sort(diagnostics.Distinct());
        }

        var compilation = Compilation(code);
        var tree = compilation.SyntaxTrees[0];
        using var budget = new CancellationTokenSource(compileBudget);
        ImmutableArray<Microsoft.CodeAnalysis.Diagnostic> compiled;
        SemanticModel model;
        try
        {
            compiled = compilation.GetDiagnostics(budget.Token);
            model = compilation.GetSemanticModel(tree);
        }
        catch (OperationCanceledException)
        {
            var first = list[expressions[0].Index];
            diagnostics.Add(Error(CSharpCodes.CompileBudget, source, first.CodeSpan, $"the C# conditions took more than {compileBudget.TotalSeconds:0.#} s to compile",
                "simplify the C# conditions, or write them in the rule language"));
            return DiagnosticBag.Sort(diagnostics);
        }

        foreach (var error in compiled.Where(d => d.Severity == Microsoft.CodeAnalysis.DiagnosticSeverity.Error && d.Location.IsInSource))
        {
            if (Locate(error.Location.SourceSpan, offsets) is { } at)
            {
                diagnostics.Add(Error(CSharpCodes.ConditionDoesNotCompile, source, at, $"the C# condition does not compile: {error.GetMessage(System.Globalization.CultureInfo.InvariantCulture)} ({error.Id})",
                    "C# conditions read the rule context: Lab(\"anc\"), Grade(\"rash\"), Cycle, CycleDay, Day, Counter(\"name\"), Age, CrCl, …"));
            }
        }

        var root = tree.GetRoot();
        foreach (var (index, _) in expressions)
        {
            var method = root.DescendantNodes().OfType<MethodDeclarationSyntax>().First(m => m.Identifier.Text == "C" + index);
            // One diagnostic per condition: its first violation in reading order (the innermost name,
            // so the message says `System.IO.File`, not the whole member chain).
            var first = method.ExpressionBody!.Expression.DescendantNodesAndSelf()
                .Select(node => (node, why: CSharpSemanticFence.Forbidden(node, model)))
                .Where(x => x.why is not null)
                .OrderBy(x => x.node.SpanStart).ThenBy(x => x.node.Span.Length)
                .FirstOrDefault();
            if (first.why is not null && Locate(first.node.Span, offsets) is { } at)
            {
                diagnostics.Add(Error(CSharpCodes.NotAllowed, source, at, $"not allowed in a C# condition: {first.why}",
                    "a C# condition may only read the rule context, primitive values and System.Math"));
            }
        }

        return DiagnosticBag.Sort(diagnostics.Distinct());
    }

    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<BoundFile, Func<CSharpCondition, WorldState, bool?>?> PerFile = [];

    /// <summary>
    /// Compiled predicates for the conditions of a checked file; null when it has none. Worked out
    /// once per bound file (a cohort runs the same file many times), and compiled once per source.
    /// </summary>
    public static Func<CSharpCondition, WorldState, bool?>? For(BoundFile file) => PerFile.GetValue(file, Build);

    private static Func<CSharpCondition, WorldState, bool?>? Build(BoundFile file)
    {
        var list = All(file);
        if (list.Count == 0)
        {
            return null;
        }

        var (code, _, _) = Build(file.Source, list, [], Counters(file));
        var hash = AssemblyPipeline.Hash(CompiledKind.Conditions, code);
        var loaded = AssemblyPipeline.Load(CompiledKind.Conditions, hash, () => Emit(code), cacheDirectory: null)!;
        return new LoadedConditions(loaded, list).Evaluate;
    }

    /// <summary>The counter names a file's rules use (what `Counter("…")` may name).</summary>
    public static IReadOnlySet<string> Counters(BoundFile file) => file.Rules.Select(r => r.Counter).ToHashSet(StringComparer.Ordinal);

    private static byte[] Emit(string code)
    {
        using var stream = new MemoryStream();
        var result = Compilation(code).Emit(stream);
        if (!result.Success)
        {
            throw new InvalidOperationException("a checked C# condition does not compile: " + result.Diagnostics.First(d => d.Severity == Microsoft.CodeAnalysis.DiagnosticSeverity.Error));
        }

        return stream.ToArray();
    }

    /// <summary>
    /// A file's compiled conditions as one delegate per condition (not reflection per evaluation),
    /// a fresh context per evaluation so that evaluations share nothing. An exception inside a
    /// condition (a null lab's `.Value`, an integer division by zero) means it could not be evaluated.
    /// The conditions are shared by every run plan of the file, so no single owner may unload them:
    /// the last reference going away does (the finalizer starts the unload of the collectible context).
    /// </summary>
    private sealed class LoadedConditions
    {
        private readonly LoadedAssembly _assembly;
        private readonly Dictionary<CSharpCondition, Func<RuleContext, bool>> _index;
        private readonly Func<RuleContext> _create;

        public LoadedConditions(LoadedAssembly assembly, List<CSharpCondition> list)
        {
            _assembly = assembly;
            var type = assembly.Assembly.GetType("IxaRules.Generated.Conditions")!;
            var context = System.Linq.Expressions.Expression.Parameter(typeof(RuleContext), "context");
            _index = list.Select((c, i) => (c, i)).ToDictionary(x => x.c, x => System.Linq.Expressions.Expression.Lambda<Func<RuleContext, bool>>(
                System.Linq.Expressions.Expression.Call(System.Linq.Expressions.Expression.Convert(context, type), type.GetMethod("C" + x.i, BindingFlags.Public | BindingFlags.Instance)!),
                context).Compile());
            _create = System.Linq.Expressions.Expression.Lambda<Func<RuleContext>>(System.Linq.Expressions.Expression.New(type)).Compile();
        }

        ~LoadedConditions() => _assembly.Dispose();

        public bool? Evaluate(CSharpCondition condition, WorldState world)
        {
            if (!_index.TryGetValue(condition, out var evaluate))
            {
                return null;
            }

            var instance = _create();
            instance.Use(world);
            try
            {
                return evaluate(instance);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                // A null lab dereferenced, Math.Clamp(x, 5, 1), an overflow: whatever an allowed
                // expression throws, the condition could not be evaluated that day (found by a red-team pass).
                return null;
            }
        }
    }

    private static (string Code, List<(int Offset, int Length, int SourceStart)> Offsets, List<(int Index, ExpressionSyntax Expression)> Expressions) Build(
        SourceText source, List<CSharpCondition> conditions, List<Diagnostic> diagnostics, IReadOnlySet<string> counters)
    {
        var sb = new StringBuilder("using System;\n\nnamespace IxaRules.Generated;\n\npublic sealed class Conditions : IxaRules.Evaluation.RuleContext\n{\n");
        var offsets = new List<(int, int, int)>();
        var expressions = new List<(int, ExpressionSyntax)>();
        for (var i = 0; i < conditions.Count; i++)
        {
            var c = conditions[i];
            if (Refuse(source, c, counters) is { } refused)
            {
                diagnostics.Add(refused);
                sb.Append("    ").Append(Prefix).Append(i).Append("() => false;\n");
                continue;
            }

            sb.Append("    ").Append(Prefix).Append(i).Append("() => (");
            offsets.Add((sb.Length, c.Code.Length, c.CodeSpan.Start));
            sb.Append(c.Code).Append(");\n");
            expressions.Add((i, SyntaxFactory.ParseExpression(c.Code)));
        }

        return (sb.Append("}\n").ToString(), offsets, expressions);
    }

    /// <summary>Why a snippet is refused before any semantic binding: its text, its shape (exactly one expression) or the syntax allow-list.</summary>
    private static Diagnostic? Refuse(SourceText source, CSharpCondition c, IReadOnlySet<string> counters)
    {
        Diagnostic At(CSharpAllowList.Violation v) =>
            Error(v.Code, source, new TextSpan(c.CodeSpan.Start + Math.Min(v.Start, Math.Max(0, c.Code.Length - 1)), Math.Max(1, Math.Min(v.Length, c.Code.Length - v.Start))), v.Message, v.Help);

        if (CSharpAllowList.CheckText(c.Code) is { } text)
        {
            return At(text);
        }

        var expression = SyntaxFactory.ParseExpression(c.Code);
        if (expression.FullSpan.Length < c.Code.TrimEnd().Length || expression.ContainsDiagnostics)
        {
            // One expression, and nothing after it: this is what keeps a snippet from closing the method.
            var at = expression.ContainsDiagnostics ? expression.GetDiagnostics().First().Location.SourceSpan.Start : expression.FullSpan.End;
            return Error(CSharpCodes.NotOneExpression, source, new TextSpan(c.CodeSpan.Start + Math.Min(at, Math.Max(0, c.Code.Length - 1)), 1),
                "a C# condition must be exactly one expression", "write a single boolean expression, e.g. `Cycle > 2 && Lab(\"anc\") < 0.5`");
        }

        return CSharpAllowList.Check(expression, counters) is { } violation ? At(violation) : null;
    }

    private static CSharpCompilation Compilation(string code) =>
        CSharpCompilation.Create("IxaRules.Generated.CSharpConditions", [CSharpSyntaxTree.ParseText(code)], RegimenCompiler.MetadataReferences,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, optimizationLevel: OptimizationLevel.Release, allowUnsafe: false));

    private static TextSpan? Locate(Microsoft.CodeAnalysis.Text.TextSpan span, List<(int Offset, int Length, int SourceStart)> offsets)
    {
        foreach (var (offset, length, sourceStart) in offsets)
        {
            if (span.Start >= offset && span.Start <= offset + length)
            {
                return new TextSpan(sourceStart + (span.Start - offset), Math.Max(1, Math.Min(span.Length, offset + length - span.Start)));
            }
        }

        return null;
    }

    private static Diagnostic Error(Diagnostics.DiagnosticDescriptor descriptor, SourceText source, TextSpan span, string message, string? help = null) =>
        descriptor.At(source, span, message, help);
}
