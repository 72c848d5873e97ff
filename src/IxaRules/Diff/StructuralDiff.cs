using IxaRules.Binding;
using IxaRules.Text;

namespace IxaRules.Diff;

/// <summary>
/// What changed between two versions of a regimen, compared on the bound model: units are already
/// canonical there (`30,000/mm3` and `30 ×10⁹/L` are one value) and comments and layout are gone, so
/// neither is a change. Declarations are matched by name (rules, phases, drugs), starting-dose rows
/// by drug and dose, occurrence branches by their range.
/// </summary>
internal sealed class StructuralDiff
{
    private readonly List<Change> _changes = [];
    private readonly string _regimen;

    private StructuralDiff(string regimen) => _regimen = regimen;

    public static List<Change> Compare(BoundFile oldFile, Regimen old, BoundFile newFile, Regimen @new)
    {
        var diff = new StructuralDiff(old.Name);
        diff.Regimens(old, @new);
        diff.Rules([.. oldFile.RulesFor(old.Name)], [.. newFile.RulesFor(@new.Name)]);
        return diff._changes;
    }

    private void Add(ChangeKind kind, string subject, string text, SourceLocation? oldAt, SourceLocation? newAt, Condition? oldCondition = null, Condition? newCondition = null,
        bool metadata = false) =>
        _changes.Add(new Change(_regimen, kind, subject, text, oldAt, newAt) { OldCondition = oldCondition, NewCondition = newCondition, Metadata = metadata });

    /// <summary>A field compared as its text; <paramref name="metadata"/>: a title, version or citation, which changes no dose.</summary>
    private void Field<T>(string subject, string field, T old, T @new, SourceLocation oldAt, SourceLocation newAt, Func<T, string>? show = null, bool metadata = false)
    {
        var (a, b) = (show is null ? old?.ToString() ?? "none" : show(old), show is null ? @new?.ToString() ?? "none" : show(@new));
        if (a != b)
        {
            Add(ChangeKind.Changed, subject, field.Length == 0 ? $"{a} → {b}" : $"{field}: {a} → {b}", oldAt, newAt, metadata: metadata);
        }
    }

    private void Condition(string subject, string field, Condition old, Condition @new, SourceLocation oldAt, SourceLocation newAt)
    {
        if (ConditionText.Render(old) != ConditionText.Render(@new))
        {
            Add(ChangeKind.Changed, subject, $"{field} {ConditionText.Friendly(old)} → {ConditionText.Friendly(@new)}", oldAt, newAt, old, @new);
        }
    }

    private void Regimens(Regimen old, Regimen @new)
    {
        var subject = "regimen " + old.Name;
        Field(subject, "title", old.Title, @new.Title, old.At, @new.At, metadata: true);
        Field(subject, "version", old.Version, @new.Version, old.At, @new.At, metadata: true);
        Field(subject, "source", old.Source, @new.Source, old.At, @new.At, metadata: true);

        Field(subject, "bsa", old.Bsa, @new.Bsa, old.At, @new.At);
        Matched(old.Phases, @new.Phases, p => p.Name, p => "phase " + p.Name, p => p.Drugs.Count > 0 ? p.Drugs[0].At : old.At, Phases);
        Order("phases", old.Phases.Select(p => p.Name), @new.Phases.Select(p => p.Name), old.At, @new.At, "the phases run in this order");
        Matched(old.Missed, @new.Missed, m => m.Drug, m => "missed " + m.Drug, _ => old.At, (a, b) =>
            Field("missed " + a.Drug, "take late", a.MinHoursToNextDose, b.MinHoursToNextDose, old.At, @new.At, h => h is null ? "skip" : $"if next dose >= {h} hours away"));
        Matched(old.Vomited, @new.Vomited, v => v.Drug, v => "vomited " + v.Drug, _ => old.At, (a, b) =>
            Field("vomited " + a.Drug, "", a.Repeat, b.Repeat, old.At, @new.At, r => r ? "repeat" : "do not repeat"));
        Matched(old.Dispensing, @new.Dispensing, d => d.Drug, d => "dispense " + d.Drug, _ => old.At, (a, b) =>
            Field("dispense " + a.Drug, "as", a, b, old.At, @new.At, d => $"{string.Join(", ", d.StrengthsMg.Select(ConditionText.Num))} mg {d.Form} rounded {d.Rounding.ToString().ToLowerInvariant()}"));
    }

