namespace IxaRules.Binding;

internal enum AeClass
{
    Haematologic,
    NonHaematologic,
}

/// <summary>A lab test: its dimension, and (for molar units) the factor µmol/L → mg/dL.</summary>
internal sealed record LabInfo(string Name, Dimension Dimension, decimal? MolarToMass = null);

/// <summary>
/// A baseline covariate of the patient. <see cref="Min"/>..<see cref="Max"/> (canonical units) is
/// the plausible range a patient's value must lie in: a weight of 0 kg or an age of 200 is a typo,
/// and would otherwise become a dose of 0 mg or a negative creatinine clearance.
/// </summary>
internal sealed record CovariateInfo(string Name, CovariateKind Kind, Dimension? Dimension = null, IReadOnlyList<string>? Values = null, bool UnitOptional = false,
    decimal Min = 0, decimal Max = 0, string? RangeText = null);

internal enum CovariateKind
{
    Quantity,
    Enum,
    Flag,
}

/// <summary>
/// The names the language knows: drugs, routes, labs, covariates, adverse events and their classes.
/// One table, so that "did you mean" always draws on the same list the binder accepts.
/// </summary>
internal static class Catalog
{
    public static readonly IReadOnlyList<string> Drugs =
    [
        "ixazomib", "lenalidomide", "dexamethasone", "thalidomide", "placebo", "bortezomib", "carfilzomib",
        "pomalidomide", "daratumumab", "cyclophosphamide", "melphalan", "prednisone",
    ];

    public static readonly IReadOnlyList<string> Routes = ["oral", "iv", "sc"];

    /// <summary>
    /// Other words for a route, as protocols write them; a drug binds to the canonical route, so
    /// output and the compiled backend see one spelling.
    /// </summary>
    private static readonly Dictionary<string, string> RouteAliases = new(StringComparer.Ordinal)
    {
        ["po"] = "oral",
        ["intravenous"] = "iv",
        ["subcutaneous"] = "sc",
        ["subcut"] = "sc",
        ["sq"] = "sc",
    };

    /// <summary>The canonical route a written route names, or null when it names none.</summary>
    public static string? Route(string written) =>
        Routes.Contains(written) ? written : RouteAliases.GetValueOrDefault(written);

    public static readonly IReadOnlyList<string> BsaMethods = ["mosteller", "dubois"];

    public static readonly IReadOnlyList<string> TerminalEvents = ["progression", "death", "withdrawal"];

    /// <summary>What <c>until …</c> may name after a cycle count is left open.</summary>
    public static readonly IReadOnlyList<string> UntilTerms = ["progression", "unacceptable toxicity", "death", "withdrawal"];

    public static readonly IReadOnlyList<string> Qualifiers = ["pain", "supportive-care-failure"];

    private static readonly Dictionary<string, LabInfo> LabTable = new(StringComparer.Ordinal)
    {
        ["platelets"] = new("platelets", Dimension.CellCount),
        ["anc"] = new("anc", Dimension.CellCount),
        ["wbc"] = new("wbc", Dimension.CellCount),
        ["hemoglobin"] = new("hemoglobin", Dimension.MassConcentration),
        ["creatinine"] = new("creatinine", Dimension.MassConcentration, MolarToMass: 1m / 88.4m),
        ["bilirubin"] = new("bilirubin", Dimension.MassConcentration, MolarToMass: 1m / 17.1m),
    };

    private static readonly Dictionary<string, string> LabAliases = new(StringComparer.Ordinal)
    {
        ["neutrophils"] = "anc",
        ["haemoglobin"] = "hemoglobin",
        ["hgb"] = "hemoglobin",
    };

