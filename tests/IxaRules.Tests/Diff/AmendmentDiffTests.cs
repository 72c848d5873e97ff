using System.Text.Json;
using IxaRules.Binding;
using IxaRules.Diff;
using IxaRules.Evaluation;
using IxaRules.Text;

namespace IxaRules.Tests.Diff;

/// <summary>
/// The six amendment fixtures (Diff/Amendments/*/old.ixr → new.ixr, described in their README):
/// each asserts the reported change and region, and that the written counterexample reproduces —
/// `ixarules run` of each version on the written files gives the two administrations reported.
/// </summary>
public sealed class AmendmentDiffTests : TempFolderTest
{
    private static string Fixture(string name, string version) => Path.Combine(TestPaths.Root, "tests", "IxaRules.Tests", "Diff", "Amendments", name, version + ".ixr");

    private static BoundFile Load(string path) => RuleFiles.Check(SourceText.FromFile(path)).Model ?? throw new InvalidOperationException(path + " has errors");

    private static RegimenDiff Diff(string fixture, bool useSolver = true)
    {
        var result = AmendmentDiff.Compare(Load(Fixture(fixture, "old")), Load(Fixture(fixture, "new")), null, useSolver: useSolver);
        return Assert.Single(result.Regimens);
    }

    [Fact]
    public void The_ladder_amendment_shows_the_new_levels_and_the_patient_reduced_once()
    {
        var diff = Diff("ladder");
        var levels = Assert.Single(diff.Changes, c => c.Kind == ChangeKind.Changed);
        Assert.Equal("drug lenalidomide", levels.Subject);
        Assert.Equal("levels: 25 mg > 15 mg > 10 mg > 5 mg → 25 mg > 20 mg > 15 mg > 10 mg > 5 mg > 2.5 mg", levels.Text);
        Assert.Equal(["level 20 mg", "level 2.5 mg"], diff.Changes.Where(c => c.Kind == ChangeKind.Added).Select(c => c.Text));
        Assert.Equal(18, levels.OldAt!.Value.Line);
        Assert.Equal(18, levels.NewAt!.Value.Line);

        var ce = Reproduced("ladder", diff);
        Assert.Equal("lenalidomide", ce.Difference.Drug);
        Assert.Equal("lenalidomide 15 mg given", ce.Difference.Old);
        Assert.Equal("lenalidomide 20 mg given", ce.Difference.New);
    }

    [Fact]
    public void The_crcl_cut_off_differs_exactly_at_60()
    {
        var diff = Diff("crcl-cutoff");
        var change = Assert.Single(diff.Changes);
        Assert.Equal("start lenalidomide at 10 mg", change.Subject);
        Assert.Equal("when crcl <= 60 mL/min → crcl < 60 mL/min", change.Text);
        var only = Assert.Single(change.Verdict!.Disagreements);
        Assert.Equal((Truth.True, Truth.False), (only.Old, only.New));
        Assert.Equal(["crcl = 60 mL/min"], only.Region);
        Assert.Equal("60", only.Witness.Covariates["crcl"]);

        var ce = Reproduced("crcl-cutoff", diff);
        Assert.Equal((1, "lenalidomide 10 mg given", "lenalidomide 25 mg given"), (ce.Difference.Day, ce.Difference.Old, ce.Difference.New));
        Assert.Equal("", ce.Case.EventsText());
    }

    [Fact]
    public void A_starting_dose_row_whose_dose_changed_is_one_row_changed()
    {
        var old = Fixture("crcl-cutoff", "old");
        var @new = Write("new.ixr", File.ReadAllText(old).Replace("start lenalidomide at 10 mg when crcl <= 60 mL/min", "start lenalidomide at 15 mg when crcl <= 60 mL/min", StringComparison.Ordinal));
        var diff = Assert.Single(AmendmentDiff.Compare(Load(old), Load(@new), null).Regimens);
        var change = Assert.Single(diff.Changes);
        Assert.Equal((ChangeKind.Changed, "start lenalidomide at 10 mg", "dose: 10 mg → 15 mg"), (change.Kind, change.Subject, change.Text));
        Assert.Equal("lenalidomide 15 mg given", diff.Counterexample!.Difference.New);
    }

