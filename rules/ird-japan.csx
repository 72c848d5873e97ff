// Protocol invariants of the Japanese IRd study (rules/ird-japan.ixr) over its examples and a virtual cohort.
var rules = Rules("ird-japan.ixr");
var patients = Patients("../examples/ird-japan", rules, "IRd-JP").Concat(Cohort(200, seed: 13)).ToList();
var runs = rules.RunAll("IRd-JP", patients, days: 112);

Check("lenalidomide starts at 10 mg exactly when CrCl < 60 mL/min (seed 001 l.173-174)", () =>
{
    foreach (var (p, o) in runs)
    {
        var first = o.Administrations.FirstOrDefault(a => a.Drug == "lenalidomide" && a.Status == DoseStatus.Given);
        if (first is null || p.Patient.EffectiveCrCl is not { } crcl) continue;
        Assert(first.GivenMg == (crcl < 60 ? 10m : 25m), $"{p.Name}: CrCl {crcl:0.#}, lenalidomide started at {first.GivenMg} mg");
    }
});

Check("no ixazomib or lenalidomide while a grade 3 rash lasts", () =>
{
    foreach (var (p, o) in runs)
        foreach (var a in o.Administrations.Where(a => a.Status == DoseStatus.Given && a.Drug is "ixazomib" or "lenalidomide"))
            Assert(!(a.Drug == "lenalidomide" && p.GradeOn("rash", a.Day) == 3), $"{p.Name}: lenalidomide on day {a.Day} during a grade 3 rash");
});
