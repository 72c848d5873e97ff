using System.Text.RegularExpressions;
using IxaRules.Cohort;
using IxaRules.Text;

namespace IxaRules.Tests.Cohort;

/// <summary>
/// The in-silico trial: population files are read with located errors; the generator honours the
/// model's inputs within sampling error; a cohort is the same for a seed on any number of threads;
/// `ixarules cohort` prints the published figures beside the simulated ones.
/// </summary>
public partial class CohortTests
{
    private static readonly Population Mm1 = Load(Path.Combine(TestPaths.Populations, "mm1.yaml"));

    private static Population Load(string path)
    {
        var (population, problems) = PopulationFile.Load(SourceText.FromFile(path));
        Assert.True(population is not null, string.Join("\n", problems));
        return population!;
    }

    private static Arm Ird => Mm1.ArmFor("IRd")!;

    [Fact]
    public void The_shipped_population_has_both_arms_and_every_parameter_cites_a_source()
    {
        Assert.Equal(["IRd", "placebo-Rd"], Mm1.Arms.Select(a => a.Regimen));
        Assert.All(Mm1.Arms.SelectMany(a => a.Events), e => Assert.Matches(@"seed 00\d", e.Source));
        Assert.All(Mm1.Arms.SelectMany(a => a.Published), p => Assert.Matches(@"seed 00\d .*l\.\d+", p.Source));
        Assert.Equal(0.07m, Ird.Events.Single(e => e.Name == "thrombocytopenia").WorstGrade[4].Value);
    }

    [Fact]
    public void Realised_episode_rates_match_the_models_hazards_within_sampling_error()
    {
        var generator = new PatientGenerator(Ird, Mm1.FollowUpCycles);
        var patients = Enumerable.Range(0, 4_000).Select(i => generator.Generate(11, i)).ToList();
        foreach (var process in Ird.Events.Where(e => e.AtLeast(1) > 0))
        {
            var realised = patients.Select(p => p.Realised.Single(r => r.Name == process.Name)).ToList();
            var cycles = realised.Sum(r => r.CyclesAtRisk);
            var rate = (double)realised.Sum(r => r.Episodes) / cycles;
            var hazard = generator.HazardAtLeast(process.Name, 1);
            var error = Math.Sqrt(hazard * (1 - hazard) / cycles);
            Assert.True(Math.Abs(rate - hazard) < 4 * error, $"{process.Name}: {rate:0.0000} episodes per cycle, hazard {hazard:0.0000} ± {error:0.0000}");

            // And the patient-level incidence the table gives (worst grade ≥ 3) comes back.
            var incidence = (double)process.AtLeast(3);
            var observed = realised.Count(r => r.WorstGrade >= 3) / (double)patients.Count;
            var spread = Math.Sqrt(Math.Max(incidence * (1 - incidence), 1e-4) / patients.Count);
            Assert.True(Math.Abs(observed - incidence) < (4 * spread) + 0.005, $"{process.Name}: {observed:P1} with worst grade ≥ 3, model {incidence:P1}");
        }
    }

    [Fact]
    public void Covariates_follow_the_baseline_table()
    {
        var generator = new PatientGenerator(Ird, Mm1.FollowUpCycles);
        var patients = Enumerable.Range(0, 4_000).Select(i => generator.Generate(3, i).Patient).ToList();
        AssertFraction(patients.Count(p => p.Age > 65), patients.Count, 0.53);
        AssertFraction(patients.Count(p => p.Sex == "male"), patients.Count, 0.58);
        AssertFraction(patients.Count(p => p.CreatinineClearance is >= 30 and < 60), patients.Count, 0.21);
        Assert.All(patients, p => Assert.InRange(p.Age!.Value, 38, 91));
        Assert.All(patients, p => Assert.Equal("none", p.Hepatic));
    }

    private static void AssertFraction(int count, int total, double expected)
    {
        var observed = (double)count / total;
        Assert.True(Math.Abs(observed - expected) < 4 * Math.Sqrt(expected * (1 - expected) / total), $"{observed:P1}, expected {expected:P1}");
    }

    [Fact]
    public void A_cohort_is_the_same_for_a_seed_on_one_thread_or_two_and_differs_for_another_seed()
    {
        var model = RuleFiles.Check(SourceText.FromFile(Path.Combine(TestPaths.Rules, "ird.ixr"))).Model!;
        using var prepared = PreparedRegimen.Prepare(model, "IRd", Backend.Interpreted);
        string Json(int seed, int threads)
        {
            var figures = CohortRunner.Run(prepared, Mm1, Ird, 700, seed, threads: threads); // more than one batch
            return CohortReport.Json([new CohortResult(Mm1, Ird, 700, seed, figures)]);
        }

        var one = Json(5, 1);
        Assert.Equal(one, Json(5, 2));
        Assert.NotEqual(one, Json(6, 2));
        Assert.Contains("\"treated\": 700", one);
    }

