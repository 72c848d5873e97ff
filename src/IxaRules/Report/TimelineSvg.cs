using System.Text;
using IxaRules.Binding;
using IxaRules.Evaluation;
using static IxaRules.Report.Svg;

namespace IxaRules.Report;

/// <summary>
/// The patient's course on one time axis (study days): a marker per decision, whose trail entry
/// shows on hover or focus; cycle boundaries; each lab as a line with the thresholds the rules test
/// drawn in; adverse-event grades as bands; each drug's dose level as a step line with every
/// administration marked by status — by shape as well as colour, so it reads in grey too.
/// </summary>
internal sealed class TimelineSvg
{
    private const int Left = 170;
    private const int LabHeight = 90;
    private const int AeHeight = 18;
    private const int DrugHeight = 46;
    private const int Gap = 14;

    private readonly StringBuilder _sb;
    private readonly double _perDay;
    private readonly int _days;

    private TimelineSvg(StringBuilder sb, int days)
    {
        (_sb, _days) = (sb, Math.Max(1, days));
        _perDay = Math.Clamp(1000.0 / _days, 3, 14);
    }

    private double X(int day) => Left + ((day - 0.5) * _perDay);

    /// <summary>
    /// Stated limit (docs/report.md): the course is drawn for its first four years at most; a longer
    /// run (an events file with a day 36,000) would draw a picture hundreds of megabytes large. The
    /// metrics and the trail cover every day.
    /// </summary>
    public const int MaxDrawnDays = 1_460;

    /// <summary>Stated limit: at most this many decision markers are drawn (the trail list has the same limit).</summary>
    public const int MaxDrawnDecisions = 2_000;

    /// <summary>The days the course of a run is drawn for.</summary>
    public static int DrawnDays(Outcome outcome) => Math.Min(outcome.Days, MaxDrawnDays);

    public static void Write(StringBuilder sb, Outcome outcome, IReadOnlyList<PatientEvent> events, IReadOnlyList<string> drugs, IEnumerable<DoseRule> rules, Regimen regimen)
    {
        var drawn = DrawnDays(outcome);
        events = [.. events.Where(e => e.Day <= drawn)];
        var labs = events.Where(e => e.Kind == EventKind.Lab && e.Day >= 1).GroupBy(e => e.Subject)
            .OrderBy(g => Catalog.LabIndex(g.Key)).ThenBy(g => g.Key, StringComparer.Ordinal).ToList();
        var aes = events.Where(e => e.Kind == EventKind.AdverseEvent && e.Day >= 1).GroupBy(e => e.Subject).OrderBy(g => g.Key, StringComparer.Ordinal).ToList();
        var thresholds = Thresholds(rules, regimen);
        var height = 40 + (labs.Count * (LabHeight + Gap)) + (aes.Count * (AeHeight + 4)) + Gap + (drugs.Count * (DrugHeight + Gap)) + 20;
        var t = new TimelineSvg(sb, drawn);
        var width = (int)Math.Ceiling(t.X(drawn) + 30);
        sb.Append("<svg id=\"timeline\" width=\"").Append(I(width)).Append("\" height=\"").Append(I(height)).Append("\" viewBox=\"0 0 ")
            .Append(I(width)).Append(' ').Append(I(height)).Append("\" role=\"img\" aria-label=\"")
            .Append(Esc(drawn == outcome.Days ? $"course of patient {outcome.Patient} over {outcome.Days} days" : $"course of patient {outcome.Patient}, days 1-{drawn} of {outcome.Days}")).Append("\">\n");
        t.Cycles(outcome, height);
        var y = 40;
        foreach (var lab in labs)
        {
            t.Lab(lab.Key, [.. lab.OrderBy(e => e.Day)], thresholds.Where(x => x.Lab == lab.Key).Select(x => x.Value).Distinct().Order().ToList(), y);
            y += LabHeight + Gap;
        }

        foreach (var ae in aes)
        {
            t.AdverseEvent(ae.Key, [.. ae.OrderBy(e => e.Day)], y);
            y += AeHeight + 4;
        }

        y += Gap;
        for (var i = 0; i < drugs.Count; i++)
        {
            t.Drug(drugs[i], [.. outcome.Administrations.Where(a => a.Drug == drugs[i] && a.Day <= drawn)], Colour.Series[i % Colour.Series.Length], y);
            y += DrugHeight + Gap;
        }

        t.Decisions([.. outcome.Decisions.Where(d => d.Day <= drawn).Take(MaxDrawnDecisions)]);
        sb.Append("</svg>\n");
    }

