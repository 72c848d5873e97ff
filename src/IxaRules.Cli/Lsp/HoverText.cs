using System.Text;
using IxaRules.Binding;
using IxaRules.Syntax;
using IxaRules.Text;

namespace IxaRules.Cli.Lsp;

/// <summary>
/// What hovering a name shows, from the bound model: a drug its route, dose, schedule, ladder and
/// starting-dose adjustments with their lines; a rule its trigger and citation; a lab its unit and
/// the rules that read it; a regimen its title and source.
/// </summary>
internal static class HoverText
{
    /// <summary>The regimens a file sees: its own and those its scenarios name in other files.</summary>
    public static List<Regimen> RegimensInView(BoundFile model) => [.. model.Regimens.Concat(model.Scenarios.Select(s => s.Regimen)).Distinct()];

    /// <summary>The rules a file sees: its own and those of the files its scenarios name.</summary>
    public static List<DoseRule> RulesInView(BoundFile model) =>
        [.. model.Rules.Concat(model.Scenarios.Select(s => s.RegimenFile).OfType<BoundFile>().SelectMany(f => f.Rules)).Distinct()];

    public static Hover? At(SourceText source, BoundFile? model, Position position)
    {
        if (position.Line < 0 || position.Line >= source.LineCount || Word(source.GetLineText(position.Line + 1), position.Character) is not { } word)
        {
            return null;
        }

        var text = model is null ? null : Describe(model, word.Text);
        return text is null ? null : new Hover(new MarkupContent("markdown", text),
            new Range(new Position(position.Line, word.Start), new Position(position.Line, word.Start + word.Text.Length)));
    }

    /// <summary>Where the name under the position is declared: a drug, a rule, a shared counter (its first rule) or a regimen, in this file or the file a scenario names.</summary>
    public static Location? Definition(SourceText source, BoundFile? model, Position position)
    {
        if (model is null || position.Line < 0 || position.Line >= source.LineCount || Word(source.GetLineText(position.Line + 1), position.Character) is not { } word)
        {
            return null;
        }

        var regimens = RegimensInView(model);
        var rules = RulesInView(model);
        SourceLocation? at = regimens.FirstOrDefault(r => r.Name == word.Text)?.At
            ?? regimens.Select(r => r.FindDrug(word.Text)).OfType<DrugPlan>().Select(d => (SourceLocation?)d.At).FirstOrDefault()
            ?? rules.FirstOrDefault(r => r.Name == word.Text)?.At
            ?? rules.FirstOrDefault(r => r.CounterShared && r.Counter == word.Text)?.At; // a shared counter: the first rule that shares it
        if (at is not { } location)
        {
            return null;
        }

        // The declaring file's text turns its span into lines and columns.
        return DeclaringText(source, location.Path) is { } text
            ? new Location(new Uri(Path.GetFullPath(location.Path)).AbsoluteUri, Ranges.Of(text, location.Span))
            : null;
    }

    /// <summary>The text of the file a declaration is in: the open document, or the file a scenario names (null when it is gone).</summary>
    private static SourceText? DeclaringText(SourceText current, string path) =>
        path == current.Path ? current : File.Exists(path) ? SourceText.FromFile(path) : null;