    [Fact]
    public void Every_virtual_patient_has_what_the_regimen_needs_and_deaths_come_back()
    {
        var model = RuleFiles.Check(SourceText.FromFile(Path.Combine(TestPaths.Rules, "ird.ixr"))).Model!;
        using var prepared = PreparedRegimen.Prepare(model, "IRd", Backend.Compiled);
        var figures = CohortRunner.Run(prepared, Mm1, Ird, 2_000, 1);
        Assert.Equal(0, figures.Ended(CourseEnd.Refused));
        Assert.InRange(figures.Percent(figures.Ended(CourseEnd.Death))!.Value, 2.6m, 5.4m); // 4 % ± 4 SE of 2,000
        Assert.InRange(figures.Reduced("ixazomib")!.Value, 5m, 40m);
        Assert.Equal(100m, figures.MedianRdi("dexamethasone")); // no dexamethasone rule in ird.ixr: a gap docs/cohort.md explains
    }

    [Fact]
    public void The_cli_prints_each_published_figure_beside_the_simulated_one_and_writes_a_row_per_patient()
    {
        var dir = Directory.CreateTempSubdirectory("ixr-cohort").FullName;
        try
        {
            var (exit, stdout, stderr) = CliRunner.Run("cohort", Path.Combine(TestPaths.Rules, "ird.ixr"), "--population", Path.Combine(TestPaths.Populations, "mm1.yaml"),
                "-n", "300", "--seed", "2", "--out", dir);
            Assert.True(exit == 0, stdout + stderr);
            Assert.Matches(@"median RDI ixazomib \(%\)\s+[\d.]+\s+97\.4\s+± 5\s+(within|OUTSIDE)\s+seed 002 l\.590-591", stdout);
            Assert.Contains("regimen stopped for adverse events (%)", stdout, StringComparison.Ordinal);
            Assert.Matches(@"thrombocytopenia\s+31\s+[\d.]+\s+19\s+[\d.]+", stdout);
            var rows = File.ReadAllLines(Path.Combine(dir, "IRd.csv"));
            Assert.Equal(301, rows.Length);
            Assert.StartsWith("patient,age,sex,crcl,cycles,end,stopped_on,auc_per_day,ixazomib_rdi", rows[0], StringComparison.Ordinal);
            Assert.StartsWith("p1,", rows[1], StringComparison.Ordinal);

            Assert.Contains("gap 1: median RDI lenalidomide (%): no missed doses", stdout, StringComparison.Ordinal);

            // --check holds the figures without a documented gap to their tolerance: take one gap away and it fails.
            var undocumented = Path.Combine(dir, "undocumented.yaml");
            File.WriteAllText(undocumented, string.Join('\n', File.ReadAllLines(Path.Combine(TestPaths.Populations, "mm1.yaml"))
                .Select(l => l.Contains("figure: discontinued-ae, value: 17", StringComparison.Ordinal) ? Regex.Replace(l, @"gap: ""[^""]*"", ", "") : l)));
            var (checkExit, checkOut, _) = CliRunner.Run("cohort", Path.Combine(TestPaths.Rules, "ird.ixr"), "--population", undocumented, "-n", "300", "--check");
            Assert.Equal(1, checkExit);
            Assert.Matches(@"regimen stopped for adverse events \(%\)\s+0\s+17\s+± 5\s+OUTSIDE", checkOut);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    public static TheoryData<string, string> ShippedArms()
    {
        var data = new TheoryData<string, string>();
        foreach (var file in Directory.EnumerateFiles(TestPaths.Populations, "*.yaml").Order(StringComparer.Ordinal))
        {
            foreach (var arm in Load(file).Arms)
            {
                data.Add(Path.GetFileName(file), arm.Regimen);
            }
        }

        return data;
    }

    /// <summary>The rule file each regimen of a shipped population is written in.</summary>
    private static string RulesOf(string regimen) =>
        Directory.EnumerateFiles(TestPaths.Rules, "*.ixr").Order(StringComparer.Ordinal)
            .First(f => RuleFiles.Check(SourceText.FromFile(f)).Model!.Regimens.Any(r => r.Name == regimen));

    [Theory]
    [MemberData(nameof(ShippedArms))]
    public void Every_shipped_arm_replays_within_its_stated_tolerances_or_its_documented_gaps(string file, string regimen)
    {
        var population = Load(Path.Combine(TestPaths.Populations, file));
        var arm = population.ArmFor(regimen)!;
        var model = RuleFiles.Check(SourceText.FromFile(RulesOf(regimen))).Model!;
        using var prepared = PreparedRegimen.Prepare(model, regimen, Backend.Compiled);
        var figures = CohortRunner.Run(prepared, population, arm, 2_000, 1);
        Assert.Equal(0, figures.Ended(CourseEnd.Refused));
        var outside = arm.Published.Where(p => p.Gap is null && !CohortReport.Within(p, figures.Simulated(p)))
            .Select(p => $"{CohortReport.Label(p)}: simulated {figures.Simulated(p)}, published {p.Value} ± {p.Tolerance} ({p.Source})").ToList();
        Assert.True(outside.Count == 0, string.Join("\n", outside));
        Assert.All(arm.Published.Where(p => p.Gap is not null), p => Assert.Contains("docs/cohort.md", p.Gap!, StringComparison.Ordinal));
    }

    [Fact]
    public void The_population_checks_run_under_ixarules_test()
    {
        var (exit, stdout, stderr) = CliRunner.Run("test", "populations");
        Assert.True(exit == 0, stdout + stderr);
        Assert.Contains("4 passed, 0 failed", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Out_replaces_a_planted_link_instead_of_writing_through_it_and_refuses_what_is_not_a_directory()
    {
        var dir = Directory.CreateTempSubdirectory("ixr-cohort-out").FullName;
        try
        {
            var victim = Path.Combine(dir, "victim.txt");
            File.WriteAllText(victim, "keep");
            var outDir = Directory.CreateDirectory(Path.Combine(dir, "out")).FullName;
            File.CreateSymbolicLink(Path.Combine(outDir, "IRd.csv"), victim);
            string[] run = ["cohort", Path.Combine(TestPaths.Rules, "ird.ixr"), "--population", Path.Combine(TestPaths.Populations, "mm1.yaml"), "-n", "20"];

            Assert.Equal(0, CliRunner.Run([.. run, "--out", outDir]).Exit);
            Assert.Equal("keep", File.ReadAllText(victim));
            Assert.Null(new FileInfo(Path.Combine(outDir, "IRd.csv")).LinkTarget);
            Assert.Equal(21, File.ReadAllLines(Path.Combine(outDir, "IRd.csv")).Length);
            Assert.Single(Directory.EnumerateFiles(outDir)); // no temporary file left behind

            var (emptyExit, _, emptyErr) = CliRunner.Run([.. run, "--out", ""]);
            Assert.Equal((2, "error: --out needs a directory"), (emptyExit, emptyErr.Trim()));
            var (fileExit, _, fileErr) = CliRunner.Run([.. run, "--out", victim]);
            Assert.Equal(2, fileExit);
            Assert.Contains("is a file, not a directory", fileErr, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Theory]
    [InlineData("0")]
    [InlineData("10000001")]
    public void A_cohort_size_out_of_range_is_a_usage_error(string n)
    {
        var (exit, _, stderr) = CliRunner.Run("cohort", Path.Combine(TestPaths.Rules, "ird.ixr"), "--population", Path.Combine(TestPaths.Populations, "mm1.yaml"), "-n", n);
        Assert.Equal(2, exit);
        Assert.Contains("-n must be between 1 and 10000000", stderr, StringComparison.Ordinal);
    }

    [GeneratedRegex(@"^# expect: (IXR\d{4}) at (\d+):(\d+)")]
    private static partial Regex Expect();

    public static TheoryData<string> BadPopulations() =>
        new(Directory.EnumerateFiles(TestPaths.PopulationCorpus, "*.yaml").Order(StringComparer.Ordinal).Select(TestPaths.Relative));

    [Theory]
    [MemberData(nameof(BadPopulations))]
    public void A_bad_population_file_is_a_located_error_and_nothing_runs(string file)
    {
        var expect = Expect().Match(File.ReadAllText(Path.Combine(TestPaths.Root, file)));
        Assert.True(expect.Success, $"{file} must start with `# expect: IXRnnnn at line:col`");
        var (exit, stdout, stderr) = CliRunner.Run("cohort", "rules/ird.ixr", "--population", file, "-n", "10");
        Assert.Equal(1, exit);
        var first = Regex.Match(stdout, @"^error\[(IXR\d{4})\]: .*\n\s*--> (.*?):(\d+):(\d+)", RegexOptions.Multiline);
        Assert.True(first.Success, stdout + stderr);
        Assert.Equal((expect.Groups[1].Value, $"{expect.Groups[2].Value}:{expect.Groups[3].Value}"), (first.Groups[1].Value, $"{first.Groups[3].Value}:{first.Groups[4].Value}"));
        Assert.DoesNotContain("virtual patients", stdout, StringComparison.Ordinal); // no table: nothing ran
        TestPaths.CompareBaseline(Path.Combine(TestPaths.Root, file) + ".diagnostics", stdout);
    }
}
