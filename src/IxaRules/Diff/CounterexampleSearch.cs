using IxaRules.Binding;
using IxaRules.Evaluation;

namespace IxaRules.Diff;

/// <summary>A patient and event stream on which the two versions give different administrations, and where they first part.</summary>
internal sealed record Counterexample(CaseFiles Case, FirstDifference Difference);

/// <summary>What the search explored: cases run, at most this many episodes, over at most this many days.</summary>
internal sealed record SearchBound(int Cases, int MaxEpisodes, int MaxDays);

/// <summary>The state one episode sets on its onset day: labs, adverse events, terminal events.</summary>
internal sealed record Episode(IReadOnlyDictionary<string, decimal> Labs, IReadOnlyList<WitnessEvent> Events, IReadOnlyList<string> Terminal)
{
    public static Episode From(Witness w) => new(
        w.Labs.Where(l => l.Value is not null).ToDictionary(l => l.Key, l => l.Value!.Value, StringComparer.Ordinal),
        [.. w.Events.Values.Where(e => e.Grade > 0)],
        [.. w.Terminal]);

    public string Key => string.Join(";", Labs.OrderBy(l => l.Key, StringComparer.Ordinal).Select(l => $"{l.Key}={l.Value}"))
        + "|" + string.Join(";", Events.Select(e => $"{e.Name}={e.Grade}{string.Concat(e.Qualifiers)}{e.AttributedTo}")) + "|" + string.Join(";", Terminal);
}

/// <summary>
/// The run-level search: the simplest case on which the versions give different administrations.
/// Candidates grow from no event at all (a changed starting dose shows on day 1) to one, two and
/// three episodes 28 days apart (a change reached only on a second occurrence needs two), each
/// episode's values taken from the solver's witnesses — the disagreement of a changed condition, or
/// a state that fires a rule — with the witnesses of changed recovery conditions three days in, and
/// normal counts weekly. The first case that differs is then shrunk, as a property test's
/// counterexample is: episodes, events, covariates and days are dropped while the difference stays.
/// </summary>
internal static class CounterexampleSearch
{
    public const int MaxEpisodes = 3;
    public const int MaxCandidates = 400;
    private const int Spacing = 28;

    private static readonly Dictionary<string, decimal> Normal = new(StringComparer.Ordinal)
    {
        ["platelets"] = 200, ["anc"] = 3, ["wbc"] = 6, ["hemoglobin"] = 12000, ["creatinine"] = 1, ["bilirubin"] = 0.8m,
    };

    public static (Counterexample? Found, SearchBound Bound) Search(CaseRunner runner, IReadOnlyList<Change> changes,
        IReadOnlyList<Condition> triggers, IReadOnlyList<string> labs, Smt? smt)
    {
        var witnesses = changes.Where(c => c.Verdict is not null).SelectMany(c => c.Verdict!.Disagreements.Select(d => d.Witness)).ToList();
        var covariateSets = new List<IReadOnlyDictionary<string, string?>> { CaseFiles.Typical };
        covariateSets.AddRange(witnesses.Where(w => w.Covariates.Count > 0 || w.Events.Values.Any(e => e.Baseline > 0)).Select(w => WithCovariates(w)));

        var onsets = witnesses.Select(Episode.From).ToList();
        onsets.AddRange(smt is not null
            ? triggers.Select(t => ConditionComparison.Satisfying(smt, t, Truth.True)).OfType<Witness>().Select(Episode.From)
            : triggers.SelectMany(ConditionLeaves.Of).Select(Leaf).OfType<Episode>());

        onsets = [.. onsets.Where(e => e.Labs.Count + e.Events.Count + e.Terminal.Count > 0).DistinctBy(e => e.Key)];
        var between = changes.Where(c => c.Subject.Contains("occurrence", StringComparison.Ordinal) || c.Text.StartsWith("hold until", StringComparison.Ordinal))
            .SelectMany(c => c.Verdict is { } v
                ? v.Disagreements.Select(d => Episode.From(d.Witness))
                : new[] { c.OldCondition, c.NewCondition }.OfType<Condition>().SelectMany(ConditionLeaves.Of).Select(Leaf).OfType<Episode>())
            .Prepend(null).DistinctBy(e => e?.Key).ToList();

        var tried = 0;
        var maxDays = 0;
        foreach (var candidate in Candidates(covariateSets, onsets, between, labs))
        {
            if (tried++ >= MaxCandidates)
            {
                break;
            }

            maxDays = Math.Max(maxDays, candidate.RunDays);
            if (runner.Compare(candidate) is { } difference)
            {
                var shrunk = Shrink(runner, candidate, difference);
                return (shrunk, new SearchBound(tried, MaxEpisodes, maxDays));
            }
        }

        return (null, new SearchBound(tried, MaxEpisodes, maxDays));
    }

