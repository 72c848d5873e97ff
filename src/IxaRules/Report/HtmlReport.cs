using System.Text;
using IxaRules.Binding;
using IxaRules.Evaluation;
using static IxaRules.Report.Svg;

namespace IxaRules.Report;

/// <summary>What a report draws: a file's regimen, and (optionally) one patient's run of it.</summary>
/// <param name="Model">The bound rule file.</param>
/// <param name="Regimen">The regimen drawn.</param>
/// <param name="Run">The patient, their events and the outcome; null draws the regimen alone.</param>
/// <param name="SourceHref">Turns a rule file's path into the link the page uses for it (relative to where the page is written).</param>
internal sealed record ReportInput(BoundFile Model, Regimen Regimen, ReportRun? Run, Func<string, string> SourceHref);

/// <summary>One patient's run, as the report draws it; for a scenario, its result (expectations met or not) too.</summary>
internal sealed record ReportRun(Patient Patient, IReadOnlyList<PatientEvent> Events, Outcome Outcome, Checks.CaseResult? Scenario = null);

/// <summary>
/// `ixarules report`: one self-contained HTML page — inline CSS, SVG and a few lines of script, no
/// network — with the regimen calendar, the patient's course, the decision trail and the metrics.
/// Nothing in it depends on the clock or the machine, so the same inputs give the same bytes.
/// The pictures are hand-written SVG: every mark carries its own label, data attributes and tooltip,
/// which a plotting library's output would not.
/// </summary>
internal static class HtmlReport
{
    public static string Write(ReportInput input) =>
        Page(input.Run is { } r ? $"{input.Regimen.Name}: patient {r.Outcome.Patient}" : $"{input.Regimen.Name}: regimen", sb => Body(sb, input));

    /// <summary>Every regimen of a file on one page (`report RULES` for a file that declares several).</summary>
    public static string WriteAll(BoundFile model, Func<string, string> sourceHref) =>
        Page($"{model.Source.Path}: {model.Regimens.Count} regimens", sb =>
        {
            foreach (var regimen in model.Regimens)
            {
                Body(sb, new ReportInput(model, regimen, null, sourceHref));
            }
        });

    private static string Page(string title, Action<StringBuilder> body)
    {
        var sb = new StringBuilder(64 * 1024);
        sb.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>").Append(Esc(title)).Append("</title>\n")
            .Append("<meta name=\"generator\" content=\"ixarules report\">\n<style>\n").Append(Css).Append("</style>\n</head>\n<body>\n");
        body(sb);
        sb.Append("<div id=\"tip\" class=\"tip\" role=\"tooltip\" hidden></div>\n<script>\n").Append(Script).Append("</script>\n</body>\n</html>\n");
        return sb.ToString();
    }

    private static void Body(StringBuilder sb, ReportInput input)
    {
        var regimen = input.Regimen;
        sb.Append("<section class=\"regimen\">\n<h1>").Append(Esc(regimen.Name)).Append(regimen.Title is { } t ? ": " + Esc(t) : "").Append("</h1>\n");
        sb.Append("<p class=\"source\">").Append(Esc(regimen.Source ?? "no source cited")).Append(' ').Append(Link(input, regimen.At)).Append("</p>\n");
        if (input.Run is { } run)
        {
            Course(sb, input, run);
        }

        sb.Append("<h2>Regimen calendar</h2>\n");
        CalendarSvg.Write(sb, regimen, l => Link(input, l.At));
        Rules(sb, input);
        sb.Append("</section>\n");
    }

