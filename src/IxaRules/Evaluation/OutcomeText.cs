using System.Globalization;
using System.Text;
using IxaRules.Binding;

namespace IxaRules.Evaluation;

/// <summary>A plain, one-line-per-entry rendering of an outcome: for reviewed baselines and for piping.</summary>
internal static class OutcomeText
{
    public static string Write(Outcome o)
    {
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"regimen {o.Regimen}, patient {Diagnostics.Printable.Escape(o.Patient)}: {o.Days} days; {o.EndReason}\n\nadministrations\n");
        foreach (var a in o.Administrations)
        {
            sb.Append(CultureInfo.InvariantCulture, $"  day {a.Day,4}{(a.Date is null ? "" : " " + a.Date)}  c{a.Cycle}d{a.CycleDay,-2} {a.Drug,-14} {Mg(a.PlannedMg),9} {Mg(a.GivenMg),9}  {a.Status.ToString().ToLowerInvariant()}{(a.Note is null ? "" : "  (" + a.Note + ")")}\n");
        }

        sb.Append("\ndecisions\n");
        foreach (var d in o.Decisions)
        {
            sb.Append(CultureInfo.InvariantCulture, $"  day {d.Day,4}  {DecisionKinds.Name(d.Kind)} {d.Name}{(d.Occurrence is { } n ? $" #{n}" : "")}  [{d.Source}]\n");
            foreach (var f in d.Facts)
            {
                sb.Append("      ").Append(f).Append('\n');
            }

            sb.Append("      → ").Append(d.Action).Append('\n');
        }

        sb.Append("\nmetrics\n");
        foreach (var m in o.Metrics)
        {
            sb.Append(CultureInfo.InvariantCulture,
                $"  {m.Drug,-14} doses {m.DosesGiven,3}  cumulative {Mg(m.CumulativeMg)}  prescribed {Mg(m.PrescribedMg)}  RDI {Pct(m.RelativeDoseIntensity)} (time {Pct(m.TimeRelativeDoseIntensity)})  reductions {m.Reductions}{(m.FirstReductionDay is { } f ? $" (first on day {f})" : "")}  final {m.FinalLevel}\n");
        }

        if (o.Exposure is { } e)
        {
            sb.Append(CultureInfo.InvariantCulture,
                $"\nexposure {e.Drug} to {e.Event}: day {e.EventDay}, {e.Days} days, {Mg(e.TotalDoseMg)} before the event, CL/F {ConditionText.Num(e.ClearanceLitresPerHour)} L/h → AUC/day {ConditionText.Num(e.AucPerDay)} ng·h/mL/day\n");
        }

        return sb.ToString();
    }

    private static string Mg(decimal value) => ConditionText.Num(value) + " mg";

    private static string Pct(decimal? value) => value is { } v ? ConditionText.Num(v) + "%" : "n/a";
}
