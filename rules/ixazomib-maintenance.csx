// Protocol invariants of ixazomib maintenance (rules/ixazomib-maintenance.ixr).
var rules = Rules("ixazomib-maintenance.ixr");
var runs = rules.RunAll("ixazomib-maintenance", Patients("../examples/ixazomib-maintenance", rules, "ixazomib-maintenance").Concat(Cohort(200, seed: 17)), days: 200);

Check("3 mg in cycles 1-4; 4 mg only from cycle 5 (facts §1.7)", () =>
{
    foreach (var (p, o) in runs)
        foreach (var a in o.Administrations.Where(a => a.Status == DoseStatus.Given))
            Assert(a.Cycle >= 5 ? a.GivenMg <= 4 : a.GivenMg <= 3, $"{p.Name}: {a.GivenMg} mg in cycle {a.Cycle}");
});

Check("titration to 4 mg only if ixazomib was never held, reduced or delayed before cycle 5", () =>
{
    foreach (var (p, o) in runs)
    {
        var raised = o.Administrations.Any(a => a.Status == DoseStatus.Given && a.GivenMg == 4);
        var troubled = o.Administrations.Any(a => a.Cycle < 5 && a.Status == DoseStatus.Held) || o.Metrics[0].FirstReductionDay is { } d && o.Administrations.Any(a => a.Cycle < 5 && a.Day >= d);
        var delayed = o.Administrations.Any(a => a.Cycle <= 5 && a.Status == DoseStatus.Delayed);
        Assert(!(raised && (troubled || delayed)), $"{p.Name}: titrated although held, reduced or delayed in cycles 1-4");
    }
});

Check("never above 3 mg for CrCl < 30 mL/min or moderate or severe hepatic impairment (facts §1.5)", () =>
{
    foreach (var (p, o) in runs.Where(r => r.Patient.Patient.EffectiveCrCl < 30 || r.Patient.Patient.Hepatic is "moderate" or "severe"))
        foreach (var a in o.Administrations.Where(a => a.Status == DoseStatus.Given))
            Assert(a.GivenMg <= 3, $"{p.Name}: {a.GivenMg} mg on day {a.Day}");
});

Check("no ixazomib on a day whose latest ANC is below 0.5 x10^9/L", () =>
{
    foreach (var (p, o) in runs)
        foreach (var a in o.Administrations.Where(a => a.Status == DoseStatus.Given))
            Assert(!(p.LabOn("anc", a.Day) < 0.5m), $"{p.Name}: ixazomib on day {a.Day} with ANC {p.LabOn("anc", a.Day)}");
});
