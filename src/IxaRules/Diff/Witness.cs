using System.Globalization;
using IxaRules.Binding;

namespace IxaRules.Diff;

/// <summary>
/// An adverse event as the solver chose it: grade, the qualifiers it has and those it was decided not
/// to have (written `without Q`: a report that says neither is ambiguous where the rules decide on Q),
/// attribution (null: none) and the baseline grade.
/// </summary>
internal sealed record WitnessEvent(string Name, int Grade, IReadOnlyList<string> Qualifiers, string? AttributedTo, int Baseline)
{
    public IReadOnlyList<string> Without { get; init; } = [];
}

/// <summary>
/// A patient state from a solver model, in the language's terms: labs (null: never measured) with
/// how many days old they are, covariates (null: unknown), adverse events, terminal events.
/// Only the variables the compared conditions mention appear; the rest is left to the caller.
/// </summary>
internal sealed class Witness
{
    public SortedDictionary<string, decimal?> Labs { get; } = new(StringComparer.Ordinal);

    public SortedDictionary<string, int> LabAges { get; } = new(StringComparer.Ordinal);

    public SortedDictionary<string, string?> Covariates { get; } = new(StringComparer.Ordinal);

    public SortedDictionary<string, WitnessEvent> Events { get; } = new(StringComparer.Ordinal);

    public SortedSet<string> Terminal { get; } = new(StringComparer.Ordinal);

    public static Witness From(Smt smt, IEnumerable<SmtVariable> variables)
    {
        var w = new Witness();
        var list = variables.ToList();
        foreach (var v in list)
        {
            var known = v.Known is not { } k || smt.ValueOf(k) == "true";
            switch (v.Kind)
            {
                case VariableKind.Lab:
                    w.Labs[v.Subject] = known ? Decimal(smt.ValueOf(v.Term)) : null;
                    break;
                case VariableKind.LabAge:
                    w.LabAges[v.Subject] = (int)Decimal(smt.ValueOf(v.Term));
                    break;
                case VariableKind.Quantity:
                    w.Covariates[v.Subject] = known ? ConditionText.Num(Decimal(smt.ValueOf(v.Term))) : null;
                    break;
                case VariableKind.Enum:
                    var values = Catalog.Covariate(v.Subject)?.Values ?? [];
                    var index = (int)Decimal(smt.ValueOf(v.Term));
                    w.Covariates[v.Subject] = known && index >= 0 && index < values.Count ? values[index] : null;
                    break;
                case VariableKind.Flag:
                    w.Covariates[v.Subject] = known ? smt.ValueOf(v.Term) : null;
                    break;
                case VariableKind.Terminal when smt.ValueOf(v.Term) == "true":
                    w.Terminal.Add(v.Subject);
                    break;
            }
        }

        foreach (var grade in list.Where(v => v.Kind == VariableKind.Grade))
        {
            var name = grade.Subject;
            var modelled = list.Where(v => v.Kind == VariableKind.Qualifier && v.Subject == name).ToList();
            var qualifiers = modelled.Where(v => smt.ValueOf(v.Term) == "true").Select(v => v.Qualifier!).Order(StringComparer.Ordinal).ToList();
            var without = modelled.Select(v => v.Qualifier!).Except(qualifiers).Order(StringComparer.Ordinal).ToList();
            var attribution = list.FirstOrDefault(v => v.Kind == VariableKind.Attribution && v.Subject == name) is { } a
                ? (int)Decimal(smt.ValueOf(a.Term)) : 0;
            var baseline = list.FirstOrDefault(v => v.Kind == VariableKind.Baseline && v.Subject == name) is { } b
                ? (int)Decimal(smt.ValueOf(b.Term)) : 0;
            w.Events[name] = new WitnessEvent(name, (int)Decimal(smt.ValueOf(grade.Term)), qualifiers,
                attribution > 0 ? Catalog.Drugs[attribution - 1] : null, baseline) { Without = without };
        }

        return w;
    }

    /// <summary>An exact solver number (`27`, `51/2`) as a decimal; a fraction that does not end is rounded to 12 places (what a file can say).</summary>
    public static decimal Decimal(string text)
    {
        var slash = text.IndexOf('/', StringComparison.Ordinal);
        if (slash < 0)
        {
            return decimal.Parse(text, CultureInfo.InvariantCulture);
        }

        return Math.Round(decimal.Parse(text[..slash], CultureInfo.InvariantCulture) / decimal.Parse(text[(slash + 1)..], CultureInfo.InvariantCulture), 12);
    }

    /// <summary>The state as people read it: `platelets = 25 ×10⁹/L, crcl unknown, rash grade 2`.</summary>
    public override string ToString()
    {
        var parts = new List<string>();
        parts.AddRange(Labs.Select(l => l.Value is { } v
            ? $"{l.Key} = {ConditionText.Num(v)} {Unit(l.Key)}" + (LabAges.TryGetValue(l.Key, out var age) && age > 0 ? $" ({age} days old)" : "")
            : $"{l.Key} not measured"));
        parts.AddRange(Covariates.Select(c => c.Value is null ? $"{c.Key} unknown"
            : $"{c.Key} = {c.Value}" + (Catalog.Covariate(c.Key)?.Dimension is { } d && Catalog.Covariate(c.Key)!.Kind == CovariateKind.Quantity ? " " + Units.CanonicalName(d) : "")));
        parts.AddRange(Events.Values.Where(e => e.Grade > 0 || e.Baseline > 0).Select(e =>
            $"{e.Name} grade {e.Grade}" + string.Concat(e.Qualifiers.Select(q => " with " + q))
            + (e.AttributedTo is null ? "" : " attributed to " + e.AttributedTo) + (e.Baseline > 0 ? $" (baseline grade {e.Baseline})" : "")));
        parts.AddRange(Terminal);
        return parts.Count == 0 ? "any patient" : string.Join(", ", parts);
    }

    private static string Unit(string lab) => Catalog.Lab(lab) is { } info ? Units.CanonicalName(info.Dimension) : "";
}
