using System.Globalization;
using IxaRules.Binding;

namespace IxaRules.Evaluation;

/// <summary>Builds a <see cref="Patient"/> from bound facts (a scenario's `patient` clause, or a patient file).</summary>
internal static class PatientFactory
{
    public static Patient Build(string id, IEnumerable<PatientFact> facts, DateOnly? start = null)
    {
        var list = facts.ToList();
        var byName = list.GroupBy(f => f.Name).ToDictionary(g => g.Key, g => g.Last(), StringComparer.Ordinal);
        decimal? Quantity(string name) => byName.GetValueOrDefault(name)?.Quantity;
        string? Text(string name) => byName.GetValueOrDefault(name)?.Text;
        var baseline = list.Where(f => Catalog.AdverseEvent(f.Name) is not null && f.Quantity > 0)
            .GroupBy(f => f.Name).Select(g => g.Last())
            .Select(f => new BaselineEvent(f.Name, (int)f.Quantity!.Value, f.Qualifiers ?? []))
            .OrderBy(b => b.Event, StringComparer.Ordinal).ToList();
        return new Patient(
            id,
            Quantity("age"),
            Text("sex"),
            Quantity("weight"),
            Quantity("height"),
            Quantity("crcl"),
            Quantity("creatinine"),
            Text("hepatic"),
            Text("dialysis") switch
            {
                "yes" or "true" => true,
                "no" or "false" => false,
                _ => null, // not stated, or stated as unknown
            },
            baseline,
            Quantity("clf") is { } flow ? flow * 3m / 50m : null, // canonical mL/min back to L/h
            start,
            Quantity("bsa"));
    }

    public static PatientEvent ToEvent(ScenarioEvent e, int line) => new(
        e.Day,
        e.Kind,
        e.Subject,
        e.Value ?? 0,
        e.Qualifiers,
        e.AttributedTo,
        line);

    public static string Describe(Patient p) => string.Join(", ", new string?[]
    {
        p.Age is { } a ? $"age {Patient.Format(a)}" : null,
        p.Sex,
        p.Weight is { } w ? $"{Patient.Format(w)} kg" : null,
        p.Height is { } h ? $"{Patient.Format(h)} cm" : null,
        p.EffectiveCrCl is { } c ? string.Create(CultureInfo.InvariantCulture, $"CrCl {Patient.Format(c)} mL/min{(p.CreatinineClearance is null ? " (Cockcroft–Gault)" : "")}") : null,
        p.Hepatic is { } hep ? $"hepatic {hep}" : null,
        p.Dialysis switch { true => "dialysis", false => "no dialysis", _ => null },
    }.Concat(p.Baseline.Select(b => string.Create(CultureInfo.InvariantCulture, $"baseline {b.Event} grade {b.Grade}"))).Where(x => x is not null));
}
