using IxaRules.Syntax;

namespace IxaRules.Binding;

/// <summary>Turns written quantities into canonical values, reporting unknown and mismatched units.</summary>
internal sealed class QuantityBinder(BindDiagnostics diagnostics)
{
    /// <summary>The value in the canonical unit of <paramref name="expected"/>, or null after reporting why not.</summary>
    public decimal? Bind(QuantitySyntax quantity, string subject, Dimension expected, bool unitOptional = false, decimal? molarToMass = null)
    {
        var value = quantity.Number.Value;
        if (quantity.Unit is null)
        {
            if (unitOptional || expected == Dimension.Count)
            {
                return value;
            }

            diagnostics.MissingUnit(quantity.Number.Span, subject, expected);
            return null;
        }

        var unit = Units.Lookup(quantity.Unit.Text);
        if (unit is null)
        {
            diagnostics.UnknownUnit(quantity.Unit.Span, quantity.Unit.Text);
            return null;
        }

        if (unit.Dimension == expected)
        {
            return value * unit.Factor;
        }

        if (unit.Dimension == Dimension.MolarConcentration && expected == Dimension.MassConcentration && molarToMass is { } factor)
        {
            return value * unit.Factor * factor;
        }

        diagnostics.WrongUnit(quantity.Unit.Span, subject, expected, quantity.Unit.Text, unit.Dimension);
        return null;
    }

    /// <summary>A dose: mg, mg/m² or mg/kg.</summary>
    public Dose? BindDose(QuantitySyntax quantity)
    {
        if (quantity.Unit is null)
        {
            diagnostics.MissingUnit(quantity.Number.Span, "a dose", Dimension.DoseMass);
            return null;
        }

        var unit = Units.Lookup(quantity.Unit.Text);
        if (unit is null)
        {
            diagnostics.UnknownUnit(quantity.Unit.Span, quantity.Unit.Text);
            return null;
        }

        DoseBasis? basis = unit.Dimension switch
        {
            Dimension.DoseMass => DoseBasis.Fixed,
            Dimension.DosePerArea => DoseBasis.PerSquareMetre,
            Dimension.DosePerBodyWeight => DoseBasis.PerKilogram,
            _ => null,
        };
        if (basis is null)
        {
            diagnostics.NotADose(quantity.Unit.Span, quantity.Unit.Text);
            return null;
        }

        return new Dose(quantity.Number.Value * unit.Factor, basis.Value);
    }

    /// <summary>A dose that must be expressed like <paramref name="reference"/> (same basis).</summary>
    public Dose? BindDoseLike(QuantitySyntax quantity, string drug, Dose reference)
    {
        var dose = BindDose(quantity);
        if (dose is not null && dose.Basis != reference.Basis)
        {
            diagnostics.DoseBasisMismatch(quantity.Span, drug, reference, $"{quantity.Number.Text} {quantity.Unit?.Text}");
            return null;
        }

        return dose;
    }
}
