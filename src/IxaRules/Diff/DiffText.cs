using System.Text;
using IxaRules.Text;

namespace IxaRules.Diff;

/// <summary>The diff for a terminal (`text`) or a pull-request comment (`markdown`): the same content, two layouts.</summary>
internal static class DiffText
{
    /// <summary>Stated limit: the changes a text or markdown report lists per regimen (a pull-request comment must stay readable).</summary>
    public const int MaxShown = 200;

    public static string Render(DiffResult diff, bool markdown, IReadOnlyDictionary<string, (string Patient, string Events)>? written = null)
    {
        var sb = new StringBuilder();
        var (h1, h2, code) = markdown ? ("### ", "#### ", "`") : ("", "", "");
        sb.Append(h1).Append($"ixarules diff {code}{diff.OldPath}{code} → {code}{diff.NewPath}{code}\n\n");
        if (diff.SolverUnavailable is { } why)
        {
            sb.Append(markdown ? "> **warning:** " : "warning: ").Append(why)
              .Append("; changed conditions were not proven, only searched").Append(why.Contains("--no-solver", StringComparison.Ordinal) ? "" : " (install libz3: `apt-get install libz3-4`)").Append("\n\n");
        }

        foreach (var name in diff.Removed)
        {
            sb.Append(Item(markdown)).Append($"- regimen {name} (removed)\n");
        }

        foreach (var name in diff.Added)
        {
            sb.Append(Item(markdown)).Append($"+ regimen {name} (added)\n");
        }

        foreach (var r in diff.Regimens)
        {
            sb.Append(h2).Append($"regimen {r.Regimen}\n");
            if (markdown)
            {
                sb.Append("\n```diff\n");
            }

            if (r.Changes.Count == 0)
            {
                sb.Append("  no changes (reformatting, comments and equivalent units are not changes)\n");
            }

            foreach (var c in r.Changes.Take(MaxShown))
            {
                Change(sb, c, diff);
            }

            if (r.Changes.Count > MaxShown)
            {
                sb.Append($"… and {r.Changes.Count - MaxShown} more changes (all of them in --format json)\n");
            }

            if (markdown)
            {
                sb.Append("```\n");
            }

            sb.Append('\n');
            Outcome(sb, r, markdown, written?.GetValueOrDefault(r.Regimen), diff.OldPath, diff.NewPath);
            if (r.Impact is { } impact)
            {
                Impact(sb, impact, markdown);
            }
        }

        sb.Append(Summary(diff)).Append('\n');
        return sb.ToString();
    }

    private static string Plural(int n, string what) => n == 1 ? $"1 {what}" : $"{n} {what}s";

    private static string Item(bool markdown) => markdown ? "    " : "";

    private static void Change(StringBuilder sb, Change c, DiffResult diff)
    {
        var note = c.ProvenEquivalent ? "   (proven equivalent)" : c.Metadata ? "   (metadata: changes no dose)" : "";
        sb.Append($"{c.Sign} {c.Subject}{(c.Text.Length > 0 ? ": " + c.Text : "")}{note}\n");
        sb.Append("    ").Append(Where(c.OldAt, diff.OldPath)).Append(" → ").Append(Where(c.NewAt, diff.NewPath)).Append('\n');
        if (c.Verdict is not { } verdict)
        {
            return;
        }

        if (verdict.Inconclusive is { } why)
        {
            sb.Append("    not proven: ").Append(why).Append('\n');
        }

        foreach (var d in verdict.Disagreements)
        {
            sb.Append($"    old {ConditionComparison.Name(d.Old)}, new {ConditionComparison.Name(d.New)} ").Append(Region(d.Region)).Append('\n');
            sb.Append("        e.g. ").Append(d.Witness).Append('\n');
        }

        if (verdict.Disagreements.Count > 0 && verdict.Inconclusive is null)
        {
            sb.Append("    everywhere else both give the same value, unknown included (proven)\n");
        }
    }

    /// <summary>
    /// One variable decides: its values are the region, exactly. Several: each one's possible values with
    /// the others chosen to fit (a projection; the witness shows one combination). None alone: say so.
    /// </summary>
    private static string Region(IReadOnlyList<string> region) => region.Count switch
    {
        0 => "for some combinations of values, none deciding alone (see the example)",
        1 => "where " + region[0],
        _ => "for some patients with, each given the others chosen to fit: " + string.Join("; ", region),
    };

    private static string Where(SourceLocation? at, string path) => at is { } a ? $"{a.Path}:{a.Line}" : $"(not in {path})";

