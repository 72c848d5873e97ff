using System.Globalization;
using System.Text;
using System.Text.Json;

namespace IxaRules.Cohort;

/// <summary>One replayed arm: what was run and its figures.</summary>
internal sealed record CohortResult(Population Population, Arm Arm, int Patients, int Seed, CohortAggregate Figures)
{
    /// <summary>Whether every published figure of the arm without a documented gap is within its stated tolerance.</summary>
    public bool WithinTolerance => Arm.Published.All(f => f.Gap is not null || CohortReport.Within(f, Figures.Simulated(f)));
}

/// <summary>The side-by-side table (text) and the same figures as JSON; both deterministic for a seed.</summary>
internal static class CohortReport
{
    public static bool Within(PublishedFigure figure, decimal? simulated) => simulated is { } s && Math.Abs(s - figure.Value) <= figure.Tolerance;

    /// <summary>within, OUTSIDE, or for a documented gap "gap" (and "gap?" when the replay came within tolerance after all: the gap should be looked at again).</summary>
    public static string Verdict(PublishedFigure f, decimal? simulated) =>
        (f.Gap, Within(f, simulated)) switch
        {
            (null, true) => "within",
            (null, false) => "OUTSIDE",
            (_, false) => "gap",
            (_, true) => "within (gap?)",
        };

    public static string Label(PublishedFigure f) => f.Kind switch
    {
        FigureKind.MedianRdi => $"median RDI {f.Drug} (%)",
        FigureKind.MeanRdi => $"mean RDI {f.Drug} (%)",
        FigureKind.MedianTimeRdi => $"median time-based RDI {f.Drug} (%)",
        FigureKind.Reduced => $"≥ 1 reduction of {f.Drug} (%)",
        FigureKind.ReducedAny => "≥ 1 reduction of any drug (%)",
        FigureKind.DiscontinuedForAdverseEvents => "regimen stopped for adverse events (%)",
        FigureKind.MedianCycles => f.Phase is { } phase ? $"median cycles of {phase}" : "median cycles",
        FigureKind.ReachedPhase => $"started {f.Phase} (%)",
        FigureKind.Died => "died on treatment (%)",
        _ => f.Kind.ToString(),
    };

    public static string Text(CohortResult r)
    {
        var f = r.Figures;
        var sb = new StringBuilder();
        sb.Append(Inv($"{r.Population.Name}: {r.Arm.Regimen}, {r.Patients} virtual patients (seed {r.Seed}), {r.Population.FollowUpCycles} cycles of follow-up ({r.Population.FollowUpSource})\n"));
        sb.Append(Inv($"treated {f.Treated}, refused {f.Ended(CourseEnd.Refused)}; ended by progression {f.Percent(f.Ended(CourseEnd.Progression))}%, death {f.Percent(f.Ended(CourseEnd.Death))}%, adverse events {f.Percent(f.Ended(CourseEnd.AdverseEvent))}%, still on treatment at the end of follow-up {f.Percent(f.Ended(CourseEnd.FollowUp))}%\n\n"));

        Table(sb, ["published figure", "simulated", "published", "tolerance", "", "source"],
            r.Arm.Published.Select(p => new[] { Label(p), Num(f.Simulated(p)), Num(p.Value), "± " + Num(p.Tolerance), Verdict(p, f.Simulated(p)), p.Source }));
        var gaps = r.Arm.Published.Where(p => p.Gap is not null).ToList();
        foreach (var (gap, i) in gaps.Select((g, i) => (g, i)))
        {
            sb.Append(Inv($"gap {i + 1}: {Label(gap)}: {gap.Gap}\n"));
        }

        sb.Append(gaps.Count > 0 ? "\n" : "");

        Table(sb, ["drug", "median RDI", "mean RDI", "median time-RDI", "mean time-RDI", "≥ 1 reduction %", "median day of 1st reduction"],
            f.Drugs.Select(d => new[] { d, Num(f.MedianRdi(d)), Num(f.MeanRdi(d)), Num(f.MedianTimeRdi(d)), Num(f.MeanTimeRdi(d)), Num(f.Reduced(d)), Num(f.MedianFirstReductionDay(d)) }));

        sb.Append(Inv($"ixazomib exposure (AUC/day, ng·h/mL/day, seed 000 §2.2) quartiles: {Num(f.AucQuantile(0.25m))} | {Num(f.AucQuantile(0.5m))} | {Num(f.AucQuantile(0.75m))}\n\n"));

        Table(sb, ["adverse event (worst grade)", "model ≥ 1 %", "realised ≥ 1 %", "model ≥ 3 %", "realised ≥ 3 %", "episodes / 100 cycles", "source"],
            r.Arm.Events.Select(e =>
            {
                var (episodes, cycles) = f.Rate(e.Name);
                return new[]
                {
                    e.Name, Num(100 * e.AtLeast(1)), Num(f.WorstAtLeast(e.Name, 1)), Num(100 * e.AtLeast(3)), Num(f.WorstAtLeast(e.Name, 3)),
                    cycles == 0 ? "—" : Num(Math.Round(100m * episodes / cycles, 2)), e.Source,
                };
            }));
        return sb.ToString();
    }

