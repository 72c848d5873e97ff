using IxaRules.Diagnostics;
using IxaRules.Diagnostics.Catalog;
using IxaRules.Text;
using System.Globalization;
using IxaRules.Binding;

namespace IxaRules.Evaluation;

/// <summary>
/// One thing a run needs from the patient that the patient does not give: a body size for a dose per
/// m² or kg, or a covariate that a starting-dose adjustment or a titration depends on. An unknown
/// covariate never means a full dose: the run is refused unless the rule file says what to do
/// (<c>if unknown apply</c> / <c>if unknown skip</c>).
/// </summary>
public sealed record RunInputProblem(DiagnosticDescriptor Code, string Drug, string Needs, IReadOnlyList<string> Covariates, SourceLocation? Rule, string Message)
{
    /// <summary>The field to point at in a patient file: the first unknown covariate that is written there (as `unknown`).</summary>
    public string? Field => Covariates.Count > 0 ? Covariates[0] : null;
}

internal static class RunInputs
{
    public static IReadOnlyList<RunInputProblem> Check(Regimen regimen, Patient patient)
    {
        var problems = new List<RunInputProblem>();
        var world = new WorldState(patient) { Bsa = regimen.Bsa };
        foreach (var drug in regimen.Phases.SelectMany(p => p.Drugs).DistinctBy(d => d.Name))
        {
            var basis = regimen.Phases.SelectMany(p => p.Drugs).Where(d => d.Name == drug.Name).Select(d => d.StartingDose.Basis).ToHashSet();
            if (basis.Contains(DoseBasis.PerSquareMetre) && patient.BodySurface(regimen.Bsa) is null)
            {
                problems.Add(new RunInputProblem(RunInputCodes.BodySizeNeeded, drug.Name, "a height and a weight", ["height", "weight"], null,
                    $"`{drug.Name}` is dosed per m², so the patient needs a height and a weight"));
            }
            else if (basis.Contains(DoseBasis.PerKilogram) && patient.Weight is null)
            {
                problems.Add(new RunInputProblem(RunInputCodes.BodySizeNeeded, drug.Name, "a weight", ["weight"], null,
                    $"`{drug.Name}` is dosed per kg, so the patient needs a weight"));
            }
        }

        foreach (var phase in regimen.Phases)
        {
            foreach (var plan in phase.Drugs)
            {
                foreach (var adjustment in phase.StartAdjustments.Where(a => a.Drug == plan.Name))
                {
                    var (truth, unknown) = Evaluate(adjustment.When, world);
                    if (truth == Truth.True || (truth == Truth.Unknown && adjustment.IfUnknown == UnknownPolicy.Apply))
                    {
                        break; // the first adjustment that holds sets the dose
                    }

                    if (truth == Truth.Unknown && adjustment.IfUnknown == UnknownPolicy.Refuse)
                    {
                        problems.Add(Covariate(plan.Name, $"starting dose", unknown, adjustment.At, patient));
                        break;
                    }
                }
            }

            foreach (var titration in phase.Titrations.Where(t => t.When is not null && t.IfUnknown == UnknownPolicy.Refuse))
            {
                var (truth, unknown) = Evaluate(titration.When!, world);
                if (truth == Truth.Unknown)
                {
                    problems.Add(Covariate(titration.Drug, $"titration to {titration.To}", unknown, titration.At, patient));
                }
            }
        }

        return problems;
    }

    private static (Truth Truth, List<string> Unknown) Evaluate(Condition condition, WorldState world)
    {
        var facts = new FactList();
        var truth = ConditionEvaluator.Evaluate(condition, world, facts);
        var unknown = facts.Recorded.Where(f => f.Kind == FactKind.Unknown).Select(f => f.Leaf switch
            {
                CovariateCondition c => c.Covariate,
                CovariateIn i => i.Covariate,
                CovariateFlag g => g.Covariate,
                _ => "",
            })
            .Where(n => n.Length > 0).Distinct().ToList();
        return (truth, unknown);
    }

    private static RunInputProblem Covariate(string drug, string what, List<string> unknown, SourceLocation rule, Patient patient) =>
        new(RunInputCodes.CovariateUnknown, drug, what, unknown, rule, string.Create(CultureInfo.InvariantCulture,
            $"{drug}'s {what} depends on {string.Join(" and ", unknown.Select(u => $"`{u}`"))}, which {(unknown.Count == 1 ? "is" : "are")} unknown for patient `{patient.Id}`"));

    /// <summary>How to give a covariate, in a patient file's words (scenarios say the same without the colon).</summary>
    public static string HowToGive(string covariate) => covariate switch
    {
        "crcl" => "`crcl: 78 mL/min`, or `creatinine: 1.1 mg/dL` with `age`, `weight` and `sex` (Cockcroft–Gault)",
        "dialysis" => "`dialysis: true` or `dialysis: false`",
        "hepatic" => "`hepatic: none` (or `mild`, `moderate`, `severe`)",
        "sex" => "`sex: female` or `sex: male`",
        "age" => "`age: 66`",
        "weight" => "`weight: 70 kg`",
        "height" => "`height: 170 cm`",
        "bsa" => "`height` and `weight` (or `bsa: 1.8 m2`)",
        "creatinine" => "`creatinine: 1.1 mg/dL`",
        "clf" => "`clf: 4.0 L/h`",
        _ => $"`{covariate}`",
    };
}
