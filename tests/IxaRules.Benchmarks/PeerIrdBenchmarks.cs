using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using IxaRules.Checks;
using IxaRules.Evaluation;
using IxaRules.Shared;

namespace IxaRules.Benchmarks;

/// <summary>
/// The stateful IRd (holds until recovery, alternating reductions, cycle-start delays) over the
/// evaluation cohort (200 patients × 168 days): IxaRules running rules/ird.ixr in both backends,
/// the hand-written C# IRd, and that same state machine with its conditions decided by Microsoft
/// RulesEngine or NRules — how a user of those engines would build IRd, since neither keeps
/// state across days. Setup checks every peer gives the hand-written IRd's administrations and
/// metrics for every patient. Run: <c>dotnet run -c Release --project tests/IxaRules.Benchmarks -- --filter '*PeerIrd*'</c>.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 5)]
public class PeerIrdBenchmarks
{
    private const int Days = EvaluationBenchmarks.Days;
    private IReadOnlyList<(Patient Patient, IReadOnlyList<PatientEvent> Events)> _cohort = [];
    private PreparedRegimen _compiled = null!;
    private PreparedRegimen _interpreted = null!;
    private readonly RulesEngineIrdConditions _rulesEngine = new();
    private readonly NRulesIrdConditions _nrules = new();

    [GlobalSetup]
    public void Setup()
    {
        var model = Repository.Rules("ird.ixr");
        _cohort = VirtualCohort.Generate(200, seed: 2026);
        _compiled = PreparedRegimen.Prepare(model, "IRd", Backend.Compiled);
        _interpreted = PreparedRegimen.Prepare(model, "IRd", Backend.Interpreted);
        foreach (var (patient, events) in _cohort)
        {
            var (log, metrics) = HandWrittenIrd.Run(patient, events, Days);
            foreach (var (name, peer) in new (string, (IReadOnlyList<Administration> Log, IReadOnlyList<DrugMetrics> Metrics))[]
            {
                ("RulesEngine", HandWrittenIrd.Run(patient, events, Days, _rulesEngine)),
                ("NRules", HandWrittenIrd.Run(patient, events, Days, _nrules)),
            })
            {
                if (!peer.Log.SequenceEqual(log) || !peer.Metrics.SequenceEqual(metrics))
                {
                    throw new InvalidOperationException($"{name} IRd and the hand-written IRd disagree on {patient.Id}");
                }
            }

            var outcome = _compiled.Run(patient, events, new RunOptions(Days));
            if (outcome.Administrations.Count != log.Count || !outcome.Metrics.SequenceEqual(metrics))
            {
                throw new InvalidOperationException($"IxaRules and the hand-written IRd disagree on {patient.Id}");
            }
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _compiled.Dispose();
        _interpreted.Dispose();
    }

    [Benchmark(Baseline = true)]
    public int HandWritten() => _cohort.Sum(p => HandWrittenIrd.Run(p.Patient, p.Events, Days).Log.Count);

    [Benchmark]
    public int IxaRulesCompiled() => _cohort.Sum(p => _compiled.Run(p.Patient, p.Events, new RunOptions(Days)).Administrations.Count);

    [Benchmark]
    public int IxaRulesInterpreted() => _cohort.Sum(p => _interpreted.Run(p.Patient, p.Events, new RunOptions(Days)).Administrations.Count);

    [Benchmark]
    public int RulesEngine() => _cohort.Sum(p => HandWrittenIrd.Run(p.Patient, p.Events, Days, _rulesEngine).Log.Count);

    [Benchmark]
    public int NRules() => _cohort.Sum(p => HandWrittenIrd.Run(p.Patient, p.Events, Days, _nrules).Log.Count);
}
