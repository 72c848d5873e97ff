using System.Text;

namespace IxaRules.Binding;

/// <summary>What a quantity measures. Two quantities compare only when their dimensions are equal.</summary>
internal enum Dimension
{
    DoseMass,
    DosePerArea,
    DosePerBodyWeight,
    CellCount,
    Flow,
    MassConcentration,
    MolarConcentration,
    BodyMass,
    Length,
    Area,
    Age,
    Duration,
    Percent,
    Exposure,
    Count,
}

/// <summary>A known unit: its dimension and the factor that converts a value to the dimension's canonical unit.</summary>
internal sealed record UnitInfo(string Symbol, Dimension Dimension, decimal Factor);

/// <summary>
/// The unit table. <c>30 ×10⁹/L</c>, <c>30 x10^9/L</c>, <c>30000/mm3</c> and <c>30,000/µL</c> all
/// become 30 in the canonical cell-count unit (10⁹/L).
/// </summary>
internal static class Units
{
    private static readonly Dictionary<Dimension, string> CanonicalNames = new()
    {
        [Dimension.DoseMass] = "mg",
        [Dimension.DosePerArea] = "mg/m²",
        [Dimension.DosePerBodyWeight] = "mg/kg",
        [Dimension.CellCount] = "×10⁹/L",
        [Dimension.Flow] = "mL/min",
        [Dimension.MassConcentration] = "mg/dL",
        [Dimension.MolarConcentration] = "µmol/L",
        [Dimension.BodyMass] = "kg",
        [Dimension.Length] = "cm",
        [Dimension.Area] = "m²",
        [Dimension.Age] = "years",
        [Dimension.Duration] = "hours",
        [Dimension.Percent] = "%",
        [Dimension.Exposure] = "ng·h/mL/day",
        [Dimension.Count] = "",
    };

    private static readonly Dictionary<string, UnitInfo> Table = Build();

    /// <summary>The spellings users see in help lines.</summary>
    public static IEnumerable<string> KnownSpellings => Table.Values.Concat(CaseSensitive.Values).Select(u => u.Symbol).Distinct();

    public static string CanonicalName(Dimension dimension) => CanonicalNames[dimension];

    public static string Describe(Dimension dimension) => dimension switch
    {
        Dimension.DoseMass => "a dose in mg",
        Dimension.DosePerArea => "a dose per body surface (mg/m²)",
        Dimension.DosePerBodyWeight => "a dose per body weight (mg/kg)",
        Dimension.CellCount => "a cell count (×10⁹/L)",
        Dimension.Flow => "a clearance (mL/min)",
        Dimension.MassConcentration => "a concentration (mg/dL)",
        Dimension.MolarConcentration => "a molar concentration (µmol/L)",
        Dimension.BodyMass => "a body weight (kg)",
        Dimension.Length => "a length (cm)",
        Dimension.Area => "an area (m²)",
        Dimension.Age => "an age (years)",
        Dimension.Duration => "a duration (hours)",
        Dimension.Percent => "a percentage",
        Dimension.Exposure => "an exposure (ng·h/mL/day)",
        _ => "a plain number",
    };

    /// <summary>
    /// Spellings whose case carries meaning, looked up before case is folded: <c>G/L</c> is giga per
    /// litre (the SI form of ×10⁹/L, as European lab reports write cell counts), not grams per litre.
    /// </summary>
    private static readonly Dictionary<string, UnitInfo> CaseSensitive = new(StringComparer.Ordinal)
    {
        ["G/L"] = new("G/L", Dimension.CellCount, 1m),
    };

    public static UnitInfo? Lookup(string written) =>
        CaseSensitive.GetValueOrDefault(written.Replace(" ", "", StringComparison.Ordinal)) ?? Table.GetValueOrDefault(Normalize(written));

    /// <summary>Folds the ways people type units: case, ×/x, superscripts, µ/μ/u, spaces.</summary>
    public static string Normalize(string written)
    {
        var sb = new StringBuilder(written.Length + 4);
        foreach (var c in written)
        {
            switch (c)
            {
                case ' ':
                    break;
                case '×':
                    sb.Append('x');
                    break;
                case 'μ':
                    sb.Append('µ');
                    break;
                case '·':
                    sb.Append('*');
                    break;
                case '²':
                    sb.Append('2');
                    break;
                case '³':
                    sb.Append('3');
                    break;
                case >= '⁰' and <= '⁹' or '¹':
                    if (sb.Length == 0 || sb[^1] is not ('^' or (>= '0' and <= '9')) || !PreviousIsSuperscript(sb))
                    {
                        sb.Append('^');
                    }

                    sb.Append(SuperscriptDigit(c));
                    break;
                default:
                    sb.Append(char.ToLowerInvariant(c));
                    break;
            }
        }

        return sb.ToString().Replace("µ", "u", StringComparison.Ordinal);

        // "10⁹" → "10^9"; "10¹²" → "10^12": a second superscript digit extends the exponent.
        static bool PreviousIsSuperscript(StringBuilder b)
        {
            for (var i = b.Length - 1; i >= 0; i--)
            {
                if (b[i] == '^')
                {
                    return true;
                }

                if (b[i] is < '0' or > '9')
                {
                    return false;
                }
            }

            return false;
        }
    }

    private static char SuperscriptDigit(char c) => c switch
    {
        '⁰' => '0',
        '¹' => '1',
        '²' => '2',
        '³' => '3',
        _ => (char)('4' + (c - '⁴')),
    };

    private static Dictionary<string, UnitInfo> Build()
    {
        var table = new Dictionary<string, UnitInfo>(StringComparer.Ordinal);
        void Add(Dimension dimension, decimal factor, params string[] spellings)
        {
            foreach (var spelling in spellings)
            {
                table[Normalize(spelling)] = new UnitInfo(spelling, dimension, factor);
            }
        }

        Add(Dimension.DoseMass, 1m, "mg");
        Add(Dimension.DosePerArea, 1m, "mg/m2", "mg/m²");
        Add(Dimension.DosePerBodyWeight, 1m, "mg/kg");
        Add(Dimension.CellCount, 1m, "x10^9/L", "×10⁹/L", "10^9/L", "x10^3/µL", "x10^3/uL", "K/µL", "K/uL");
        Add(Dimension.CellCount, 0.001m, "/mm3", "/mm³", "/µL", "/uL", "/mcL", "cells/mm3", "cells/µL");
        Add(Dimension.Flow, 1m, "mL/min");
        Add(Dimension.Flow, 50m / 3m, "L/h"); // 1 L/h = 1000 mL / 60 min
        Add(Dimension.MassConcentration, 1m, "mg/dL");
        Add(Dimension.MassConcentration, 1000m, "g/dL");
        Add(Dimension.MassConcentration, 100m, "g/L");
        Add(Dimension.MolarConcentration, 1m, "µmol/L", "umol/L");
        Add(Dimension.BodyMass, 1m, "kg");
        Add(Dimension.Length, 1m, "cm");
        Add(Dimension.Length, 100m, "m");
        Add(Dimension.Area, 1m, "m2", "m²");
        Add(Dimension.Age, 1m, "years", "year", "y");
        Add(Dimension.Duration, 1m, "h", "hour");
        Add(Dimension.Percent, 1m, "%");
        Add(Dimension.Exposure, 1m, "ng*h/mL/day", "ng·h/mL/day");
        return table;
    }
}
