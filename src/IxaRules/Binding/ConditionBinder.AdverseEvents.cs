using IxaRules.Syntax;

namespace IxaRules.Binding;

/// <summary>Adverse-event conditions: names and classes, grades and their ranges, qualifiers, attribution, baseline.</summary>
internal sealed partial class ConditionBinder
{
    private Condition? BindAe(AeExpr ae, ConditionScope scope)
    {
        if (!scope.HasFlag(ConditionScope.AdverseEvents))
        {
            diagnostics.NotAllowedHere(ae.Subject[0].Span, string.Join(' ', ae.Subject.Select(t => t.Text)), "adverse events are not known at baseline");
            return null;
        }

        var ok = true;
        string? eventName = null;
        AeClass? cls = null;
        var subject = ae.Subject[^1];
        if (ae.Subject.Count == 2 || subject.Text != "any")
        {
            if (Catalog.Class(subject.Text) is { } c)
            {
                cls = c;
            }
            else if (ae.Subject.Count == 1 && Catalog.AdverseEvent(subject.Text) is { } known)
            {
                eventName = known.Name;
            }
            else
            {
                diagnostics.UnknownAdverseEvent(subject.Span, subject.Text);
                ok = false;
            }
        }

        var grades = BindGrade(ae.Grade);
        ok &= grades is not null;
        if (ae.OrBaseline is { } baseline && grades is { Min: > 0 })
        {
            diagnostics.BaselineNeedsUpperBound(baseline.Span);
            ok = false;
        }

        var with = new List<string>();
        var without = new List<string>();
        foreach (var q in ae.Qualifiers)
        {
            if (!Catalog.Qualifiers.Contains(q.Name.Text))
            {
                diagnostics.UnknownQualifier(q.Name.Span, q.Name.Text);
                ok = false;
            }

            (q.Keyword.Text == "with" ? with : without).Add(q.Name.Text);
        }

        var except = new List<string>();
        foreach (var e in ae.Except)
        {
            if (eventName is not null)
            {
                diagnostics.NotAllowedHere(e.Span, e.Text, "`except` narrows `any` or a class, not a single event");
                ok = false;
            }
            else if (Catalog.AdverseEvent(e.Text) is { } known)
            {
                except.Add(known.Name);
            }
            else
            {
                diagnostics.UnknownAdverseEvent(e.Span, e.Text);
                ok = false;
            }
        }

        if (ae.AttributedTo is { } drug)
        {
            checkDrug?.Invoke(drug);
        }

        return ok ? new AdverseEventCondition(eventName, cls, grades!.Value.Min, grades.Value.Max, with, without, except, ae.AttributedTo?.Text, ae.OrBaseline is not null) : null;
    }

    /// <summary>A grade spec as an inclusive range within 0..5.</summary>
    public (int Min, int Max)? BindGrade(GradeSpec grade)
    {
        var low = grade.From.Value;
        if (grade.To is { } to)
        {
            if (low > 5 || to.Value > 5)
            {
                diagnostics.BadGrade(grade.Span, "grades above 5 do not exist");
                return null;
            }

            if (to.Value < low)
            {
                diagnostics.BadGrade(grade.Span, $"the range {grade.From.Text}..{to.Text} is empty");
                return null;
            }

            return (grade.From.ToInt(), to.ToInt());
        }

        var n = grade.From.ToInt();
        (int, int) range = grade.Operator?.Text switch
        {
            null or "=" => (n, n),
            ">=" or "≥" => (n, 5),
            ">" => (n + 1, 5),
            "<=" or "≤" => (0, n),
            "<" => (0, n - 1),
            _ => (-1, -1),
        };
        if (range.Item1 < 0 || range.Item2 < range.Item1 || range.Item1 > 5 || n > 5)
        {
            diagnostics.BadGrade(grade.Span, grade.Operator?.Text is "!=" or "≠"
                ? "`!=` is not a grade test; use a range such as `grade 2..3`"
                : $"no grade satisfies `{grade.Operator?.Text} {grade.From.Text}`".Replace("` ", "`", StringComparison.Ordinal));
            return null;
        }

        return range;
    }
}