    /// <summary>The lab values the rules and cycle-start criteria compare with: the lines a reader checks a value against.</summary>
    private static List<LabCondition> Thresholds(IEnumerable<DoseRule> rules, Regimen regimen)
    {
        var conditions = rules.SelectMany(r => r.Branches.SelectMany(b => b.Actions).OfType<HoldDrugs>().Select(h => h.Until).Prepend(r.Trigger))
            .Concat(regimen.Phases.Select(p => p.CycleStart?.Require).OfType<Condition>());
        return [.. conditions.SelectMany(ConditionLeaves.Of).OfType<LabCondition>()];
    }

    private void Cycles(Outcome outcome, int height)
    {
        foreach (var cycle in outcome.Decisions.Where(d => d.Kind == DecisionKind.Cycle))
        {
            var x = N(X(cycle.Day) - (_perDay / 2));
            _sb.Append("<line class=\"cycle\" x1=\"").Append(x).Append("\" x2=\"").Append(x).Append("\" y1=\"28\" y2=\"").Append(I(height - 10))
                .Append("\" stroke=\"#bbbbbb\" stroke-dasharray=\"2 3\"/>")
                .Append("<text class=\"cycle-label\" x=\"").Append(x).Append("\" y=\"38\">").Append(Esc("C" + cycle.Name)).Append("</text>\n");
        }

        for (var day = 1; day <= _days; day += 7)
        {
            _sb.Append("<text class=\"axis\" x=\"").Append(N(X(day))).Append("\" y=\"").Append(I(height - 2)).Append("\">").Append(I(day)).Append("</text>");
        }

        _sb.Append('\n');
    }

    private void Lab(string lab, List<PatientEvent> values, List<decimal> thresholds, int top)
    {
        var unit = Catalog.Lab(lab) is { } info ? Units.CanonicalName(info.Dimension) : "";
        var max = (double)values.Select(v => v.Value).Concat(thresholds).DefaultIfEmpty(1).Max() * 1.1;
        double Y(decimal v) => top + LabHeight - ((double)v / (max <= 0 ? 1 : max) * LabHeight);
        _sb.Append("<g class=\"lab\" data-lab=\"").Append(Esc(lab)).Append("\"><text class=\"row\" x=\"4\" y=\"").Append(I(top + 14)).Append("\">")
            .Append(Esc($"{lab} ({unit})")).Append("</text>");
        _sb.Append("<rect x=\"").Append(I(Left)).Append("\" y=\"").Append(I(top)).Append("\" width=\"").Append(N(_days * _perDay))
            .Append("\" height=\"").Append(I(LabHeight)).Append("\" fill=\"none\" stroke=\"#dddddd\"/>");
        foreach (var threshold in thresholds)
        {
            var y = N(Y(threshold));
            _sb.Append("<line class=\"threshold\" x1=\"").Append(I(Left)).Append("\" x2=\"").Append(N(Left + (_days * _perDay))).Append("\" y1=\"").Append(y)
                .Append("\" y2=\"").Append(y).Append("\" stroke=\"").Append(Colour.Held).Append("\" stroke-dasharray=\"5 3\"")
                .Labelled($"{lab} threshold {ConditionText.Num(threshold)} {unit} (a rule compares with it)").Append("</line>")
                .Append("<text class=\"threshold-label\" x=\"").Append(I(Left - 4)).Append("\" y=\"").Append(N(Y(threshold) + 4)).Append("\">").Append(N(threshold)).Append("</text>");
        }

        _sb.Append("<polyline fill=\"none\" stroke=\"").Append(Colour.Blue).Append("\" stroke-width=\"1.5\" points=\"")
            .AppendJoin(' ', values.Select(v => N(X(v.Day)) + "," + N(Y(v.Value)))).Append("\"/>");
        foreach (var v in values)
        {
            _sb.Append("<circle class=\"lab-value\" cx=\"").Append(N(X(v.Day))).Append("\" cy=\"").Append(N(Y(v.Value))).Append("\" r=\"2.5\" fill=\"").Append(Colour.Blue).Append('"')
                .Labelled($"{lab} {ConditionText.Num(v.Value)} {unit} on day {v.Day}").Append("</circle>");
        }

        _sb.Append("</g>\n");
    }

