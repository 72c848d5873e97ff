using IxaRules.Evaluation;
using IxaRules.Text;
using static IxaRules.Tests.Evaluation.RunHarness;

namespace IxaRules.Tests.Evaluation;

/// <summary>An unknown covariate never means a full dose: the run is refused, located, unless the file says what to do.</summary>
public class UnknownCovariateTests
{
    private static string Ird => Path.Combine(TestPaths.Rules, "ird.ixr");

    private static (Binding.BoundFile Model, Binding.Regimen Regimen) Load(string text)
    {
        var result = RuleFiles.Check(new SourceText("t.ixr", text));
        Assert.False(result.HasErrors, string.Join("\n", result.Diagnostics));
        return (result.Model!, result.Model!.Regimens[0]);
    }

    [Fact]
    public void A_run_whose_starting_dose_needs_an_unknown_crcl_is_refused_and_gives_nothing()
    {
        var (model, regimen) = Load(IRd);
        var patient = PatientFactory.Build("no-crcl", [new("age", 70, null), new("hepatic", null, "none"), new("dialysis", null, "no")]);
        var o = RuleFiles.Run(model, regimen, patient, []);
        Assert.True(o.Refused);
        Assert.Empty(o.Administrations);
        Assert.Null(o.Exposure);
        Assert.Equal("refused: ixazomib's starting dose depends on `crcl`, which is unknown for patient `no-crcl` (and 1 more)", o.EndReason);
        // One refusal per drug, each citing the adjustment that needs the value.
        Assert.Equal(["t.ixr:12", "t.ixr:9"], o.Decisions.Where(d => d.Kind == DecisionKind.Refusal).Select(d => d.Source.ToString()));
        Assert.Contains("\"refused\": true", OutcomeJson.Write(o));
    }

    [Fact]
    public void A_scenario_patient_without_a_needed_covariate_is_a_located_check_error()
    {
        var result = RuleFiles.Check(new SourceText("t.ixr", IRd + """
            scenario "no hepatic class"
              patient age 66, crcl 78 mL/min, dialysis no
            """));
        var error = Assert.Single(result.Diagnostics, d => d.IsError);
        Assert.Equal("IXR4202", error.Code);
        Assert.Equal((21, 3), error.Start);
        Assert.Contains("ixazomib's starting dose depends on `hepatic`", error.Message);
        Assert.Contains("add to the scenario's `patient` `hepatic none`", error.Help);
        Assert.Contains("t.ixr:12", error.Help); // where `if unknown …` could be written instead
        Assert.Null(result.Model);
    }

    [Fact]
    public void A_scenario_with_a_dose_per_square_metre_needs_a_height_and_a_weight()
    {
        var result = RuleFiles.Check(new SourceText("t.ixr", """
            regimen weekly
              cycle 28 days for 1 cycles
              drug ixazomib oral 2.97 mg/m2 days 1, 8, 15

            scenario "no height"
              patient weight 70 kg
            """));
        var error = Assert.Single(result.Diagnostics);
        Assert.Equal(("IXR4201", 6), (error.Code, error.Start.Line));
    }

    [Fact]
    public void The_cli_refuses_a_patient_file_without_crcl_at_its_first_line_with_how_to_give_it()
    {
        var dir = Directory.CreateTempSubdirectory("ixr-unknown");
        var patient = Path.Combine(dir.FullName, "p.patient.yaml");
        File.WriteAllText(patient, "age: 70\nsex: male\nhepatic: none\ndialysis: false\n");
        var (exit, stdout, stderr) = CliRunner.Run("run", Ird, "--patient", patient);
        Assert.Equal(1, exit);
        Assert.Contains("error[IXR4202]: lenalidomide's starting dose depends on `crcl`, which the patient file does not give", stdout);
        Assert.Contains($"--> {patient}:1:1", stdout);
        Assert.Contains("give `crcl: 78 mL/min`, or `creatinine: 1.1 mg/dL` with `age`, `weight` and `sex`", stdout);
        Assert.Contains("nothing was run", stderr);
    }

    [Fact]
    public void A_covariate_written_as_unknown_is_reported_at_its_value()
    {
        var dir = Directory.CreateTempSubdirectory("ixr-unknown");
        var patient = Path.Combine(dir.FullName, "p.patient.yaml");
        File.WriteAllText(patient, "age: 70\ncrcl: 80 mL/min\nhepatic: unknown\ndialysis: false\n");
        var (exit, stdout, _) = CliRunner.Run("run", Ird, "--patient", patient);
        Assert.Equal(1, exit);
        Assert.Contains("ixazomib's starting dose depends on `hepatic`, which the patient file gives as unknown", stdout);
        Assert.Contains($"--> {patient}:3:10", stdout);
    }