    private static readonly Dictionary<string, CovariateInfo> CovariateTable = new(StringComparer.Ordinal)
    {
        ["age"] = new("age", CovariateKind.Quantity, Dimension.Age, UnitOptional: true, Min: 0, Max: 130, RangeText: "0 to 130 years"),
        ["weight"] = new("weight", CovariateKind.Quantity, Dimension.BodyMass, Min: 2, Max: 400, RangeText: "2 to 400 kg"),
        ["height"] = new("height", CovariateKind.Quantity, Dimension.Length, Min: 40, Max: 260, RangeText: "40 to 260 cm"),
        ["bsa"] = new("bsa", CovariateKind.Quantity, Dimension.Area, Min: 0.2m, Max: 4, RangeText: "0.2 to 4 m²"),
        ["crcl"] = new("crcl", CovariateKind.Quantity, Dimension.Flow, Min: 0, Max: 400, RangeText: "0 to 400 mL/min"),
        ["creatinine"] = new("creatinine", CovariateKind.Quantity, Dimension.MassConcentration, Min: 0.05m, Max: 30, RangeText: "0.05 to 30 mg/dL (4.4 to 2,650 µmol/L)"),
        ["clf"] = new("clf", CovariateKind.Quantity, Dimension.Flow, Min: 0.1m * 50m / 3m, Max: 100m * 50m / 3m, RangeText: "0.1 to 100 L/h"),
        ["hepatic"] = new("hepatic", CovariateKind.Enum, Values: ["none", "mild", "moderate", "severe"]),
        ["sex"] = new("sex", CovariateKind.Enum, Values: ["male", "female"]),
        ["dialysis"] = new("dialysis", CovariateKind.Flag),
    };

    private static readonly Dictionary<string, AeClass> AeTable = new(StringComparer.Ordinal)
    {
        ["thrombocytopenia"] = AeClass.Haematologic,
        ["neutropenia"] = AeClass.Haematologic,
        ["anemia"] = AeClass.Haematologic,
        ["febrile-neutropenia"] = AeClass.Haematologic,
        ["rash"] = AeClass.NonHaematologic,
        ["neuropathy"] = AeClass.NonHaematologic,
        ["diarrhea"] = AeClass.NonHaematologic,
        ["nausea"] = AeClass.NonHaematologic,
        ["vomiting"] = AeClass.NonHaematologic,
        ["fatigue"] = AeClass.NonHaematologic,
        ["constipation"] = AeClass.NonHaematologic,
        ["infection"] = AeClass.NonHaematologic,
        ["thrombosis"] = AeClass.NonHaematologic,
        ["hyperglycemia"] = AeClass.NonHaematologic,
        ["myopathy"] = AeClass.NonHaematologic,
        ["psychiatric"] = AeClass.NonHaematologic,
        ["edema"] = AeClass.NonHaematologic,
    };

    private static readonly Dictionary<string, string> AeAliases = new(StringComparer.Ordinal)
    {
        ["anaemia"] = "anemia",
        ["diarrhoea"] = "diarrhea",
        ["hyperglycaemia"] = "hyperglycemia",
        ["oedema"] = "edema",
        ["peripheral-neuropathy"] = "neuropathy",
    };

    private static readonly Dictionary<string, AeClass> ClassTable = new(StringComparer.Ordinal)
    {
        ["haematologic"] = AeClass.Haematologic,
        ["hematologic"] = AeClass.Haematologic,
        ["non-haematologic"] = AeClass.NonHaematologic,
        ["non-hematologic"] = AeClass.NonHaematologic,
    };

    public static IEnumerable<string> LabNames => LabTable.Keys;

    /// <summary>Labs in a fixed order, so that runs keep lab values in arrays and compiled code refers to them by index.</summary>
    public static readonly IReadOnlyList<string> LabOrder = ["platelets", "anc", "wbc", "hemoglobin", "creatinine", "bilirubin"];

    public static int LabIndex(string canonicalName)
    {
        for (var i = 0; i < LabOrder.Count; i++)
        {
            if (LabOrder[i] == canonicalName)
            {
                return i;
            }
        }

        return -1;
    }

    public static IEnumerable<string> CovariateNames => CovariateTable.Keys;

    public static IEnumerable<string> AdverseEventNames => AeTable.Keys;

    public static IEnumerable<string> AeClassNames => ClassTable.Keys;

    public static LabInfo? Lab(string name) =>
        LabTable.GetValueOrDefault(LabAliases.GetValueOrDefault(name, name));

    public static CovariateInfo? Covariate(string name) => CovariateTable.GetValueOrDefault(name);

    /// <summary>The canonical name and class of an adverse event, or null.</summary>
    public static (string Name, AeClass Class)? AdverseEvent(string name)
    {
        var canonical = AeAliases.GetValueOrDefault(name, name);
        return AeTable.TryGetValue(canonical, out var cls) ? (canonical, cls) : null;
    }

    public static AeClass? Class(string name) => ClassTable.TryGetValue(name, out var c) ? c : null;
}