    private static void Outcome(StringBuilder sb, RegimenDiff r, bool markdown, (string Patient, string Events)? written, string diffOld, string diffNew)
    {
        if (r.ProvenEquivalent)
        {
            sb.Append(r.Changes.Count == 0 ? "" : r.Changes.All(c => c.ProvenEquivalent)
                ? "Every change is proven equivalent: no patient is affected.\n\n"
                : "No change affects a dose (each is proven equivalent, or metadata): no patient is affected.\n\n");
            return;
        }

        var bound = r.Bound is { } b ? $"{b.Cases} cases searched: no event, then 1 to {b.MaxEpisodes} episodes, up to {b.MaxDays} days each" : "";
        if (r.Counterexample is not { } ce)
        {
            sb.Append($"No patient found whose administrations differ ({bound}); this is a bounded search, not a proof.\n\n");
            return;
        }

        var d = ce.Difference;
        sb.Append(markdown ? "**First difference:** " : "first difference: ")
          .Append($"day {d.Day}, {d.Drug}: old {d.Old}; new {d.New}\n");
        sb.Append($"    found by case {r.Bound?.Cases} of the search (no event first, then 1 to {r.Bound?.MaxEpisodes} episodes); shrunk to {Plural(ce.Case.EventCount, "event")} over {Plural(ce.Case.RunDays, "day")}\n");
        if (written is { } files)
        {
            foreach (var path in new[] { diffOld, diffNew })
            {
                sb.Append($"    reproduce: ixarules run {path} --regimen {r.Regimen} --patient {files.Patient} --events {files.Events} --days {ce.Case.RunDays}\n");
            }

            sb.Append('\n');
            return;
        }

        sb.Append(markdown ? "\n<details><summary>patient and events</summary>\n\n```yaml\n" : "    patient file:\n");
        sb.Append(Indent(ce.Case.PatientText(), markdown ? "" : "      "));
        sb.Append(markdown ? "```\n\n```\n" : "    events file:\n");
        sb.Append(Indent(ce.Case.EventsText(), markdown ? "" : "      "));
        sb.Append(markdown ? "```\n</details>\n\n" : "\n");
    }

    private static string Indent(string text, string prefix) =>
        string.Concat(text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => prefix + l + "\n"));

    private static void Impact(StringBuilder sb, PopulationImpact p, bool markdown)
    {
        sb.Append(markdown ? "**Population impact** " : "population impact ")
          .Append($"({p.Population}, {p.Patients} virtual patients, seed {p.Seed}): administrations changed for {p.Changed} ({Pct(p.Changed, p.Patients)})\n");
        if (markdown)
        {
            sb.Append("\n| drug | mean RDI old | new | reduced old | new |\n|---|---:|---:|---:|---:|\n");
        }

        foreach (var d in p.Drugs)
        {
            sb.Append(markdown
                ? $"| {d.Drug} | {P(d.OldMeanRdi)} | {P(d.NewMeanRdi)} | {P(d.OldReduced)} | {P(d.NewReduced)} |\n"
                : $"    {d.Drug}: mean RDI {P(d.OldMeanRdi)} → {P(d.NewMeanRdi)}, reduced {P(d.OldReduced)} → {P(d.NewReduced)}\n");
        }

        sb.Append(markdown ? "\n" : "").Append($"    discontinued for adverse events: {P(p.OldDiscontinued)} → {P(p.NewDiscontinued)}\n\n");
    }

    private static string Pct(int n, int of) => of == 0 ? "-" : ConditionText(Math.Round(100m * n / of, 1)) + "%";

    private static string P(decimal? v) => v is { } x ? ConditionText(x) + "%" : "-";

    private static string ConditionText(decimal v) => Binding.ConditionText.Num(v);

    public static string Summary(DiffResult diff)
    {
        if (diff.Regimens.Count == 0)
        {
            return "No regimen is declared by both files: nothing was compared"
                + (diff.Added.Count + diff.Removed.Count > 0 ? " (see the regimens added and removed above)." : ".");
        }

        var changes = diff.Regimens.Sum(r => r.Changes.Count);
        var equivalent = diff.Regimens.Sum(r => r.Changes.Count(c => c.NoEffect));
        var affected = diff.Regimens.Count(r => r.Counterexample is not null);
        return diff.ProvenEquivalent
            ? $"{diff.Regimens.Count} regimen(s) compared: {(changes == 0 ? "no changes" : $"{changes} change(s), none changes a dose (proven equivalent or metadata)")}."
            : $"{diff.Regimens.Count} regimen(s) compared: {changes} change(s){(equivalent > 0 ? $" ({equivalent} changing no dose)" : "")}; "
              + (affected > 0 ? $"administrations differ in {affected} regimen(s)." : "no differing patient found within the search bound.");
    }
}
