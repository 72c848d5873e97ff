using System.Text.Json;
using System.Text.Json.Serialization;

namespace IxaRules.Checks;

/// <summary>
/// What `ixarules test` and its check-script worker say to each other: one JSON line per request
/// on the worker's standard input, one per reply on its standard output. Typed values both ways;
/// the worker never prints anything else there (a script's own console output is captured).
/// </summary>
internal static class ScriptProtocol
{
    public sealed record Request(string Script, bool Compiled);

    public sealed record Failure(string File, int Line, string Message, IReadOnlyList<string> Context);

    public sealed record Case(string File, int Line, string Name, IReadOnlyList<Failure> Failures, double Milliseconds);

    /// <summary>A compile error, located by offset and length in the script.</summary>
    public sealed record CompileError(int Start, int Length, string Message);

    public sealed record Reply(IReadOnlyList<Case> Cases, IReadOnlyList<CompileError> CompileErrors, double CompileMilliseconds, string Output);

    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        MaxDepth = 8,
    };

    public static string Write<T>(T value) => JsonSerializer.Serialize(value, Options);

    /// <summary>The value of a line, or null when the line is not one (a reply the worker did not write).</summary>
    public static T? Read<T>(string line)
        where T : class
    {
        try
        {
            return JsonSerializer.Deserialize<T>(line, Options);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    public static Reply ToReply(ScriptRunner.ScriptRun run, string output) => new(
        [.. run.Cases.Select(c => new Case(c.File, c.Line, c.Name, [.. c.Failures.Select(f => new Failure(f.File, f.Line, f.Message, f.Context))], c.Duration.TotalMilliseconds))],
        [.. run.CompileErrors.Select(d => new CompileError(d.Span.Start, d.Span.Length, d.Message))],
        run.CompileTime.TotalMilliseconds,
        output);
}
