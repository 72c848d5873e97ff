using System.Text;
using System.Text.Json;

namespace IxaRules.Checks;

/// <summary>
/// Rule coverage as JSON in the shape of OPA's <c>opa test --coverage --format=json</c>: per file the
/// <c>covered</c> and <c>not_covered</c> locations (<c>{"start": {"row"}, "end": {"row"}}</c>, with
/// the rule and occurrence branch they are), the counts and the percentage, then the totals. OPA counts
/// lines; ixarules counts rules and occurrence branches, so the counts are <c>covered_items</c> and
/// <c>not_covered_items</c>. With nothing to cover, <c>coverage</c> is null, not 100.
/// </summary>
internal static class CoverageJson
{
    public static string Write(Coverage coverage)
    {
        var covered = coverage.Covered.ToHashSet();
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteStartObject("files");
            foreach (var file in coverage.Items.GroupBy(i => i.File).OrderBy(g => g.Key, StringComparer.Ordinal))
            {
                var items = file.OrderBy(i => i.Line).ThenBy(i => i.Branch, StringComparer.Ordinal).ToList();
                w.WriteStartObject(file.Key);
                Locations(w, "covered", items.Where(covered.Contains));
                Locations(w, "not_covered", items.Where(i => !covered.Contains(i)));
                Counts(w, items.Count(covered.Contains), items.Count);
                w.WriteEndObject();
            }

            w.WriteEndObject();
            Counts(w, coverage.Covered.Count, coverage.Items.Count);
            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray()) + "\n";
    }

    private static void Locations(Utf8JsonWriter w, string name, IEnumerable<CoverageItem> items)
    {
        w.WriteStartArray(name);
        foreach (var item in items)
        {
            w.WriteStartObject();
            w.WriteStartObject("start");
            w.WriteNumber("row", item.Line);
            w.WriteEndObject();
            w.WriteStartObject("end");
            w.WriteNumber("row", item.Line);
            w.WriteEndObject();
            w.WriteString("rule", item.Rule);
            w.WriteString("branch", item.Branch);
            w.WriteEndObject();
        }

        w.WriteEndArray();
    }

    private static void Counts(Utf8JsonWriter w, int covered, int total)
    {
        w.WriteNumber("covered_items", covered);
        w.WriteNumber("not_covered_items", total - covered);
        if (total == 0)
        {
            w.WriteNull("coverage");
        }
        else
        {
            w.WriteNumber("coverage", Math.Round(100m * covered / total, 1, MidpointRounding.AwayFromZero));
        }
    }
}
