using System.Globalization;
using IxaRules.Binding;

namespace IxaRules.Evaluation;

/// <summary>Builds a <see cref="Patient"/> from bound facts (a scenario's `patient` clause, or a patient file).</summary>
internal static class PatientFactory
{
    public static Patient Build(string id, IEnumerable<PatientFact> facts, DateOnly? start = null)
    {
        var byName = facts.GroupBy(f => f.Name).ToDictionary(g => g.Key, g => g.Last(), StringComparer.Ordinal);
        decimal? Quantity(string name) => byName.GetValueOrDefault(name)?.Quantity;
        string? Text(string name) => byName.GetValueOrDefault(name)?.Text;
        return new Patient(
            id,
            Quantity("age"),
            Text("sex"),
            Quantity("weight"),
            Quantity("height"),
            Quantity("crcl"),
            Quantity("creatinine"),
            Text("hepatic"),
            Text("dialysis") is "yes" or "true",
            (int)(Quantity("neuropathy") ?? 0),
            Quantity("clf") is { } flow ? flow * 3m / 50m : null, // canonical mL/min back to L/h
            start);
    }

    public static PatientEvent ToEvent(ScenarioEvent e, int line) => new(
        e.Day,
        e.Kind switch
        {
            "lab" => EventKind.Lab,
            "ae" => EventKind.AdverseEvent,
            "missed" => EventKind.Missed,
            "vomited" => EventKind.Vomited,
            _ => EventKind.Terminal,
        },
        e.Subject,
        e.Value ?? 0,
        e.Qualifiers,
        e.AttributedTo,
        line);

    public static string Describe(Patient p) => string.Join(", ", new[]
    {
        p.Age is { } a ? $"age {Patient.Format(a)}" : null,
        p.Sex,
        p.Weight is { } w ? $"{Patient.Format(w)} kg" : null,
        p.Height is { } h ? $"{Patient.Format(h)} cm" : null,
        p.EffectiveCrCl is { } c ? string.Create(CultureInfo.InvariantCulture, $"CrCl {Patient.Format(c)} mL/min{(p.CreatinineClearance is null ? " (Cockcroft–Gault)" : "")}") : null,
        p.Hepatic is { } hep ? $"hepatic {hep}" : null,
        p.Dialysis ? "dialysis" : null,
    }.Where(x => x is not null));
}
