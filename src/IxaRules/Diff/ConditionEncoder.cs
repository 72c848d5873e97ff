using IxaRules.Binding;

namespace IxaRules.Diff;

/// <summary>A condition's Kleene value as two formulas: definitely true, definitely false (neither: unknown).</summary>
internal readonly record struct Tri(IntPtr True, IntPtr False);

internal enum VariableKind
{
    /// <summary>A lab value (real, canonical unit); with <see cref="SmtVariable.Known"/> whether it was measured.</summary>
    Lab,

    /// <summary>Days since the lab was measured (for criteria with `measured within N days`).</summary>
    LabAge,

    /// <summary>A quantity covariate (real) with whether it is known.</summary>
    Quantity,

    /// <summary>An enum covariate as the index of its value, with whether it is known.</summary>
    Enum,

    /// <summary>A yes/no covariate, with whether it is known.</summary>
    Flag,

    /// <summary>The current grade of an adverse event (0: none); always known (events are reported when they happen).</summary>
    Grade,

    /// <summary>The patient's baseline grade of an adverse event.</summary>
    Baseline,

    /// <summary>Whether the current event carries a qualifier (`with pain`).</summary>
    Qualifier,

    /// <summary>Which drug the current event is attributed to (0: none; i: the i-th drug of <see cref="Catalog.Drugs"/>, 1-based).</summary>
    Attribution,

    /// <summary>Whether a terminal event (progression) has happened.</summary>
    Terminal,

    /// <summary>An embedded C# condition, opaque to the solver: its value and whether it could be evaluated.</summary>
    CSharp,
}

/// <summary>One solver variable; <see cref="Known"/> is its "was it measured / stated" flag where the kind has one.</summary>
internal sealed record SmtVariable(VariableKind Kind, string Subject, IntPtr Term, IntPtr? Known, string? Qualifier = null)
{
    /// <summary>The constants conditions compare this variable with: the only places its truth can change.</summary>
    public SortedSet<decimal> Thresholds { get; } = [];
}

/// <summary>
/// Encodes bound conditions for the solver, with the same three-valued meaning the interpreter gives
/// them (<see cref="Evaluation.ConditionEvaluator"/>): a lab never measured or too old is unknown, a
/// covariate not stated is unknown, an adverse event not reported is grade 0. Both versions of a
/// condition are encoded by one encoder, so they share their variables.
/// </summary>
internal sealed class ConditionEncoder(Smt smt)
{
    /// <summary>Covariates a run computes from others when the patient file does not give them.</summary>
    public static readonly IReadOnlySet<string> Derived = new HashSet<string>(StringComparer.Ordinal) { "crcl", "bsa" };

    private readonly Dictionary<string, SmtVariable> _variables = new(StringComparer.Ordinal);
    private readonly List<IntPtr> _domain = [];
    private int _fresh;

    public IEnumerable<SmtVariable> Variables => _variables.Values;

    /// <summary>What every variable must satisfy to describe a real patient (grades 0–5, labs ≥ 0, covariates in range).</summary>
    public IntPtr Domain => smt.And([.. _domain]);

    public Tri Encode(Condition condition) => condition switch
    {
        AllOf a => And(Encode(a.Left), Encode(a.Right)),
        AnyOf o => Or(Encode(o.Left), Encode(o.Right)),
        Negation n => Encode(n.Operand) is var t ? new Tri(t.False, t.True) : default,
        LabCondition l => Lab(l),
        CovariateCondition c => Quantity(c),
        CovariateIn i => EnumIn(i),
        CovariateFlag f => Flag(f),
        TerminalCondition t => Known(Variable(VariableKind.Terminal, t.Event, null).Term),
        AdverseEventCondition ae => Known(AdverseEventFormula.Encode(this, smt, ae)),
        CSharpCondition cs => CSharp(cs),
        _ => throw new NotSupportedException(condition.GetType().Name),
    };

    private Tri And(Tri a, Tri b) => new(smt.And(a.True, b.True), smt.Or(a.False, b.False));

    private Tri Or(Tri a, Tri b) => new(smt.Or(a.True, b.True), smt.And(a.False, b.False));

    private Tri Known(IntPtr holds) => new(holds, smt.Not(holds));

    /// <summary>A test on a value that may be unknown: true or false only when known.</summary>
    private Tri WhenKnown(IntPtr known, IntPtr holds) => new(smt.And(known, holds), smt.And(known, smt.Not(holds)));

    private Tri Lab(LabCondition l)
    {
        var lab = Variable(VariableKind.Lab, l.Lab, null);
        lab.Thresholds.Add(l.Value);
        var known = lab.Known!.Value;
        if (l.WithinDays is { } window)
        {
            // Measured more than N days before: unknown for this criterion, as the interpreter reads it.
            var age = Variable(VariableKind.LabAge, l.Lab, null);
            age.Thresholds.Add(window);
            known = smt.And(known, smt.Le(age.Term, smt.Int(window)));
        }

        return WhenKnown(known, Compare(lab.Term, l.Op, smt.Real(l.Value)));
    }

