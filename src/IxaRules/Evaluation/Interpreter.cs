using System.Globalization;
using IxaRules.Binding;

namespace IxaRules.Evaluation;

/// <summary>
/// The reference interpreter. Each study day runs in this fixed order (docs/run.md, "How a day is evaluated"):
/// 1 take in the day's events; 2 terminal events (rules naming them, then death, withdrawal, or
/// progression under `until progression`, end treatment); 3 recoveries of active holds;
/// 4 rules whose condition became true; 5 the cycle calendar (a due cycle starts or is delayed;
/// titration); 6 doses of scheduled, un-held, un-discontinued drugs; 7 record.
/// </summary>
internal sealed partial class Interpreter
{
    private enum Calendar
    {
        Running,
        Awaiting,
        Finished,
        Stopped,
    }

    private readonly Regimen _regimen;
    private readonly RunPlan _plan;
    private readonly bool _incremental;
    private readonly DoseRule[] _rules;
    private readonly PatientEvent[] _events; // by day, then by line
    private int _nextEvent;
    private readonly List<PatientEvent> _today = [];
    private readonly int _lastEventDay;
    private readonly RunOptions _options;
    private readonly WorldState _world;
    private readonly List<Administration> _log;
    private readonly List<Decision> _decisions = [];
    private readonly List<DrugState> _drugs = [];
    private readonly decimal? _bsa;

    private Calendar _calendar = Calendar.Running;
    private CycleAt _cycle = new() { Phase = 0, InPhase = 1, Number = 1, StartDay = 1 };
    private AwaitedCycle _awaited;
    private string _endReason = "";

    private readonly ConditionCode _code;
    private IRunObserver? _observer;
    private readonly Func<WorldState, Truth>[] _triggers;
    private readonly bool[] _armed;
    private readonly bool[] _unknownWarned;
    private bool _refused;

    /// <summary>The exposure event when it is a condition (progression, `rash grade >= 2`), and the first day it held.</summary>
    private readonly ExposureToEvent? _exposure;
    private int? _exposureDay;
    private int _exposureCheckedAt = -1;
    private bool _exposureArmed = true;
    private readonly bool[] _namesTerminal;

    private Interpreter(RunPlan plan, Patient patient, IReadOnlyList<PatientEvent> events, RunOptions options)
    {
        var regimen = plan.Regimen;
        _regimen = regimen;
        _code = plan.Code;
        _plan = plan;
        _incremental = _plan.Incremental && !options.EvaluateEveryDay;
        _rules = _plan.Rules;
        _triggers = _plan.Triggers;
        _armed = new bool[_rules.Length];
        Array.Fill(_armed, true);
        _unknownWarned = new bool[_rules.Length];
        _namesTerminal = _plan.NamesTerminal;
        _events = SortedByDay(events);
        _lastEventDay = Math.Max(_events.Length == 0 ? 1 : _events[^1].Day, options.Through ?? 1);
        _log = new List<Administration>(ExpectedDoses(regimen.Phases[0], Math.Min(options.Days ?? _lastEventDay, 3_650)));
        _options = options;
        _world = new WorldState(patient) { Bsa = regimen.Bsa };
        _bsa = patient.BodySurface(regimen.Bsa);
        _world.Counters = _counters;
        foreach (var baseline in patient.Baseline)
        {
            // A baseline adverse event counts as reported before day 1.
            _world.Apply(new PatientEvent(0, EventKind.AdverseEvent, baseline.Event, baseline.Grade, baseline.Qualifiers, null, 0));
        }

        _refusal = RunInputs.Check(regimen, patient);
        _exposure = options.Exposure as ExposureToEvent;
        if (patient.Baseline.Count > 0)
        {
            DisarmForBaseline(patient);
        }

        // After the baseline test: a baseline is about reported adverse events, and C# leaves are unknown there.
        _world.CSharp = plan.CSharp;
    }

    /// <summary>
    /// A toxicity present before treatment is not an occurrence: a rule whose condition holds for the
    /// patient's baseline adverse events alone starts disarmed (it fires once the condition has been
    /// false and becomes true again, e.g. when the toxicity worsens into the rule's range). The same
    /// goes for an adverse-event exposure target.
    /// </summary>
    private void DisarmForBaseline(Patient patient)
    {
        var without = new WorldState(patient with { Baseline = [] }) { Bsa = _regimen.Bsa, Counters = _counters };
        bool ByBaselineAlone(Condition c) =>
            ConditionEvaluator.Evaluate(c, _world, null) == Truth.True && ConditionEvaluator.Evaluate(c, without, null) != Truth.True;
        for (var i = 0; i < _rules.Length; i++)
        {
            _armed[i] = !ByBaselineAlone(_rules[i].Trigger);
        }

        _exposureArmed = _exposure is null || !ByBaselineAlone(_exposure.Condition);
    }

    /// <summary>What the patient does not give and the run needs: a run with any is refused, nothing is given.</summary>
    private readonly IReadOnlyList<RunInputProblem> _refusal;

    private Phase CurrentPhase => _regimen.Phases[_cycle.Phase];

    private int NextDue => _cycle.StartDay + CurrentPhase.CycleDays;

