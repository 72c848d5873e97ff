// Protocol invariants of placebo-Rd (rules/placebo-rd.ixr) over its examples and a virtual cohort.
var rules = Rules("placebo-rd.ixr");
var runs = rules.RunAll("placebo-Rd", Patients("../examples/placebo-rd", rules, "placebo-Rd").Concat(Cohort(200, seed: 12)), days: 168);

Check("blinding: placebo is held and reduced exactly like ixazomib (levels 4, 3, 2.3 mg)", () =>
{
    foreach (var (p, o) in runs)
        foreach (var a in o.Administrations.Where(a => a.Drug == "placebo" && a.Status == DoseStatus.Given))
            Assert(a.GivenMg is 4m or 3m or 2.3m, $"{p.Name}: placebo {a.GivenMg} mg on day {a.Day}");
});

Check("no placebo or lenalidomide on a day whose latest platelet count is below 30 x10^9/L", () =>
{
    foreach (var (p, o) in runs)
        foreach (var a in o.Administrations.Where(a => a.Status == DoseStatus.Given && a.Drug is "placebo" or "lenalidomide"))
            Assert(!(p.LabOn("platelets", a.Day) < 30), $"{p.Name}: {a.Drug} on day {a.Day} with platelets {p.LabOn("platelets", a.Day)}");
});

Check("no ixazomib exposure is reported for the placebo arm", () =>
{
    foreach (var (p, o) in runs)
        Assert(o.Exposure is null, $"{p.Name}: exposure reported");
});
