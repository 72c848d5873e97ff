// Protocol invariants of ITd (rules/itd.ixr) over its examples and a virtual cohort.
var rules = Rules("itd.ixr");
var runs = rules.RunAll("ITd", Patients("../examples/itd", rules, "ITd").Concat(Cohort(100, seed: 14)), days: 300);

Check("age >= 75: thalidomide at most 50 mg, dexamethasone 20 mg, maintenance ixazomib at most 3 mg (seed 004 l.51-55)", () =>
{
    foreach (var (p, o) in runs.Where(r => r.Patient.Patient.Age >= 75))
        foreach (var a in o.Administrations.Where(a => a.Status == DoseStatus.Given))
            Assert(a.Drug switch
            {
                "thalidomide" => a.GivenMg <= 50,
                "dexamethasone" => a.GivenMg == 20,
                _ => a.Phase != "maintenance" || a.GivenMg <= 3,
            }, $"{p.Name} (age {p.Patient.Age}): {a.Drug} {a.GivenMg} mg on day {a.Day} ({a.Phase})");
});

Check("thalidomide and dexamethasone belong to induction only (seed 004 l.48-56)", () =>
{
    foreach (var (p, o) in runs)
        Assert(!o.Administrations.Any(a => a.Phase == "maintenance" && a.Drug != "ixazomib"), $"{p.Name}: a non-ixazomib dose in maintenance");
});

Check("maintenance starts after eight 28-day induction cycles", () =>
{
    foreach (var (p, o) in runs)
        foreach (var phase in o.Decisions.Where(d => d.Kind == DecisionKind.Phase && d.Name == "maintenance"))
            Assert(o.Decisions.Count(d => d.Kind == DecisionKind.Cycle && d.Day < phase.Day) == 8, $"{p.Name}: maintenance began on day {phase.Day} after {o.Decisions.Count(d => d.Kind == DecisionKind.Cycle && d.Day < phase.Day)} cycles");
});
