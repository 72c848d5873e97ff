using System.Globalization;
using System.Text;
using System.Text.Json;
using IxaRules.Diagnostics;

namespace IxaRules.Checks;

/// <summary>
/// A test run for tools: JSON (stable fields, below), SARIF 2.1.0 and TAP 14. None carries a
/// duration or a timestamp, so the same files give byte-identical output.
/// </summary>
internal static class TestReportWriters
{
    /// <summary>
    /// <c>{"passed", "failed", "scriptsSkipped", "coverage": {"percent", "covered", "total", "notCovered": [{file, rule, branch, line}]},
    /// "diagnostics": [as check --format json], "cases": [{"kind", "name", "file", "line", "passed", "failures": [{file, line, message, context}]}]}</c>
    /// </summary>
    public static string Json(TestReport report)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteNumber("passed", report.Passed);
            w.WriteNumber("failed", report.Failed);
            w.WriteNumber("scriptsSkipped", report.ScriptsSkipped);
            w.WriteStartObject("coverage");
            if (report.Coverage.Items.Count > 0)
            {
                w.WriteNumber("percent", report.Coverage.Percent);
            }
            else
            {
                w.WriteNull("percent"); // nothing to cover: not 100 %
            }

            w.WriteNumber("covered", report.Coverage.Covered.Count);
            w.WriteNumber("total", report.Coverage.Items.Count);
            w.WriteStartArray("notCovered");
            foreach (var item in report.Coverage.Missing)
            {
                w.WriteStartObject();
                w.WriteString("file", item.File);
                w.WriteString("rule", item.Rule);
                w.WriteString("branch", item.Branch);
                w.WriteNumber("line", item.Line);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
            w.WritePropertyName("diagnostics");
            using (var diagnostics = JsonDocument.Parse(DiagnosticRenderer.Render(report.Diagnostics, DiagnosticFormat.Json)))
            {
                diagnostics.WriteTo(w);
            }

            w.WriteStartArray("cases");
            foreach (var c in report.Cases)
            {
                w.WriteStartObject();
                w.WriteString("kind", Kind(c.Kind));
                w.WriteString("name", c.Name);
                w.WriteString("file", c.File);
                w.WriteNumber("line", c.Line);
                w.WriteBoolean("passed", c.Passed);
                w.WriteStartArray("failures");
                foreach (var f in c.Failures)
                {
                    w.WriteStartObject();
                    w.WriteString("file", f.File);
                    w.WriteNumber("line", f.Line);
                    w.WriteString("message", f.Message);
                    w.WriteStartArray("context");
                    f.Context.ToList().ForEach(w.WriteStringValue);
                    w.WriteEndArray();
                    w.WriteEndObject();
                }

                w.WriteEndArray();
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray()) + "\n";
    }

    /// <summary>Located diagnostics, then one result per failed expectation; <paramref name="coverageShortfall"/> is the `--min-coverage` failure, if any.</summary>
    public static string Sarif(TestReport report, string? coverageShortfall)
    {
        var log = new SarifLog().AddAll(report.Diagnostics);
        foreach (var c in report.Cases.Where(c => !c.Passed))
        {
            foreach (var f in c.Failures)
            {
                log.AddFailure("test/" + Kind(c.Kind), f.File, f.Line, $"{Kind(c.Kind)} \"{c.Name}\": {f.Message}");
            }
        }

        if (coverageShortfall is not null)
        {
            foreach (var item in report.Coverage.Missing)
            {
                log.AddFailure("test/coverage", item.File, item.Line, $"{coverageShortfall}: never fired: {item.Rule}{(item.Branch is null ? "" : ", " + item.Branch)}");
            }
        }

        return log.Write();
    }

    /// <summary>TAP 14: one test point per case, failures as a YAML block.</summary>
    public static string Tap(TestReport report)
    {
        var b = new StringBuilder("TAP version 14\n");
        b.Append(CultureInfo.InvariantCulture, $"1..{report.Cases.Count}\n");
        var n = 0;
        foreach (var c in report.Cases)
        {
            n++;
            b.Append(CultureInfo.InvariantCulture, $"{(c.Passed ? "ok" : "not ok")} {n} - {Kind(c.Kind)}: {TapText(c.Name)}\n");
            if (!c.Passed)
            {
                b.Append("  ---\n");
                b.Append(CultureInfo.InvariantCulture, $"  at: {JsonSerializer.Serialize($"{c.File}:{c.Line}")}\n");
                b.Append("  failures:\n");
                foreach (var f in c.Failures)
                {
                    b.Append(CultureInfo.InvariantCulture, $"    - {JsonSerializer.Serialize($"{f.File}:{f.Line}: {f.Message}")}\n");
                }

                b.Append("  ...\n");
            }
        }

        return b.ToString();
    }

    private static string Kind(CaseKind kind) => kind.ToString().ToLowerInvariant();

    // A case name cannot start a directive (# SKIP/TODO) or a new line.
    private static string TapText(string name) => name.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("#", "\\#", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal);
}
