// Protocol invariants of the single-agent ixazomib schedules (rules/ixazomib-single-agent.ixr).
var rules = Rules("ixazomib-single-agent.ixr");
var weekly = rules.RunAll("ixazomib-weekly", Patients("../examples/ixazomib-weekly", rules, "ixazomib-weekly").Concat(Cohort(100, seed: 15)), days: 112);
var twice = rules.RunAll("ixazomib-twice-weekly", Patients("../examples/ixazomib-twice-weekly", rules, "ixazomib-twice-weekly").Concat(Cohort(100, seed: 16)), days: 84);

decimal Mosteller(Patient p) => Math.Round((decimal)Math.Sqrt((double)(p.Height!.Value * p.Weight!.Value / 3600m)), 2, MidpointRounding.AwayFromZero);

Check("weekly doses are 2.97 or 2.23 mg/m² of the Mosteller BSA, on days 1, 8, 15 (seed 000 l.117-119)", () =>
{
    foreach (var (p, o) in weekly)
        foreach (var a in o.Administrations.Where(a => a.Status == DoseStatus.Given))
        {
            var bsa = Mosteller(p.Patient);
            Assert(a.GivenMg == Math.Round(2.97m * bsa, 2, MidpointRounding.AwayFromZero) || a.GivenMg == Math.Round(2.23m * bsa, 2, MidpointRounding.AwayFromZero),
                $"{p.Name}: {a.GivenMg} mg on day {a.Day} for BSA {bsa}");
            Assert(a.CycleDay is 1 or 8 or 15, $"{p.Name}: a dose on cycle day {a.CycleDay}");
        }
});

Check("twice-weekly doses are 2.0 mg/m² on days 1, 4, 8, 11 of 21-day cycles (seed 000 l.115-117)", () =>
{
    foreach (var (p, o) in twice)
        foreach (var a in o.Administrations.Where(a => a.Status == DoseStatus.Given))
        {
            Assert(a.GivenMg == Math.Round(2.0m * Mosteller(p.Patient), 2, MidpointRounding.AwayFromZero), $"{p.Name}: {a.GivenMg} mg on day {a.Day}");
            Assert(a.CycleDay is 1 or 4 or 8 or 11, $"{p.Name}: a dose on cycle day {a.CycleDay}");
        }
});

Check("no ixazomib on a day whose latest platelet count is below 30 x10^9/L", () =>
{
    foreach (var (p, o) in weekly.Concat(twice))
        foreach (var a in o.Administrations.Where(a => a.Status == DoseStatus.Given))
            Assert(!(p.LabOn("platelets", a.Day) < 30), $"{p.Name}: ixazomib on day {a.Day} with platelets {p.LabOn("platelets", a.Day)}");
});
