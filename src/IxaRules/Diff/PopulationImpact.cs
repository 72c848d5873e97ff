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
        var changed = 0;

        // In batches, as `cohort` runs: memory stays that of one batch whatever the count.
        var batch = new (PatientSummary Old, PatientSummary New, bool Changed)[Math.Min(count, CohortRunner.BatchSize)];
        for (var first = 0; first < count; first += batch.Length)
        {
            var size = Math.Min(batch.Length, count - first);
            Parallel.For(0, size, i =>
            {
                var patient = generator.Generate(seed, first + i);
                var x = old.Run(patient.Patient, patient.Events, options);
                var y = @new.Run(patient.Patient, patient.Events, options);
                batch[i] = (PatientSummary.Of(first + i, patient, x), PatientSummary.Of(first + i, patient, y), !CaseRunner.SameDoses(x.Administrations, y.Administrations));
            });
            for (var i = 0; i < size; i++)
            {
                a.Add(batch[i].Old);
                b.Add(batch[i].New);
                changed += batch[i].Changed ? 1 : 0;
            }
        }

        var drugs = old.Regimen.DrugNames.Union(@new.Regimen.DrugNames)
            .Select(d => new DrugImpact(d, Round(a.MeanRdi(d)), Round(b.MeanRdi(d)), a.Reduced(d), b.Reduced(d))).ToList();
        return new PopulationImpact(population.Name, count, seed, changed, drugs,
            a.Percent(a.Ended(CourseEnd.AdverseEvent)), b.Percent(b.Ended(CourseEnd.AdverseEvent)));
    }

    private static decimal? Round(decimal? value) => value is { } v ? Math.Round(v, 3) : null;
}
