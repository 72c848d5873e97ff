using System.Globalization;
using IxaRules.Text;

namespace IxaRules.Evaluation;

/// <summary>Step 6: who gets what today. Holds skip doses; skipped doses are not made up, except under a missed-dose window.</summary>
internal sealed partial class Interpreter
{
    /// <summary>Late doses owed under a `missed … take if next dose >= N hours away` policy: day → drug → the missed day.</summary>
    private readonly Dictionary<int, Dictionary<string, int>> _lateDoses = [];

    private (int Phase, string Name, DrugState[] Drugs) _active = (-1, "", []);

    /// <summary>The drugs of the current phase, in declaration order (cached per phase: this is on the per-day path).</summary>
    private DrugState[] ActiveDrugs => Active().Drugs;

    private string ActivePhaseName => Active().Name;

    private (int Phase, string Name, DrugState[] Drugs) Active()
    {
        if (_active.Phase != _cycle.Phase)
        {
            _active = (_cycle.Phase, CurrentPhase.Name, [.. _drugs.Where(d => InPhase(CurrentPhase, d.Name))]);
        }

        return _active;
    }

    private void Record(int day, DrugState drug, decimal planned, decimal given, DoseStatus status, string? note, bool countsAsPrescribed)
    {
        _log.Add(new Administration(day, DateOf(day), ActivePhaseName, _cycle.Number, day - _cycle.StartDay + 1, drug.Name, planned, given, status, note));
        if (status == DoseStatus.Given)
        {
            drug.DosesGiven++;
            drug.GivenTotal += given;
        }
        else if (status == DoseStatus.Held)
        {
            drug.MarkHeld(_cycle.InPhase);
        }

        if (countsAsPrescribed)
        {
            drug.PrescribedTotal += drug.PrescribedMg;
        }
    }

    private void Administer(int day, List<PatientEvent> today)
    {
        var cycleDay = day - _cycle.StartDay + 1;
        var owed = _lateDoses.Count == 0 ? null : _lateDoses.GetValueOrDefault(day);
        var quiet = today.Count == 0; // most days: no report to look for
        foreach (var drug in ActiveDrugs)
        {
            var scheduled = drug.IsScheduled(cycleDay);
            var lateFor = owed is not null && owed.TryGetValue(drug.Name, out var missedDay) ? missedDay : (int?)null;
            if (!scheduled && lateFor is null && quiet)
            {
                continue;
            }

            var missed = !quiet && Reported(today, EventKind.Missed, drug.Name) is not null;
            var vomited = !quiet && Reported(today, EventKind.Vomited, drug.Name) is not null;
            if (!scheduled && lateFor is null)
            {
                if ((Reported(today, EventKind.Missed, drug.Name) ?? Reported(today, EventKind.Vomited, drug.Name)) is { } report)
                {
                    Decide(day, DecisionKind.Note, drug.Name, SourceLocation.InEvents(report.Line), [], null,
                        $"{(missed ? "missed" : "vomited")} {drug.Name} reported on day {day}, which is not a scheduled day: ignored");
                }

                continue;
            }

            var prescribedSlot = scheduled; // a late dose replaces a slot already counted
            if (drug.Discontinued)
            {
                Record(day, drug, 0, 0, DoseStatus.Discontinued, null, prescribedSlot);
            }
            else if (HoldOf(drug.Name) is { } hold)
            {
                Record(day, drug, drug.CurrentMg, 0, DoseStatus.Held, hold.Note, prescribedSlot);
            }
            else if (scheduled && missed)
            {
                Record(day, drug, drug.CurrentMg, 0, DoseStatus.Missed, MissedDoseWindow(drug, day, cycleDay), prescribedSlot);
            }
            else
            {
                var note = lateFor is { } m ? string.Create(CultureInfo.InvariantCulture, $"late dose for day {m}") : null;
                if (vomited)
                {
                    var repeat = RepeatsVomited(drug.Name);
                    note = repeat ? "vomited; repeated" : "vomited; not repeated";
                }

                if (drug.Schedule.AfterDialysis && !quiet && Reported(today, EventKind.Dialysis, "dialysis") is not null)
                {
                    note = note is null ? "given after dialysis" : note + "; given after dialysis";
                }

                if (drug.CurrentMg == 0 && drug.Current.Amount > 0)
                {
                    // Dispensing rounded down below the smallest strength: nothing can be given, and that must not look like a dose.
                    Record(day, drug, 0, 0, DoseStatus.Held, "cannot be dispensed: no whole number of units is at most the dose", prescribedSlot);
                    continue;
                }

                Record(day, drug, drug.CurrentMg, drug.CurrentMg, DoseStatus.Given, note, prescribedSlot);
            }
        }
    }

