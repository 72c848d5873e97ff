// Protocol invariants of IRd (rules/ird.ixr), checked over the example patients and a virtual
// cohort of 300. Run by `ixarules test rules/`; paths are relative to this file.
var ird = Rules("ird.ixr");
var patients = Patients("../examples/ird", ird, "IRd").Concat(Cohort(300, seed: 11)).ToList();
var runs = ird.RunAll("IRd", patients, days: 168);

Check("no ixazomib or lenalidomide on a day whose latest platelet count is below 30 x10^9/L (facts §1.4)", () =>
{
    foreach (var (p, o) in runs)
        foreach (var a in o.Administrations.Where(a => a.Status == DoseStatus.Given && a.Drug is "ixazomib" or "lenalidomide"))
            Assert(!(p.LabOn("platelets", a.Day) < 30), $"{p.Name}: {a.Drug} given on day {a.Day} with platelets {p.LabOn("platelets", a.Day)}");
});

Check("no ixazomib or lenalidomide on a day whose latest ANC is below 0.5 x10^9/L (facts §1.4)", () =>
{
    foreach (var (p, o) in runs)
        foreach (var a in o.Administrations.Where(a => a.Status == DoseStatus.Given && a.Drug is "ixazomib" or "lenalidomide"))
            Assert(!(p.LabOn("anc", a.Day) < 0.5m), $"{p.Name}: {a.Drug} given on day {a.Day} with ANC {p.LabOn("anc", a.Day)}");
});

Check("every dose given is a level of its drug's ladder, never above the starting dose", () =>
{
    var ladders = new Dictionary<string, decimal[]> { ["ixazomib"] = [4m, 3m, 2.3m], ["lenalidomide"] = [25m, 15m, 10m, 5m], ["dexamethasone"] = [40m, 20m] };
    foreach (var (p, o) in runs)
        foreach (var drug in ladders.Keys)
        {
            var given = o.Administrations.Where(a => a.Drug == drug && a.Status == DoseStatus.Given).ToList();
            foreach (var a in given)
                Assert(ladders[drug].Contains(a.GivenMg), $"{p.Name}: {drug} {a.GivenMg} mg on day {a.Day} is not a level");
            if (given.Count > 0)
                Assert(given.All(a => a.GivenMg <= given[0].GivenMg), $"{p.Name}: {drug} rose above its first dose {given[0].GivenMg} mg");
        }
});

Check("a cycle starts only with ANC >= 1.0 and platelets >= 75 x10^9/L (facts §1.3)", () =>
{
    foreach (var (p, o) in runs)
        foreach (var start in o.Decisions.Where(d => d.Kind == DecisionKind.Cycle && d.Name != "1"))
            Assert(p.LabOn("anc", start.Day) >= 1.0m && p.LabOn("platelets", start.Day) >= 75,
                $"{p.Name}: cycle {start.Name} started on day {start.Day} with ANC {p.LabOn("anc", start.Day)}, platelets {p.LabOn("platelets", start.Day)}");
});

Check("at most one administration per drug per day, and metrics add up", () =>
{
    foreach (var (p, o) in runs)
    {
        foreach (var g in o.Administrations.GroupBy(a => (a.Day, a.Drug)).Where(g => g.Count() > 1))
            Fail($"{p.Name}: {g.Key.Drug} logged {g.Count()} times on day {g.Key.Day}");
        foreach (var m in o.Metrics)
            Assert(m.CumulativeMg == o.Administrations.Where(a => a.Drug == m.Drug).Sum(a => a.GivenMg), $"{p.Name}: cumulative {m.Drug} does not add up");
    }
});

Check("dexamethasone is 20 mg from the first dose for a patient over 75, else 40 mg (facts §3)", () =>
{
    foreach (var (p, o) in runs)
        foreach (var a in o.Administrations.Where(a => a.Drug == "dexamethasone" && a.Status == DoseStatus.Given))
            Assert(a.GivenMg == (p.Patient.Age > 75 ? 20m : 40m), $"{p.Name} (age {p.Patient.Age}): dexamethasone {a.GivenMg} mg on day {a.Day}");
});