    private static void Course(StringBuilder sb, ReportInput input, ReportRun run)
    {
        var o = run.Outcome;
        if (run.Scenario is { } scenario)
        {
            sb.Append("<p class=\"scenario ").Append(scenario.Passed ? "pass" : "fail").Append("\">scenario <b>").Append(Esc(scenario.Name)).Append("</b> ")
                .Append(Link(input, new Text.SourceLocation(scenario.File, scenario.Line, default))).Append(": ")
                .Append(scenario.Passed ? "every expectation holds" : $"{I(scenario.Failures.Count)} expectation{(scenario.Failures.Count == 1 ? "" : "s")} not met").Append("</p>\n");
            if (!scenario.Passed)
            {
                sb.Append("<ul class=\"failures\" role=\"alert\">");
                foreach (var f in scenario.Failures)
                {
                    sb.Append("<li>").Append(Esc(f.Message)).Append(' ').Append(Link(input, new Text.SourceLocation(f.File, f.Line, default))).Append("</li>");
                }

                sb.Append("</ul>\n");
            }
        }

        sb.Append("<p class=\"patient\">patient <b>").Append(Esc(o.Patient)).Append("</b>: ").Append(Esc(PatientFactory.Describe(run.Patient)))
            .Append("<br>").Append(I(o.Days)).Append(" days; ").Append(Esc(o.EndReason)).Append("</p>\n");
        if (o.Refused)
        {
            sb.Append("<p class=\"refused\" role=\"alert\">Refused: nothing was given. ")
                .Append(Esc(string.Join("; ", o.Decisions.Where(d => d.Kind == DecisionKind.Refusal).Select(d => d.Action)))).Append("</p>\n");
        }

        var warnings = o.Decisions.Where(d => d.Kind == DecisionKind.Warning).ToList();
        if (warnings.Count > 0)
        {
            sb.Append("<ul class=\"warnings\" role=\"alert\">");
            foreach (var w in warnings.Take(TimelineSvg.MaxDrawnDecisions))
            {
                sb.Append("<li>warning, day ").Append(I(w.Day)).Append(": ").Append(Esc(w.Action)).Append("</li>");
            }

            NotListed(sb, warnings.Count, "warnings");
            sb.Append("</ul>\n");
        }

        sb.Append("<h2>Patient course</h2>\n").Append(Legend);
        if (TimelineSvg.DrawnDays(o) < o.Days)
        {
            sb.Append("<p class=\"note\">The course is drawn for days 1-").Append(I(TimelineSvg.DrawnDays(o))).Append(" of ").Append(I(o.Days))
                .Append(" (a stated limit of the report); the metrics cover every day.</p>\n");
        }

        var drugs = input.Regimen.DrugNames.ToList();
        sb.Append("<div class=\"scroll\">");
        TimelineSvg.Write(sb, o, run.Events, drugs, input.Model.RulesFor(input.Regimen.Name), input.Regimen);
        sb.Append("</div>\n");
        Metrics(sb, o);
        sb.Append("<details class=\"trail\" open><summary>Decision trail (").Append(I(o.Decisions.Count)).Append(")</summary>\n<ol>\n");
        foreach (var d in o.Decisions.Take(TimelineSvg.MaxDrawnDecisions))
        {
            sb.Append("<li><pre>").Append(Esc(TimelineSvg.Trail(d))).Append("</pre></li>\n");
        }

        NotListed(sb, o.Decisions.Count, "decisions");
        sb.Append("</ol></details>\n");
    }

    /// <summary>The line that says how many entries of a list a stated limit left out, and where they all are.</summary>
    private static void NotListed(StringBuilder sb, int count, string what)
    {
        if (count > TimelineSvg.MaxDrawnDecisions)
        {
            sb.Append("<li class=\"more\">").Append(I(count - TimelineSvg.MaxDrawnDecisions)).Append(" more ").Append(what)
                .Append(" are not listed (the report lists ").Append(I(TimelineSvg.MaxDrawnDecisions)).Append("); <code>ixarules run --json</code> gives every one.</li>\n");
        }
    }

    private static void Metrics(StringBuilder sb, Outcome o)
    {
        sb.Append("<h2>Metrics</h2>\n<table class=\"metrics\">\n<thead><tr><th scope=\"col\">drug</th><th scope=\"col\">doses given</th>")
            .Append("<th scope=\"col\">cumulative</th><th scope=\"col\">prescribed</th><th scope=\"col\">RDI (dose)</th><th scope=\"col\">RDI (time)</th>")
            .Append("<th scope=\"col\">reductions</th><th scope=\"col\">first reduction</th><th scope=\"col\">final level</th></tr></thead>\n<tbody>\n");
        foreach (var m in o.Metrics)
        {
            sb.Append("<tr><th scope=\"row\">").Append(Esc(m.Drug)).Append("</th><td>").Append(I(m.DosesGiven)).Append("</td><td>").Append(N(m.CumulativeMg))
                .Append(" mg</td><td>").Append(N(m.PrescribedMg)).Append(" mg</td><td>").Append(Percent(m.RelativeDoseIntensity)).Append("</td><td>")
                .Append(Percent(m.TimeRelativeDoseIntensity)).Append("</td><td>").Append(I(m.Reductions)).Append("</td><td>")
                .Append(m.FirstReductionDay is { } day ? "day " + I(day) : "—").Append("</td><td>").Append(Esc(m.FinalLevel)).Append("</td></tr>\n");
        }

        sb.Append("</tbody></table>\n");
        if (o.Exposure is { } e)
        {
            sb.Append("<p class=\"exposure\">").Append(Esc(e.Drug)).Append(" exposure to ").Append(Esc(e.Event)).Append(" (day ").Append(I(e.EventDay))
                .Append(e.EventOccurred ? "" : ", not reached").Append("): ").Append(N(e.AucPerDay)).Append(" ng·h/mL/day (")
                .Append(N(e.TotalDoseMg)).Append(" mg over ").Append(I(e.Days)).Append(" days, CL/F ").Append(N(e.ClearanceLitresPerHour)).Append(" L/h)</p>\n");
        }
    }

