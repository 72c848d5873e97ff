using IxaRules.Binding;

namespace IxaRules.Diff;

/// <summary>
/// The values of each variable for which a formula can hold (the others free): exact, because a
/// condition compares a variable only with constants, so between two consecutive thresholds its truth
/// cannot change — one sample per threshold and per open interval decides the whole line. A variable
/// every one of whose values (unknown included) keeps the formula satisfiable does not constrain it,
/// and is left out.
/// </summary>
internal static class Projection
{
    public static IReadOnlyList<string> Of(Smt smt, ConditionEncoder encoder, IntPtr formula)
    {
        var region = new List<string>();
        foreach (var v in encoder.Variables.OrderBy(v => v.Kind).ThenBy(v => v.Subject, StringComparer.Ordinal).ThenBy(v => v.Qualifier, StringComparer.Ordinal))
        {
            var text = v.Kind switch
            {
                VariableKind.Lab or VariableKind.Quantity => Line(smt, v, formula),
                VariableKind.Grade or VariableKind.Baseline or VariableKind.LabAge or VariableKind.Attribution or VariableKind.Enum => Whole(smt, v, formula),
                _ => Boolean(smt, v, formula),
            };
            if (text is not null)
            {
                region.Add(text);
            }
        }

        return Grouped(region);
    }

    /// <summary>`a grade 0..2`, `b grade 0..2`, `c grade 0..2` (a class condition's events) as one entry: `each of a, b, c grade 0..2`.</summary>
    private static List<string> Grouped(List<string> region)
    {
        var grades = region.Select(r => (Text: r, At: r.IndexOf(" grade ", StringComparison.Ordinal)))
            .Where(r => r.At > 0 && !r.Text.Contains(" baseline ", StringComparison.Ordinal) && !r.Text[..r.At].Contains(' ', StringComparison.Ordinal))
            .GroupBy(r => r.Text[r.At..]).Where(g => g.Count() >= 3).ToList();
        foreach (var group in grades)
        {
            var first = region.IndexOf(group.First().Text);
            region.RemoveAll(r => group.Any(g => g.Text == r));
            region.Insert(Math.Min(first, region.Count), "each of " + string.Join(", ", group.Select(g => g.Text[..g.At])) + group.Key);
        }

        return region;
    }

    private static bool Possible(Smt smt, IntPtr formula, IntPtr extra) => smt.Check(smt.And(formula, extra)) != SmtResult.Unsat;

    private static string? Unknown(Smt smt, SmtVariable v, IntPtr formula) =>
        v.Known is { } known && Possible(smt, formula, smt.Not(known)) ? (v.Kind == VariableKind.Lab ? "not measured" : "unknown") : null;

    private static string? Line(Smt smt, SmtVariable v, IntPtr formula)
    {
        var (low, high) = v.Kind == VariableKind.Lab || ConditionEncoder.Derived.Contains(v.Subject)
            ? (0m, (decimal?)null)
            : (Catalog.Covariate(v.Subject)?.Min ?? 0m, Catalog.Covariate(v.Subject)?.Max);
        var points = v.Thresholds.Where(t => t >= low && (high is null || t <= high)).Append(low).Distinct().Order().ToList();
        if (high is { } h && !points.Contains(h))
        {
            points.Add(h);
        }

        // Pieces in order: each point, then the open interval after it (to the next point, or beyond the last).
        var known = v.Known!.Value;
        var pieces = new List<(decimal From, decimal? To, bool Point, bool In)>();
        for (var i = 0; i < points.Count; i++)
        {
            pieces.Add((points[i], points[i], true, Possible(smt, formula, smt.And(known, smt.Eq(v.Term, smt.Real(points[i]))))));
            decimal? next = i + 1 < points.Count ? points[i + 1] : null;
            if (i + 1 < points.Count || high is null)
            {
                var sample = next is { } n ? (points[i] + n) / 2 : points[i] + 1;
                pieces.Add((points[i], next, false, Possible(smt, formula, smt.And(known, smt.Eq(v.Term, smt.Real(sample))))));
            }
        }

        var unknown = Unknown(smt, v, formula);
        var allIn = pieces.All(p => p.In);
        if (allIn && (v.Known is null || unknown is not null))
        {
            return null;
        }

        var unit = v.Kind == VariableKind.Lab
            ? (Catalog.Lab(v.Subject) is { } lab ? Units.CanonicalName(lab.Dimension) : "")
            : (Catalog.Covariate(v.Subject)?.Dimension is { } d ? Units.CanonicalName(d) : "");
        var ranges = allIn ? ["measured (any value)"] : Ranges(pieces, low, high).Select(r => r + (unit.Length > 0 ? " " + unit : "")).ToList();
        if (unknown is not null)
        {
            ranges.Add(unknown);
        }

        return ranges.Count == 0 ? $"{v.Subject}: no value" : $"{v.Subject} {string.Join(" or ", ranges)}";
    }