    [Theory]
    [InlineData("ird.ixr")]
    [InlineData("placebo-rd.ixr")]
    [InlineData("ird-japan.ixr")]
    public void In_the_shipped_rules_crcl_below_30_with_dialysis_unstated_refuses_and_stated_decides(string file)
    {
        var model = RuleFiles.Check(SourceText.FromFile(Path.Combine(TestPaths.Rules, file))).Model!;
        var regimen = model.Regimens[0];
        Patient With(params Binding.PatientFact[] extra) =>
            PatientFactory.Build("p", [new("age", 70, null), new("crcl", 20, null), new("hepatic", null, "none"), .. extra]);
        var unstated = RuleFiles.Run(model, regimen, With(), []);
        Assert.True(unstated.Refused, $"{file}: lenalidomide's CrCl < 30 row depends on dialysis, which was not given");
        Assert.Contains(unstated.Decisions, d => d.Kind == DecisionKind.Refusal && d.Name == "lenalidomide");
        var notOnDialysis = RuleFiles.Run(model, regimen, With(new Binding.PatientFact("dialysis", null, "no")), [new PatientEvent(1, EventKind.Lab, "platelets", 200, [], null, 0), new PatientEvent(1, EventKind.Lab, "anc", 2.5m, [], null, 0)]);
        notOnDialysis.Given("lenalidomide", 1, 15);
        Assert.DoesNotContain(notOnDialysis.Administrations, a => a.Drug == "lenalidomide" && a.Day == 2 && a.Status == DoseStatus.Given);
    }

    [Theory]
    [InlineData(75, 40)]
    [InlineData(76, 20)]
    public void In_ird_dexamethasone_starts_at_20_mg_over_75(int age, int mg)
    {
        var model = RuleFiles.Check(SourceText.FromFile(Ird)).Model!;
        var patient = PatientFactory.Build("p", [new("age", age, null), new("crcl", 80, null), new("hepatic", null, "none"), new("dialysis", null, "no")]);
        var o = RuleFiles.Run(model, model.Regimens[0], patient, [new PatientEvent(1, EventKind.Lab, "platelets", 200, [], null, 0), new PatientEvent(1, EventKind.Lab, "anc", 2.5m, [], null, 0)]);
        o.Given("dexamethasone", 1, mg);
    }

    [Fact]
    public void Dialysis_not_stated_is_unknown_not_no()
    {
        const string Dialysis = """
            regimen R
              cycle 28 days for 1 cycles
              drug lenalidomide oral 25 mg days 1-21
                levels 25 mg > 15 mg > 10 mg > 5 mg > discontinue
              start lenalidomide at 5 mg when dialysis

            """;
        var (model, regimen) = Load(Dialysis);
        Assert.True(RuleFiles.Run(model, regimen, PatientFactory.Build("p", [new("age", 60, null)]), []).Refused);
        var no = RuleFiles.Run(model, regimen, PatientFactory.Build("p", [new("dialysis", null, "no")]), []);
        Assert.False(no.Refused);
        no.Given("lenalidomide", 1, 25);
        RuleFiles.Run(model, regimen, PatientFactory.Build("p", [new("dialysis", null, "yes")]), []).Given("lenalidomide", 1, 5);
    }

    [Theory]
    [InlineData("if unknown apply", 10, "could not be evaluated; the file says `if unknown apply`")]
    [InlineData("if unknown skip", 25, "not applied: its condition could not be evaluated and the file says `if unknown skip`")]
    public void The_file_can_say_what_an_unknown_covariate_does(string policy, int mg, string trail)
    {
        var o = Run($"""
            regimen R
              cycle 28 days for 1 cycles
              drug lenalidomide oral 25 mg days 1-21
                levels 25 mg > 15 mg > 10 mg > 5 mg > discontinue
              start lenalidomide at 10 mg when crcl <= 60 mL/min {policy}

            scenario "no crcl"
              patient age 70
            """);
        Assert.False(o.Refused);
        o.Given("lenalidomide", 1, mg);
        Assert.Contains(trail, Assert.Single(o.Decisions, d => d.Kind == DecisionKind.StartAdjustment).Action);
    }

    [Fact]
    public void A_titration_condition_on_an_unknown_covariate_refuses_the_run()
    {
        var (model, regimen) = Load("""
            regimen M
              cycle 28 days for 6 cycles
              drug ixazomib oral 3 mg days 1, 8, 15
                levels 4 mg > 3 mg > 2.3 mg > discontinue
              titrate ixazomib to 4 mg from cycle 5 if tolerated: no hold when hepatic is none or mild

            """);
        var o = RuleFiles.Run(model, regimen, PatientFactory.Build("p", [new("age", 60, null)]), []);
        Assert.True(o.Refused);
        Assert.Contains("ixazomib's titration to 4 mg depends on `hepatic`", o.EndReason);
        Assert.False(RuleFiles.Run(model, regimen, PatientFactory.Build("p", [new("hepatic", null, "none")]), []).Refused);
    }

    [Fact]
    public void A_determined_condition_does_not_need_the_unknown_part()
    {
        // Dialysis known true: `dialysis or crcl < 30` is true whatever the CrCl; nothing is refused.
        var (model, regimen) = Load(IRd);
        var o = RuleFiles.Run(model, regimen, PatientFactory.Build("p", [new("dialysis", null, "yes")]), []);
        Assert.False(o.Refused);
        o.Given("lenalidomide", 1, 5);
        o.Given("ixazomib", 1, 3);
    }
}