    private static string Percent(decimal? value) => value is { } v ? N(v) + " %" : "unknown";

    private static void Rules(StringBuilder sb, ReportInput input)
    {
        var rules = input.Model.RulesFor(input.Regimen.Name).ToList();
        sb.Append("<h2>Dose-modification rules (").Append(I(rules.Count)).Append(")</h2>\n<ul class=\"rules\">\n");
        foreach (var rule in rules)
        {
            sb.Append("<li><b>").Append(Esc(rule.Name)).Append("</b>: when ").Append(Esc(ConditionText.Friendly(rule.Trigger))).Append(' ')
                .Append(Link(input, rule.At)).Append(rule.Source is { } s ? " <span class=\"cite\">" + Esc(s) + "</span>" : "").Append("</li>\n");
        }

        sb.Append("</ul>\n");
    }

    private static string Link(ReportInput input, Text.SourceLocation at) =>
        $"<a class=\"src\" href=\"{Esc(input.SourceHref(at.Path))}#L{I(at.Line)}\">{Esc(at.Path)}:{I(at.Line)}</a>";

    private const string Legend = """
        <svg class="legend" width="720" height="22" role="img" aria-label="legend: given is a filled circle, held a cross, delayed a triangle, missed an open circle, discontinued a square, a decision a diamond">
        <circle cx="10" cy="11" r="4" fill="#009E73"/><text x="18" y="15">given</text>
        <path d="M75,7 L83,15 M75,15 L83,7" stroke="#D55E00" stroke-width="2"/><text x="88" y="15">held</text>
        <path d="M140,6 L145,15 L135,15 Z" fill="#E69F00"/><text x="150" y="15">delayed</text>
        <circle cx="215" cy="11" r="4" fill="white" stroke="#56B4E9" stroke-width="1.5"/><text x="223" y="15">missed</text>
        <rect x="281" y="7" width="8" height="8" fill="#000000"/><text x="294" y="15">discontinued</text>
        <path d="M385,6 L390,11 L385,16 L380,11 Z" fill="#D55E00"/><text x="395" y="15">decision (hover or focus for why)</text>
        <line x1="610" x2="635" y1="11" y2="11" stroke="#D55E00" stroke-dasharray="5 3"/><text x="640" y="15">threshold</text>
        </svg>

        """;

    private const string Css = """
        body { font: 14px/1.4 system-ui, sans-serif; margin: 1.5em; color: #111; }
        h1 { font-size: 1.5em; margin-bottom: 0.2em; } h2 { font-size: 1.2em; margin-top: 1.5em; } h3 { font-size: 1em; }
        svg text { font: 11px system-ui, sans-serif; fill: #222; }
        svg text.day, svg text.axis, svg text.cycle-label { text-anchor: middle; fill: #555; }
        svg text.threshold-label { text-anchor: end; fill: #D55E00; }
        .scroll { overflow-x: auto; }
        .decision { cursor: help; } .decision:focus { outline: 2px solid #0072B2; }
        .tip { position: absolute; max-width: 32em; background: #fff; border: 1px solid #333; padding: 0.4em 0.6em; white-space: pre-line; box-shadow: 2px 2px 6px #0003; }
        table.metrics { border-collapse: collapse; } table.metrics th, table.metrics td { border: 1px solid #ccc; padding: 0.2em 0.6em; text-align: right; }
        table.metrics th[scope=row], table.metrics thead th { text-align: left; }
        .refused, .warnings, .failures, .scenario.fail { color: #8a2a00; font-weight: bold; } .scenario.pass { color: #00573f; }
        .trail pre { margin: 0; font: 12px ui-monospace, monospace; white-space: pre-wrap; }
        a.src { font: 12px ui-monospace, monospace; color: #0072B2; } .cite { color: #555; }
        @page { size: A4 landscape; margin: 10mm; }
        @media print { body { margin: 0; } .tip { display: none; } .scroll { overflow: visible; } svg { max-width: 100%; height: auto; } details > summary { list-style: none; } }

        """;

    private const string Script = """
        (function () {
          var tip = document.getElementById('tip');
          function show(e) {
            var m = e.currentTarget, r = m.getBoundingClientRect();
            tip.textContent = m.getAttribute('data-trail');
            tip.hidden = false;
            tip.style.left = (window.scrollX + r.right + 8) + 'px';
            tip.style.top = (window.scrollY + r.top) + 'px';
          }
          function hide() { tip.hidden = true; }
          document.querySelectorAll('.decision').forEach(function (m) {
            m.addEventListener('mouseenter', show); m.addEventListener('focus', show);
            m.addEventListener('mouseleave', hide); m.addEventListener('blur', hide);
          });
        })();

        """;
}