    /// <summary>Without the solver: one episode per lab or adverse-event leaf of a trigger, a value just inside it.</summary>
    private static Episode? Leaf(Condition leaf)
    {
        switch (leaf)
        {
            case LabCondition l:
                var step = l.Value >= 10 ? 1 : l.Value >= 1 ? 0.1m : 0.01m;
                var value = l.Op switch
                {
                    CompareOp.Less => l.Value - step,
                    CompareOp.Greater => l.Value + step,
                    CompareOp.NotEqual => l.Value + step,
                    _ => l.Value,
                };
                return new Episode(new Dictionary<string, decimal>(StringComparer.Ordinal) { [l.Lab] = Math.Max(0, value) }, [], []);
            case AdverseEventCondition { Event: { } name } ae when ae.MaxGrade > 0:
                return new Episode(new Dictionary<string, decimal>(), [new WitnessEvent(name, Math.Max(1, ae.MinGrade == 0 ? ae.MaxGrade : ae.MinGrade), ae.With, ae.AttributedTo, 0)], []);
            case TerminalCondition t:
                return new Episode(new Dictionary<string, decimal>(), [], [t.Event]);
            default:
                return null;
        }
    }

    private static IReadOnlyDictionary<string, string?> WithCovariates(Witness w)
    {
        var covariates = new SortedDictionary<string, string?>(CaseFiles.Typical.ToDictionary(), StringComparer.Ordinal);
        foreach (var (name, value) in w.Covariates)
        {
            covariates[name] = value;
        }

        foreach (var e in w.Events.Values.Where(e => e.Baseline > 0))
        {
            covariates[e.Name] = e.Baseline.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return covariates;
    }

    private static IEnumerable<CaseFiles> Candidates(List<IReadOnlyDictionary<string, string?>> covariateSets, List<Episode> onsets, List<Episode?> between, IReadOnlyList<string> labs)
    {
        foreach (var covariates in covariateSets)
        {
            yield return Build(covariates, [], null, labs);
        }

        for (var count = 1; count <= MaxEpisodes; count++)
        {
            foreach (var covariates in covariateSets)
            {
                foreach (var onset in onsets)
                {
                    foreach (var step in between)
                    {
                        yield return Build(covariates, [.. Enumerable.Repeat(onset, count)], step, labs);
                    }
                }
            }
        }
    }

    /// <summary>Weekly normal counts from day 1; episode k on day 2 + 28k, its in-between state 3 days later, recovery (grade 0) a week after onset.</summary>
    private static CaseFiles Build(IReadOnlyDictionary<string, string?> covariates, List<Episode> episodes, Episode? step, IReadOnlyList<string> labs)
    {
        var runDays = Spacing * (episodes.Count + 2);
        var days = new SortedDictionary<int, (Dictionary<string, decimal> Labs, Dictionary<string, WitnessEvent> Events, SortedSet<string> Terminal)>();
        (Dictionary<string, decimal> Labs, Dictionary<string, WitnessEvent> Events, SortedSet<string> Terminal) Day(int d) =>
            days.TryGetValue(d, out var x) ? x : days[d] = (new(StringComparer.Ordinal), new(StringComparer.Ordinal), new(StringComparer.Ordinal));
        for (var d = 1; d <= runDays; d += 7)
        {
            foreach (var lab in labs)
            {
                Day(d).Labs[lab] = Normal.GetValueOrDefault(lab, 1);
            }
        }

        for (var k = 0; k < episodes.Count; k++)
        {
            var onset = 2 + Spacing * k;
            Apply(Day(onset), episodes[k]);
            if (step is not null)
            {
                Apply(Day(onset + 3), step);
            }

            foreach (var e in episodes[k].Events.Concat(step?.Events ?? []))
            {
                Day(onset + 6).Events[e.Name] = e with { Grade = 0, Qualifiers = [], AttributedTo = null };
            }
        }

        var list = days.Select(d => new CaseDay(d.Key, d.Value.Labs, [.. d.Value.Events.Values.OrderBy(e => e.Name, StringComparer.Ordinal)], [.. d.Value.Terminal])).ToList();
        return new CaseFiles(covariates, list, runDays);
    }

    private static void Apply((Dictionary<string, decimal> Labs, Dictionary<string, WitnessEvent> Events, SortedSet<string> Terminal) day, Episode e)
    {
        foreach (var (lab, value) in e.Labs)
        {
            day.Labs[lab] = value;
        }

        foreach (var ev in e.Events)
        {
            day.Events[ev.Name] = ev;
        }

        day.Terminal.UnionWith(e.Terminal);
    }

    /// <summary>Drops what the difference does not need, one piece at a time, until nothing more can go (bounded).</summary>
    private static Counterexample Shrink(CaseRunner runner, CaseFiles found, FirstDifference difference)
    {
        var (best, diff) = (found, difference);
        for (var round = 0; round < 8; round++)
        {
            var improved = false;
            foreach (var smaller in Smaller(best, diff))
            {
                if (runner.Runs > MaxCandidates * 3)
                {
                    return new Counterexample(best, diff);
                }

                if (runner.Compare(smaller) is { } d)
                {
                    (best, diff, improved) = (smaller, d, true);
                    break;
                }
            }

            if (!improved)
            {
                break;
            }
        }

        return new Counterexample(best, diff);
    }

    private static IEnumerable<CaseFiles> Smaller(CaseFiles c, FirstDifference difference)
    {
        if (c.RunDays > difference.Day)
        {
            yield return c with { RunDays = difference.Day, Days = [.. c.Days.Where(d => d.Day <= difference.Day)] };
        }

        for (var i = c.Days.Count - 1; i >= 0; i--)
        {
            var day = c.Days[i];
            foreach (var lab in day.Labs.Keys)
            {
                yield return Replace(c, i, day with { Labs = day.Labs.Where(l => l.Key != lab).ToDictionary(l => l.Key, l => l.Value, StringComparer.Ordinal) });
            }

            foreach (var e in day.Events)
            {
                yield return Replace(c, i, day with { Events = [.. day.Events.Where(x => x != e)] });
            }
        }

        foreach (var (name, value) in c.Covariates)
        {
            var typical = CaseFiles.Typical.GetValueOrDefault(name);
            if (value != typical)
            {
                var covariates = new SortedDictionary<string, string?>(c.Covariates.ToDictionary(), StringComparer.Ordinal);
                if (typical is null)
                {
                    covariates.Remove(name);
                }
                else
                {
                    covariates[name] = typical;
                }

                yield return c with { Covariates = covariates };
            }
        }
    }

    private static CaseFiles Replace(CaseFiles c, int index, CaseDay day) =>
        c with { Days = [.. c.Days.Take(index), .. day.IsEmpty ? [] : new[] { day }, .. c.Days.Skip(index + 1)] };
}
