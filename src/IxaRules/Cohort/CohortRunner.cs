using IxaRules.Evaluation;

namespace IxaRules.Cohort;

/// <summary>
/// Replays an arm's virtual patients through a prepared regimen: patients are made and run in
/// parallel, a batch at a time, and their summaries are handed on in patient order (to the
/// aggregate and to a callback, e.g. a CSV writer), so the result is the same for a seed
/// however many threads run it, and memory holds one batch of summaries, not the cohort.
/// </summary>
internal static class CohortRunner
{
    /// <summary>Patients made and run together before their summaries are handed on.</summary>
    public const int BatchSize = 512;

    /// <summary>Stated limit: the largest cohort one command runs.</summary>
    public const int MaxPatients = 10_000_000;

    public static CohortAggregate Run(PreparedRegimen prepared, Population population, Arm arm, int count, int seed,
        Action<PatientSummary>? each = null, Action<int>? progress = null, int? threads = null) =>
        Run(prepared, population, new PatientGenerator(arm, population.FollowUpCycles), count, seed, each, progress, threads);

    /// <summary>As above, with the arm's generator made already (its hazards are solved once).</summary>
    public static CohortAggregate Run(PreparedRegimen prepared, Population population, PatientGenerator generator, int count, int seed,
        Action<PatientSummary>? each = null, Action<int>? progress = null, int? threads = null)
    {
        var options = new RunOptions(Days: generator.Days);
        var aggregate = new CohortAggregate(population.FollowUpCycles);
        var batch = new PatientSummary[BatchSize];
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = threads ?? Environment.ProcessorCount };
        for (var first = 0; first < count; first += BatchSize)
        {
            var size = Math.Min(BatchSize, count - first);
            Parallel.For(0, size, parallel, i =>
            {
                var generated = generator.Generate(seed, first + i);
                batch[i] = PatientSummary.Of(first + i, generated, prepared.Run(generated.Patient, generated.Events, options));
            });
            for (var i = 0; i < size; i++)
            {
                aggregate.Add(batch[i]);
                each?.Invoke(batch[i]);
            }

            progress?.Invoke(first + size);
        }

        return aggregate;
    }
}
