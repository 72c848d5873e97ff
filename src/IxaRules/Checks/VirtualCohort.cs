using IxaRules.Evaluation;

namespace IxaRules.Checks;

/// <summary>
/// Deterministic virtual patients for checks and benchmarks: baseline covariates (age, sex, weight,
/// height, CrCl, hepatic class, dialysis) and weekly platelet and ANC counts with occasional drops
/// below the label thresholds, rashes of grade 2-4 that resolve, and some progressions. The same
/// seed always gives the same cohort.
/// </summary>
internal static class VirtualCohort
{
    public static IReadOnlyList<(Patient Patient, IReadOnlyList<PatientEvent> Events)> Generate(int count, int seed)
    {
        var rng = new Random(seed);
        var cohort = new List<(Patient, IReadOnlyList<PatientEvent>)>(count);
        for (var i = 0; i < count; i++)
        {
            var hepatic = rng.Next(100) switch
            {
                < 85 => "none",
                < 95 => "mild",
                < 98 => "moderate",
                _ => "severe",
            };
            var patient = new Patient($"p{i}", 50 + rng.Next(36), rng.Next(2) == 0 ? "male" : "female", 50 + rng.Next(50), 150 + rng.Next(40),
                25 + rng.Next(90), null, hepatic, rng.Next(100) < 3, [], null, null);
            var events = new List<PatientEvent>();
            var line = 0;
            void Add(int day, EventKind kind, string subject, decimal value) => events.Add(new PatientEvent(day, kind, subject, value, [], null, ++line));

            Add(1, EventKind.Lab, "platelets", 150 + rng.Next(150));
            Add(1, EventKind.Lab, "anc", 1.5m + (rng.Next(25) / 10m));
            var rashUntil = 0;
            for (var week = 1; week <= 26; week++)
            {
                var day = (7 * week) + rng.Next(7);
                var roll = rng.Next(100);
                Add(day, EventKind.Lab, "platelets", roll < 8 ? 10 + rng.Next(20) : roll < 14 ? 30 + rng.Next(45) : 75 + rng.Next(200));
                roll = rng.Next(100);
                Add(day, EventKind.Lab, "anc", roll < 6 ? 0.2m + (rng.Next(30) / 100m) : roll < 14 ? 0.5m + (rng.Next(50) / 100m) : 1m + (rng.Next(30) / 10m));
                if (day > rashUntil && rng.Next(100) < 6)
                {
                    Add(day, EventKind.AdverseEvent, "rash", rng.Next(100) < 10 ? 4 : 2 + rng.Next(2));
                    rashUntil = day + 7 + rng.Next(10);
                    Add(rashUntil, EventKind.AdverseEvent, "rash", rng.Next(2));
                }
            }

            if (rng.Next(100) < 15)
            {
                Add(60 + rng.Next(120), EventKind.Terminal, "progression", 0);
            }

            cohort.Add((patient, events.OrderBy(e => e.Day).ThenBy(e => e.Line).ToList()));
        }

        return cohort;
    }
}