    private void Phases(Phase old, Phase @new)
    {
        var at = (old.Drugs.Count > 0 ? old.Drugs[0].At : (SourceLocation?)null, @new.Drugs.Count > 0 ? @new.Drugs[0].At : (SourceLocation?)null);
        var subject = "phase " + old.Name;
        if (at is ({ } oa, { } na))
        {
            Field(subject, "cycle", old.CycleDays, @new.CycleDays, oa, na, d => $"{d} days");
            Field(subject, "cycles", old.CycleCount, @new.CycleCount, oa, na, c => c is null ? "open-ended" : $"{c}");
            Field(subject, "until", old.Until, @new.Until, oa, na, u => u.Count == 0 ? "none" : string.Join(" or ", u));
        }

        Matched(old.Drugs, @new.Drugs, d => d.Name, d => "drug " + d.Name, d => d.At, Drugs);
        StartRows(old.StartAdjustments, @new.StartAdjustments);
        if (old.CycleStart is { } a && @new.CycleStart is { } b)
        {
            Condition("before each cycle", "require", a.Require, b.Require, a.At, b.At);
            Field("before each cycle", "recheck", a.RecheckDays, b.RecheckDays, a.At, b.At, d => $"every {d} days");
            Field("before each cycle", "delay at most", a.MaxDelayDays, b.MaxDelayDays, a.At, b.At, d => d is null ? "no limit" : $"{d} days");
            Field("before each cycle", "then discontinue", a.Then, b.Then, a.At, b.At);
            Field("before each cycle", "measured within", a.LabsWithinDays, b.LabsWithinDays, a.At, b.At, d => d is null ? "any time" : $"{d} days");
        }
        else if (old.CycleStart is { } removed)
        {
            Add(ChangeKind.Removed, "before each cycle", "require " + ConditionText.Friendly(removed.Require), removed.At, null);
        }
        else if (@new.CycleStart is { } added)
        {
            Add(ChangeKind.Added, "before each cycle", "require " + ConditionText.Friendly(added.Require), null, added.At);
        }

        Matched(old.Titrations, @new.Titrations, t => t.Drug, t => "titrate " + t.Drug, t => t.At, (a, b) =>
        {
            Field("titrate " + a.Drug, "to", a.To, b.To, a.At, b.At);
            Field("titrate " + a.Drug, "from cycle", a.FromCycle, b.FromCycle, a.At, b.At);
            Field("titrate " + a.Drug, "if tolerated", a.Tolerated, b.Tolerated, a.At, b.At, Tolerated);
            Field("titrate " + a.Drug, "if unknown", a.IfUnknown, b.IfUnknown, a.At, b.At, p => p.ToString().ToLowerInvariant());
            if (a.When is { } wa && b.When is { } wb)
            {
                Condition("titrate " + a.Drug, "when", wa, wb, a.At, b.At);
            }
            else
            {
                Field("titrate " + a.Drug, "when", a.When, b.When, a.At, b.At, w => w is null ? "always" : ConditionText.Friendly(w));
            }
        });
    }

    private void Drugs(DrugPlan old, DrugPlan @new)
    {
        var subject = "drug " + old.Name;
        Field(subject, "route", old.Route, @new.Route, old.At, @new.At);
        Field(subject, "dose", old.StartingDose, @new.StartingDose, old.At, @new.At, DoseText);
        Field(subject, "days", old.Schedule, @new.Schedule, old.At, @new.At, s => string.Join(", ", s.Days) + (s.AfterDialysis ? " after dialysis" : ""));
        var (a, b) = (old.Ladder ?? [], @new.Ladder ?? []);
        if (!a.SequenceEqual(b))
        {
            Add(ChangeKind.Changed, subject, $"levels: {Ladder(a)} → {Ladder(b)}", old.At, @new.At);
            foreach (var level in b.Where(l => !a.Contains(l)))
            {
                Add(ChangeKind.Added, subject, "level " + level, old.At, @new.At);
            }

            foreach (var level in a.Where(l => !b.Contains(l)))
            {
                Add(ChangeKind.Removed, subject, "level " + level, old.At, @new.At);
            }
        }
    }

    private static string Ladder(IReadOnlyList<Dose> ladder) => ladder.Count == 0 ? "none" : string.Join(" > ", ladder.Select(DoseText));