    [Fact]
    public void The_threshold_change_is_the_band_from_25_to_30()
    {
        var diff = Diff("threshold");
        var change = Assert.Single(diff.Changes);
        Assert.Equal(("rule thrombocytopenia", "when platelets < 30 ×10⁹/L → platelets < 25 ×10⁹/L"), (change.Subject, change.Text));
        var only = Assert.Single(change.Verdict!.Disagreements);
        Assert.Equal((Truth.True, Truth.False), (only.Old, only.New));
        Assert.Equal(["platelets in [25, 30) ×10⁹/L"], only.Region);

        var ce = Reproduced("threshold", diff);
        Assert.Equal(("lenalidomide held", "lenalidomide 25 mg given"), (ce.Difference.Old, ce.Difference.New));
        Assert.Contains("platelets 25 x10^9/L", ce.Case.EventsText(), StringComparison.Ordinal);
    }

    [Fact]
    public void The_resume_level_change_is_found_after_one_neutropenia()
    {
        var diff = Diff("resume-level");
        var change = Assert.Single(diff.Changes);
        Assert.Equal("rule neutropenia, occurrence 1 or later", change.Subject);
        Assert.StartsWith("on recovery: alternate lenalidomide, ixazomib next lower", change.Text, StringComparison.Ordinal);
        Assert.EndsWith("→ resume ixazomib same, lenalidomide same", change.Text, StringComparison.Ordinal);
        Assert.Null(change.Verdict);

        var ce = Reproduced("resume-level", diff);
        Assert.Equal(("lenalidomide 15 mg given", "lenalidomide 25 mg given"), (ce.Difference.Old, ce.Difference.New));
    }

