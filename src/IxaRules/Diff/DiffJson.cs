using System.Text;
using System.Text.Json;
using IxaRules.Text;

namespace IxaRules.Diff;

/// <summary>The diff as JSON (fields documented in docs/diff.md): one object, keys in a fixed order, so the same inputs give the same bytes.</summary>
internal static class DiffJson
{
    public static string Render(DiffResult diff)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteString("old", diff.OldPath);
            w.WriteString("new", diff.NewPath);
            w.WriteBoolean("provenEquivalent", diff.ProvenEquivalent);
            w.WriteString("solver", diff.SolverVersion is { } v ? "z3 " + v : null);
            w.WriteString("solverUnavailable", diff.SolverUnavailable);
            Strings(w, "regimensAdded", diff.Added);
            Strings(w, "regimensRemoved", diff.Removed);
            w.WriteStartArray("regimens");
            foreach (var r in diff.Regimens)
            {
                Regimen(w, r);
            }

            w.WriteEndArray();
            w.WriteString("summary", DiffText.Summary(diff));
            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray()) + "\n";
    }

    private static void Strings(Utf8JsonWriter w, string name, IEnumerable<string> values)
    {
        w.WriteStartArray(name);
        foreach (var v in values)
        {
            w.WriteStringValue(v);
        }

        w.WriteEndArray();
    }

    private static void Regimen(Utf8JsonWriter w, RegimenDiff r)
    {
        w.WriteStartObject();
        w.WriteString("regimen", r.Regimen);
        w.WriteBoolean("provenEquivalent", r.ProvenEquivalent);
        w.WriteStartArray("changes");
        foreach (var c in r.Changes)
        {
            w.WriteStartObject();
            w.WriteString("kind", c.Kind.ToString().ToLowerInvariant());
            w.WriteString("subject", c.Subject);
            w.WriteString("text", c.Text);
            Location(w, "oldAt", c.OldAt);
            Location(w, "newAt", c.NewAt);
            w.WriteBoolean("metadata", c.Metadata);
            if (c.Verdict is { } verdict)
            {
                w.WriteBoolean("provenEquivalent", verdict.ProvenEquivalent);
                w.WriteString("inconclusive", verdict.Inconclusive);
                w.WriteStartArray("disagreements");
                foreach (var d in verdict.Disagreements)
                {
                    w.WriteStartObject();
                    w.WriteString("old", ConditionComparison.Name(d.Old));
                    w.WriteString("new", ConditionComparison.Name(d.New));
                    Strings(w, "region", d.Region);
                    w.WriteString("witness", d.Witness.ToString());
                    w.WriteEndObject();
                }

                w.WriteEndArray();
            }

            w.WriteEndObject();
        }

        w.WriteEndArray();
        if (r.Bound is { } b)
        {
            w.WriteStartObject("search");
            w.WriteNumber("cases", b.Cases);
            w.WriteNumber("maxEpisodes", b.MaxEpisodes);
            w.WriteNumber("maxDays", b.MaxDays);
            w.WriteEndObject();
        }

        if (r.Counterexample is { } ce)
        {
            w.WriteStartObject("counterexample");
            w.WriteNumber("day", ce.Difference.Day);
            w.WriteString("drug", ce.Difference.Drug);
            w.WriteString("old", ce.Difference.Old);
            w.WriteString("new", ce.Difference.New);
            w.WriteNumber("days", ce.Case.RunDays);
            w.WriteString("patient", ce.Case.PatientText());
            w.WriteString("events", ce.Case.EventsText());
            w.WriteEndObject();
        }

        if (r.Impact is { } p)
        {
            w.WriteStartObject("population");
            w.WriteString("name", p.Population);
            w.WriteNumber("patients", p.Patients);
            w.WriteNumber("seed", p.Seed);
            w.WriteNumber("administrationsChanged", p.Changed);
            Number(w, "discontinuedOld", p.OldDiscontinued);
            Number(w, "discontinuedNew", p.NewDiscontinued);
            w.WriteStartArray("drugs");
            foreach (var d in p.Drugs)
            {
                w.WriteStartObject();
                w.WriteString("drug", d.Drug);
                Number(w, "meanRdiOld", d.OldMeanRdi);
                Number(w, "meanRdiNew", d.NewMeanRdi);
                Number(w, "reducedOld", d.OldReduced);
                Number(w, "reducedNew", d.NewReduced);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        w.WriteEndObject();
    }

    private static void Number(Utf8JsonWriter w, string name, decimal? value)
    {
        if (value is { } v)
        {
            w.WriteNumber(name, v);
        }
        else
        {
            w.WriteNull(name);
        }
    }

    private static void Location(Utf8JsonWriter w, string name, SourceLocation? at)
    {
        if (at is { } a)
        {
            w.WriteString(name, $"{a.Path}:{a.Line}");
        }
        else
        {
            w.WriteNull(name);
        }
    }
}