    public static string Json(IReadOnlyList<CohortResult> results)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartArray();
            foreach (var r in results)
            {
                var f = r.Figures;
                json.WriteStartObject();
                json.WriteString("population", r.Population.Name);
                json.WriteString("regimen", r.Arm.Regimen);
                json.WriteNumber("patients", r.Patients);
                json.WriteNumber("seed", r.Seed);
                json.WriteNumber("treated", f.Treated);
                json.WriteStartArray("published");
                foreach (var p in r.Arm.Published)
                {
                    json.WriteStartObject();
                    json.WriteString("figure", Label(p));
                    Number(json, "simulated", f.Simulated(p));
                    json.WriteNumber("published", p.Value);
                    json.WriteNumber("tolerance", p.Tolerance);
                    json.WriteBoolean("within", Within(p, f.Simulated(p)));
                    if (p.Gap is { } gap)
                    {
                        json.WriteString("gap", gap);
                    }

                    json.WriteString("source", p.Source);
                    json.WriteEndObject();
                }

                json.WriteEndArray();
                json.WriteStartArray("drugs");
                foreach (var d in f.Drugs)
                {
                    json.WriteStartObject();
                    json.WriteString("drug", d);
                    Number(json, "medianRdi", f.MedianRdi(d));
                    Number(json, "meanRdi", f.MeanRdi(d));
                    Number(json, "medianTimeRdi", f.MedianTimeRdi(d));
                    Number(json, "meanTimeRdi", f.MeanTimeRdi(d));
                    Number(json, "reducedPercent", f.Reduced(d));
                    json.WriteEndObject();
                }

                json.WriteEndArray();
                json.WriteStartObject("exposure");
                Number(json, "q1", f.AucQuantile(0.25m));
                Number(json, "median", f.AucQuantile(0.5m));
                Number(json, "q3", f.AucQuantile(0.75m));
                json.WriteEndObject();
                json.WriteStartArray("adverseEvents");
                foreach (var e in r.Arm.Events)
                {
                    var (episodes, cycles) = f.Rate(e.Name);
                    json.WriteStartObject();
                    json.WriteString("event", e.Name);
                    json.WriteNumber("modelAnyPercent", 100 * e.AtLeast(1));
                    Number(json, "realisedAnyPercent", f.WorstAtLeast(e.Name, 1));
                    json.WriteNumber("modelGrade3Percent", 100 * e.AtLeast(3));
                    Number(json, "realisedGrade3Percent", f.WorstAtLeast(e.Name, 3));
                    json.WriteNumber("episodes", episodes);
                    json.WriteNumber("cyclesAtRisk", cycles);
                    json.WriteEndObject();
                }

                json.WriteEndArray();
                json.WriteEndObject();
            }

            json.WriteEndArray();
        }

        return Encoding.UTF8.GetString(stream.ToArray()) + "\n";
    }

    private static void Number(Utf8JsonWriter json, string name, decimal? value)
    {
        if (value is { } v)
        {
            json.WriteNumber(name, v);
        }
        else
        {
            json.WriteNull(name);
        }
    }

    private static void Table(StringBuilder sb, string[] header, IEnumerable<string[]> rows)
    {
        var all = rows.Prepend(header).ToList();
        var widths = header.Select((_, c) => all.Max(r => r[c].Length)).ToArray();
        foreach (var row in all)
        {
            sb.Append(string.Join("  ", row.Select((cell, c) => c == row.Length - 1 ? cell : cell.PadRight(widths[c]))).TrimEnd()).Append('\n');
        }

        sb.Append('\n');
    }

    private static string Num(decimal? value) => value is { } v ? v.ToString("0.#", CultureInfo.InvariantCulture) : "—";

    private static string Inv(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
