using System.Reflection;
using System.Text;
using System.Text.Json;
using IxaRules.Diagnostics.Catalog;

namespace IxaRules.Diagnostics;

/// <summary>
/// A SARIF 2.1.0 log of one run (what GitHub code scanning and most CI dashboards read): diagnostics
/// by their catalog code, and for <c>ixarules test</c> failed cases as results of the rules
/// <c>test/scenario</c>, <c>test/script</c>, <c>test/example</c> and <c>test/coverage</c>. Hand-written
/// on System.Text.Json: the SARIF SDK does not restore here. Deterministic: no timestamps, no machine paths
/// beyond the ones given. Validated against the OASIS schema in the tests.
/// </summary>
internal sealed class SarifLog
{
    private sealed record Result(string RuleId, string Title, string Level, string Message, string File, int Line, int Column, int EndLine, int EndColumn);

    private readonly List<Result> _results = [];

    public static readonly IReadOnlyDictionary<string, string> TestRules = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["test/scenario"] = "a scenario's expectation does not hold",
        ["test/script"] = "a C# check script's check failed",
        ["test/example"] = "an example's outcome differs from its expected output",
        ["test/coverage"] = "rule coverage is below the required percentage",
    };

    public SarifLog AddAll(IEnumerable<Diagnostic> diagnostics)
    {
        foreach (var d in diagnostics)
        {
            var (line, column) = d.Start;
            var (endLine, endColumn) = d.End;
            var message = d.Help is { } help ? $"{d.Message}\nhelp: {help}" : d.Message;
            _results.Add(new Result(d.Code, d.Descriptor.Title, Diagnostic.SeverityText(d.Severity), message, d.Source.Path, line, column, endLine, Math.Max(endColumn, column + 1)));
        }

        return this;
    }

    /// <summary>A test failure located at a line (its column is unknown: the whole line).</summary>
    public void AddFailure(string ruleId, string file, int line, string message) =>
        _results.Add(new Result(ruleId, TestRules[ruleId], "error", message, file, Math.Max(1, line), 0, 0, 0));

    public string Write()
    {
        var rules = _results.Select(r => (r.RuleId, r.Title)).Distinct().OrderBy(r => r.RuleId, StringComparer.Ordinal).ToList();
        var index = rules.Select((r, i) => (r.RuleId, i)).ToDictionary(x => x.RuleId, x => x.i, StringComparer.Ordinal);
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteString("$schema", "https://json.schemastore.org/sarif-2.1.0.json");
            w.WriteString("version", "2.1.0");
            w.WriteStartArray("runs");
            w.WriteStartObject();
            w.WriteStartObject("tool");
            w.WriteStartObject("driver");
            w.WriteString("name", "ixarules");
            w.WriteString("version", Version);
            w.WriteStartArray("rules");
            foreach (var (id, title) in rules)
            {
                w.WriteStartObject();
                w.WriteString("id", id);
                w.WriteStartObject("shortDescription");
                w.WriteString("text", title);
                w.WriteEndObject();
                w.WriteStartObject("defaultConfiguration");
                w.WriteString("level", DiagnosticCatalog.Find(id) is { Severity: DiagnosticSeverity.Warning } ? "warning" : "error");
                w.WriteEndObject();
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
            w.WriteEndObject();
            w.WriteString("columnKind", "utf16CodeUnits");
            w.WriteStartArray("results");
            foreach (var r in _results)
            {
                WriteResult(w, r, index[r.RuleId]);
            }

            w.WriteEndArray();
            w.WriteEndObject();
            w.WriteEndArray();
            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray()) + "\n";
    }

    private static void WriteResult(Utf8JsonWriter w, Result r, int ruleIndex)
    {
        w.WriteStartObject();
        w.WriteString("ruleId", r.RuleId);
        w.WriteNumber("ruleIndex", ruleIndex);
        w.WriteString("level", r.Level);
        w.WriteStartObject("message");
        w.WriteString("text", r.Message);
        w.WriteEndObject();
        w.WriteStartArray("locations");
        w.WriteStartObject();
        w.WriteStartObject("physicalLocation");
        w.WriteStartObject("artifactLocation");
        w.WriteString("uri", Uri(r.File));
        w.WriteEndObject();
        w.WriteStartObject("region");
        w.WriteNumber("startLine", r.Line);
        if (r.Column > 0)
        {
            w.WriteNumber("startColumn", r.Column);
            w.WriteNumber("endLine", r.EndLine);
            w.WriteNumber("endColumn", r.EndColumn);
        }

        w.WriteEndObject();
        w.WriteEndObject();
        w.WriteEndObject();
        w.WriteEndArray();
        w.WriteEndObject();
    }

    /// <summary>A path as a URI reference: relative paths stay relative (SARIF viewers resolve them against the checkout), segments escaped.</summary>
    internal static string Uri(string path)
    {
        var segments = string.Join('/', path.Replace('\\', '/').Split('/').Select(System.Uri.EscapeDataString));
        return Path.IsPathRooted(path) ? "file://" + (segments.StartsWith('/') ? "" : "/") + segments : segments;
    }

    private static string Version =>
        typeof(SarifLog).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0";
}
