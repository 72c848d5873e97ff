using System.Globalization;
using IxaRules.Binding;
using IxaRules.Diagnostics;
using IxaRules.Evaluation;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace IxaRules.Cli;

/// <summary>The human view of a run: administration table, decision trail, metrics, exposure.</summary>
internal static class OutcomeTable
{
    public static string Render(Outcome outcome, Regimen regimen, Patient patient)
    {
        var writer = new StringWriter(CultureInfo.InvariantCulture);
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Out = new AnsiConsoleOutput(writer),
            Interactive = InteractionSupport.No,
        });
        console.Profile.Width = 140;

        console.Write(new Rule($"{Markup.Escape(regimen.Name)}: {Markup.Escape(regimen.Title ?? "")}").LeftJustified());
        console.WriteLine($"patient {Printable.Escape(outcome.Patient)}: {PatientFactory.Describe(patient)}");
        console.WriteLine($"{outcome.Days} days; {outcome.EndReason}");
        var warnings = outcome.Decisions.Count(d => d.Kind is DecisionKind.Warning or DecisionKind.Refusal);
        if (warnings > 0)
        {
            // Said before the table: a refused run, or a rule that could not protect some doses, must not be missed.
            console.WriteLine($"WARNING: {warnings} decision{(warnings == 1 ? "" : "s")} below say{(warnings == 1 ? "s" : "")} the rules could not protect this patient's doses (see `warning` and `refusal` in the trail)");
        }

        console.WriteLine();

        var hasDates = outcome.Administrations.Any(a => a.Date is not null);
        var log = new Table().Border(TableBorder.Simple).Title("administrations");
        log.AddColumns(hasDates ? ["day", "date", "cycle", "cycle day", "drug", "planned", "given", "status", "note"] : ["day", "cycle", "cycle day", "drug", "planned", "given", "status", "note"]);
        foreach (var a in outcome.Administrations)
        {
            var cells = new List<string> { Num(a.Day) };
            if (hasDates)
            {
                cells.Add(a.Date ?? "");
            }

            cells.AddRange([Num(a.Cycle), a.CycleDay == 0 ? "-" : Num(a.CycleDay), a.Drug, Mg(a.PlannedMg), Mg(a.GivenMg), a.Status.ToString().ToLowerInvariant(), a.Note ?? ""]);
            log.AddRow(cells.Select(c => (IRenderable)new Spectre.Console.Text(c)).ToArray());
        }

        console.Write(log);
        console.WriteLine();
        console.Write(new Rule("decision trail").LeftJustified());
        foreach (var d in outcome.Decisions)
        {
            console.WriteLine($"day {d.Day,-4} {DecisionKinds.Name(d.Kind)} {d.Name}{(d.Occurrence is { } n ? $" (occurrence {n})" : "")}  [{d.Source}]");
            foreach (var fact in d.Facts)
            {
                console.WriteLine($"           {fact}");
            }

            console.WriteLine($"           → {d.Action}");
        }

        console.WriteLine();
        var metrics = new Table().Border(TableBorder.Simple).Title("metrics");
        metrics.AddColumns("drug", "doses", "cumulative", "prescribed", "RDI (dose)", "RDI (time)", "reductions", "first reduction", "final level");
        foreach (var m in outcome.Metrics)
        {
            metrics.AddRow(m.Drug, Num(m.DosesGiven), Mg(m.CumulativeMg), Mg(m.PrescribedMg),
                Pct(m.RelativeDoseIntensity), Pct(m.TimeRelativeDoseIntensity), Num(m.Reductions),
                m.FirstReductionDay is { } f ? "day " + Num(f) : "-", m.FinalLevel);
        }

        console.Write(metrics);
        if (outcome.Exposure is { } e)
        {
            console.WriteLine($"ixazomib exposure to {e.Event}: {ConditionText.Num(e.AucPerDay)} ng·h/mL/day ({Mg(e.TotalDoseMg)} over {e.Days} days, CL/F {ConditionText.Num(e.ClearanceLitresPerHour)} L/h)");
        }

        // Spectre pads table cells to the column width; trailing spaces are noise in a file or a diff.
        return string.Join('\n', writer.ToString().Split('\n').Select(line => line.TrimEnd()));
    }

    private static string Num(int n) => n.ToString(CultureInfo.InvariantCulture);

    private static string Mg(decimal value) => ConditionText.Num(value) + " mg";

    private static string Pct(decimal? value) => value is { } v ? ConditionText.Num(v) + "%" : "n/a";
}
