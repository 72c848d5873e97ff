using IxaRules.Binding;
using IxaRules.Evaluation;

namespace IxaRules.Diff;

/// <summary>
/// One way two versions of a condition disagree: the old value, the new one, where (each variable's
/// values for which some patient disagrees this way) and one such patient, as solver values.
/// </summary>
internal sealed record Disagreement(Truth Old, Truth New, IReadOnlyList<string> Region, Witness Witness);

/// <summary>The verdict on a changed condition: proven equivalent (no disagreement), the ways it differs, or why the solver could not say.</summary>
internal sealed record ConditionVerdict(IReadOnlyList<Disagreement> Disagreements, string? Inconclusive)
{
    public bool ProvenEquivalent => Disagreements.Count == 0 && Inconclusive is null;
}

/// <summary>
/// Compares two conditions in three-valued logic with the SMT solver: for each pair of different
/// values (old true / new false, old unknown / new true, …) it asks for a patient state that gives
/// it; an unsatisfiable pair is proven impossible. The region is the projection of each satisfiable
/// pair on each variable, computed exactly from the thresholds the conditions compare with (the
/// language only compares a variable with constants, so truth can change only there).
/// </summary>
internal static class ConditionComparison
{
    private static readonly Truth[] Values = [Truth.True, Truth.False, Truth.Unknown];

    public static ConditionVerdict Compare(Smt smt, Condition old, Condition @new)
    {
        var encoder = new ConditionEncoder(smt);
        var a = encoder.Encode(old);
        var b = encoder.Encode(@new);
        var found = new List<Disagreement>();
        foreach (var x in Values)
        {
            foreach (var y in Values.Where(y => y != x))
            {
                var formula = smt.And(encoder.Domain, Is(smt, a, x), Is(smt, b, y));
                switch (smt.Check(formula))
                {
                    case SmtResult.Unknown:
                        return new ConditionVerdict(found, smt.Expired
                            ? $"not analysed to the end: the solver's budget ({smt.Budget.TotalSeconds:0} s for the whole diff) was spent"
                            : $"the solver gave up after {Smt.TimeoutMs / 1000} s (old {Name(x)}, new {Name(y)})");
                    case SmtResult.Sat:
                        var region = Projection.Of(smt, encoder, formula);
                        var witness = Near(smt, encoder, formula);
                        if (smt.Expired)
                        {
                            return new ConditionVerdict(found, $"not analysed to the end: the solver's budget ({smt.Budget.TotalSeconds:0} s for the whole diff) was spent");
                        }

                        found.Add(new Disagreement(x, y, region, witness));
                        break;
                }
            }
        }

        return new ConditionVerdict(found, null);
    }

    /// <summary>One condition's values: which states make it true, false, unknown (for the run-level search to start from).</summary>
    public static Witness? Satisfying(Smt smt, Condition condition, Truth value)
    {
        var encoder = new ConditionEncoder(smt);
        var tri = encoder.Encode(condition);
        var formula = smt.And(encoder.Domain, Is(smt, tri, value));
        return smt.Check(formula) == SmtResult.Sat ? Near(smt, encoder, formula) : null;
    }

    /// <summary>
    /// A witness with values a reader recognises: each lab or covariate at, or one step beside, a
    /// threshold the conditions name (platelets 29 rather than the solver's 0) wherever that still satisfies.
    /// </summary>
    private static Witness Near(Smt smt, ConditionEncoder encoder, IntPtr formula)
    {
        var pinned = formula;
        foreach (var v in encoder.Variables.Where(v => v.Kind is VariableKind.Lab or VariableKind.Quantity && v.Thresholds.Count > 0).ToList())
        {
            foreach (var candidate in v.Thresholds.SelectMany(t => new[] { t, t - Step(t), t + Step(t) }))
            {
                var attempt = smt.And(pinned, v.Known!.Value, smt.Eq(v.Term, smt.Real(candidate)));
                if (smt.Check(attempt) == SmtResult.Sat)
                {
                    pinned = attempt;
                    break;
                }
            }
        }

        // As little as possible beside: no other event, qualifier, attribution or baseline grade than needed.
        foreach (var v in encoder.Variables.Where(v => v.Kind is VariableKind.Grade or VariableKind.Qualifier or VariableKind.Attribution or VariableKind.Baseline).ToList())
        {
            var none = v.Kind == VariableKind.Qualifier ? smt.Not(v.Term) : smt.Eq(v.Term, smt.Int(0));
            var attempt = smt.And(pinned, none);
            if (smt.Check(attempt) == SmtResult.Sat)
            {
                pinned = attempt;
            }
        }

        // Satisfiable by construction; only a budget spent meanwhile leaves no model (the caller reports that).
        return smt.Check(pinned) == SmtResult.Sat ? Witness.From(smt, encoder.Variables) : new Witness();
    }

    private static decimal Step(decimal threshold) => threshold >= 10 ? 1 : threshold >= 1 ? 0.1m : 0.01m;

    public static IntPtr Is(Smt smt, Tri t, Truth value) => value switch
    {
        Truth.True => t.True,
        Truth.False => t.False,
        _ => smt.And(smt.Not(t.True), smt.Not(t.False)),
    };

    public static string Name(Truth t) => t switch
    {
        Truth.True => "true",
        Truth.False => "false",
        _ => "unknown",
    };
}
