using IxaRules.Evaluation;

namespace IxaRules.Shared;

/// <summary>What IRd's rules read on one day: the latest counts (null: never measured), the rash grade, and whether the counts are fresh for a cycle start.</summary>
public readonly record struct IrdDay(decimal? Platelets, decimal? Anc, int Rash, bool FreshCounts);

/// <summary>The conditions of rules/ird.ixr on one day, as booleans.</summary>
public readonly record struct IrdDecisions(
    bool Thrombocytopenia, bool PlateletsRecovered, bool Neutropenia, bool AncRecovered, bool Rash2To3, bool Rash4, bool RashRecovered, bool CycleMayStart);

/// <summary>Who decides IRd's conditions: plain C# (the baseline), or a rule engine (the peer benchmarks).</summary>
public interface IIrdConditions
{
    IrdDecisions Decide(IrdDay day);
}

/// <summary>The conditions in plain C#: a struct, so the hand-written baseline pays no call for them.</summary>
public readonly struct InlineIrdConditions : IIrdConditions
{
    public IrdDecisions Decide(IrdDay day) => new(
        day.Platelets < 30m, day.Platelets >= 30m, day.Anc < 0.5m, day.Anc >= 0.5m, day.Rash is 2 or 3, day.Rash == 4, day.Rash <= 1,
        day.Anc >= 1.0m && day.Platelets >= 75m && day.Rash <= 1 && day.FreshCounts);
}

/// <summary>
/// rules/ird.ixr written by hand in plain C#, for the patients and events the cohort generator
/// produces (CrCl, hepatic class and dialysis given; platelets, ANC, rash, progression). It is the
/// speed baseline of the interpreter and its differential oracle: on the same patients both must
/// produce the same administrations and metrics (both relative dose intensities included).
/// </summary>
public static class HandWrittenIrd
{
    private static readonly decimal[] Ixazomib = [4m, 3m, 2.3m];
    private static readonly decimal[] Lenalidomide = [25m, 15m, 10m, 5m];
    private static readonly string[] Drugs = ["ixazomib", "lenalidomide", "dexamethasone"];

    private sealed class Hold(string rule, bool ixazomib, bool lenalidomide, int occurrence, int since)
    {
        public string Rule { get; } = rule;
        public bool Ixa { get; } = ixazomib;
        public bool Len { get; } = lenalidomide;
        public int Occurrence { get; } = occurrence;
        public int Since { get; } = since;
    }

    public static (IReadOnlyList<Administration> Log, IReadOnlyList<DrugMetrics> Metrics) Run(Patient patient, IReadOnlyList<PatientEvent> events, int days) =>
        Run(patient, events, days, default(InlineIrdConditions));