    private void AdverseEvent(string name, List<PatientEvent> reports, int top)
    {
        _sb.Append("<g class=\"ae\" data-ae=\"").Append(Esc(name)).Append("\"><text class=\"row\" x=\"4\" y=\"").Append(I(top + 13)).Append("\">").Append(Esc(name)).Append("</text>");
        for (var i = 0; i < reports.Count; i++)
        {
            var grade = (int)reports[i].Value;
            var until = i + 1 < reports.Count ? reports[i + 1].Day : _days + 1;
            if (grade == 0 || until <= reports[i].Day)
            {
                continue;
            }

            var x = X(reports[i].Day) - (_perDay / 2);
            _sb.Append("<rect class=\"grade\" x=\"").Append(N(x)).Append("\" y=\"").Append(I(top)).Append("\" width=\"").Append(N((until - reports[i].Day) * _perDay))
                .Append("\" height=\"").Append(I(AeHeight)).Append("\" fill=\"").Append(Colour.Purple).Append("\" fill-opacity=\"").Append(N(0.2 + (0.2 * Math.Min(grade, 4))))
                .Append('"').Labelled($"{name} grade {grade} from day {reports[i].Day} to day {until - 1}").Append("</rect>")
                .Append("<text class=\"grade-label\" x=\"").Append(N(x + 3)).Append("\" y=\"").Append(I(top + 13)).Append("\">G").Append(I(grade)).Append("</text>");
        }

        _sb.Append("</g>\n");
    }

    private void Drug(string drug, List<Administration> given, string colour, int top)
    {
        var max = (double)given.Select(a => a.PlannedMg).DefaultIfEmpty(1).Max();
        double Y(decimal mg) => top + DrugHeight - ((double)mg / (max <= 0 ? 1 : max) * (DrugHeight - 8));
        _sb.Append("<g class=\"drug\" data-drug=\"").Append(Esc(drug)).Append("\"><text class=\"row\" x=\"4\" y=\"").Append(I(top + 14)).Append("\">").Append(Esc(drug)).Append("</text>");
        // A step line: the level holds until the next administration, then steps (no ramps across rest days).
        var steps = new List<string>();
        for (var i = 0; i < given.Count; i++)
        {
            var y = N(Y(given[i].PlannedMg));
            steps.Add(N(X(given[i].Day) - (_perDay / 2)) + "," + y);
            steps.Add(N((i + 1 < given.Count ? X(given[i + 1].Day) : X(given[i].Day) + _perDay) - (_perDay / 2)) + "," + y);
        }

        _sb.Append("<polyline class=\"level\" fill=\"none\" stroke=\"").Append(colour).Append("\" stroke-opacity=\"0.5\" points=\"").AppendJoin(' ', steps).Append("\"/>");
        foreach (var a in given)
        {
            Mark(a, X(a.Day), Y(a.PlannedMg));
        }

        _sb.Append("</g>\n");
    }

