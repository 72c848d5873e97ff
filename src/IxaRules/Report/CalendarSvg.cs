using System.Text;
using IxaRules.Binding;
using static IxaRules.Report.Svg;

namespace IxaRules.Report;

/// <summary>
/// The regimen as a calendar, per phase: a grid of cycle days × drugs with the dosing days marked,
/// each drug's starting dose, route and dose ladder, then the starting-dose adjustments and the
/// cycle-start criteria — each with the source line it is written on.
/// </summary>
internal static class CalendarSvg
{
    private const int Cell = 22;
    private const int Label = 230;

    public static void Write(StringBuilder sb, Regimen regimen, Func<SourceLocationLink, string> link)
    {
        foreach (var phase in regimen.Phases)
        {
            var length = phase.CycleCount is { } n ? $"{I(n)} cycles" : phase.Until.Count > 0 ? "until " + string.Join(" or ", phase.Until) : "open-ended";
            sb.Append("<section class=\"phase\"><h3>phase ").Append(Esc(phase.Name)).Append(": ").Append(I(phase.CycleDays))
                .Append("-day cycles, ").Append(Esc(length)).Append("</h3>\n");
            Grid(sb, phase);
            sb.Append("<ul class=\"plan\">\n");
            foreach (var drug in phase.Drugs)
            {
                var ladder = drug.Ladder is { Count: > 0 } l ? "levels " + string.Join(" > ", l.Select(d => d.ToString())) + " > discontinue" : "no dose levels";
                Item(sb, $"{drug.Name} {drug.Route} {drug.StartingDose}, {drug.Schedule.Text}; {ladder}", link(new(regimen, drug.At)));
            }

            foreach (var adjustment in phase.StartAdjustments)
            {
                Item(sb, $"starting dose: {adjustment.Drug} {adjustment.Dose} when {ConditionText.Friendly(adjustment.When)}", link(new(regimen, adjustment.At)));
            }

            if (phase.CycleStart is { } start)
            {
                var delay = start.MaxDelayDays is { } max ? $"; after {I(max)} days of delay, discontinue {start.Then}" : "";
                Item(sb, $"a cycle starts when {ConditionText.Friendly(start.Require)}; otherwise it is delayed and re-checked {(start.RecheckDays == 1 ? "daily" : $"every {I(start.RecheckDays)} days")}{delay}", link(new(regimen, start.At)));
            }

            foreach (var titration in phase.Titrations)
            {
                Item(sb, $"titration: {titration.Drug} to {titration.To} from cycle {I(titration.FromCycle)}", link(new(regimen, titration.At)));
            }

            sb.Append("</ul></section>\n");
        }
    }

    private static void Grid(StringBuilder sb, Phase phase)
    {
        var width = Label + (phase.CycleDays * Cell) + 10;
        var height = ((phase.Drugs.Count + 1) * Cell) + 10;
        sb.Append("<svg class=\"calendar\" width=\"").Append(I(width)).Append("\" height=\"").Append(I(height))
            .Append("\" viewBox=\"0 0 ").Append(I(width)).Append(' ').Append(I(height)).Append("\" role=\"img\" aria-label=\"")
            .Append(Esc($"cycle calendar of phase {phase.Name}: days 1 to {phase.CycleDays}")).Append("\">\n");
        for (var day = 1; day <= phase.CycleDays; day++)
        {
            var x = Label + ((day - 1) * Cell);
            sb.Append("<text class=\"day\" x=\"").Append(I(x + (Cell / 2))).Append("\" y=\"15\">").Append(I(day)).Append("</text>");
        }

        sb.Append('\n');
        for (var row = 0; row < phase.Drugs.Count; row++)
        {
            var drug = phase.Drugs[row];
            var y = (row + 1) * Cell;
            sb.Append("<text class=\"drug\" x=\"4\" y=\"").Append(I(y + 15)).Append("\">").Append(Esc($"{drug.Name} {drug.StartingDose}")).Append("</text>");
            for (var day = 1; day <= phase.CycleDays; day++)
            {
                var x = Label + ((day - 1) * Cell);
                var dosed = drug.Schedule.Days.Contains(day);
                sb.Append("<rect class=\"").Append(dosed ? "dose" : "rest").Append("\" x=\"").Append(I(x + 1)).Append("\" y=\"").Append(I(y + 1))
                    .Append("\" width=\"").Append(I(Cell - 2)).Append("\" height=\"").Append(I(Cell - 2)).Append("\" fill=\"")
                    .Append(dosed ? Colour.Given : "#f2f2f2").Append('"')
                    .Labelled(dosed ? $"{drug.Name} {drug.StartingDose} on day {day}" : $"{drug.Name}: no dose on day {day}").Append("</rect>");
            }

            sb.Append('\n');
        }

        sb.Append("</svg>\n");
    }

    private static void Item(StringBuilder sb, string text, string link) =>
        sb.Append("<li>").Append(Esc(text)).Append(' ').Append(link).Append("</li>\n");
}

/// <summary>A declaration's place, for the report's source links.</summary>
internal readonly record struct SourceLocationLink(Regimen Regimen, Text.SourceLocation At);