    /// <summary>The same state machine with its conditions decided by <paramref name="conditions"/> (once per day).</summary>
    public static (IReadOnlyList<Administration> Log, IReadOnlyList<DrugMetrics> Metrics) Run<TConditions>(Patient patient, IReadOnlyList<PatientEvent> events, int days, TConditions conditions)
        where TConditions : IIrdConditions
    {
        var log = new List<Administration>();
        var byDay = events.ToLookup(e => e.Day);
        // Levels are ladder indexes; -1 = discontinued. The renal bands of rules/ird.ixr, first that holds:
        // dialysis 5 mg daily; CrCl < 30: 15 mg every 48 h (days 1, 3, ..., 21); CrCl <= 60: 10 mg.
        var ixa = patient.Dialysis == true || patient.CreatinineClearance < 30 || patient.Hepatic is "moderate" or "severe" ? 1 : 0;
        var len = patient.Dialysis == true ? 3 : patient.CreatinineClearance < 30 ? 1 : patient.CreatinineClearance <= 60 ? 2 : 0;
        var everyOtherDay = patient.Dialysis != true && patient.CreatinineClearance < 30;
        var (ixaStart, lenStart) = (Ixazomib[ixa], Lenalidomide[len]);
        var dex = patient.Age > 75 ? 20m : 40m; // dexamethasone 20 mg over 75 (facts §3)
        // Time-based RDI: the planned mg per day of each drug, summed over every day of treatment.
        var (ixaPerDay, lenPerDay, dexPerDay) = (ixaStart * 3 / 28, lenStart * (everyOtherDay ? 11 : 21) / 28, dex * 4 / 28);
        decimal ixaTime = 0, lenTime = 0, dexTime = 0;
        int plateletsDay = 0, ancDay = 0;
        int ixaReductions = 0, lenReductions = 0;
        int? ixaFirst = null, lenFirst = null;
        decimal ixaGiven = 0, lenGiven = 0, dexGiven = 0, ixaRx = 0, lenRx = 0, dexRx = 0;
        int ixaCount = 0, lenCount = 0, dexCount = 0;
        decimal? platelets = null, anc = null;
        var rash = 0;
        bool armThrombo = true, armNeutro = true, armRash = true, armRash4 = true;
        int thrombo = 0, neutro = 0, rashCount = 0;
        var holds = new List<Hold>();
        var cycle = 1;
        var cycleStart = 1;
        var awaiting = false;
        var stopped = false;
        var lastDay = days;

        void Lower(bool isIxa, int day)
        {
            if (isIxa)
            {
                ixa = ixa + 1 >= Ixazomib.Length ? -1 : ixa + 1;
                ixaReductions++;
                ixaFirst ??= day;
            }
            else
            {
                len = len + 1 >= Lenalidomide.Length ? -1 : len + 1;
                lenReductions++;
                lenFirst ??= day;
            }
        }

        // Alternation: occurrence k lowers lenalidomide for odd k, ixazomib for even k; the turn passes on if that drug is gone.
        void Alternate(Hold hold, int day)
        {
            var lenFirstTurn = hold.Occurrence % 2 == 1;
            var candidates = lenFirstTurn ? new[] { false, true } : [true, false];
            foreach (var isIxa in candidates)
            {
                if ((isIxa ? ixa : len) >= 0)
                {
                    Lower(isIxa, day);
                    return;
                }
            }
        }

        bool Held(bool isIxa) => holds.Exists(h => isIxa ? h.Ixa : h.Len);

        for (var day = 1; day <= days; day++)
        {
            var progression = false;
            foreach (var e in byDay[day])
            {
                switch (e.Kind)
                {
                    case EventKind.Lab when e.Subject == "platelets":
                        (platelets, plateletsDay) = (e.Value, day);
                        break;
                    case EventKind.Lab when e.Subject == "anc":
                        (anc, ancDay) = (e.Value, day);
                        break;
                    case EventKind.AdverseEvent when e.Subject == "rash":
                        rash = (int)e.Value;
                        break;
                    case EventKind.Terminal when e.Subject == "progression":
                        progression = true;
                        break;
                }
            }

            var cycleDay = day - cycleStart + 1;
            var stop = progression;
            var decided = conditions.Decide(new IrdDay(platelets, anc, rash, day - ancDay <= 3 && day - plateletsDay <= 3));

            // Recoveries, in the order the holds were made.
            if (!stop)
            {
                foreach (var hold in holds.ToList())
                {
                    var recovered = hold.Rule switch
                    {
                        "thrombocytopenia" => decided.PlateletsRecovered,
                        "neutropenia" => decided.AncRecovered,
                        _ => decided.RashRecovered,
                    };
                    if (!recovered)
                    {
                        continue;
                    }

                    holds.Remove(hold);
                    if (hold.Rule == "rash" && hold.Occurrence == 1)
                    {
                        if (len >= 0)
                        {
                            Lower(false, day);
                        }
                    }
                    else
                    {
                        Alternate(hold, day);
                    }
                }

                // Rules in file order: thrombocytopenia, neutropenia, rash, rash_grade_4 (the others never fire on these events).
                if (platelets is not null)
                {
                    if (decided.Thrombocytopenia && armThrombo)
                    {
                        armThrombo = false;
                        thrombo++;
                        AddHold("thrombocytopenia", true, true, thrombo, day);
                    }
                    else if (decided.PlateletsRecovered)
                    {
                        armThrombo = true;
                    }
                }

                if (anc is not null)
                {
                    if (decided.Neutropenia && armNeutro)
                    {
                        armNeutro = false;
                        neutro++;
                        AddHold("neutropenia", true, true, neutro, day);
                    }
                    else if (decided.AncRecovered)
                    {
                        armNeutro = true;
                    }
                }

                if (decided.Rash2To3)
                {
                    if (armRash)
                    {
                        armRash = false;
                        rashCount++;
                        AddHold("rash", rashCount > 1, true, rashCount, day);
                    }
                }
                else
                {
                    armRash = true;
                }

                if (decided.Rash4 && armRash4)
                {
                    armRash4 = false;
                    stop = true;
                }
                else if (!decided.Rash4)
                {
                    armRash4 = true;
                }
            }

            if (stop)
            {
                stopped = true;
                if (!awaiting)
                {
                    foreach (var (drug, scheduled) in Schedule(cycleDay, everyOtherDay))
                    {
                        if (scheduled)
                        {
                            log.Add(new Administration(day, null, "main", cycle, cycleDay, drug, 0, 0, DoseStatus.Discontinued, "x"));
                        }
                    }
                }

                lastDay = day;
                break;
            }

            ixaTime += ixaPerDay;
            lenTime += lenPerDay;
            dexTime += dexPerDay;

            // Cycle calendar: criteria anc >= 1.0, platelets >= 75 (both measured within 3 days), non-haematologic
            // (rash) <= 1; re-checked daily.
            if (!awaiting && cycleDay == 29)
            {
                awaiting = true;
            }

            if (awaiting)
            {
                if (decided.CycleMayStart)
                {
                    awaiting = false;
                    cycle++;
                    cycleStart = day;
                    cycleDay = 1;
                }
                else
                {
                    if (ixa >= 0)
                    {
                        log.Add(new Administration(day, null, "main", cycle + 1, 0, "ixazomib", Ixazomib[ixa], 0, DoseStatus.Delayed, "x"));
                    }

                    if (len >= 0)
                    {
                        log.Add(new Administration(day, null, "main", cycle + 1, 0, "lenalidomide", Lenalidomide[len], 0, DoseStatus.Delayed, "x"));
                    }

                    log.Add(new Administration(day, null, "main", cycle + 1, 0, "dexamethasone", dex, 0, DoseStatus.Delayed, "x"));
                    continue;
                }
            }

            foreach (var (drug, scheduled) in Schedule(cycleDay, everyOtherDay))
            {
                if (!scheduled)
                {
                    continue;
                }

                switch (drug)
                {
                    case "ixazomib":
                        ixaRx += ixaStart;
                        Dose(ixa < 0 ? null : Ixazomib[ixa], Held(true), ref ixaGiven, ref ixaCount);
                        break;
                    case "lenalidomide":
                        lenRx += lenStart;
                        Dose(len < 0 ? null : Lenalidomide[len], Held(false), ref lenGiven, ref lenCount);
                        break;
                    default:
                        dexRx += dex;
                        Dose(dex, false, ref dexGiven, ref dexCount);
                        break;
                }

                void Dose(decimal? level, bool held, ref decimal given, ref int count)
                {
                    var status = level is null ? DoseStatus.Discontinued : held ? DoseStatus.Held : DoseStatus.Given;
                    var mg = status == DoseStatus.Given ? level!.Value : 0;
                    log.Add(new Administration(day, null, "main", cycle, cycleDay, drug, level ?? 0, mg, status, null));
                    given += mg;
                    count += mg > 0 ? 1 : 0;
                }
            }
        }

        // A started cycle counts in full for time-based RDI (the days after a stop or the last day run included).
        if (!awaiting)
        {
            var rest = Math.Max(0, cycleStart + 27 - (stopped ? lastDay - 1 : days));
            (ixaTime, lenTime, dexTime) = (ixaTime + (ixaPerDay * rest), lenTime + (lenPerDay * rest), dexTime + (dexPerDay * rest));
        }

        return (log,
        [
            Metrics("ixazomib", ixaCount, ixaGiven, ixaRx, ixaTime, ixaReductions, ixaFirst, ixa < 0 ? "discontinued" : Ixazomib[ixa] + " mg"),
            Metrics("lenalidomide", lenCount, lenGiven, lenRx, lenTime, lenReductions, lenFirst, len < 0 ? "discontinued" : Lenalidomide[len] + " mg"),
            Metrics("dexamethasone", dexCount, dexGiven, dexRx, dexTime, 0, null, dex + " mg"),
        ]);

        void AddHold(string rule, bool holdIxa, bool holdLen, int occurrence, int day)
        {
            var i = holdIxa && ixa >= 0;
            var l = holdLen && len >= 0;
            if (i || l)
            {
                holds.Add(new Hold(rule, i, l, occurrence, day));
            }
        }
    }

    private static (string Drug, bool Scheduled)[] Schedule(int cycleDay, bool lenalidomideEveryOtherDay) =>
    [
        (Drugs[0], cycleDay is 1 or 8 or 15),
        (Drugs[1], cycleDay is >= 1 and <= 21 && (!lenalidomideEveryOtherDay || cycleDay % 2 == 1)),
        (Drugs[2], cycleDay is 1 or 8 or 15 or 22),
    ];

    private static DrugMetrics Metrics(string drug, int count, decimal given, decimal prescribed, decimal overTime, int reductions, int? first, string final) =>
        new(drug, count, given, prescribed, Percent(given, prescribed), reductions, first, final, Percent(given, overTime));

    private static decimal? Percent(decimal part, decimal whole) => whole > 0 ? Math.Round(part / whole * 100m, 1, MidpointRounding.AwayFromZero) : null;
}
