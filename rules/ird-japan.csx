// Protocol invariants of the Japanese IRd study (rules/ird-japan.ixr) over its examples and a virtual cohort.
var rules = Rules("ird-japan.ixr");
var patients = Patients("../examples/ird-japan", rules, "IRd-JP").Concat(Cohort(200, seed: 13)).ToList();
var runs = rules.RunAll("IRd-JP", patients, days: 112);

Check("lenalidomide starts at 5 mg on dialysis, 15 mg below CrCl 30, 10 mg below CrCl 60 mL/min (seed 001 l.174-175; facts §2.4)", () =>
{
    foreach (var (p, o) in runs)
    {
        var first = o.Administrations.FirstOrDefault(a => a.Drug == "lenalidomide" && a.Status == DoseStatus.Given);
        if (first is null || p.Patient.EffectiveCrCl is not { } crcl) continue;
        var expected = p.Patient.Dialysis == true ? 5m : crcl < 30 ? 15m : crcl < 60 ? 10m : 25m;
        Assert(first.GivenMg == expected, $"{p.Name}: CrCl {crcl:0.#}, lenalidomide started at {first.GivenMg} mg, not {expected} mg");
    }
});

Check("no ixazomib or lenalidomide while a grade 3 rash lasts (both held from grade 2, seed 001 l.680-685)", () =>
{
    foreach (var (p, o) in runs)
        foreach (var a in o.Administrations.Where(a => a.Status == DoseStatus.Given && a.Drug is "ixazomib" or "lenalidomide"))
            Assert(p.GradeOn("rash", a.Day) != 3, $"{p.Name}: {a.Drug} on day {a.Day} during a grade 3 rash");
});
