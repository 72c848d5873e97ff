using FsCheck;
using FsCheck.Fluent;
using IxaRules.Binding;
using IxaRules.Evaluation;

namespace IxaRules.Tests.Safety;

/// <summary>A generated run input: a patient and an event stream for one regimen.</summary>
public sealed record RunInput(Patient Patient, IReadOnlyList<PatientEvent> Events)
{
    public override string ToString() =>
        $"{PatientFactory.Describe(Patient)}; events: {string.Join("; ", Events.Select(e => $"d{e.Day} {e.Kind} {e.Subject} {e.Value}{string.Concat(e.Qualifiers.Select(q => " " + q))}{(e.AttributedTo is null ? "" : " @" + e.AttributedTo)}"))}";
}

/// <summary>
/// FsCheck generators of patients and event streams for a regimen: every covariate (sometimes
/// missing, so unknowns are exercised), labs around every threshold the rules use, adverse events
/// of every grade with qualifiers and attribution to the regimen's drugs, missed and vomited doses,
/// and terminal events.
/// </summary>
public static class RunGenerators
{
    private static readonly string[] AdverseEvents = ["rash", "neuropathy", "diarrhea", "nausea", "fatigue", "thrombocytopenia", "infection"];

    public static Gen<Patient> Patients =>
        from age in Gen.Choose(35, 92)
        from female in Gen.Elements(true, false)
        from weight in Gen.Choose(42, 120)
        from height in Gen.Choose(145, 198)
        from crcl in Gen.Frequency((6, Gen.Choose(15, 130).Select(c => (decimal?)c)), (1, Gen.Constant<decimal?>(null)))
        from creatinine in Gen.Frequency((2, Gen.Choose(5, 30).Select(c => (decimal?)(c / 10m))), (1, Gen.Constant<decimal?>(null)))
        from hepatic in Gen.Elements<string?>("none", "none", "none", "none", "none", "mild", "moderate", "severe", null)
        from dialysis in Gen.Frequency((36, Gen.Constant<bool?>(false)), (2, Gen.Constant<bool?>(true)), (1, Gen.Constant<bool?>(null)))
        from neuropathy in Gen.Frequency((8, Gen.Constant(0)), (1, Gen.Choose(1, 2)))
        from fatigue in Gen.Frequency((12, Gen.Constant(0)), (1, Gen.Choose(1, 2)))
        from clf in Gen.Frequency((2, Gen.Constant<decimal?>(null)), (1, Gen.Choose(20, 80).Select(c => (decimal?)(c / 10m))))
        select new Patient("generated", age, female ? "female" : "male", weight, height, crcl, creatinine, hepatic, dialysis,
            Baseline(("fatigue", fatigue), ("neuropathy", neuropathy)), clf, null);

    private static IReadOnlyList<BaselineEvent> Baseline(params (string Event, int Grade)[] grades) =>
        [.. grades.Where(g => g.Grade > 0).Select(g => new BaselineEvent(g.Event, g.Grade, []))];

    public static Gen<RunInput> For(Regimen regimen)
    {
        var drugs = regimen.DrugNames.ToArray();
        var lab =
            from day in Gen.Choose(1, 200)
            from which in Gen.Elements("platelets", "anc", "hemoglobin")
            from value in which switch
            {
                "platelets" => Gen.Elements(5m, 20m, 29m, 30m, 31m, 60m, 74m, 75m, 76m, 150m, 300m),
                "anc" => Gen.Elements(0.1m, 0.4m, 0.49m, 0.5m, 0.51m, 0.9m, 1m, 1.1m, 3m),
                _ => Gen.Elements(6000m, 9000m, 12000m),
            }
            select new PatientEvent(day, EventKind.Lab, which, value, [], null, 0);
        var adverse =
            from day in Gen.Choose(1, 200)
            from name in Gen.Elements(AdverseEvents)
            from grade in Gen.Choose(0, 5)
            from qualifiers in Gen.Elements<string[]>([], [], ["with pain"], ["with supportive-care-failure"])
            from attributed in Gen.Frequency((2, Gen.Constant<string?>(null)), (1, Gen.Elements(drugs).Select(d => (string?)d)))
            select new PatientEvent(day, EventKind.AdverseEvent, name, grade, qualifiers, attributed, 0);
        var dose =
            from day in Gen.Choose(1, 200)
            from kind in Gen.Elements(EventKind.Missed, EventKind.Vomited)
            from drug in Gen.Elements(drugs)
            select new PatientEvent(day, kind, drug, 0, [], null, 0);
        var terminal =
            from day in Gen.Choose(1, 200)
            from what in Gen.Elements("progression", "death", "withdrawal")
            select new PatientEvent(day, EventKind.Terminal, what, 0, [], null, 0);
        var dialysis =
            from day in Gen.Choose(1, 200)
            select new PatientEvent(day, EventKind.Dialysis, "dialysis", 0, [], null, 0);
        var anyEvent = Gen.Frequency((10, lab), (5, adverse), (2, dose), (1, terminal), (1, dialysis));
        var baseline = Gen.Elements(true, true, true, false).SelectMany(has => has
            ? Gen.Constant<PatientEvent[]>([new(1, EventKind.Lab, "platelets", 200, [], null, 0), new(1, EventKind.Lab, "anc", 2.5m, [], null, 0)])
            : Gen.Constant<PatientEvent[]>([]));
        return from patient in Patients
               from first in baseline
               from count in Gen.Choose(0, 50)
               from events in Gen.ListOf(anyEvent, count)
               select new RunInput(patient, Number([.. first, .. events]));
    }

    /// <summary>Events in day order, numbered like lines of a file (the interpreter's same-day order).</summary>
    private static List<PatientEvent> Number(IEnumerable<PatientEvent> events) =>
        [.. events.OrderBy(e => e.Day).Select((e, i) => e with { Line = i + 1 })];
}
