using System.Text;

namespace IxaRules.Binding;

/// <summary>
/// A canonical, span-free text of a bound file. Two files mean the same exactly when their prints
/// are equal; the formatter's meaning-preservation tests rely on it.
/// </summary>
internal static class ModelPrinter
{
    public static string Print(BoundFile file)
    {
        var sb = new StringBuilder();
        foreach (var r in file.Regimens)
        {
            sb.Append("regimen ").Append(r.Name).Append(" title=").Append(r.Title).Append(" version=").Append(r.Version)
              .Append(" source=").Append(r.Source).Append(" bsa=").Append(r.Bsa).Append('\n');
            foreach (var p in r.Phases)
            {
                sb.Append("  phase ").Append(p.Name).Append(" cycle=").Append(p.CycleDays).Append(" count=").Append(p.CycleCount)
                  .Append(" until=").Append(string.Join("|", p.Until)).Append('\n');
                foreach (var d in p.Drugs)
                {
                    sb.Append("    drug ").Append(d.Name).Append(' ').Append(d.Route).Append(' ').Append(d.StartingDose)
                      .Append(" days=").Append(Days(d.Schedule))
                      .Append(" ladder=").Append(d.Ladder is null ? "none" : string.Join(" > ", d.Ladder)).Append('\n');
                }

                foreach (var a in p.StartAdjustments)
                {
                    sb.Append("    start ").Append(a.Drug).Append(' ').Append(a.Dose).Append(" days=")
                      .Append(a.Schedule is null ? "same" : Days(a.Schedule))
                      .Append(" when ").Append(ConditionText.Render(a.When)).Append(" if-unknown=").Append(a.IfUnknown).Append('\n');
                }

                if (p.CycleStart is { } c)
                {
                    sb.Append("    cycle-start ").Append(ConditionText.Render(c.Require)).Append(" recheck=").Append(c.RecheckDays)
                      .Append(" max=").Append(c.MaxDelayDays).Append(" then=").Append(c.Then).Append(" labs-within=").Append(c.LabsWithinDays).Append('\n');
                }

                foreach (var t in p.Titrations)
                {
                    sb.Append("    titrate ").Append(t.Drug).Append(" to ").Append(t.To).Append(" from ").Append(t.FromCycle)
                      .Append(t.Tolerated is { } tol ? $" if tolerated ({tol.Criteria}, cycles {tol.FromCycle}-{tol.ToCycle}{(tol.Stated ? "" : ", default")})" : "")
                      .Append(t.When is null ? "" : " when " + ConditionText.Render(t.When) + " if-unknown=" + t.IfUnknown).Append('\n');
                }
            }

            foreach (var m in r.Missed)
            {
                sb.Append("  missed ").Append(m.Drug).Append(" min-hours=").Append(m.MinHoursToNextDose?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "skip").Append('\n');
            }

            foreach (var v in r.Vomited)
            {
                sb.Append("  vomited ").Append(v.Drug).Append(v.Repeat ? " repeat" : " no-repeat").Append('\n');
            }

            foreach (var d in r.Dispensing)
            {
                sb.Append("  dispense ").Append(d.Drug).Append(" as ").Append(string.Join(", ", d.StrengthsMg.Select(ConditionText.Num)))
                  .Append(" mg ").Append(d.Form).Append(" rounded ").Append(d.Rounding).Append('\n');
            }
        }

        foreach (var rule in file.Rules)
        {
            sb.Append("rule ").Append(rule.Name).Append(" for=").Append(string.Join(",", rule.Regimens))
              .Append(" counter=").Append(rule.Counter).Append(rule.CounterShared ? " (shared)" : "").Append(" source=").Append(rule.Source).Append('\n');
            sb.Append("  when ").Append(ConditionText.Render(rule.Trigger)).Append('\n');
            foreach (var b in rule.Branches)
            {
                sb.Append("  occurrences ").Append(b.From).Append("..").Append(b.To?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "").Append('\n');
                foreach (var a in b.Actions)
                {
                    sb.Append("    ").Append(Action(a)).Append('\n');
                }
            }
        }

        foreach (var s in file.Scenarios)
        {
            sb.Append("scenario ").Append(s.Title).Append(" for ").Append(s.Regimen.Name).Append('\n');
            sb.Append("  patient ").Append(string.Join(", ", s.Patient.Select(p => $"{p.Name}={p}"))).Append('\n');
            foreach (var e in s.Events)
            {
                sb.Append("  day ").Append(e.Day).Append(' ').Append(e.KindText).Append(' ').Append(e.Subject).Append(' ')
                  .Append(e.Value is { } v ? ConditionText.Num(v) : "").Append(' ').Append(e.Unit)
                  .Append(' ').Append(string.Join(" ", e.Qualifiers)).Append(e.AttributedTo is null ? "" : " attributed to " + e.AttributedTo).Append('\n');
            }

            foreach (var x in s.Expectations)
            {
                sb.Append("  expect ").Append(Expectation(x)).Append(" days ").Append(x.FromDay).Append('-').Append(x.ToDay).Append('\n');
            }
        }

        return sb.ToString();
    }

    /// <summary>Kind, subject and what is expected, as the bound-model baselines have always printed them.</summary>
    private static string Expectation(Expectation x) => x switch
    {
        DoseStatusExpected d => $"drug {d.Drug.Name} {d.Status.ToString().ToLowerInvariant()}",
        DoseGivenExpected d => $"drug {d.Drug.Name} {d.Dose}",
        MetricExpected m => $"metric {m.Drug.Name} {Metrics.Name(m.Metric)} {ConditionText.Op(m.Op)} {ConditionText.Num(m.Value)}",
        CycleStartExpected c => $"cycle-start {c.Cycle} starts",
        DiscontinuedExpected r => $"regimen {r.Regimen.Name} discontinued",
        RuleFiresExpected r => $"rule {r.Rule.Name} fires",
        _ => x.GetType().Name,
    };

    private static string Days(Schedule schedule) => string.Join(",", schedule.Days) + (schedule.AfterDialysis ? " after-dialysis" : "");

    internal static string Action(RuleAction action) => action switch
    {
        HoldDrugs h => $"hold {string.Join(", ", h.Drugs)} until {ConditionText.Render(h.Until)}"
            + (h.MaxDays is { } max ? $" at-most {max} days then discontinue {h.Then}" : "") + $" then {Resume(h.Resume)}",
        ReduceDrugs r => $"reduce {string.Join(", ", r.Drugs)} {(r.ByPercent is { } p ? $"by {ConditionText.Num(p)}%" : r.To is null ? "next lower" : "to " + r.To)}",
        Discontinue d => $"discontinue {d.Target}",
        _ => action.ToString(),
    };

    private static string Resume(Resume resume) => resume switch
    {
        ResumeEach e => "resume " + string.Join(", ", e.Items.Select(Step)),
        ResumeAlternating a => "alternate " + string.Join(" then ", a.Order),
        _ => resume.ToString(),
    };

    private static string Step(ResumeStep i) =>
        $"{i.Drug} {i.Level}" + (i.At is { } at ? " " + at : "") + (i.Schedule is { } s ? " days=" + Days(s) : "")
        + (i.IfAttributedTo is { } by ? $" if attributed to {by} else {i.Otherwise}" : "");
}
