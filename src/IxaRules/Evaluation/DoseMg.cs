using IxaRules.Binding;

namespace IxaRules.Evaluation;

/// <summary>
/// The mg of a dose for a patient: fixed as written, per m² or per kg rounded to 2 decimals (half
/// away from zero). One definition for the interpreter, the compiled backend and scenario expectations.
/// A missing body size gives 0 mg: a run that needs one is refused before any dose (RunInputs).
/// </summary>
internal static class DoseMg
{
    public static decimal Of(Dose dose, decimal? bodySurface, decimal? weight) => dose.Basis switch
    {
        DoseBasis.PerSquareMetre => Math.Round(dose.Amount * (bodySurface ?? 0), 2, MidpointRounding.AwayFromZero),
        DoseBasis.PerKilogram => Math.Round(dose.Amount * (weight ?? 0), 2, MidpointRounding.AwayFromZero),
        _ => dose.Amount,
    };
}
