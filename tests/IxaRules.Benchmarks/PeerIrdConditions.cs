using IxaRules.Shared;
using NRules;
using NRules.Fluent;
using RulesEngine.Models;
using NRulesRule = NRules.Fluent.Dsl.Rule;

namespace IxaRules.Benchmarks;

/// <summary>What a rule engine is given about one IRd day (engines want plain facts: no nullable decimals).</summary>
public sealed class IrdFacts
{
    public bool HasPlatelets { get; init; }

    public double Platelets { get; init; }

    public bool HasAnc { get; init; }

    public double Anc { get; init; }

    public int Rash { get; init; }

    public bool Fresh { get; init; }

    public static IrdFacts Of(IrdDay d) => new()
    {
        HasPlatelets = d.Platelets is not null, Platelets = (double)(d.Platelets ?? 0), HasAnc = d.Anc is not null, Anc = (double)(d.Anc ?? 0),
        Rash = d.Rash, Fresh = d.FreshCounts,
    };
}

/// <summary>
/// IRd's conditions in Microsoft RulesEngine, as its README has a user do it: a workflow of named
/// rules with lambda expressions over `input1`, executed for each day's facts; the state machine
/// (holds, ladders, the calendar) stays in the host code, where RulesEngine leaves it.
/// </summary>
public sealed class RulesEngineIrdConditions : IIrdConditions
{
    private static readonly (string Name, string Expression)[] Rules =
    [
        ("thrombocytopenia", "input1.HasPlatelets && input1.Platelets < 30"),
        ("platelets-recovered", "input1.HasPlatelets && input1.Platelets >= 30"),
        ("neutropenia", "input1.HasAnc && input1.Anc < 0.5"),
        ("anc-recovered", "input1.HasAnc && input1.Anc >= 0.5"),
        ("rash-2-3", "input1.Rash >= 2 && input1.Rash <= 3"),
        ("rash-4", "input1.Rash == 4"),
        ("rash-recovered", "input1.Rash <= 1"),
        ("cycle-may-start", "input1.HasAnc && input1.Anc >= 1.0 && input1.HasPlatelets && input1.Platelets >= 75 && input1.Rash <= 1 && input1.Fresh"),
    ];

    private readonly RulesEngine.RulesEngine _engine = new(
        [new Workflow { WorkflowName = "ird", Rules = [.. Rules.Select(r => new RulesEngine.Models.Rule { RuleName = r.Name, Expression = r.Expression })] }],
        new ReSettings());

    public IrdDecisions Decide(IrdDay day)
    {
        var results = _engine.ExecuteAllRulesAsync("ird", IrdFacts.Of(day)).AsTask().GetAwaiter().GetResult();
        bool Is(string name) => results.Exists(r => r.Rule.RuleName == name && r.IsSuccess);
        return new IrdDecisions(Is("thrombocytopenia"), Is("platelets-recovered"), Is("neutropenia"), Is("anc-recovered"), Is("rash-2-3"), Is("rash-4"),
            Is("rash-recovered"), Is("cycle-may-start"));
    }
}

/// <summary>
/// IRd's conditions in NRules, as its wiki has a user do it: a rule class per condition, compiled
/// once into a session factory; each day a session gets the day's facts and a result fact, and
/// `Fire` runs the rules that match.
/// </summary>
public sealed class NRulesIrdConditions : IIrdConditions
{
    private readonly ISessionFactory _factory;

    public NRulesIrdConditions()
    {
        var repository = new RuleRepository();
        repository.Load(x => x.From(typeof(IrdThrombocytopenia), typeof(IrdPlateletsRecovered), typeof(IrdNeutropenia), typeof(IrdAncRecovered),
            typeof(IrdRash23), typeof(IrdRash4), typeof(IrdRashRecovered), typeof(IrdCycleMayStart)));
        _factory = repository.Compile();
    }