    /// <summary>Merges consecutive member pieces into intervals: `&lt; 25`, `in [25, 30)`, `= 60`, `&gt;= 30`.</summary>
    private static List<string> Ranges(List<(decimal From, decimal? To, bool Point, bool In)> pieces, decimal low, decimal? high)
    {
        var result = new List<string>();
        for (var i = 0; i < pieces.Count; i++)
        {
            if (!pieces[i].In)
            {
                continue;
            }

            var start = i;
            while (i + 1 < pieces.Count && pieces[i + 1].In)
            {
                i++;
            }

            var (first, last) = (pieces[start], pieces[i]);
            var fromClosed = first.Point;
            var from = first.From;
            var to = last.Point ? last.From : last.To;
            var toClosed = last.Point;
            string Num(decimal x) => ConditionText.Num(x);
            if (first.Point && last.Point && start == i)
            {
                result.Add("= " + Num(from));
            }
            else if (to is null || (high is { } h && to == h && toClosed))
            {
                result.Add(from == low && fromClosed ? "any value" : (fromClosed ? ">= " : "> ") + Num(from));
            }
            else if (from == low && fromClosed)
            {
                result.Add((toClosed ? "<= " : "< ") + Num(to.Value));
            }
            else
            {
                result.Add($"in {(fromClosed ? "[" : "(")}{Num(from)}, {Num(to.Value)}{(toClosed ? "]" : ")")}");
            }
        }

        return result;
    }

    private static string? Whole(Smt smt, SmtVariable v, IntPtr formula)
    {
        var values = v.Kind switch
        {
            VariableKind.Grade or VariableKind.Baseline => Enumerable.Range(0, 6).ToList(),
            VariableKind.LabAge => Enumerable.Range(0, (int)(v.Thresholds.Count == 0 ? 1 : v.Thresholds.Max) + 2).ToList(),
            VariableKind.Attribution => Enumerable.Range(0, Catalog.Drugs.Count + 1).ToList(),
            _ => Enumerable.Range(0, Catalog.Covariate(v.Subject)?.Values?.Count ?? 0).ToList(),
        };
        var known = v.Known ?? smt.True;
        var member = values.Where(x => Possible(smt, formula, smt.And(known, smt.Eq(v.Term, smt.Int(x))))).ToList();
        var unknown = Unknown(smt, v, formula);
        if (member.Count == values.Count && (v.Known is null || unknown is not null))
        {
            return null;
        }

        var shown = v.Kind switch
        {
            VariableKind.Grade => $"{v.Subject} grade {Spans(member, values.Count == member.Count ? null : 5)}",
            VariableKind.Baseline => $"{v.Subject} baseline grade {Spans(member, 5)}",
            VariableKind.LabAge => $"{v.Subject} measured {Spans(member, values[^1])} days before{(member.Contains(values[^1]) ? " or more" : "")}",
            VariableKind.Attribution => $"{v.Subject} attributed to " + string.Join(" or ", member.Select(x => x == 0 ? "no drug" : Catalog.Drugs[x - 1])),
            _ => $"{v.Subject} is " + string.Join(" or ", member.Select(x => Catalog.Covariate(v.Subject)!.Values![x])),
        };
        return unknown is null ? shown : member.Count == 0 ? $"{v.Subject} {unknown}" : $"{shown} or {unknown}";
    }

    private static string Spans(List<int> values, int? max)
    {
        var parts = new List<string>();
        for (var i = 0; i < values.Count; i++)
        {
            var start = i;
            while (i + 1 < values.Count && values[i + 1] == values[i] + 1)
            {
                i++;
            }

            parts.Add(start == i ? values[i].ToString(System.Globalization.CultureInfo.InvariantCulture) : $"{values[start]}..{values[i]}");
        }

        return parts.Count == 0 ? "none" : string.Join(", ", parts);
    }

    private static string? Boolean(Smt smt, SmtVariable v, IntPtr formula)
    {
        var known = v.Known ?? smt.True;
        var yes = Possible(smt, formula, smt.And(known, v.Term));
        var no = Possible(smt, formula, smt.And(known, smt.Not(v.Term)));
        var unknown = Unknown(smt, v, formula);
        if (yes && no && (v.Known is null || unknown is not null))
        {
            return null;
        }

        var subject = v.Kind switch
        {
            VariableKind.Qualifier => $"{v.Subject} with {v.Qualifier}",
            VariableKind.CSharp => $"C# `{v.Subject}`",
            _ => v.Subject,
        };
        var states = new List<string>();
        if (yes)
        {
            states.Add(v.Kind == VariableKind.Terminal ? "happened" : "true");
        }

        if (no)
        {
            states.Add(v.Kind == VariableKind.Terminal ? "not happened" : "false");
        }

        if (unknown is not null)
        {
            states.Add(unknown);
        }

        return $"{subject}: {string.Join(" or ", states)}";
    }
}