    [Fact]
    public void The_refactor_is_proven_equivalent()
    {
        var diff = Diff("refactor");
        var change = Assert.Single(diff.Changes);
        Assert.True(change.ProvenEquivalent);
        Assert.Equal("=", change.Sign);
        Assert.True(diff.ProvenEquivalent);
        Assert.Null(diff.Counterexample);
        Assert.Null(diff.Bound);

        var (exit, stdout, _) = CliRunner.Run("diff", Fixture("refactor", "old"), Fixture("refactor", "new"));
        Assert.Equal(0, exit);
        Assert.Contains("Every change is proven equivalent: no patient is affected.", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void The_second_occurrence_change_needs_two_rash_episodes()
    {
        var diff = Diff("second-occurrence");
        var change = Assert.Single(diff.Changes);
        Assert.Equal(("rule rash, occurrence 2 or later", "hold until rash grade <= 1 → rash grade 0"), (change.Subject, change.Text));
        var only = Assert.Single(change.Verdict!.Disagreements);
        Assert.Equal(["rash grade 1"], only.Region);

        var ce = Reproduced("second-occurrence", diff);
        var onsets = ce.Case.Days.Count(d => d.Events.Any(e => e.Name == "rash" && e.Grade >= 2));
        Assert.Equal(2, onsets);
        Assert.True(ce.Difference.Day > 28, "the difference can only follow the second episode");
    }

    [Fact]
    public void Without_the_solver_the_search_still_finds_a_threshold_change_but_proves_nothing()
    {
        var diff = Diff("threshold", useSolver: false);
        Assert.Null(Assert.Single(diff.Changes).Verdict);
        Assert.NotNull(diff.Counterexample);
        Assert.False(diff.ProvenEquivalent);

        var refactor = Diff("refactor", useSolver: false);
        Assert.False(refactor.ProvenEquivalent);
        Assert.Null(refactor.Counterexample);
        Assert.True(refactor.Bound!.Cases > 1);
    }

    [Fact]
    public void The_cli_reports_exit_codes_formats_and_bad_input()
    {
        var (old, @new) = (Fixture("threshold", "old"), Fixture("threshold", "new"));
        var text = CliRunner.Run("diff", old, @new);
        Assert.Equal(1, text.Exit);
        Assert.Contains("~ rule thrombocytopenia: when platelets < 30 ×10⁹/L → platelets < 25 ×10⁹/L", text.Stdout, StringComparison.Ordinal);
        Assert.Contains($"{old}:42 → {@new}:42", text.Stdout, StringComparison.Ordinal);

        var markdown = CliRunner.Run("diff", old, @new, "--format", "markdown");
        Assert.Contains("```diff\n~ rule thrombocytopenia", markdown.Stdout, StringComparison.Ordinal);
        Assert.Contains("**First difference:** day 2, lenalidomide", markdown.Stdout, StringComparison.Ordinal);

        var json = CliRunner.Run("diff", old, @new, "--format", "json");
        Assert.Equal(json.Stdout, CliRunner.Run("diff", old, @new, "--format", "json").Stdout);
        using var doc = JsonDocument.Parse(json.Stdout);
        var regimen = doc.RootElement.GetProperty("regimens")[0];
        Assert.Equal("platelets in [25, 30) ×10⁹/L", regimen.GetProperty("changes")[0].GetProperty("disagreements")[0].GetProperty("region")[0].GetString());
        Assert.Equal(2, regimen.GetProperty("counterexample").GetProperty("day").GetInt32());

        Assert.Equal(2, CliRunner.Run("diff", old, Path.Combine(Dir, "missing.ixr")).Exit);
        var noOut = CliRunner.Run("diff", old, @new, "--out", "");
        Assert.Equal((2, "error: --out needs a directory name\n"), (noOut.Exit, noOut.Stderr));
        Assert.Contains("warning: -n and --seed choose the virtual patients of --population", CliRunner.Run("diff", old, @new, "-n", "5").Stderr, StringComparison.Ordinal);
        var other = Write("other.ixr", File.ReadAllText(@new).Replace("regimen IRd", "regimen IRd2", StringComparison.Ordinal).Replace("for IRd", "for IRd2", StringComparison.Ordinal));
        var none = CliRunner.Run("diff", old, other);
        Assert.Equal(1, none.Exit);
        Assert.Contains("- regimen IRd (removed)", none.Stdout, StringComparison.Ordinal);
        Assert.Contains("No regimen is declared by both files: nothing was compared", none.Stdout, StringComparison.Ordinal);
        var wrong = CliRunner.Run("diff", old, @new, "--regimen", "VRd");
        Assert.Equal(2, wrong.Exit);
        Assert.Contains("regimen `VRd` is not declared by both files (old: IRd; new: IRd)", wrong.Stderr, StringComparison.Ordinal);
        var broken = Write("broken.ixr", File.ReadAllText(@new).Replace("when platelets < 25,000/mm3", "when platelets <", StringComparison.Ordinal));
        var errors = CliRunner.Run("diff", old, broken);
        Assert.Equal(1, errors.Exit);
        Assert.Contains("has errors; nothing was compared", errors.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void A_population_replay_counts_the_patients_whose_administrations_changed()
    {
        var (exit, stdout, _) = CliRunner.Run("diff", Fixture("ladder", "old"), Fixture("ladder", "new"),
            "--population", Path.Combine(TestPaths.Root, "populations", "mm1.yaml"), "-n", "200", "--format", "json");
        Assert.Equal(1, exit);
        using var doc = JsonDocument.Parse(stdout);
        var population = doc.RootElement.GetProperty("regimens")[0].GetProperty("population");
        Assert.Equal(200, population.GetProperty("patients").GetInt32());
        var changed = population.GetProperty("administrationsChanged").GetInt32();
        Assert.InRange(changed, 1, 199);
        var lenalidomide = population.GetProperty("drugs").EnumerateArray().Single(d => d.GetProperty("drug").GetString() == "lenalidomide");
        Assert.True(lenalidomide.GetProperty("meanRdiNew").GetDecimal() > lenalidomide.GetProperty("meanRdiOld").GetDecimal(),
            "a ladder with a 20 mg step keeps reduced patients on more lenalidomide");
        var ixazomib = population.GetProperty("drugs").EnumerateArray().Single(d => d.GetProperty("drug").GetString() == "ixazomib");
        Assert.Equal(ixazomib.GetProperty("meanRdiOld").GetDecimal(), ixazomib.GetProperty("meanRdiNew").GetDecimal());
    }

    private Counterexample Reproduced(string fixture, RegimenDiff diff) =>
        CounterexampleReplay.Check(Dir, fixture, diff, Fixture(fixture, "old"), Fixture(fixture, "new"));
}