    /// <summary>One administration: given ●, held ✕, delayed ▲, missed ○, discontinued ■.</summary>
    private void Mark(Administration a, double x, double y)
    {
        var label = $"day {a.Day} (cycle {a.Cycle} day {a.CycleDay}): {a.Drug} {StatusText(a.Status)}, planned {N((double)a.PlannedMg)} mg, given {N((double)a.GivenMg)} mg" + (a.Note is { } n ? $" ({n})" : "");
        _sb.Append("<g class=\"admin\" data-day=\"").Append(I(a.Day)).Append("\" data-drug=\"").Append(Esc(a.Drug)).Append("\" data-status=\"").Append(StatusText(a.Status)).Append('"').Labelled(label);
        var (cx, cy) = (N(x), N(y));
        _sb.Append(a.Status switch
        {
            DoseStatus.Given => $"<circle cx=\"{cx}\" cy=\"{cy}\" r=\"3.5\" fill=\"{Colour.Given}\"/>",
            DoseStatus.Held => $"<path d=\"M{N(x - 3.5)},{N(y - 3.5)} L{N(x + 3.5)},{N(y + 3.5)} M{N(x - 3.5)},{N(y + 3.5)} L{N(x + 3.5)},{N(y - 3.5)}\" stroke=\"{Colour.Held}\" stroke-width=\"2\"/>",
            DoseStatus.Delayed => $"<path d=\"M{N(x)},{N(y - 4)} L{N(x + 4)},{N(y + 3)} L{N(x - 4)},{N(y + 3)} Z\" fill=\"{Colour.Delayed}\"/>",
            DoseStatus.Missed => $"<circle cx=\"{cx}\" cy=\"{cy}\" r=\"3.5\" fill=\"white\" stroke=\"{Colour.Missed}\" stroke-width=\"1.5\"/>",
            _ => $"<rect x=\"{N(x - 3.5)}\" y=\"{N(y - 3.5)}\" width=\"7\" height=\"7\" fill=\"{Colour.Stopped}\"/>",
        });
        _sb.Append("</g>");
    }

    internal static string StatusText(DoseStatus status) => status.ToString().ToLowerInvariant();

    private void Decisions(IReadOnlyList<Decision> decisions)
    {
        var perDay = new Dictionary<int, int>();
        foreach (var d in decisions.Where(d => d.Kind is not (DecisionKind.Cycle or DecisionKind.Note)))
        {
            var stack = perDay[d.Day] = perDay.GetValueOrDefault(d.Day) + 1;
            var (x, y) = (X(d.Day), 8.0 + (Math.Min(stack - 1, 2) * 7));
            var colour = d.Kind is DecisionKind.Refusal or DecisionKind.Warning or DecisionKind.Terminal or DecisionKind.HoldLimit ? Colour.Stopped : Colour.Held;
            _sb.Append("<path class=\"decision\" tabindex=\"0\" data-day=\"").Append(I(d.Day)).Append("\" data-trail=\"").Append(Esc(Trail(d)))
                .Append("\" d=\"M").Append(N(x)).Append(',').Append(N(y - 4)).Append(" L").Append(N(x + 4)).Append(',').Append(N(y)).Append(" L").Append(N(x)).Append(',').Append(N(y + 4))
                .Append(" L").Append(N(x - 4)).Append(',').Append(N(y)).Append(" Z\" fill=\"").Append(colour).Append('"').Labelled(Trail(d)).Append("</path>\n");
        }
    }

    /// <summary>A decision as the trail prints it: day, what decided and where it is written, the values read, what it did.</summary>
    internal static string Trail(Decision d) =>
        $"day {d.Day} · {DecisionKinds.Name(d.Kind)} {d.Name}{(d.Occurrence is { } o ? $" (occurrence {o})" : "")} [{d.Source.Path}:{d.Source.Line}]"
        + string.Concat(d.Facts.Select(f => "\n" + f)) + "\n→ " + d.Action;
}