    /// <summary>A dose as the language writes it, whatever its written scale: `4.0 mg` and `4 mg` are one dose.</summary>
    private static string DoseText(Dose? d) => d is null ? "none" : ConditionText.Num(d.Amount) + d.Basis switch
    {
        DoseBasis.PerSquareMetre => " mg/m²",
        DoseBasis.PerKilogram => " mg/kg",
        _ => " mg",
    };

    private static string Tolerated(Tolerance? t) => t is null ? "no"
        : string.Join(", ", new[] { (ToleranceCriteria.NoHold, "no hold"), (ToleranceCriteria.NoReduction, "no reduction"), (ToleranceCriteria.NoDelay, "no delay") }
            .Where(c => t.Criteria.HasFlag(c.Item1)).Select(c => c.Item2)) + $" in cycles {t.FromCycle}-{t.ToCycle}";

    /// <summary>
    /// Where order is meaning — the first starting-dose row that holds sets the dose, rules act in file
    /// order, phases run in order — a reordering is a change (the search then looks for whom it affects).
    /// </summary>
    private void Order(string subject, IEnumerable<string> old, IEnumerable<string> @new, SourceLocation oldAt, SourceLocation newAt, string why)
    {
        var (a, b) = (old.ToList(), @new.ToList());
        var common = a.Intersect(b).ToList();
        var (oa, nb) = (a.Where(common.Contains).ToList(), b.Where(common.Contains).ToList());
        if (!oa.SequenceEqual(nb))
        {
            Add(ChangeKind.Changed, subject, $"order: {string.Join(", ", oa)} → {string.Join(", ", nb)} ({why})", oldAt, newAt);
        }
    }

    private void StartRows(IReadOnlyList<StartAdjustment> old, IReadOnlyList<StartAdjustment> @new)
    {
        // A row is the drug, the dose and the days it sets; rows with the same key pair in order.
        static string Key(StartAdjustment s) => $"start {s.Drug} at {DoseText(s.Dose)}"
            + (s.Schedule is { } d ? " days " + string.Join(",", d.Days) + (d.AfterDialysis ? " after dialysis" : "") : "");
        Matched(old, @new, Key, Key, s => s.At, (a, b) =>
        {
            Field(Key(a), "dose", a.Dose, b.Dose, a.At, b.At, DoseText);
            Field(Key(a), "days", a.Schedule, b.Schedule, a.At, b.At, d => d is null ? "as the drug" : string.Join(", ", d.Days) + (d.AfterDialysis ? " after dialysis" : ""));
            Condition(Key(a), "when", a.When, b.When, a.At, b.At);
            Field(Key(a), "if unknown", a.IfUnknown, b.IfUnknown, a.At, b.At, p => p.ToString().ToLowerInvariant());
        }, s => $"start {s.Drug} when {ConditionText.Render(s.When)}");
        foreach (var drug in old.Select(s => s.Drug).Distinct().Where(d => @new.Any(s => s.Drug == d)))
        {
            Order($"start {drug}", old.Where(s => s.Drug == drug).Select(Key), @new.Where(s => s.Drug == drug).Select(Key),
                old.First(s => s.Drug == drug).At, @new.First(s => s.Drug == drug).At, "the first row that holds sets the dose");
        }
    }

    private void Rules(List<DoseRule> old, List<DoseRule> @new)
    {
        if (old.Count > 0 && @new.Count > 0)
        {
            Order("rules", old.Select(r => r.Name), @new.Select(r => r.Name), old[0].At, @new[0].At, "rules act in file order");
        }

        Matched(old, @new, r => r.Name, r => "rule " + r.Name, r => r.At, (a, b) =>
        {
            var subject = "rule " + a.Name;
            Field(subject, "source", a.Source, b.Source, a.At, b.At, metadata: true);

            Field(subject, "counter", a, b, a.At, b.At, r => r.CounterShared ? "shared " + r.Counter : "per rule");
            Condition(subject, "when", a.Trigger, b.Trigger, a.At, b.At);
            Matched(a.Branches, b.Branches, Range, br => $"{subject}, occurrence {Range(br)}", br => br.At, (x, y) => Branch($"{subject}, occurrence {Range(x)}", x, y));
        });
    }

    private static string Range(RuleBranch b) => b.To is null ? $"{b.From} or later" : b.To == b.From ? $"{b.From}" : $"{b.From}..{b.To}";

