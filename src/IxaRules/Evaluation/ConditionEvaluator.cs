using IxaRules.Binding;

namespace IxaRules.Evaluation;

/// <summary>Kleene three-valued logic: a condition on a value never measured is neither true nor false.</summary>
internal enum Truth
{
    False,
    True,
    Unknown,
}

/// <summary>
/// Evaluates bound conditions against the world state. Besides the truth value it collects the
/// facts it read ("platelets = 25 ×10⁹/L (day 43)", "anc never measured"), which the decision
/// trail shows and which explain an unknown result.
/// </summary>
internal static class ConditionEvaluator
{
    public static Truth Evaluate(Condition condition, WorldState world, FactList? facts) => condition switch
    {
        AllOf a => And(Evaluate(a.Left, world, facts), Evaluate(a.Right, world, facts)),
        AnyOf o => Or(Evaluate(o.Left, world, facts), Evaluate(o.Right, world, facts)),
        Negation n => Not(Evaluate(n.Operand, world, facts)),
        LabCondition l => Lab(l, world, facts),
        CovariateCondition c => Covariate(c, world, facts),
        CovariateIn i => ClassIn(i, world, facts),
        CovariateFlag f => Flag(f, world, facts),
        TerminalCondition t => Terminal(t, world, facts),
        AdverseEventCondition ae => AdverseEvent(ae, world, facts),
        CSharpCondition cs => CSharp(cs, world, facts),
        _ => Truth.Unknown,
    };

    private static Truth CSharp(CSharpCondition cs, WorldState world, FactList? facts)
    {
        var result = world.CSharp?.Invoke(cs, world);
        facts?.Add(new Fact(result is null ? FactKind.Unknown : FactKind.CSharp, cs, result == true ? 1 : 0));
        return result is null ? Truth.Unknown : result.Value ? Truth.True : Truth.False;
    }

    private static Truth Terminal(TerminalCondition t, WorldState world, FactList? facts)
    {
        var day = world.TerminalDay(t.Event);
        facts?.Add(new Fact(FactKind.Terminal, t, Day: day ?? 0));
        return day is null ? Truth.False : Truth.True;
    }

    internal static Truth AdverseEventTruth(AdverseEventCondition ae, WorldState world) => AdverseEvent(ae, world, null);

    public static Truth And(Truth a, Truth b) =>
        a == Truth.False || b == Truth.False ? Truth.False : a == Truth.True && b == Truth.True ? Truth.True : Truth.Unknown;

    public static Truth Or(Truth a, Truth b) =>
        a == Truth.True || b == Truth.True ? Truth.True : a == Truth.False && b == Truth.False ? Truth.False : Truth.Unknown;

    public static Truth Not(Truth a) => a switch
    {
        Truth.True => Truth.False,
        Truth.False => Truth.True,
        _ => Truth.Unknown,
    };

    /// <summary>A yes/no covariate (dialysis); not stated is unknown, not no.</summary>
    private static Truth Flag(CovariateFlag flag, WorldState world, FactList? facts)
    {
        bool? value = flag.Covariate == "dialysis" ? world.Patient.Dialysis : null;
        if (value is not { } known)
        {
            facts?.Add(new Fact(FactKind.Unknown, flag));
            return Truth.Unknown;
        }

        facts?.Add(new Fact(FactKind.Flag, flag, known ? 1 : 0));
        return known ? Truth.True : Truth.False;
    }

    public static bool Compare(decimal value, CompareOp op, decimal threshold) => op switch
    {
        CompareOp.Less => value < threshold,
        CompareOp.LessOrEqual => value <= threshold,
        CompareOp.Greater => value > threshold,
        CompareOp.GreaterOrEqual => value >= threshold,
        CompareOp.Equal => value == threshold,
        _ => value != threshold,
    };

    private static Truth Lab(LabCondition l, WorldState world, FactList? facts)
    {
        if (world.LabAt(l.LabIndex) is not { } measured)
        {
            facts?.Add(new Fact(FactKind.LabNeverMeasured, l));
            return Truth.Unknown;
        }

        if (l.WithinDays is { } window && world.Day - measured.Day > window)
        {
            // Too old for this criterion (a cycle start asks for a recent count): unknown, and the trail says why.
            facts?.Add(new Fact(FactKind.LabStale, l, measured.Value, measured.Day, world.Day));
            return Truth.Unknown;
        }

        facts?.Add(new Fact(FactKind.Lab, l, measured.Value, measured.Day));
        return Compare(measured.Value, l.Op, l.Value) ? Truth.True : Truth.False;
    }

    private static Truth Covariate(CovariateCondition c, WorldState world, FactList? facts)
    {
        if (world.Patient.Quantity(c.Covariate, world.Bsa) is not { } value)
        {
            facts?.Add(new Fact(FactKind.Unknown, c));
            return Truth.Unknown;
        }

        facts?.Add(new Fact(FactKind.Quantity, c, value));
        return Compare(value, c.Op, c.Value) ? Truth.True : Truth.False;
    }

    private static Truth ClassIn(CovariateIn i, WorldState world, FactList? facts)
    {
        if (world.Patient.Class(i.Covariate) is not { } value)
        {
            facts?.Add(new Fact(FactKind.Unknown, i));
            return Truth.Unknown;
        }

        facts?.Add(new Fact(FactKind.Class, i, Reference: value));
        return i.Values.Contains(value) ? Truth.True : Truth.False;
    }

