using IxaRules.Cohort;
using IxaRules.Evaluation;

namespace IxaRules.Diff;

/// <summary>One drug's figures in both versions over the same virtual patients (percentages of treated patients).</summary>
internal sealed record DrugImpact(string Drug, decimal? OldMeanRdi, decimal? NewMeanRdi, decimal? OldReduced, decimal? NewReduced);

/// <summary>Both versions over one virtual cohort: how many patients' administrations changed, and each drug's RDI and reductions.</summary>
internal sealed record PopulationImpact(string Population, int Patients, int Seed, int Changed, IReadOnlyList<DrugImpact> Drugs,
    decimal? OldDiscontinued, decimal? NewDiscontinued);

/// <summary>
/// Runs both versions over the same generated patients (one generator, one seed: patient i is the
/// same person with the same events in both) and compares what they were given.
/// </summary>
internal static class PopulationImpactRunner
{
    public static PopulationImpact Run(PreparedRegimen old, PreparedRegimen @new, Population population, Arm arm, int count, int seed)
    {
        var generator = new PatientGenerator(arm, population.FollowUpCycles);
        var options = new RunOptions(Days: generator.Days);
        var (a, b) = (new CohortAggregate(population.FollowUpCycles), new CohortAggregate(population.FollowUpCycles));
        var changed = new bool[count];
        var summaries = new (PatientSummary Old, PatientSummary New)[count];
        Parallel.For(0, count, i =>
        {
            var patient = generator.Generate(seed, i);
            var x = old.Run(patient.Patient, patient.Events, options);
            var y = @new.Run(patient.Patient, patient.Events, options);
            changed[i] = !Same(x.Administrations, y.Administrations);
            summaries[i] = (PatientSummary.Of(i, patient, x), PatientSummary.Of(i, patient, y));
        });
        foreach (var (x, y) in summaries)
        {
            a.Add(x);
            b.Add(y);
        }

        var drugs = old.Regimen.DrugNames.Union(@new.Regimen.DrugNames)
            .Select(d => new DrugImpact(d, Round(a.MeanRdi(d)), Round(b.MeanRdi(d)), a.Reduced(d), b.Reduced(d))).ToList();
        return new PopulationImpact(population.Name, count, seed, changed.Count(c => c), drugs,
            a.Percent(a.Ended(CourseEnd.AdverseEvent)), b.Percent(b.Ended(CourseEnd.AdverseEvent)));
    }

    private static decimal? Round(decimal? value) => value is { } v ? Math.Round(v, 3) : null;

    private static bool Same(IReadOnlyList<Administration> x, IReadOnlyList<Administration> y)
    {
        if (x.Count != y.Count)
        {
            return false;
        }

        for (var i = 0; i < x.Count; i++)
        {
            if (x[i].Day != y[i].Day || x[i].Drug != y[i].Drug || x[i].GivenMg != y[i].GivenMg || x[i].Status != y[i].Status)
            {
                return false;
            }
        }

        return true;
    }
}
