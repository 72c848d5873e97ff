namespace IxaRules.Evaluation;

/// <summary>Metrics per drug and ixazomib exposure, computed from the log.</summary>
internal sealed partial class Interpreter
{
    /// <summary>CL/F that gives 990 ng·h/mL per 4 mg weekly dose (seed 000 §3.2.3: 4 mg ≈ 141 ng·h/mL/day): 4,000 µg / 990 = 4.0404 L/h.</summary>
    public const decimal DefaultIxazomibClearance = 4000m / 990m;

    private Outcome Finish(int days)
    {
        if (_endReason.Length == 0)
        {
            _endReason = $"end of observation (day {days})";
        }

        CountRestOfLastCycle(days);
        var metrics = _drugs.ConvertAll(Metrics);
        return new Outcome(_regimen.Name, _world.Patient.Id, days, _endReason, _calendar == Calendar.Stopped ? days : null, _log, _decisions, metrics,
            _refused ? null : IxazomibExposure(days), _refused);
    }

    private static DrugMetrics Metrics(DrugState drug)
    {
        var cumulative = drug.GivenTotal;
        var prescribed = drug.PrescribedTotal;
        return new DrugMetrics(drug.Name, drug.DosesGiven, cumulative, prescribed, Percent(cumulative, prescribed), drug.Reductions, drug.FirstReductionDay,
            drug.Discontinued ? "discontinued" : drug.Current.ToString(), Percent(cumulative, drug.PlannedOverTime));
    }

    /// <summary>
    /// Time-based RDI counts every started cycle in full: when the run ends inside a cycle (a stop,
    /// `--days`), the days left of that cycle count as treatment time too, so a dose given early in a
    /// cycle does not make the intensity exceed what was planned.
    /// </summary>
    private void CountRestOfLastCycle(int days)
    {
        if (_refused || _calendar is Calendar.Awaiting or Calendar.Finished)
        {
            return;
        }

        var counted = _calendar == Calendar.Stopped ? days - 1 : days;
        var rest = _cycle.StartDay + CurrentPhase.CycleDays - 1 - counted;
        foreach (var drug in ActiveDrugs)
        {
            drug.PlannedOverTime += drug.PlannedPerDay * Math.Max(0, rest);
        }
    }

    private static decimal? Percent(decimal part, decimal whole) =>
        whole > 0 ? Math.Round(part / whole * 100m, 1, MidpointRounding.AwayFromZero) : null;

    /// <summary>
    /// Seed 000 §2.2: days from day 1 to the event inclusive; doses on the event day excluded; an event
    /// on day 1 counts a full cycle; dose-linear, AUC of a dose = dose / CL/F. An efficacy event
    /// (progression, death, withdrawal) after the last dosing cycle counts time to the end of that
    /// cycle. An event that never happened is replaced by the end of observation (and says so).
    /// </summary>
    private Exposure? IxazomibExposure(int days)
    {
        if (_drugs.FirstOrDefault(d => d.Name == "ixazomib") is not { } drug)
        {
            return null;
        }

        var target = _options.Exposure;
        var (eventDay, afterTreatment) = ExposureEvent(target, drug);
        var occurred = eventDay is not null;
        var day = eventDay ?? Math.Max(1, days);
        var span = day == 1 ? _regimen.Phases[0].CycleDays : day;
        if (afterTreatment && EndOfLastDosingCycle() is { } end && day > end)
        {
            span = end; // an efficacy event after the last dosing cycle: time to the end of that cycle
        }

        var total = 0m;
        foreach (var a in _log)
        {
            if (a.Day >= day)
            {
                break; // the log is in day order
            }

            if (a.Status == DoseStatus.Given && a.Drug == drug.Name)
            {
                total += a.GivenMg;
            }
        }

        var clearance = _world.Patient.ClearanceLitresPerHour ?? DefaultIxazomibClearance;
        var auc = Math.Round(total * 1000m / clearance / span, 2, MidpointRounding.AwayFromZero);
        return new Exposure(drug.Name, occurred ? target.Text : $"end of observation ({target.Text} did not occur)", day, occurred, span, total,
            Math.Round(clearance, 4, MidpointRounding.AwayFromZero), auc);
    }

    /// <summary>The study day of the exposure event (null when it did not happen), and whether it came after treatment had ended.</summary>
    private (int? Day, bool AfterTreatment) ExposureEvent(ExposureTarget target, DrugState ixazomib) => target switch
    {
        ExposureToDay d => (d.Day, false),
        ExposureToFirstReduction => (ixazomib.FirstReductionDay, false),
        ExposureToEvent when _exposureDay is { } seen => (seen, false),
        // Not seen during the run because treatment ended first: a later report of an efficacy event still counts.
        ExposureToEvent { IsEfficacyEvent: true } e when LaterTerminalEvent(e.Condition) is { } later => (later, true),
        _ => (null, false),
    };

    private int? LaterTerminalEvent(Binding.Condition condition)
    {
        var names = Binding.ConditionLeaves.Of(condition).OfType<Binding.TerminalCondition>().Select(t => t.Event).ToHashSet(StringComparer.Ordinal);
        for (var i = _nextEvent; i < _events.Length; i++)
        {
            if (_events[i].Kind == EventKind.Terminal && names.Contains(_events[i].Subject))
            {
                return _events[i].Day;
            }
        }

        return null;
    }

    /// <summary>The last day of the last cycle in which any dose was given (seed 000 §2.2: "the end of the last dosing cycle").</summary>
    private int? EndOfLastDosingCycle()
    {
        for (var i = _log.Count - 1; i >= 0; i--)
        {
            if (_log[i].Status == DoseStatus.Given)
            {
                var a = _log[i];
                var start = a.Day - a.CycleDay + 1;
                var phase = _regimen.Phases.FirstOrDefault(p => p.Name == a.Phase) ?? _regimen.Phases[0];
                return start + phase.CycleDays - 1;
            }
        }

        return null;
    }
}