    public static Outcome Run(RunPlan plan, Patient patient, IReadOnlyList<PatientEvent> events, RunOptions options, IRunObserver? observer = null)
    {
        var interpreter = new Interpreter(plan, patient, events, options) { _observer = observer };
        var days = interpreter.Loop();
        return interpreter.Finish(days);
    }

    private int Loop()
    {
        _world.Day = 1;
        if (_refusal.Count > 0)
        {
            foreach (var problem in _refusal)
            {
                _effects.Add(new RunRefused(problem.Message));
                Decide(1, DecisionKind.Refusal, problem.Drug, problem.Rule ?? _regimen.At, [], null, "refused: " + problem.Message);
            }

            _endReason = "refused: " + _refusal[0].Message + (_refusal.Count > 1 ? $" (and {_refusal.Count - 1} more)" : "");
            _refused = true;
            return 0;
        }

        StartPhase(0, 1);
        _effects.Add(new CycleStarted(1, CurrentPhase.Name));
        Decide(1, DecisionKind.Cycle, "1", _regimen.At, [], null, $"cycle 1{PhaseLabel()} starts on day 1");
        for (var day = 1; ; day++)
        {
            if (_options.Days is { } limit && day > limit)
            {
                _endReason = string.Create(CultureInfo.InvariantCulture, $"end of the requested {limit} days");
                return limit;
            }

            if (day > RunOptions.MaxDays)
            {
                _endReason = $"stopped at the {RunOptions.MaxDays}-day limit";
                return day - 1;
            }

            _world.Day = day;
            SetCycleDay(day);
            var today = EventsOf(day);
            foreach (var e in today)
            {
                _world.Apply(e);
            }

            TrackAttributions(today);
            TrackExposureEvent(day);

            TerminalEvents(day, today);
            if (_calendar != Calendar.Stopped)
            {
                Recoveries(day);
                Rules(day, terminalOnly: false);
            }

            if (_calendar == Calendar.Stopped)
            {
                LogStopDay(day);
                return day;
            }

            CycleCalendar(day);
            if (_calendar == Calendar.Finished)
            {
                return day - 1;
            }

            if (_calendar == Calendar.Stopped)
            {
                LogStopDay(day);
                return day;
            }

            Administer(day, today);
            CountTreatmentDay();
            if (_options.Days is null && ReachedNaturalEnd(day))
            {
                return day;
            }
        }
    }

    /// <summary>Without --days: an open-ended phase ends with the cycle holding the last event; a delay no later event can lift ends the run.</summary>
    private bool ReachedNaturalEnd(int day)
    {
        if (day < _lastEventDay)
        {
            return false;
        }

        if (_calendar == Calendar.Running && CurrentPhase.CycleCount is null && day == NextDue - 1)
        {
            _endReason = string.Create(CultureInfo.InvariantCulture, $"end of cycle {_cycle.Number}, the cycle of {(_options.Through == _lastEventDay ? "the last day expected" : "the last event")} (day {_lastEventDay}); the regimen is open-ended");
            return true;
        }

        if (_calendar == Calendar.Awaiting && _regimen.Phases[_awaited.Phase].CycleStart?.MaxDelayDays is null)
        {
            _endReason = string.Create(CultureInfo.InvariantCulture, $"cycle {_cycle.Number + 1} delayed since day {_awaited.Since}, and no later event can change that");
            return true;
        }

        return false;
    }

    private void SetCycleDay(int day)
    {
        _world.Cycle = _cycle.Number;
        _world.CycleDay = day - _cycle.StartDay + 1;
    }

    private string? DateOf(int day) =>
        _world.Patient.StartDate?.AddDays(day - 1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>About how many doses the log will hold: sized once, rather than grown by doubling (a cohort runs thousands of logs).</summary>
    private static int ExpectedDoses(Phase phase, int days) =>
        (int)Math.Min(100_000, (double)phase.Drugs.Sum(d => d.Schedule.Days.Count) * days / Math.Max(1, phase.CycleDays)) + 8;

    /// <summary>Events in day order, then file order. Usually already so: then the list is copied as it is, not sorted.</summary>
    private static PatientEvent[] SortedByDay(IReadOnlyList<PatientEvent> events)
    {
        var sorted = events.ToArray();
        for (var i = 1; i < sorted.Length; i++)
        {
            if (sorted[i].Day < sorted[i - 1].Day || (sorted[i].Day == sorted[i - 1].Day && sorted[i].Line < sorted[i - 1].Line))
            {
                return [.. sorted.OrderBy(e => e.Day).ThenBy(e => e.Line)]; // stable, like the file
            }
        }

        return sorted;
    }

    /// <summary>The day's events (a reused list: valid until the next day). Days only move forward, so a cursor suffices.</summary>
    private List<PatientEvent> EventsOf(int day)
    {
        _today.Clear();
        while (_nextEvent < _events.Length && _events[_nextEvent].Day < day)
        {
            _nextEvent++; // a day the run skipped (events files start at day 1; this is only defensive)
        }

        while (_nextEvent < _events.Length && _events[_nextEvent].Day == day)
        {
            _today.Add(_events[_nextEvent++]);
        }

        return _today;
    }
}
