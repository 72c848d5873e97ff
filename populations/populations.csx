// Each shipped population, replayed through its rules (docs/cohort.md): every published figure
// without a documented gap stays inside the tolerance its population file states. Run by
// `ixarules test populations/`; paths are relative to this file. 2,000 patients per arm, seed 1.
foreach (var (rules, population, regimen) in new[]
{
    ("../rules/ird.ixr", "mm1.yaml", "IRd"),
    ("../rules/placebo-rd.ixr", "mm1.yaml", "placebo-Rd"),
    ("../rules/ird-japan.ixr", "japan-p2.yaml", "IRd-JP"),
    ("../rules/itd.ixr", "itd.yaml", "ITd"),
})
{
    Check($"{population} {regimen}: the replay holds the published figures within their tolerances or documented gaps", () =>
    {
        var outside = ReplayOutsideTolerance(rules, population, regimen);
        Assert(outside.Count == 0, string.Join("; ", outside));
    });
}
