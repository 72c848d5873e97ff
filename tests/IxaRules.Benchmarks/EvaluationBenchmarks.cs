using BenchmarkDotNet.Attributes;
using IxaRules.Binding;
using IxaRules.Evaluation;
using IxaRules.Checks;
using IxaRules.Shared;

namespace IxaRules.Benchmarks;

/// <summary>
/// Patient-days per second for rules/ird.ixr: the reference interpreter beside a hand-written C#
/// implementation of the same rules, on the same generated cohort (the two are checked to agree in
/// setup). Patient-days/s = Patients × Days / mean time.
/// </summary>
[MemoryDiagnoser]
public class EvaluationBenchmarks
{
    public const int Days = 168;

    private BoundFile _model = null!;
    private IxaRules.Compilation.CompiledRegimen _compiled = null!;
    private Regimen _regimen = null!;
    private IReadOnlyList<(Patient Patient, IReadOnlyList<PatientEvent> Events)> _cohort = [];

    [Params(200)]
    public int Patients { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _model = Repository.Rules("ird.ixr");
        _regimen = _model.Regimens[0];
        _cohort = VirtualCohort.Generate(Patients, seed: 2026);
        _compiled = RuleFiles.Compile(_model, _regimen);
        foreach (var (patient, events) in _cohort)
        {
            var interpreted = RuleFiles.Run(_model, _regimen, patient, events, new RunOptions(Days));
            var (log, metrics) = HandWrittenIrd.Run(patient, events, Days);
            if (log.Count != interpreted.Administrations.Count || !metrics.SequenceEqual(interpreted.Metrics))
            {
                throw new InvalidOperationException($"interpreter and hand-written IRd disagree on {patient.Id}");
            }
        }
    }

    [Benchmark(Baseline = true)]
    public int HandWritten()
    {
        var total = 0;
        foreach (var (patient, events) in _cohort)
        {
            total += HandWrittenIrd.Run(patient, events, Days).Log.Count;
        }

        return total;
    }

    [Benchmark]
    public int Compiled()
    {
        var total = 0;
        foreach (var (patient, events) in _cohort)
        {
            total += RuleFiles.Run(_model, _regimen, patient, events, new RunOptions(Days), _compiled).Administrations.Count;
        }

        return total;
    }

    [Benchmark]
    public int Interpreted()
    {
        var total = 0;
        foreach (var (patient, events) in _cohort)
        {
            total += RuleFiles.Run(_model, _regimen, patient, events, new RunOptions(Days)).Administrations.Count;
        }

        return total;
    }
}