    public IrdDecisions Decide(IrdDay day)
    {
        var session = _factory.CreateSession();
        var result = new IrdResult();
        session.Insert(IrdFacts.Of(day));
        session.Insert(result);
        session.Fire();
        return result.Decisions;
    }
}

/// <summary>The fact NRules' actions write their decisions into.</summary>
public sealed class IrdResult
{
    public IrdDecisions Decisions { get; private set; }

    /// <summary>Records that the condition of that name holds (an action is an expression tree: it calls, it cannot assign).</summary>
    public void Mark(string condition) => Decisions = condition switch
    {
        "Thrombocytopenia" => Decisions with { Thrombocytopenia = true },
        "PlateletsRecovered" => Decisions with { PlateletsRecovered = true },
        "Neutropenia" => Decisions with { Neutropenia = true },
        "AncRecovered" => Decisions with { AncRecovered = true },
        "Rash2To3" => Decisions with { Rash2To3 = true },
        "Rash4" => Decisions with { Rash4 = true },
        "RashRecovered" => Decisions with { RashRecovered = true },
        "CycleMayStart" => Decisions with { CycleMayStart = true },
        _ => throw new ArgumentException(condition, nameof(condition)),
    };
}

public sealed class IrdThrombocytopenia : NRulesRule
{
    public override void Define()
    {
        IrdFacts f = null!;
        IrdResult r = null!;
        When().Match(() => f, x => x.HasPlatelets && x.Platelets < 30).Match(() => r);
        Then().Do(_ => r.Mark("Thrombocytopenia"));
    }
}

public sealed class IrdPlateletsRecovered : NRulesRule
{
    public override void Define()
    {
        IrdFacts f = null!;
        IrdResult r = null!;
        When().Match(() => f, x => x.HasPlatelets && x.Platelets >= 30).Match(() => r);
        Then().Do(_ => r.Mark("PlateletsRecovered"));
    }
}

public sealed class IrdNeutropenia : NRulesRule
{
    public override void Define()
    {
        IrdFacts f = null!;
        IrdResult r = null!;
        When().Match(() => f, x => x.HasAnc && x.Anc < 0.5).Match(() => r);
        Then().Do(_ => r.Mark("Neutropenia"));
    }
}

public sealed class IrdAncRecovered : NRulesRule
{
    public override void Define()
    {
        IrdFacts f = null!;
        IrdResult r = null!;
        When().Match(() => f, x => x.HasAnc && x.Anc >= 0.5).Match(() => r);
        Then().Do(_ => r.Mark("AncRecovered"));
    }
}

public sealed class IrdRash23 : NRulesRule
{
    public override void Define()
    {
        IrdFacts f = null!;
        IrdResult r = null!;
        When().Match(() => f, x => x.Rash >= 2 && x.Rash <= 3).Match(() => r);
        Then().Do(_ => r.Mark("Rash2To3"));
    }
}

public sealed class IrdRash4 : NRulesRule
{
    public override void Define()
    {
        IrdFacts f = null!;
        IrdResult r = null!;
        When().Match(() => f, x => x.Rash == 4).Match(() => r);
        Then().Do(_ => r.Mark("Rash4"));
    }
}

public sealed class IrdRashRecovered : NRulesRule
{
    public override void Define()
    {
        IrdFacts f = null!;
        IrdResult r = null!;
        When().Match(() => f, x => x.Rash <= 1).Match(() => r);
        Then().Do(_ => r.Mark("RashRecovered"));
    }
}

public sealed class IrdCycleMayStart : NRulesRule
{
    public override void Define()
    {
        IrdFacts f = null!;
        IrdResult r = null!;
        When().Match(() => f, x => x.HasAnc && x.Anc >= 1.0 && x.HasPlatelets && x.Platelets >= 75 && x.Rash <= 1 && x.Fresh).Match(() => r);
        Then().Do(_ => r.Mark("CycleMayStart"));
    }
}
