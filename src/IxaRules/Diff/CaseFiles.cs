using System.Text;
using IxaRules.Binding;

namespace IxaRules.Diff;

/// <summary>
/// One study day of a generated case: lab values (canonical units), adverse-event grades, and the
/// events written as they are (<see cref="Plain"/>: `progression`, `missed ixazomib`).
/// </summary>
internal sealed record CaseDay(int Day, IReadOnlyDictionary<string, decimal> Labs, IReadOnlyList<WitnessEvent> Events, IReadOnlyList<string> Plain)
{
    public bool IsEmpty => Labs.Count == 0 && Events.Count == 0 && Plain.Count == 0;
}

/// <summary>
/// A generated patient and event stream, written as the files `ixarules run` reads (the search runs
/// the very text it writes, so what it reports is what the files reproduce).
/// </summary>
internal sealed record CaseFiles(IReadOnlyDictionary<string, string?> Covariates, IReadOnlyList<CaseDay> Days, int RunDays)
{
    /// <summary>A complete, unremarkable patient: every covariate a regimen may ask for is stated, so nothing is refused for lack of it.</summary>
    public static readonly IReadOnlyDictionary<string, string?> Typical = new SortedDictionary<string, string?>(StringComparer.Ordinal)
    {
        ["age"] = "60",
        ["sex"] = "female",
        ["weight"] = "70",
        ["height"] = "165",
        ["crcl"] = "90",
        ["hepatic"] = "none",
        ["dialysis"] = "false",
    };

    public string PatientText()
    {
        var sb = new StringBuilder("id: diff-counterexample\n");
        var baseline = new List<string>();
        foreach (var (name, value) in Covariates)
        {
            if (Catalog.AdverseEvent(name) is not null)
            {
                if (value is not null and not "0")
                {
                    baseline.Add($"{name} grade {value}");
                }

                continue;
            }

            sb.Append(name).Append(": ").Append(value is null ? "unknown" : value + Unit(name)).Append('\n');
        }

        if (baseline.Count > 0)
        {
            sb.Append("baseline: ").Append(string.Join(", ", baseline)).Append('\n');
        }

        return sb.ToString();
    }

    public string EventsText()
    {
        var sb = new StringBuilder();
        foreach (var day in Days.Where(d => !d.IsEmpty).OrderBy(d => d.Day))
        {
            var items = day.Labs.OrderBy(l => Catalog.LabIndex(l.Key)).Select(l => $"{l.Key} {ConditionText.Num(l.Value)} {LabUnit(l.Key)}")
                .Concat(day.Events.Select(e => $"{e.Name} grade {e.Grade}" + string.Concat(e.Qualifiers.Select(q => " with " + q))
                    + (e.Grade > 0 ? string.Concat(e.Without.Select(q => " without " + q)) : "")
                    + (e.AttributedTo is null ? "" : " attributed to " + e.AttributedTo)))
                .Concat(day.Plain);
            sb.Append("day ").Append(day.Day).Append(": ").Append(string.Join(", ", items)).Append('\n');
        }

        return sb.ToString();
    }

    private static string Unit(string covariate) => Catalog.Covariate(covariate)?.Dimension switch
    {
        Dimension.BodyMass => " kg",
        Dimension.Length => " cm",
        Dimension.Flow => " mL/min",
        Dimension.MassConcentration => " mg/dL",
        Dimension.Area => " m2",
        _ => "",
    };

    private static string LabUnit(string lab) => Catalog.Lab(lab)?.Dimension == Dimension.CellCount ? "x10^9/L" : "mg/dL";

    public int EventCount => Days.Sum(d => d.Labs.Count + d.Events.Count + d.Plain.Count);
}
