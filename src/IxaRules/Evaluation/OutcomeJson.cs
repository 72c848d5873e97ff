using System.Text;
using System.Text.Json;
using IxaRules.Binding;

namespace IxaRules.Evaluation;

/// <summary>
/// The stable JSON form of an outcome (docs/run.md documents every field). Field order is fixed and
/// numbers are written without trailing zeros, so the same inputs give byte-identical output.
/// </summary>
internal static class OutcomeJson
{
    public static string Write(Outcome outcome)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            w.WriteStartObject();
            w.WriteString("regimen", outcome.Regimen);
            w.WriteString("patient", outcome.Patient);
            w.WriteNumber("days", outcome.Days);
            w.WriteString("endReason", outcome.EndReason);
            Number(w, "stoppedOn", outcome.StoppedOn);
            w.WriteBoolean("refused", outcome.Refused);
            w.WriteStartArray("administrations");
            foreach (var a in outcome.Administrations)
            {
                w.WriteStartObject();
                w.WriteNumber("day", a.Day);
                WriteNullable(w, "date", a.Date);
                w.WriteString("phase", a.Phase);
                w.WriteNumber("cycle", a.Cycle);
                w.WriteNumber("cycleDay", a.CycleDay);
                w.WriteString("drug", a.Drug);
                Number(w, "plannedMg", a.PlannedMg);
                Number(w, "givenMg", a.GivenMg);
                w.WriteString("status", a.Status.ToString().ToLowerInvariant());
                WriteNullable(w, "note", a.Note);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteStartArray("decisions");
            foreach (var d in outcome.Decisions)
            {
                w.WriteStartObject();
                w.WriteNumber("day", d.Day);
                w.WriteString("kind", DecisionKinds.Name(d.Kind));
                w.WriteString("name", d.Name);
                w.WriteString("source", d.Source.ToString());
                w.WriteStartArray("facts");
                foreach (var f in d.Facts)
                {
                    w.WriteStringValue(f);
                }

                w.WriteEndArray();
                Number(w, "occurrence", d.Occurrence);

                w.WriteString("action", d.Action);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteStartArray("metrics");
            foreach (var m in outcome.Metrics)
            {
                w.WriteStartObject();
                w.WriteString("drug", m.Drug);
                w.WriteNumber("dosesGiven", m.DosesGiven);
                Number(w, "cumulativeMg", m.CumulativeMg);
                Number(w, "prescribedMg", m.PrescribedMg);
                Number(w, "rdiPercent", m.RelativeDoseIntensity);
                Number(w, "rdiTimePercent", m.TimeRelativeDoseIntensity);
                w.WriteNumber("reductions", m.Reductions);
                Number(w, "firstReductionDay", m.FirstReductionDay);

                w.WriteString("finalLevel", m.FinalLevel);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            if (outcome.Exposure is { } e)
            {
                w.WriteStartObject("exposure");
                w.WriteString("drug", e.Drug);
                w.WriteString("event", e.Event);
                w.WriteBoolean("eventOccurred", e.EventOccurred);
                w.WriteNumber("eventDay", e.EventDay);
                w.WriteNumber("days", e.Days);
                Number(w, "totalDoseMg", e.TotalDoseMg);
                Number(w, "clearanceLPerH", e.ClearanceLitresPerHour);
                Number(w, "aucPerDay", e.AucPerDay);
                w.WriteEndObject();
            }
            else
            {
                w.WriteNull("exposure");
            }

            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray()) + "\n";
    }

    private static void Number(Utf8JsonWriter w, string name, decimal? value)
    {
        w.WritePropertyName(name);
        w.WriteRawValue(value is { } v ? ConditionText.Num(v) : "null");
    }

    private static void WriteNullable(Utf8JsonWriter w, string name, string? value)
    {
        if (value is null)
        {
            w.WriteNull(name);
        }
        else
        {
            w.WriteString(name, value);
        }
    }
}
