using System.Globalization;
using IxaRules.Binding;
using IxaRules.Diagnostics;
using IxaRules.Diagnostics.Catalog;
using IxaRules.Text;
using YamlDotNet.RepresentationModel;

namespace IxaRules.Cohort;

/// <summary>
/// Reads one adverse event of an arm: a catalog event (as events files name them), worst-grade
/// incidences that add up, a whole number of days per episode, and only the keys that mean
/// something for its kind — a key the generator would ignore is an error, not a silent no-op.
/// </summary>
internal static class PopulationEvents
{
    private static readonly string[] Keys = ["lab", "1", "2", "3", "4", "1-2", "days", "pain", "qualifier", "with", "source"];

    /// <summary>The lab each lab event is reported as.</summary>
    private static readonly Dictionary<string, string> Labs = new(StringComparer.Ordinal) { ["thrombocytopenia"] = "platelets", ["neutropenia"] = "anc" };

    public static AdverseEventProcess? Read(SourceText source, YamlNode key, YamlNode value, List<Diagnostic> errors)
    {
        var before = errors.Count;
        var name = (key as YamlScalarNode)?.Value ?? "";
        var keySpan = Evaluation.YamlShape.SpanOf(source, key.Start, key.End);
        if (Catalog.AdverseEvent(name) is not { } known || known.Name != name)
        {
            errors.Add(RunInputCodes.UnknownPopulationKey.At(source, keySpan, $"unknown adverse event `{name}`",
                Suggest.DidYouMean(name, Catalog.AdverseEventNames) ?? "population events are the adverse events rule files name (docs/language.md)"));
            return null;
        }

        var fields = new YamlFields(source, value as YamlMappingNode ?? new YamlMappingNode(), $"event `{name}`", Keys, errors, value);
        var lab = fields.Choice("lab", ["platelets", "anc"], required: false);
        if (Labs.TryGetValue(name, out var expected) != (lab is not null) || (lab is not null && lab != expected))
        {
            fields.Fail(lab is null ? null : "lab", Labs.TryGetValue(name, out var l)
                ? $"`{name}` is reported as a lab value: write `lab: {l}`"
                : $"`{name}` is reported as a graded event, not as a lab value: remove `lab:`");
        }

        var grades = new Dictionary<int, Cited>();
        foreach (var grade in new[] { 1, 2, 3, 4 })
        {
            if (fields.Number(grade.ToString(CultureInfo.InvariantCulture), 0, 1, required: false) is { } p)
            {
                grades[grade] = p;
            }
        }

        var low = fields.Number("1-2", 0, 1, required: false);
        if (low is not null && (grades.ContainsKey(1) || grades.ContainsKey(2)))
        {
            fields.Fail("1-2", $"event `{name}` gives grades 1 and 2 both together (`1-2`) and apart: give one or the other");
        }

        if (grades.Count == 0 && low is null && errors.Count == before)
        {
            fields.Fail(null, $"event `{name}` gives no incidence", "give the share of patients whose worst grade was each grade, e.g. `3: 0.06` (0 is a value too, with its source)");
        }

        var any = grades.Values.Sum(g => g.Value) + (low?.Value ?? 0);
        if (any > 1)
        {
            fields.Fail(null, $"event `{name}`: the worst-grade fractions add up to {any.ToString(CultureInfo.InvariantCulture)}, more than 1");
        }

        var pain = fields.Number("pain", 0, 1, required: false);
        if (pain is not null && name != "neuropathy")
        {
            fields.Fail("pain", "`pain` is the share of patients with painful neuropathy: only `neuropathy` takes it");
        }
        else if (pain is { } p && p.Value > any)
        {
            fields.Fail("pain", $"more patients with painful neuropathy ({p.Value.ToString(CultureInfo.InvariantCulture)}) than with neuropathy ({any.ToString(CultureInfo.InvariantCulture)})");
        }

        var qualifier = fields.Choice("qualifier", [.. Catalog.Qualifiers.Where(q => q != "pain")], required: false);
        var share = fields.Number("with", 0, 1, required: qualifier is not null);
        if (share is not null && fields.Node("qualifier") is null)
        {
            fields.Fail("with", "`with` is the share of episodes with the `qualifier`: name it, e.g. `qualifier: supportive-care-failure`");
        }

        if (lab is not null && (qualifier is not null || pain is not null))
        {
            fields.Fail(null, "a lab event is reported as a value: it takes no qualifier");
        }

        var days = fields.Number("days", 1, 365);
        if (days is { } d && d.Value != decimal.Truncate(d.Value))
        {
            fields.Fail("days", "`days` is a whole number of days");
        }

        return errors.Count > before ? null : new AdverseEventProcess(name, lab is null ? ProcessKind.Graded : ProcessKind.Lab, lab, grades, low,
            days!, pain, fields.Source ?? "", qualifier, share, keySpan);
    }
}