    private void Branch(string subject, RuleBranch old, RuleBranch @new)
    {
        for (var i = 0; i < Math.Max(old.Actions.Count, @new.Actions.Count); i++)
        {
            var (a, b) = (i < old.Actions.Count ? old.Actions[i] : null, i < @new.Actions.Count ? @new.Actions[i] : null);
            if (a is HoldDrugs ha && b is HoldDrugs hb && ha.Drugs.Order(StringComparer.Ordinal).SequenceEqual(hb.Drugs.Order(StringComparer.Ordinal)))
            {
                Condition(subject, "hold until", ha.Until, hb.Until, ha.At, hb.At);
                Field(subject, "on recovery", Recovery(ha), Recovery(hb), ha.At, hb.At);
                Field(subject, "hold at most", ha, hb, ha.At, hb.At, h => h.MaxDays is { } max ? $"{max} days then discontinue {h.Then}" : "no limit");
            }
            else if (a is not null && b is not null)
            {
                Field(subject, "action", ActionText(a), ActionText(b), a.At, b.At);
            }
            else if (a is not null)
            {
                Add(ChangeKind.Removed, subject, ModelPrinter.Action(a), a.At, null);
            }
            else if (b is not null)
            {
                Add(ChangeKind.Added, subject, ModelPrinter.Action(b!), null, b!.At);
            }
        }
    }

    /// <summary>The part of a hold after its condition, as the language writes it: how the drugs come back, and the hold's limit.</summary>
    private static string Recovery(HoldDrugs h) => h.Resume switch
    {
        ResumeEach e => "resume " + string.Join(", ", e.Items.Select(Step)),
        ResumeAlternating a => $"alternate {string.Join(", ", a.Order)} next lower ({a.Order[0]} first)",
        _ => h.Resume.ToString(),
    };

    /// <summary>An action's text with its drug lists in one order: `hold a, b` and `hold b, a` are one hold.</summary>
    private static string ActionText(RuleAction action) => ModelPrinter.Action(action switch
    {
        HoldDrugs h => h with { Drugs = [.. h.Drugs.Order(StringComparer.Ordinal)] },
        ReduceDrugs r => r with { Drugs = [.. r.Drugs.Order(StringComparer.Ordinal)] },
        _ => action,
    });

    private static string Step(ResumeStep s) =>
        $"{s.Drug} {Level(s.Level, s.At)}" + (s.Schedule is { } d ? " days " + string.Join(", ", d.Days) : "")
        + (s.IfAttributedTo is { } by ? $" if attributed to {by} else {Level(s.Otherwise, null)}" : "");

    private static string Level(Syntax.ResumeLevel level, Dose? at) => level switch
    {
        Syntax.ResumeLevel.Same => "same",
        Syntax.ResumeLevel.NextLower => "next lower",
        Syntax.ResumeLevel.Starting => "starting",
        _ => "at " + at,
    };

    /// <summary>Pairs two lists by key: removed, added, and each pair compared.</summary>
    /// <summary>
    /// Pairs two lists by key (then, for what is left, by <paramref name="fallback"/>: a row whose
    /// dose changed is one row changed, not one removed and one added): removed, added, each pair compared.
    /// </summary>
    private void Matched<T>(IReadOnlyList<T> old, IReadOnlyList<T> @new, Func<T, string> key, Func<T, string> subject, Func<T, SourceLocation> at, Action<T, T> compare,
        Func<T, string>? fallback = null)
    {
        var remaining = @new.ToList();
        var unpaired = new List<T>();
        foreach (var a in old)
        {
            var index = remaining.FindIndex(b => key(b) == key(a));
            if (index < 0)
            {
                unpaired.Add(a);
                continue;
            }

            compare(a, remaining[index]);
            remaining.RemoveAt(index);
        }

        foreach (var a in unpaired)
        {
            var index = fallback is null ? -1 : remaining.FindIndex(b => fallback(b) == fallback(a));
            if (index < 0)
            {
                Add(ChangeKind.Removed, subject(a), "", at(a), null);
                continue;
            }

            compare(a, remaining[index]);
            remaining.RemoveAt(index);
        }

        foreach (var b in remaining)
        {
            Add(ChangeKind.Added, subject(b), "", null, at(b));
        }
    }
}