    /// <summary>
    /// The highest current grade among the events the condition covers (0 when none is reported:
    /// adverse events are reported when they happen, so absence is known, not unknown). Qualifiers
    /// are tested on the event(s) at that grade: <c>neuropathy grade &lt;= 1 without pain</c> is false
    /// while a grade 1 neuropathy with pain persists.
    /// </summary>
    private static Truth AdverseEvent(AdverseEventCondition ae, WorldState world, FactList? facts)
    {
        if (ae.OrBaseline)
        {
            return AtMostOrBaseline(ae, world, facts);
        }

        if (!world.HasAdverseEvents)
        {
            // Nothing reported: grade 0, and no event carries a qualifier.
            facts?.Add(new Fact(FactKind.AdverseEvents, ae));
            return ae.MinGrade == 0 && ae.With.Count == 0 ? Truth.True : Truth.False;
        }

        return ReportedAdverseEvents(ae, world, facts);
    }

    /// <summary>
    /// The slow path, in its own method: its lambdas capture the condition, and a capture allocates a
    /// closure on entry to the method that declares it — which must not be the per-day fast path.
    /// </summary>
    private static Truth ReportedAdverseEvents(AdverseEventCondition ae, WorldState world, FactList? facts)
    {
        // Loops, not LINQ: this runs for every adverse-event condition on every day an event is current.
        var events = world.CurrentAdverseEvents; // the list itself: no interface calls, no boxed enumerator
        var grade = HighestGrade(ae, events);

        var qualified = true;
        for (var w = 0; w < ae.With.Count; w++)
        {
            var found = false;
            for (var i = 0; i < events.Count; i++)
            {
                found |= Covers(ae, events[i]) && events[i].Grade == grade && HasQualifier(events[i], ae.With[w]);
            }

            qualified &= found;
        }

        for (var w = 0; w < ae.Without.Count; w++)
        {
            for (var i = 0; i < events.Count; i++)
            {
                qualified &= !(Covers(ae, events[i]) && events[i].Grade == grade && HasQualifier(events[i], ae.Without[w]));
            }
        }

        if (facts is not null)
        {
            CurrentAe? worst = null;
            foreach (var e in events)
            {
                if (Covers(ae, e) && e.Grade == grade)
                {
                    worst = e; // events are in name order: the first at the top grade
                    break;
                }
            }

            facts.Add(new Fact(FactKind.AdverseEvents, ae, Reference: worst));
        }

        return grade >= ae.MinGrade && grade <= ae.MaxGrade && qualified ? Truth.True : Truth.False;
    }

    /// <summary>
    /// <c>grade &lt;= N … or baseline</c>: every event the condition covers passes the grade test
    /// (with its qualifiers) or is no worse than the patient's baseline grade of that event. The
    /// fact shown is the first event that fails, or the worst one when all pass.
    /// </summary>
    private static Truth AtMostOrBaseline(AdverseEventCondition ae, WorldState world, FactList? facts)
    {
        var events = world.CurrentAdverseEvents;
        CurrentAe? shown = null;
        var ok = true;
        for (var i = 0; i < events.Count; i++)
        {
            var e = events[i];
            if (!Covers(ae, e))
            {
                continue;
            }

            var passes = (e.Grade <= ae.MaxGrade && Qualified(ae, e)) || e.Grade <= world.Patient.BaselineGrade(e.Name);
            if (!passes && ok)
            {
                (ok, shown) = (false, e);
            }
            else if (ok && (shown is null || e.Grade > shown.Grade))
            {
                shown = e;
            }
        }

        facts?.Add(new Fact(FactKind.AdverseEvents, ae, Reference: shown));
        return ok ? Truth.True : Truth.False;
    }

    /// <summary>An event's own qualifiers against the condition's `with` and `without` lists.</summary>
    private static bool Qualified(AdverseEventCondition ae, CurrentAe e)
    {
        for (var w = 0; w < ae.With.Count; w++)
        {
            if (!HasQualifier(e, ae.With[w]))
            {
                return false;
            }
        }

        for (var w = 0; w < ae.Without.Count; w++)
        {
            if (HasQualifier(e, ae.Without[w]))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The highest current grade among the events a condition covers; 0 when none.</summary>
    internal static int HighestGrade(AdverseEventCondition ae, List<CurrentAe> events)
    {
        var grade = 0;
        for (var i = 0; i < events.Count; i++)
        {
            if (events[i].Grade > grade && Covers(ae, events[i]))
            {
                grade = events[i].Grade;
            }
        }

        return grade;
    }

    internal static bool Covers(AdverseEventCondition ae, CurrentAe e) =>
        (ae.Event is null || e.Name == ae.Event)
        && (ae.Class is null || e.Class == ae.Class)
        && !Contains(ae.Except, e.Name)
        && (ae.AttributedTo is null || e.AttributedTo == ae.AttributedTo);

    /// <summary>Whether a name is in a list, by index (a foreach over an IReadOnlyList boxes an enumerator).</summary>
    internal static bool Contains(IReadOnlyList<string> list, string value)
    {
        for (var i = 0; i < list.Count; i++)
        {
            if (list[i] == value)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Qualifiers are stored as written in the event ("with pain"); compare without building strings.</summary>
    private static bool HasQualifier(CurrentAe e, string qualifier)
    {
        for (var i = 0; i < e.Qualifiers.Count; i++)
        {
            var q = e.Qualifiers[i];
            if (q.Length == qualifier.Length + 5 && q.StartsWith("with ", StringComparison.Ordinal) && q.EndsWith(qualifier, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }
}
