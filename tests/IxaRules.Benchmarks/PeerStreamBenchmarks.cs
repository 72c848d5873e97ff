using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using IxaRules.Binding;
using IxaRules.Evaluation;
using NRules;
using NRules.Fluent;
using NRulesRule = NRules.Fluent.Dsl.Rule;
using RulesEngine.Models;

namespace IxaRules.Benchmarks;

/// <summary>
/// The stateless stream (<see cref="LabDays"/>), 200,000 patient-days, four rules — hold when
/// platelets &lt; 30 or ANC &lt; 0.5, delay when ANC &lt; 1.0 or platelets &lt; 75 — in the engines a
/// user would pick instead, each written the way its documentation shows, beside a hand-written
/// loop and IxaRules' own conditions (interpreted and compiled). Every engine is checked in setup
/// to give 28,513 hold decisions on 27,520 days. Decisions/s = 4 × Days / mean time.
/// Run: <c>dotnet run -c Release --project tests/IxaRules.Benchmarks -- --filter '*PeerStream*'</c>.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 5)]
public class PeerStreamBenchmarks
{
    public const int Days = 200_000;

    private const string StreamRules = """
        regimen Stream
          cycle 28 days for 1 cycles
          drug ixazomib oral 4 mg days 1

        rule hold_platelets
          when platelets < 30 x10^9/L
          hold ixazomib until platelets >= 30 x10^9/L

        rule hold_anc
          when anc < 0.5 x10^9/L
          hold ixazomib until anc >= 0.5 x10^9/L

        rule delay_anc
          when anc < 1.0 x10^9/L
          hold ixazomib until anc >= 1.0 x10^9/L

        rule delay_platelets
          when platelets < 75 x10^9/L
          hold ixazomib until platelets >= 75 x10^9/L

        """;

    private StreamDay[] _days = [];
    private Condition[] _conditions = [];
    private Func<WorldState, Truth>[] _interpreted = [];
    private Func<WorldState, Truth>[] _compiled = [];
    private Compilation.CompiledRegimen _regimen = null!;
    private RulesEngine.RulesEngine _rulesEngine = null!;
    private ISessionFactory _nrules = null!;

    [GlobalSetup]
    public void Setup()
    {
        _days = LabDays.Days(Days);
        var model = RuleFiles.Check(new Text.SourceText("stream.ixr", StreamRules)).Model!;
        _conditions = [.. model.Rules.Select(r => r.Trigger)];
        _interpreted = [.. _conditions.Select(c => InterpretedConditions.Instance.For(c))];
        _regimen = Compilation.RegimenCompiler.Compile(model, model.Regimens[0]);
        _compiled = [.. _conditions.Select(c => _regimen.Code.For(c))];
        _rulesEngine = new RulesEngine.RulesEngine([RulesEngineWorkflow()], new ReSettings());
        var repository = new RuleRepository();
        repository.Load(x => x.From(typeof(HoldPlatelets), typeof(HoldAnc), typeof(DelayAnc), typeof(DelayPlatelets)));
        _nrules = repository.Compile();

        var expected = (28_513, 27_520); // Days is the first 200,000 days of the stream
        foreach (var (name, holds) in new (string, Func<int>)[] { ("hand-written", HandWritten), ("IxaRules interpreted", IxaRulesInterpreted), ("IxaRules compiled", IxaRulesCompiled), ("RulesEngine", RulesEngine), ("NRules", NRules) })
        {
            if (holds() != expected.Item1)
            {
                throw new InvalidOperationException($"{name} does not give {expected.Item1} hold decisions");
            }
        }

        if (_days.Count(d => LabDays.Decide(d).Holds > 0) != expected.Item2)
        {
            throw new InvalidOperationException("the stream does not have 27,520 hold days");
        }
    }

    [GlobalCleanup]
    public void Cleanup() => _regimen.Dispose();