    private bool RepeatsVomited(string drug) => _regimen.Vomited.FirstOrDefault(v => v.Drug == drug)?.Repeat == true;

    /// <summary>
    /// The day's report of a missed or vomited dose of a drug. A loop, not a lambda: a lambda capturing
    /// the drug would allocate a closure for every drug on every day, event or not.
    /// </summary>
    private static PatientEvent? Reported(List<PatientEvent> today, EventKind kind, string drug)
    {
        foreach (var e in today)
        {
            if (e.Kind == kind && e.Subject == drug)
            {
                return e;
            }
        }

        return null;
    }

    /// <summary>
    /// A missed dose is taken the next day only when the regimen says so and the next scheduled dose
    /// is still at least the stated number of hours after it (ixazomib: 72 h, dosing-facts §1.6).
    /// </summary>
    private string MissedDoseWindow(DrugState drug, int day, int cycleDay)
    {
        var policy = _regimen.Missed.FirstOrDefault(m => m.Drug == drug.Name);
        if (policy?.MinHoursToNextDose is not { } hours)
        {
            return "not made up";
        }

        var laterToday = drug.Schedule.Days.Where(d => d > cycleDay).Select(d => day + (d - cycleDay)).ToList();
        var next = laterToday.Count > 0 ? laterToday[0] : NextDue + drug.Schedule.Days[0] - 1;
        var gap = (next - (day + 1)) * 24;
        if (gap >= hours)
        {
            if (!_lateDoses.TryGetValue(day + 1, out var owed))
            {
                _lateDoses[day + 1] = owed = new Dictionary<string, int>(StringComparer.Ordinal);
            }

            owed[drug.Name] = day;
            return string.Create(CultureInfo.InvariantCulture, $"taken late on day {day + 1}: the next dose (day {next}) is {gap} h later");
        }

        return string.Create(CultureInfo.InvariantCulture, $"not made up: the next dose (day {next}) is within {hours} h");
    }

    private (int Cycle, int Since, string Note) _delayNote;

    /// <summary>While a due cycle waits, its day-1 doses are logged as delayed (the note is formatted once per delay).</summary>
    private void LogDelayed(int day)
    {
        var next = _cycle.Number + 1;
        if (_delayNote.Cycle != next || _delayNote.Since != _awaited.Since)
        {
            _delayNote = (next, _awaited.Since, string.Create(CultureInfo.InvariantCulture, $"cycle {next} delayed since day {_awaited.Since}"));
        }

        var phase = _regimen.Phases[_awaited.Phase];
        foreach (var drug in _drugs)
        {
            if (!drug.Discontinued && drug.IsScheduled(1) && InPhase(phase, drug.Name))
            {
                _log.Add(new Administration(day, DateOf(day), phase.Name, next, 0, drug.Name, drug.CurrentMg, 0, DoseStatus.Delayed, _delayNote.Note));
            }
        }
    }

    private static bool InPhase(Binding.Phase phase, string drug)
    {
        for (var i = 0; i < phase.Drugs.Count; i++) // an index loop: no enumerator boxed per delayed day
        {
            if (phase.Drugs[i].Name == drug)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>On the day treatment stops, the doses that were due are logged as discontinued.</summary>
    private void LogStopDay(int day)
    {
        if (_world.CycleDay < 1)
        {
            return;
        }

        foreach (var drug in ActiveDrugs.Where(d => d.IsScheduled(day - _cycle.StartDay + 1)))
        {
            Record(day, drug, 0, 0, DoseStatus.Discontinued, _endReason, countsAsPrescribed: false);
        }
    }
}
