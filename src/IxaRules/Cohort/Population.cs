namespace IxaRules.Cohort;

/// <summary>A number of a population model and the source line it comes from (or why it is assumed).</summary>
internal sealed record Cited(decimal Value, string Source);

/// <summary>
/// A trial population, as data: its follow-up, and per arm (keyed by the regimen it is replayed
/// with) the baseline covariates, the disease course, the adverse-event and lab processes, and the
/// published figures the replay is compared with — never fitted to. See docs/cohort.md.
/// </summary>
internal sealed record Population(string Name, Text.SourceText Source, int FollowUpCycles, string FollowUpSource, IReadOnlyList<Arm> Arms, Text.TextSpan ArmsSpan = default)
{
    /// <summary>Days of a 28-day cycle: every arm of a shipped population uses 28-day cycles.</summary>
    public const int CycleDays = 28;

    public Arm? ArmFor(string regimen) => Arms.FirstOrDefault(a => a.Regimen == regimen);
}

/// <summary>One arm; <see cref="Span"/> is where its regimen name is written (what a problem of the arm points at).</summary>
internal sealed record Arm(string Regimen, Covariates Covariates, Disease Disease, IReadOnlyList<AdverseEventProcess> Events, IReadOnlyList<PublishedFigure> Published, Text.TextSpan Span);

/// <summary>
/// Age from a piecewise-linear quantile function through (0, min), (1 − over, threshold), (0.5,
/// median), (1, max); sex; creatinine clearance by band (uniform within a band); the share with a
/// painless grade 1 neuropathy at baseline (what `or baseline` recovers to); the rest fixed.
/// </summary>
internal sealed record Covariates(
    Cited AgeMin, Cited AgeMedian, Cited AgeMax, Cited AgeOverThreshold, Cited AgeOverFraction,
    Cited Male,
    IReadOnlyList<(decimal From, decimal To, Cited Fraction)> CrclBands,
    string Hepatic, string HepaticSource,
    bool Dialysis, string DialysisSource,
    Cited PlateletsMin, Cited PlateletsMax, Cited AncMin, Cited AncMax,
    Cited BaselineNeuropathyGrade1);

/// <summary>Progression (exponential, from the median progression-free survival) and death on treatment (patient-level incidence).</summary>
internal sealed record Disease(Cited ProgressionMedianMonths, Cited DeathIncidence);

/// <summary>Which kind of course an adverse event has in the events a run reads.</summary>
internal enum ProcessKind
{
    /// <summary>Reported as a lab value (platelets, ANC) at its nadir and on recovery.</summary>
    Lab,

    /// <summary>Reported as an adverse event with a grade, and again when it resolves.</summary>
    Graded,
}

/// <summary>
/// One adverse event: the fraction of patients whose worst grade is each grade (the incidence
/// tables), how long an episode lasts, for neuropathy how often it comes with pain, and for any
/// event a qualifier its rules decide on (<c>supportive-care-failure</c>) with the fraction of episodes that have it.
/// </summary>
internal sealed record AdverseEventProcess(
    string Name,
    ProcessKind Kind,
    string? Lab,
    IReadOnlyDictionary<int, Cited> WorstGrade,
    Cited? LowGrades,
    Cited DurationDays,
    Cited? WithPain,
    string Source,
    string? Qualifier = null,
    Cited? Qualified = null,
    Text.TextSpan Span = default)
{
    /// <summary>The fraction of patients whose worst grade is at least <paramref name="grade"/> (grades 1 and 2 may be given together).</summary>
    public decimal AtLeast(int grade) =>
        WorstGrade.Where(g => g.Key >= grade).Sum(g => g.Value.Value) + (grade <= 1 && LowGrades is { } low ? low.Value : 0m)
        + (grade == 2 && LowGrades is { } half ? half.Value / 2 : 0m);
}

/// <summary>What a published figure measures.</summary>
internal enum FigureKind
{
    MedianRdi,
    MeanRdi,
    MedianTimeRdi,
    Reduced,
    ReducedAny,
    DiscontinuedForAdverseEvents,
    MedianCycles,
    Died,
    ReachedPhase,
}

/// <summary>
/// A published figure, in percent or cycles, with the tolerance the replay is held to; or, when the
/// replay is known not to reproduce it, the documented reason (<see cref="Gap"/>) — never a tuned parameter.
/// <see cref="Phase"/>: for <see cref="FigureKind.MedianCycles"/> the phase counted (else all cycles),
/// for <see cref="FigureKind.ReachedPhase"/> the phase started.
/// </summary>
internal sealed record PublishedFigure(FigureKind Kind, string? Drug, decimal Value, decimal Tolerance, string Source, int Line, string? Gap = null, string? Phase = null, Text.TextSpan Span = default);