    [Benchmark(Baseline = true)]
    public int HandWritten()
    {
        var holds = 0;
        foreach (var day in _days)
        {
            holds += LabDays.Decide(day).Holds;
        }

        return holds;
    }

    [Benchmark]
    public int IxaRulesInterpreted() => Evaluate(_interpreted);

    [Benchmark]
    public int IxaRulesCompiled() => Evaluate(_compiled);

    /// <summary>IxaRules' conditions over a patient's world, one lab report at a time, as the interpreter feeds them.</summary>
    private int Evaluate(Func<WorldState, Truth>[] code)
    {
        var world = new WorldState(new Patient("stream", null, null, null, null, null, null, null, null, [], null, null));
        var holds = 0;
        for (var i = 0; i < _days.Length; i++)
        {
            world.Day = i + 1;
            world.Apply(new PatientEvent(i + 1, EventKind.Lab, "platelets", _days[i].Platelets, [], null, 0));
            world.Apply(new PatientEvent(i + 1, EventKind.Lab, "anc", _days[i].Anc, [], null, 0));
            holds += (code[0](world) == Truth.True ? 1 : 0) + (code[1](world) == Truth.True ? 1 : 0);
            _ = code[2](world);
            _ = code[3](world);
        }

        return holds;
    }

    [Benchmark]
    public int RulesEngine()
    {
        var holds = 0;
        foreach (var day in _days)
        {
            var results = _rulesEngine.ExecuteAllRulesAsync("stream", day).AsTask().GetAwaiter().GetResult();
            holds += results.Count(r => r.IsSuccess && r.Rule.RuleName.StartsWith("hold", StringComparison.Ordinal));
        }

        return holds;
    }

    [Benchmark]
    public int NRules()
    {
        var session = _nrules.CreateSession();
        var counts = new StreamCounts();
        session.Insert(counts);
        session.InsertAll(_days);
        session.Fire();
        return counts.Holds;
    }

    private static Workflow RulesEngineWorkflow() => new()
    {
        WorkflowName = "stream",
        Rules =
        [
            new RulesEngine.Models.Rule { RuleName = "hold-platelets", Expression = "input1.Platelets < 30" },
            new RulesEngine.Models.Rule { RuleName = "hold-anc", Expression = "input1.Anc < 0.5" },
            new RulesEngine.Models.Rule { RuleName = "delay-anc", Expression = "input1.Anc < 1.0" },
            new RulesEngine.Models.Rule { RuleName = "delay-platelets", Expression = "input1.Platelets < 75" },
        ],
    };
}

/// <summary>A fact the NRules rules count their decisions in (NRules actions act on facts).</summary>
public sealed class StreamCounts
{
    public int Holds { get; private set; }

    public int Delays { get; private set; }

    public void CountHold() => Holds++;

    public void CountDelay() => Delays++;
}

public sealed class HoldPlatelets : NRulesRule
{
    public override void Define()
    {
        StreamDay day = null!;
        StreamCounts counts = null!;
        When().Match(() => day, d => d.Platelets < 30).Match(() => counts);
        Then().Do(_ => counts.CountHold());
    }
}

public sealed class HoldAnc : NRulesRule
{
    public override void Define()
    {
        StreamDay day = null!;
        StreamCounts counts = null!;
        When().Match(() => day, d => d.Anc < 0.5m).Match(() => counts);
        Then().Do(_ => counts.CountHold());
    }
}

public sealed class DelayAnc : NRulesRule
{
    public override void Define()
    {
        StreamDay day = null!;
        StreamCounts counts = null!;
        When().Match(() => day, d => d.Anc < 1.0m).Match(() => counts);
        Then().Do(_ => counts.CountDelay());
    }
}

public sealed class DelayPlatelets : NRulesRule
{
    public override void Define()
    {
        StreamDay day = null!;
        StreamCounts counts = null!;
        When().Match(() => day, d => d.Platelets < 75).Match(() => counts);
        Then().Do(_ => counts.CountDelay());
    }
}
