namespace IxaRules.Diff;

/// <summary>
/// What the search builds its cases from: patients (covariates), episodes (a state on one day), the
/// states of changed recovery conditions to pass through, dose events (`missed ixazomib` on a day it is
/// given), the labs to measure weekly, and how long a case with no episode runs (the regimen's horizon).
/// </summary>
internal sealed record SearchSeeds(
    IReadOnlyList<IReadOnlyDictionary<string, string?>> Patients,
    IReadOnlyList<Episode> Onsets,
    IReadOnlyList<Episode?> Between,
    IReadOnlyList<(int Day, string Event)> DoseEvents,
    IReadOnlyList<string> Labs,
    int Horizon);

/// <summary>
/// The candidates, simplest first: each patient with no event, over the regimen's horizon (a changed
/// starting dose, titration or cycle count); a missed or vomited dose; one episode that recovers; one
/// that does not (a hold's limit); the same episode two and three times 28 days apart (a change reached
/// only on a later occurrence); two different episodes (a shared counter).
/// </summary>
internal static class CaseGenerator
{
    private const int Spacing = 28;

    private static readonly Dictionary<string, decimal> Normal = new(StringComparer.Ordinal)
    {
        ["platelets"] = 200, ["anc"] = 3, ["wbc"] = 6, ["hemoglobin"] = 12000, ["creatinine"] = 1, ["bilirubin"] = 0.8m,
    };

    public static IEnumerable<CaseFiles> Candidates(SearchSeeds seeds)
    {
        var typical = seeds.Patients[0];
        foreach (var patient in seeds.Patients)
        {
            yield return Build(seeds, patient, [], null, persistent: false, seeds.Horizon);
        }

        foreach (var (day, text) in seeds.DoseEvents)
        {
            var dose = new Episode(new Dictionary<string, decimal>(), [], [text]);
            yield return Build(seeds, typical, [(day, dose)], null, persistent: false, Spacing * 2);
        }

        for (var count = 1; count <= CounterexampleSearch.MaxEpisodes; count++)
        {
            foreach (var patient in seeds.Patients)
            {
                foreach (var onset in seeds.Onsets)
                {
                    foreach (var step in seeds.Between)
                    {
                        yield return Build(seeds, patient, [.. Enumerable.Range(0, count).Select(k => (2 + Spacing * k, onset))], step, persistent: false, 0);
                    }

                    if (count == 1)
                    {
                        yield return Build(seeds, patient, [(2, onset)], null, persistent: true, 0);
                    }
                }
            }

            if (count == 2)
            {
                foreach (var (a, b) in seeds.Onsets.SelectMany(a => seeds.Onsets.Where(b => b != a).Select(b => (a, b))))
                {
                    yield return Build(seeds, typical, [(2, a), (2 + Spacing, b)], null, persistent: false, 0);
                }
            }
        }
    }

    /// <summary>
    /// Weekly normal counts from day 1; each episode on its day, the in-between state three days later,
    /// and recovery (grade 0, normal counts) a week after onset — or, for a persistent episode, its
    /// state again on every weekly count.
    /// </summary>
    private static CaseFiles Build(SearchSeeds seeds, IReadOnlyDictionary<string, string?> patient, List<(int Day, Episode Episode)> episodes, Episode? step,
        bool persistent, int runDays)
    {
        runDays = runDays > 0 ? runDays : Spacing * (episodes.Count + 2);
        var days = new SortedDictionary<int, DayState>();
        DayState Day(int d) => days.TryGetValue(d, out var x) ? x : days[d] = new DayState();
        for (var d = 1; d <= runDays; d += 7)
        {
            foreach (var lab in seeds.Labs)
            {
                Day(d).Labs[lab] = Normal.GetValueOrDefault(lab, 1);
            }
        }

        foreach (var (onset, episode) in episodes)
        {
            Day(onset).Apply(episode);
            if (step is not null)
            {
                Day(onset + 3).Apply(step);
            }

            if (persistent)
            {
                for (var d = onset + 6; d <= runDays; d += 7)
                {
                    Day(d).Apply(episode with { Plain = [] });
                }

                continue;
            }

            foreach (var e in episode.Events.Concat(step?.Events ?? []))
            {
                Day(onset + 6).Events[e.Name] = e with { Grade = 0, Qualifiers = [], AttributedTo = null, Without = [] };
            }
        }

        var list = days.Where(d => d.Key <= runDays)
            .Select(d => new CaseDay(d.Key, d.Value.Labs, [.. d.Value.Events.Values.OrderBy(e => e.Name, StringComparer.Ordinal)], [.. d.Value.Plain])).ToList();
        return new CaseFiles(patient, list, runDays);
    }

    private sealed class DayState
    {
        public Dictionary<string, decimal> Labs { get; } = new(StringComparer.Ordinal);

        public Dictionary<string, WitnessEvent> Events { get; } = new(StringComparer.Ordinal);

        public SortedSet<string> Plain { get; } = new(StringComparer.Ordinal);

        public void Apply(Episode e)
        {
            foreach (var (lab, value) in e.Labs)
            {
                Labs[lab] = value;
            }

            foreach (var ev in e.Events)
            {
                Events[ev.Name] = ev;
            }

            Plain.UnionWith(e.Plain);
        }
    }
}
