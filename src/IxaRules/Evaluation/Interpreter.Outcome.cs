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

        var metrics = _drugs.ConvertAll(Metrics);
        return new Outcome(_regimen.Name, _world.Patient.Id, days, _endReason, _calendar == Calendar.Stopped ? days : null, _log, _decisions, metrics, IxazomibExposure(days));
    }

    private DrugMetrics Metrics(DrugState drug)
    {
        var cumulative = drug.GivenTotal;
        var prescribed = drug.PrescribedTotal;
        decimal? rdi = prescribed > 0 ? Math.Round(cumulative / prescribed * 100m, 1, MidpointRounding.AwayFromZero) : null;
        return new DrugMetrics(drug.Name, drug.DosesGiven, cumulative, prescribed, rdi, drug.Reductions, drug.FirstReductionDay,
            drug.Discontinued ? "discontinued" : drug.Current.ToString());
    }

    /// <summary>
    /// Seed 000 §2.2: days from day 1 to the event inclusive; doses on the event day excluded; an event
    /// on day 1 counts a full cycle; dose-linear, AUC of a dose = dose / CL/F. An event that never
    /// happened is replaced by the end of observation (and says so).
    /// </summary>
    private Exposure? IxazomibExposure(int days)
    {
        if (_drugs.FirstOrDefault(d => d.Name == "ixazomib") is not { } drug)
        {
            return null;
        }

        var (eventName, eventDay) = ExposureEvent(drug);
        var occurred = eventDay is not null;
        var day = eventDay ?? Math.Max(1, days);
        var span = day == 1 ? _regimen.Phases[0].CycleDays : day;
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
        return new Exposure(drug.Name, occurred ? eventName : $"end of observation ({eventName} did not occur)", day, occurred, span, total,
            Math.Round(clearance, 4, MidpointRounding.AwayFromZero), auc);
    }

    private (string Name, int? Day) ExposureEvent(DrugState ixazomib)
    {
        var choice = _options.ExposureTo;
        if (choice.StartsWith("day:", StringComparison.Ordinal) && int.TryParse(choice.AsSpan(4), out var fixedDay))
        {
            return (choice, fixedDay);
        }

        return choice switch
        {
            "first-reduction" => (choice, ixazomib.FirstReductionDay),
            "end" => (choice, null),
            _ => (choice, _world.TerminalDay(choice)),
        };
    }
}