    private Tri Quantity(CovariateCondition c)
    {
        var v = Variable(VariableKind.Quantity, c.Covariate, null);
        v.Thresholds.Add(c.Value);
        return WhenKnown(v.Known!.Value, Compare(v.Term, c.Op, smt.Real(c.Value)));
    }

    private Tri EnumIn(CovariateIn i)
    {
        var v = Variable(VariableKind.Enum, i.Covariate, null);
        var values = Catalog.Covariate(i.Covariate)?.Values ?? [];
        var any = smt.Or([.. i.Values.Select(x => IndexOf(values, x)).Where(x => x >= 0).Select(x => smt.Eq(v.Term, smt.Int(x)))]);
        return WhenKnown(v.Known!.Value, any);
    }

    private static int IndexOf(IReadOnlyList<string> values, string value)
    {
        for (var i = 0; i < values.Count; i++)
        {
            if (values[i] == value)
            {
                return i;
            }
        }

        return -1;
    }

    private Tri Flag(CovariateFlag f)
    {
        var v = Variable(VariableKind.Flag, f.Covariate, null);
        return WhenKnown(v.Known!.Value, v.Term);
    }

    /// <summary>The same C# text is the same unknown function in both versions; different text is unrelated.</summary>
    private Tri CSharp(CSharpCondition cs)
    {
        var v = Variable(VariableKind.CSharp, cs.Code, null);
        return WhenKnown(v.Known!.Value, v.Term);
    }

    private IntPtr Compare(IntPtr value, CompareOp op, IntPtr threshold) => op switch
    {
        CompareOp.Less => smt.Lt(value, threshold),
        CompareOp.LessOrEqual => smt.Le(value, threshold),
        CompareOp.Greater => smt.Gt(value, threshold),
        CompareOp.GreaterOrEqual => smt.Ge(value, threshold),
        CompareOp.Equal => smt.Eq(value, threshold),
        _ => smt.Not(smt.Eq(value, threshold)),
    };

    /// <summary>A fresh integer, for a derived value (the highest grade of a class).</summary>
    public IntPtr FreshInt(string hint) => smt.IntVar($"{hint}#{_fresh++}");

    public void Require(IntPtr constraint) => _domain.Add(constraint);

    /// <summary>The variable for a subject, created (with its domain) on first use.</summary>
    public SmtVariable Variable(VariableKind kind, string subject, string? qualifier)
    {
        var key = $"{kind}:{subject}:{qualifier}";
        if (_variables.TryGetValue(key, out var existing))
        {
            return existing;
        }

        var variable = kind switch
        {
            VariableKind.Lab or VariableKind.Quantity => new SmtVariable(kind, subject, smt.RealVar(key), smt.BoolVar(key + ":known")),
            VariableKind.Enum or VariableKind.CSharp or VariableKind.Flag =>
                new SmtVariable(kind, subject, kind == VariableKind.Enum ? smt.IntVar(key) : smt.BoolVar(key), smt.BoolVar(key + ":known")),
            VariableKind.LabAge or VariableKind.Grade or VariableKind.Baseline or VariableKind.Attribution => new SmtVariable(kind, subject, smt.IntVar(key), null),
            _ => new SmtVariable(kind, subject, smt.BoolVar(key), null, qualifier),
        };
        _variables[key] = variable;
        AddDomain(variable);
        return variable;
    }

    private void AddDomain(SmtVariable v)
    {
        switch (v.Kind)
        {
            case VariableKind.Lab:
                Require(smt.Ge(v.Term, smt.Real(0)));
                break;
            case VariableKind.Quantity when Derived.Contains(v.Subject):
                // Computed when not given (Cockcroft–Gault, a BSA formula): the plausible range of a given value does not bound it.
                Require(smt.Ge(v.Term, smt.Real(0)));
                break;
            case VariableKind.Quantity when Catalog.Covariate(v.Subject) is { } info:
                Require(smt.And(smt.Ge(v.Term, smt.Real(info.Min)), smt.Le(v.Term, smt.Real(info.Max))));
                break;
            case VariableKind.Enum:
                Require(smt.And(smt.Ge(v.Term, smt.Int(0)), smt.Lt(v.Term, smt.Int(Catalog.Covariate(v.Subject)?.Values?.Count ?? 1))));
                break;
            case VariableKind.LabAge:
                Require(smt.Ge(v.Term, smt.Int(0)));
                break;
            case VariableKind.Grade or VariableKind.Baseline:
                Require(smt.And(smt.Ge(v.Term, smt.Int(0)), smt.Le(v.Term, smt.Int(5))));
                break;
            case VariableKind.Attribution:
                Require(smt.And(smt.Ge(v.Term, smt.Int(0)), smt.Le(v.Term, smt.Int(Catalog.Drugs.Count))));
                break;
            case VariableKind.Qualifier:
                // Only a current event carries a qualifier.
                Require(smt.Implies(v.Term, smt.Gt(Variable(VariableKind.Grade, v.Subject, null).Term, smt.Int(0))));
                break;
        }
    }
}
