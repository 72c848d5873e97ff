using System.Text;
using IxaRules.Compilation;
using IxaRules.Text;
using Microsoft.CodeAnalysis.CSharp;

namespace IxaRules.Fuzz;

/// <summary>
/// One target per reader of hostile text. Each must return normally for every input: any exception
/// is a finding (afl reports it as a crash), and so is an input that takes longer than afl's -t.
/// </summary>
internal static class Targets
{
    /// <summary>Stated per-input size for fuzzing: larger inputs are cut (the limits themselves are tested apart).</summary>
    private const int MaxInput = 64 * 1024;

    private static readonly Lazy<Binding.BoundFile> Ird = new(() =>
        RuleFiles.Check(new SourceText("ird.ixr", File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "ird.ixr")))).Model!);

    public static readonly IReadOnlyDictionary<string, Action<Stream>> All = new Dictionary<string, Action<Stream>>(StringComparer.Ordinal)
    {
        ["rules"] = stream =>
        {
            var source = new SourceText("fuzz.ixr", Read(stream));
            var result = RuleFiles.Check(source);
            if (!result.Syntax.HasErrors)
            {
                _ = RuleFiles.Format(result.Syntax); // as `ixarules fmt` does: a file with syntax errors is not formatted
            }
            else
            {
                _ = RuleFiles.CheckRecovering(source); // the editor's view of a file being typed
            }
            if (result.Model is { } model)
            {
                foreach (var scenario in model.Scenarios.Take(3))
                {
                    var (regimen, patient, events) = RuleFiles.ScenarioInputs(model, scenario);
                    _ = RuleFiles.Run(model, regimen, patient, events, new Evaluation.RunOptions(Days: 120));
                }
            }
        },
        ["patient"] = stream => _ = RuleFiles.LoadPatient(new SourceText("fuzz.yaml", Read(stream))),
        ["events"] = stream => _ = RuleFiles.LoadEvents(new SourceText("fuzz.events", Read(stream)), Ird.Value.Regimens[0], new DateOnly(2026, 1, 1)),
        ["csharp"] = stream =>
        {
            var code = Read(stream);
            if (CSharpAllowList.CheckText(code) is null)
            {
                _ = CSharpAllowList.Check(SyntaxFactory.ParseExpression(code), new HashSet<string>(StringComparer.Ordinal) { "thrombocytopenia" });
            }
        },
    };

    private static string Read(Stream stream)
    {
        var buffer = new byte[MaxInput];
        var length = 0;
        int read;
        while (length < buffer.Length && (read = stream.Read(buffer, length, buffer.Length - length)) > 0)
        {
            length += read;
        }

        return Encoding.UTF8.GetString(buffer, 0, length);
    }
}
