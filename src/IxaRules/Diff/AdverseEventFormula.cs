using IxaRules.Binding;

namespace IxaRules.Diff;

/// <summary>
/// An adverse-event condition as a formula, the way the interpreter evaluates it: the events it
/// covers (by name, class, `except` and attribution), the highest current grade among them, its
/// qualifiers on the events at that grade, and — with `or baseline` — each covered event at most
/// the grade or no worse than the patient's baseline.
/// </summary>
internal static class AdverseEventFormula
{
    public static IntPtr Encode(ConditionEncoder encoder, Smt smt, AdverseEventCondition ae)
    {
        var covered = Catalog.AdverseEventNames
            .Where(e => (ae.Event is null || e == ae.Event)
                && (ae.Class is null || Catalog.AdverseEvent(e)?.Class == ae.Class)
                && !ae.Except.Contains(e))
            .Order(StringComparer.Ordinal)
            .Select(e => (Name: e, Grade: encoder.Variable(VariableKind.Grade, e, null).Term, Covers: Covers(encoder, smt, ae, e)))
            .ToList();
        foreach (var (name, _, _) in covered)
        {
            encoder.Variable(VariableKind.Grade, name, null).Thresholds.UnionWith([ae.MinGrade, ae.MaxGrade]);
        }

        return ae.OrBaseline ? AtMostOrBaseline(encoder, smt, ae, covered) : Highest(encoder, smt, ae, covered);
    }

    /// <summary>Covered: by name and class (static) and, with `attributed to D`, attributed to D.</summary>
    private static IntPtr Covers(ConditionEncoder encoder, Smt smt, AdverseEventCondition ae, string e)
    {
        if (ae.AttributedTo is null)
        {
            return smt.True;
        }

        var index = Catalog.Drugs.ToList().IndexOf(ae.AttributedTo) + 1;
        return smt.Eq(encoder.Variable(VariableKind.Attribution, e, null).Term, smt.Int(index));
    }

    private static IntPtr Highest(ConditionEncoder encoder, Smt smt, AdverseEventCondition ae, List<(string Name, IntPtr Grade, IntPtr Covers)> covered)
    {
        // h = the highest grade among covered events, 0 when none.
        var h = encoder.FreshInt("highest");
        var constraints = new List<IntPtr> { smt.Ge(h, smt.Int(0)) };
        var attained = new List<IntPtr> { smt.Eq(h, smt.Int(0)) };
        foreach (var (_, grade, covers) in covered)
        {
            constraints.Add(smt.Implies(covers, smt.Ge(h, grade)));
            attained.Add(smt.And(covers, smt.Eq(h, grade)));
        }

        constraints.Add(smt.Or([.. attained]));
        encoder.Require(smt.And([.. constraints]));

        var tests = new List<IntPtr> { smt.Ge(h, smt.Int(ae.MinGrade)), smt.Le(h, smt.Int(ae.MaxGrade)) };
        foreach (var q in ae.With)
        {
            tests.Add(smt.Or([.. covered.Select(c => smt.And(c.Covers, smt.Eq(c.Grade, h), Qualifier(encoder, c.Name, q)))]));
        }

        foreach (var q in ae.Without)
        {
            tests.AddRange(covered.Select(c => smt.Not(smt.And(c.Covers, smt.Eq(c.Grade, h), Qualifier(encoder, c.Name, q)))));
        }

        return smt.And([.. tests]);
    }

    private static IntPtr AtMostOrBaseline(ConditionEncoder encoder, Smt smt, AdverseEventCondition ae, List<(string Name, IntPtr Grade, IntPtr Covers)> covered)
    {
        var each = new List<IntPtr>();
        foreach (var (name, grade, covers) in covered)
        {
            var qualified = smt.And([.. ae.With.Select(q => Qualifier(encoder, name, q)), .. ae.Without.Select(q => smt.Not(Qualifier(encoder, name, q)))]);
            var baseline = encoder.Variable(VariableKind.Baseline, name, null).Term;
            var passes = smt.Or(smt.And(smt.Le(grade, smt.Int(ae.MaxGrade)), qualified), smt.Le(grade, baseline));
            each.Add(smt.Implies(smt.And(covers, smt.Gt(grade, smt.Int(0))), passes));
        }

        return smt.And([.. each]);
    }

    private static IntPtr Qualifier(ConditionEncoder encoder, string e, string qualifier) =>
        encoder.Variable(VariableKind.Qualifier, e, qualifier).Term;
}
