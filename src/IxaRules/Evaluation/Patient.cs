using System.Globalization;
using IxaRules.Binding;

namespace IxaRules.Evaluation;

/// <summary>An adverse event the patient already had before day 1, at its baseline grade.</summary>
public sealed record BaselineEvent(string Event, int Grade, IReadOnlyList<string> Qualifiers);

/// <summary>
/// A patient's baseline. Quantities are in the canonical unit of their dimension (kg, cm, mL/min,
/// mg/dL, L/h for CL/F). A fact not given (or given as unknown) is null: conditions on it are
/// unknown, never zero — including <see cref="Dialysis"/>, which a file must state.
/// <see cref="GivenBodySurface"/> is a measured BSA (m²) that replaces the formula.
/// </summary>
public sealed record Patient(
    string Id,
    decimal? Age,
    string? Sex,
    decimal? Weight,
    decimal? Height,
    decimal? CreatinineClearance,
    decimal? SerumCreatinine,
    string? Hepatic,
    bool? Dialysis,
    IReadOnlyList<BaselineEvent> Baseline,
    decimal? ClearanceLitresPerHour,
    DateOnly? StartDate,
    decimal? GivenBodySurface = null)
{
    /// <summary>The baseline grade of an adverse event (0 when none was reported at baseline).</summary>
    public int BaselineGrade(string adverseEvent)
    {
        for (var i = 0; i < Baseline.Count; i++)
        {
            if (Baseline[i].Event == adverseEvent)
            {
                return Baseline[i].Grade;
            }
        }

        return 0;
    }

    /// <summary>
    /// CrCl as given, else Cockcroft–Gault: (140 − age) × weight / (72 × SCr), × 0.85 if female
    /// (dosing-facts §7, CONFIRMED; actual body weight, SCr in mg/dL). Null when an input is missing.
    /// </summary>
    public decimal? EffectiveCrCl =>
        CreatinineClearance
        ?? (Age is { } age && Weight is { } weight && SerumCreatinine is { } scr && scr > 0 && Sex is not null
            ? (140 - age) * weight / (72 * scr) * (Sex == "female" ? 0.85m : 1m)
            : null);

    /// <summary>Body surface in m², rounded to 2 decimals (the stated rounding rule): as given, else by the formula. Null without height and weight.</summary>
    public decimal? BodySurface(BsaMethod method) => GivenBodySurface is { } given
        ? Math.Round(given, 2, MidpointRounding.AwayFromZero)
        : Height is { } h && Weight is { } w
        ? Math.Round(method == BsaMethod.DuBois
            ? 0.007184m * (decimal)(Math.Pow((double)h, 0.725) * Math.Pow((double)w, 0.425))
            : (decimal)Math.Sqrt((double)(h * w / 3600m)), 2, MidpointRounding.AwayFromZero)
        : null;

    /// <summary>The value of a quantity covariate in canonical units, or null when unknown (bsa by the regimen's formula).</summary>
    public decimal? Quantity(string covariate, BsaMethod bsa = BsaMethod.Mosteller) => covariate switch
    {
        "age" => Age,
        "weight" => Weight,
        "height" => Height,
        "crcl" => EffectiveCrCl,
        "creatinine" => SerumCreatinine,
        "clf" => ClearanceLitresPerHour is { } c ? c * 50m / 3m : null, // L/h → mL/min, the Flow canonical unit
        "bsa" => BodySurface(bsa),
        _ => null,
    };

    public string? Class(string covariate) => covariate switch
    {
        "hepatic" => Hepatic,
        "sex" => Sex,
        _ => null,
    };

    /// <summary>
    /// A value with at most 2 decimals, trailing zeros dropped: what <c>"0.##"</c> prints. That custom
    /// format is parsed on every call and the decision trail prints a value per fact read, so
    /// non-zero values take a shortcut with the same text (rounded half away from zero, then
    /// normalised: dividing by 1.000… drops trailing zeros). A property test holds the two equal.
    /// </summary>
    public static string Format(decimal value)
    {
        var rounded = Math.Round(value, 2, MidpointRounding.AwayFromZero);
        return rounded == 0
            ? value.ToString("0.##", CultureInfo.InvariantCulture) // zero keeps the format's own sign rule
            : (rounded / 1.000000000000000000000000000000000m).ToString(CultureInfo.InvariantCulture);
    }
}
