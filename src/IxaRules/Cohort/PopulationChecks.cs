using IxaRules.Binding;
using IxaRules.Diagnostics;
using IxaRules.Diagnostics.Catalog;
using IxaRules.Evaluation;

namespace IxaRules.Cohort;

/// <summary>
/// An arm checked against the regimen it is replayed with, before anything runs: its patients must
/// have what the regimen needs (a body size for a dose per m², the covariates of its starting-dose
/// rows), every adverse event the rules name must be modelled (an event left out would never
/// trigger its rule: a silence turned into full doses), every qualifier the rules decide on must be
/// given a share, and every published figure must name a drug or phase of the regimen. Each problem
/// is an IXR4305 located in the population file.
/// </summary>
internal static class PopulationChecks
{
    public static IReadOnlyList<Diagnostic> Check(Population population, Arm arm, BoundFile file, Regimen regimen, PatientGenerator generator)
    {
        var source = population.Source;
        var problems = new List<Diagnostic>();
        void Add(Text.TextSpan span, string message, string? help = null) => problems.Add(RunInputCodes.ArmDoesNotFitRegimen.At(source, span, message, help));

        foreach (var need in RunInputs.Check(regimen, generator.Generate(0, 0).Patient))
        {
            Add(arm.Span, $"arm `{arm.Regimen}`: {need.Message}", "a population file gives no weight, height, creatinine or clearance per patient beyond its covariates: this regimen cannot be replayed with it");
        }

        var rules = file.RulesFor(regimen.Name).ToList();
        var named = RegimenConditions.Of(rules, regimen, file.Source.Path)
            .SelectMany(c => ConditionLeaves.Of(c.Condition).OfType<AdverseEventCondition>().Select(ae => (ae.Event, c.Line)))
            .Where(x => x.Event is not null)
            .DistinctBy(x => x.Event)
            .ToList();
        foreach (var (name, line) in named.Where(n => arm.Events.All(e => e.Name != n.Event)))
        {
            Add(arm.Span, $"arm `{arm.Regimen}` models no `{name}`, which the rules decide on ({file.Source.Path}:{line}): its rule could never fire",
                $"add `{name}: {{…, source: \"…\"}}` under `events:` (incidences of 0 are a value too, with their source)");
        }

        foreach (var (name, qualifier, where) in QualifierNeeds.Of(rules, regimen, file.Source.Path).All)
        {
            if (arm.Events.FirstOrDefault(e => e.Name == name) is not { } process)
            {
                continue; // reported above
            }

            var given = qualifier == "pain" ? process.WithPain is not null : process.Qualifier == qualifier && process.Qualified is not null;
            if (!given)
            {
                Add(process.Span, $"the rules decide on `{name} … with {qualifier}` ({where}), and event `{name}` does not say how often it is",
                    qualifier == "pain" ? "add `pain: …` (the share of patients with painful neuropathy) with its source" : $"add `qualifier: {qualifier}, with: …` (the share of episodes) with its source");
            }
        }

        var drugs = regimen.DrugNames.ToHashSet(StringComparer.Ordinal);
        var phases = regimen.Phases.Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var figure in arm.Published)
        {
            if (figure.Drug is { } drug && !drugs.Contains(drug))
            {
                Add(figure.Span, $"the published figure names drug `{drug}`, which regimen `{regimen.Name}` does not give", Suggest.DidYouMean(drug, drugs) ?? $"its drugs: {string.Join(", ", drugs)}");
            }

            if (figure.Phase is { } phase && !phases.Contains(phase))
            {
                Add(figure.Span, $"the published figure names phase `{phase}`, which regimen `{regimen.Name}` does not have", Suggest.DidYouMean(phase, phases) ?? $"its phases: {string.Join(", ", phases)}");
            }
        }

        return problems;
    }
}
