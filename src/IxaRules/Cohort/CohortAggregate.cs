namespace IxaRules.Cohort;

/// <summary>
/// The cohort's figures, gathered one patient summary at a time in memory that does not grow with
/// the number of patients (histograms and counts). Percentages are of the patients who were treated
/// (a refused patient is counted apart: the replay says how many).
/// </summary>
internal sealed class CohortAggregate(int followUpCycles)
{
    private sealed class DrugFigures
    {
        public Histogram Rdi { get; } = new(0.1m, 200);

        public Histogram TimeRdi { get; } = new(0.1m, 200);

        public Histogram FirstReductionDay { get; } = new(1, 36_500);

        public int Reduced { get; set; }
    }

    private sealed class EventFigures
    {
        public long CyclesAtRisk { get; set; }

        public long Episodes { get; set; }

        public int[] WorstAtLeast { get; } = new int[5];
    }

    private readonly SortedDictionary<string, DrugFigures> _drugs = new(StringComparer.Ordinal);
    private readonly SortedDictionary<string, EventFigures> _events = new(StringComparer.Ordinal);
    private readonly Histogram _cycles = new(1, followUpCycles * 4);
    private readonly SortedDictionary<string, Histogram> _phaseCycles = new(StringComparer.Ordinal);
    private readonly Histogram _auc = new(0.1m, 1000);
    private readonly int[] _ends = new int[Enum.GetValues<CourseEnd>().Length];
    private int _reducedAny;

    public int Patients { get; private set; }

    public int Treated => Patients - _ends[(int)CourseEnd.Refused];

    public IEnumerable<string> Drugs => _drugs.Keys;

    public IEnumerable<string> Events => _events.Keys;

    public void Add(PatientSummary summary)
    {
        Patients++;
        _ends[(int)summary.End]++;
        if (summary.End == CourseEnd.Refused)
        {
            return;
        }

        _cycles.Add(summary.Cycles);
        foreach (var (phase, cycles) in summary.CyclesByPhase)
        {
            if (!_phaseCycles.TryGetValue(phase, out var histogram))
            {
                _phaseCycles[phase] = histogram = new Histogram(1, followUpCycles * 4);
            }

            histogram.Add(cycles);
        }
        if (summary.AucPerDay is { } auc)
        {
            _auc.Add(auc);
        }

        foreach (var drug in summary.Drugs)
        {
            if (!_drugs.TryGetValue(drug.Drug, out var figures))
            {
                _drugs[drug.Drug] = figures = new DrugFigures();
            }

            if (drug.Rdi is { } rdi)
            {
                figures.Rdi.Add(rdi);
            }

            if (drug.TimeRdi is { } time)
            {
                figures.TimeRdi.Add(time);
            }

            if (drug.Reductions > 0)
            {
                figures.Reduced++;
                figures.FirstReductionDay.Add(drug.FirstReductionDay ?? 0);
            }
        }

        _reducedAny += summary.Drugs.Any(d => d.Reductions > 0) ? 1 : 0;
        foreach (var realised in summary.Realised)
        {
            if (!_events.TryGetValue(realised.Name, out var figures))
            {
                _events[realised.Name] = figures = new EventFigures();
            }

            figures.CyclesAtRisk += realised.CyclesAtRisk;
            figures.Episodes += realised.Episodes;
            for (var g = 1; g <= realised.WorstGrade; g++)
            {
                figures.WorstAtLeast[g]++;
            }
        }
    }

    public int Ended(CourseEnd end) => _ends[(int)end];

    public decimal? Percent(int count) => Treated == 0 ? null : Math.Round(100m * count / Treated, 1);

    public decimal? MedianRdi(string drug) => _drugs.TryGetValue(drug, out var d) ? d.Rdi.Quantile(0.5m) : null;

    /// <summary>The dose-based RDI (%) of the treated patients, in bins of <paramref name="width"/> points.</summary>
    public IReadOnlyList<(decimal From, long Count)> RdiBins(string drug, decimal width) => _drugs.TryGetValue(drug, out var d) ? d.Rdi.Bins(width) : [];

    public decimal? MeanRdi(string drug) => _drugs.TryGetValue(drug, out var d) ? d.Rdi.Mean : null;

    public decimal? MedianTimeRdi(string drug) => _drugs.TryGetValue(drug, out var d) ? d.TimeRdi.Quantile(0.5m) : null;

    public decimal? MeanTimeRdi(string drug) => _drugs.TryGetValue(drug, out var d) ? d.TimeRdi.Mean : null;

    public decimal? Reduced(string drug) => _drugs.TryGetValue(drug, out var d) ? Percent(d.Reduced) : null;

    /// <summary>The median day of the first reduction among the patients whose dose of the drug was reduced.</summary>
    public decimal? MedianFirstReductionDay(string drug) => _drugs.TryGetValue(drug, out var d) ? d.FirstReductionDay.Quantile(0.5m) : null;

    public decimal? ReducedAny => Percent(_reducedAny);

    public decimal? MedianCycles => _cycles.Quantile(0.5m);

    /// <summary>The median number of cycles of a phase, over the treated patients (0 for one who never reached it).</summary>
    public decimal? MedianCyclesIn(string phase)
    {
        var reached = _phaseCycles.TryGetValue(phase, out var h) ? h.Count : 0;
        var notReached = Treated - reached;
        if (Treated == 0)
        {
            return null;
        }

        // Patients who never started the phase had 0 of its cycles: the median is 0 if they are half or more.
        return notReached * 2 >= Treated ? 0 : h!.Quantile((0.5m * Treated - notReached) / reached);
    }

    /// <summary>The fraction (%) of treated patients who started a phase.</summary>
    public decimal? ReachedPhase(string phase) => Percent(_phaseCycles.TryGetValue(phase, out var h) ? (int)h.Count : 0);

    public decimal? AucQuantile(decimal q) => _auc.Quantile(q);

    /// <summary>The fraction (%) of treated patients whose worst grade of the event reached <paramref name="grade"/>.</summary>
    public decimal? WorstAtLeast(string adverseEvent, int grade) => _events.TryGetValue(adverseEvent, out var e) ? Percent(e.WorstAtLeast[grade]) : null;

    /// <summary>Episodes per cycle at risk, and the number of cycles at risk.</summary>
    public (long Episodes, long Cycles) Rate(string adverseEvent) => _events.TryGetValue(adverseEvent, out var e) ? (e.Episodes, e.CyclesAtRisk) : (0, 0);

    /// <summary>The simulated value of a published figure.</summary>
    public decimal? Simulated(PublishedFigure figure) => figure.Kind switch
    {
        FigureKind.MedianRdi => MedianRdi(figure.Drug!),
        FigureKind.MeanRdi => MeanRdi(figure.Drug!),
        FigureKind.MedianTimeRdi => MedianTimeRdi(figure.Drug!),
        FigureKind.Reduced => Reduced(figure.Drug!),
        FigureKind.ReducedAny => ReducedAny,
        FigureKind.DiscontinuedForAdverseEvents => Percent(Ended(CourseEnd.AdverseEvent)),
        FigureKind.MedianCycles => figure.Phase is { } phase ? MedianCyclesIn(phase) : MedianCycles,
        FigureKind.ReachedPhase => ReachedPhase(figure.Phase!),
        FigureKind.Died => Percent(Ended(CourseEnd.Death)),
        _ => null,
    };
}
