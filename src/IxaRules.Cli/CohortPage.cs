using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using IxaRules.Cohort;
using static IxaRules.Report.Svg;

namespace IxaRules.Cli;

/// <summary>
/// `cohort --report FILE`: the replay as one self-contained HTML page — each drug's RDI distribution
/// as a histogram, and every published figure beside its simulated value as a chart of deviations
/// measured in the figure's own tolerance (inside the band is within), then the table. The charts
/// are ScottPlot's SVG; their clip-path ids (a counter of the process) are renumbered per page, so the
/// same replay gives the same bytes.
/// </summary>
internal static partial class CohortPage
{
    public static string Write(CohortResult result)
    {
        var f = result.Figures;
        var sb = new StringBuilder();
        var title = $"{result.Population.Name}: {result.Arm.Regimen}, {result.Patients} virtual patients (seed {result.Seed})";
        sb.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>").Append(Esc(title)).Append("</title>\n<style>\n")
            .Append("body { font: 14px/1.4 system-ui, sans-serif; margin: 1.5em; } figure { margin: 1em 0; } figcaption { color: #444; }\n")
            .Append("table { border-collapse: collapse; } th, td { border: 1px solid #ccc; padding: 0.2em 0.6em; } .outside { color: #8a2a00; font-weight: bold; }\n")
            .Append("@page { size: A4 landscape; margin: 10mm; } @media print { body { margin: 0; } svg { max-width: 100%; height: auto; } }\n")
            .Append("</style>\n</head>\n<body>\n<h1>").Append(Esc(title)).Append("</h1>\n<p>").Append(Esc($"{result.Population.FollowUpCycles} cycles of follow-up ({result.Population.FollowUpSource}); treated {f.Treated}, refused {f.Ended(CourseEnd.Refused)}")).Append("</p>\n");

        sb.Append("<h2>Published and simulated</h2>\n");
        Figure(sb, Deviations(result), "each published figure: the simulated value's distance from it, in units of the figure's stated tolerance; inside the shaded band is within tolerance");
        sb.Append("<table>\n<thead><tr><th>published figure</th><th>simulated</th><th>published</th><th>tolerance</th><th></th><th>source</th></tr></thead>\n<tbody>\n");
        foreach (var p in result.Arm.Published)
        {
            var verdict = CohortReport.Verdict(p, f.Simulated(p));
            sb.Append("<tr").Append(verdict == "OUTSIDE" ? " class=\"outside\"" : "").Append("><td>").Append(Esc(CohortReport.Label(p))).Append("</td><td>")
                .Append(f.Simulated(p) is { } s ? N(s) : "—").Append("</td><td>").Append(N(p.Value)).Append("</td><td>± ").Append(N(p.Tolerance))
                .Append("</td><td>").Append(Esc(verdict)).Append("</td><td>").Append(Esc(p.Source)).Append("</td></tr>\n");
        }

        sb.Append("</tbody></table>\n");
        var gaps = result.Arm.Published.Where(p => p.Gap is not null).ToList();
        if (gaps.Count > 0)
        {
            sb.Append("<h3>Documented gaps</h3>\n<ol class=\"gaps\">\n");
            foreach (var gap in gaps)
            {
                sb.Append("<li>").Append(Esc(CohortReport.Label(gap))).Append(": ").Append(Esc(gap.Gap!)).Append("</li>\n");
            }

            sb.Append("</ol>\n");
        }

        sb.Append("<h2>Relative dose intensity</h2>\n");
        foreach (var drug in f.Drugs)
        {
            Figure(sb, Histogram(f, drug), $"{drug}: dose-based RDI of the treated virtual patients, in 5-point bins; median {Text(f.MedianRdi(drug))} %, mean {Text(f.MeanRdi(drug))} %");
        }

        sb.Append("</body>\n</html>\n");
        return Renumber(sb.ToString());
    }

    private static string Text(decimal? value) => value is { } v ? N(v) : "unknown";

    private static void Figure(StringBuilder sb, string svg, string caption) =>
        sb.Append("<figure role=\"img\" aria-label=\"").Append(Esc(caption)).Append("\">\n")
            .Append(XmlDeclaration().Replace(svg, "").Trim()).Append("\n<figcaption>").Append(Esc(caption)).Append("</figcaption></figure>\n");

    private static string Histogram(CohortAggregate f, string drug)
    {
        var bins = f.RdiBins(drug, 5m);
        var plot = new ScottPlot.Plot();
        var bars = plot.Add.Bars(bins.Select(b => (double)b.From + 2.5).ToArray(), bins.Select(b => (double)b.Count).ToArray());
        foreach (var bar in bars.Bars)
        {
            bar.Size = 4.6; // a bin is 5 points wide
        }

        plot.Title($"{drug}: RDI");
        plot.Axes.Bottom.Label.Text = "RDI (%)";
        plot.Axes.Left.Label.Text = "virtual patients";
        return plot.GetSvgXml(640, 300);
    }

    private static string Deviations(CohortResult result)
    {
        var figures = result.Arm.Published.Where(p => p.Tolerance > 0 && result.Figures.Simulated(p) is not null).ToList();
        var plot = new ScottPlot.Plot();
        plot.Add.HorizontalSpan(-1, 1); // the band of x within ± 1 tolerance
        var ys = figures.Select((_, i) => (double)(figures.Count - 1 - i)).ToArray();
        plot.Add.ScatterPoints(figures.Select(p => (double)((result.Figures.Simulated(p)!.Value - p.Value) / p.Tolerance)).ToArray(), ys);
        plot.Axes.Left.SetTicks(ys, [.. figures.Select(CohortReport.Label)]);
        plot.Axes.Bottom.Label.Text = "simulated − published, in tolerances";
        return plot.GetSvgXml(820, 60 + (28 * Math.Max(1, figures.Count)));
    }

    /// <summary>ScottPlot numbers clip paths with a counter of the process; number them by order on the page instead.</summary>
    private static string Renumber(string html)
    {
        var ids = new Dictionary<string, string>(StringComparer.Ordinal);
        return ClipId().Replace(html, m =>
        {
            if (!ids.TryGetValue(m.Value, out var id))
            {
                ids[m.Value] = id = "cl_p" + ids.Count.ToString(CultureInfo.InvariantCulture);
            }

            return id;
        });
    }

    [GeneratedRegex(@"<\?xml[^>]*\?>")]
    private static partial Regex XmlDeclaration();

    [GeneratedRegex(@"(?<=id=""|url\(#)cl_[0-9a-z]+\b")]
    private static partial Regex ClipId();
}