    private static string? Describe(BoundFile model, string name)
    {
        var regimens = RegimensInView(model);
        if (regimens.FirstOrDefault(r => r.Name == name) is { } regimen)
        {
            return $"**regimen {regimen.Name}**{(regimen.Title is { } t ? ": " + t : "")}\n\nsource: {regimen.Source ?? "none cited"} (line {regimen.Line})";
        }

        foreach (var r in regimens)
        {
            foreach (var phase in r.Phases)
            {
                if (phase.Drugs.FirstOrDefault(d => d.Name == name) is { } drug)
                {
                    var sb = new StringBuilder($"**{drug.Name}** {drug.Route} {drug.StartingDose}, {drug.Schedule.Text} — regimen {r.Name}, phase {phase.Name} (line {drug.Line})\n\n");
                    sb.Append(drug.Ladder is { Count: > 0 } l ? "levels " + string.Join(" > ", l) + " > discontinue" : "no dose levels").Append('\n');
                    foreach (var cited in Citations(model.Source, drug.At))
                    {
                        sb.Append("\n*source:* ").Append(cited).Append('\n');
                    }

                    foreach (var a in phase.StartAdjustments.Where(a => a.Drug == name))
                    {
                        sb.Append("\n- starting dose ").Append(a.Dose).Append(" when ").Append(ConditionText.Friendly(a.When)).Append(" (line ").Append(a.Line).Append(')');
                        foreach (var cited in Citations(model.Source, a.At))
                        {
                            sb.Append(" — ").Append(cited);
                        }
                    }

                    return sb.ToString();
                }
            }
        }

        var rules = RulesInView(model);
        if (rules.FirstOrDefault(r => r.Name == name) is { } rule)
        {
            var branches = rule.Branches.Select(b => $"\n- {Occurrences(b)}: {string.Join("; ", b.Actions.Select(Action))}");
            return $"**rule {rule.Name}** (line {rule.Line}): when {ConditionText.Friendly(rule.Trigger)}\n{string.Concat(branches)}\n\n"
                + $"counter `{rule.Counter}`{(rule.CounterShared ? " (shared)" : "")}" + (rule.Source is { } s ? $"\n\nsource: {s}" : "");
        }

        if (rules.Where(r => r.CounterShared && r.Counter == name).ToList() is [_, ..] sharing)
        {
            return $"**counter {name}**, shared by {string.Join(", ", sharing.Select(r => $"{r.Name} (line {r.Line})"))}: each of their firings counts one occurrence of all of them";
        }

        if (Catalog.Lab(name) is { } lab)
        {
            var readers = rules.Where(r => ConditionLeaves.Of(r.Trigger).OfType<LabCondition>().Any(c => c.Lab == lab.Name)).Select(r => $"{r.Name} (line {r.Line})").ToList();
            return $"**lab {lab.Name}**, in {Units.CanonicalName(lab.Dimension)}" + (readers.Count > 0 ? $"\n\nread by: {string.Join(", ", readers)}" : "");
        }

        return Units.Lookup(name) is { } unit ? $"**unit** `{name}`: {Units.Describe(unit.Dimension)}" : null;
    }

    /// <summary>
    /// The citations written beside a declaration: the comments at the end of its lines (rule files
    /// cite a source for every dose, day and level there, `# facts §1.2 (CONFIRMED)`), read from the
    /// declaring file — this one, or the file a scenario names.
    /// </summary>
    private static IEnumerable<string> Citations(SourceText current, SourceLocation at)
    {
        if (DeclaringText(current, at.Path) is not { } file)
        {
            return [];
        }

        var (first, _) = file.GetLineColumn(at.Span.Start);
        var (last, _) = file.GetLineColumn(at.Span.End);
        return Parsing.CommentScanner.Scan(file.Text).Comments
            .Where(c => !c.OwnLine && file.GetLineColumn(c.Span.Start).Line is var line && line >= first && line <= last)
            .Select(c => c.Text.TrimStart('#').Trim())
            .Where(t => t.Length > 0);
    }

    /// <summary>An action in the words of the language: `hold lenalidomide until platelets >= 30 ×10⁹/L, then resume lenalidomide next lower`.</summary>
    private static string Action(RuleAction action) => action switch
    {
        HoldDrugs h => $"hold {string.Join(", ", h.Drugs)} until {ConditionText.Friendly(h.Until)}"
            + (h.MaxDays is { } max ? $" (at most {max} days, then discontinue {h.Then})" : "") + h.Resume switch
            {
                ResumeEach e => ", then resume " + string.Join(", ", e.Items.Select(i => $"{i.Drug} {Level(i.Level)}{(i.At is { } at ? " " + at : "")}")),
                ResumeAlternating a => ", then alternate " + string.Join(", ", a.Order) + " one level lower",
                _ => "",
            },
        ReduceDrugs r => $"reduce {string.Join(", ", r.Drugs)} " + (r.ByPercent is { } p ? $"by {ConditionText.Num(p)}%" : r.To is { } to ? $"to {to}" : "one level lower"),
        Discontinue d => $"discontinue {d.Target}",
        _ => action.GetType().Name,
    };

    private static string Level(ResumeLevel level) => level switch
    {
        ResumeLevel.NextLower => "next lower",
        ResumeLevel.Starting => "at its starting dose",
        ResumeLevel.At => "at",
        _ => "same",
    };

    private static string Occurrences(RuleBranch b) =>
        b.To == b.From ? $"occurrence {b.From}" : b.To is { } to ? $"occurrences {b.From}-{to}" : b.From <= 1 ? "every occurrence" : $"occurrence {b.From} or later";

    /// <summary>The name under a 0-based character of a line, or null.</summary>
    private static (string Text, int Start)? Word(string line, int character)
    {
        static bool Part(char c) => char.IsLetterOrDigit(c) || c is '_' or '-' or '/' or '^';
        if (character < 0 || character > line.Length)
        {
            return null;
        }

        var start = character;
        while (start > 0 && Part(line[start - 1]))
        {
            start--;
        }

        var end = character;
        while (end < line.Length && Part(line[end]))
        {
            end++;
        }

        return end > start ? (line[start..end], start) : null;
    }
}
