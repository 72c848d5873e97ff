using IxaRules.Binding;
using IxaRules.Diagnostics;
using IxaRules.Text;

namespace IxaRules.Tests.Evaluation;

/// <summary>Bad patient and events files: every problem is located, explained, and nothing runs.</summary>
public class RunInputTests
{
    private static readonly Regimen IRd = RuleFiles.Check(SourceText.FromFile(Path.Combine(TestPaths.Rules, "ird.ixr"))).Model!.Regimens[0];

    [Theory]
    [InlineData("age: 66\nwieght: 70 kg\n", "IXR4102", 2, 1, "did you mean `weight`?")]
    [InlineData("age: 66\nweight: 70\n", "IXR2003", 2, 9, "add a unit, e.g. `kg`")]
    [InlineData("age: 66\nweight: 70 mL/min\n", "IXR2002", 2, 12, null)]
    [InlineData("age: 66\nweight: seventy\n", "IXR4103", 2, 9, "expected a number with a unit, e.g. `72 kg`")]
    [InlineData("sex: f\n", "IXR4103", 1, 6, "expected one of `male`, `female`")]
    [InlineData("hepatic: moderat\n", "IXR4103", 1, 10, null)]
    [InlineData("dialysis: maybe\n", "IXR4103", 1, 11, "expected `true`, `false` or `unknown`")]
    [InlineData("neuropathy: 7\n", "IXR4103", 1, 13, null)]
    [InlineData("start: 2024-13-01\n", "IXR4103", 1, 8, null)]
    [InlineData("age: [66, 67]\n", "IXR4103", 1, 6, "expected a single value on the same line")]
    [InlineData("- age: 66\n", "IXR4101", 1, 1, null)]
    [InlineData("age: 66\n  weight: 70 kg\n", "IXR4101", 2, 9, null)]
    [InlineData("creatinine: 120 mmol/L\n", "IXR2001", 1, 17, null)]
    public void Bad_patient_files_are_located_diagnostics(string yaml, string code, int line, int column, string? help)
    {
        var (patient, diagnostics) = RuleFiles.LoadPatient(new SourceText("p.yaml", yaml));
        Assert.Null(patient);
        var first = diagnostics[0];
        Assert.Equal(code, first.Code);
        Assert.Equal((line, column), first.Start);
        if (help is not null)
        {
            Assert.Equal(help, first.Help);
        }
    }

    [Fact]
    public void Creatinine_in_micromoles_is_converted_and_clearance_computed()
    {
        var (patient, diagnostics) = RuleFiles.LoadPatient(new SourceText("p.yaml", "age: 70\nsex: male\nweight: 72 kg\ncreatinine: \"97.24 µmol/L\"\n"));
        Assert.Empty(diagnostics);
        Assert.Equal(1.1m, decimal.Round(patient!.SerumCreatinine!.Value, 4));
        Assert.Equal(63.64m, decimal.Round(patient.EffectiveCrCl!.Value, 2)); // (140-70) × 72 / (72 × 1.1)
    }

    [Theory]
    [InlineData("day 3 platelets 20 x10^9/L\n", "IXR0001", 1, 7, "expected `:`")]
    [InlineData("platelets 20 x10^9/L\n", "IXR4001", 1, 1, null)]
    [InlineData("day 3: plateletts 20 x10^9/L\n", "IXR1003", 1, 8, "did you mean `platelets`?")]
    [InlineData("day 3: platelets 20 mg\n", "IXR2002", 1, 21, null)]
    [InlineData("day 3: platelets 20\n", "IXR2003", 1, 18, null)]
    [InlineData("day 3: rash grade 7\n", "IXR2015", 1, 19, null)]
    [InlineData("day 3: missed ixazomb\n", "IXR1002", 1, 15, "did you mean `ixazomib`?")]
    [InlineData("day 0: progression\n", "IXR4003", 1, 5, null)]
    [InlineData("2024-03-05: progression\n", "IXR4002", 1, 1, null)]
    [InlineData("day 3: rash grade 2 with pian\n", "IXR1010", 1, 26, "did you mean `pain`?")]
    [InlineData("day 3: progresion\n", "IXR1011", 1, 8, "did you mean `progression`?")]
    [InlineData("day 3: platelets 20 x10^9/L,\n", "IXR0001", 1, 29, null)]
    [InlineData("day 3: neuropathy 2\n", "IXR1003", 1, 8, "`neuropathy` is an adverse event, graded: write `neuropathy grade 2`")]
    [InlineData("Day 3: Rash 3\n", "IXR1003", 1, 8, "`rash` is an adverse event, graded: write `rash grade 3`")]
    public void Bad_events_lines_are_located_diagnostics(string events, string code, int line, int column, string? help)
    {
        var (_, diagnostics) = RuleFiles.LoadEvents(new SourceText("e.events", events), IRd, start: null);
        var first = diagnostics[0];
        Assert.Equal(code, first.Code);
        Assert.Equal((line, column), first.Start);
        if (help is not null)
        {
            Assert.StartsWith(help, first.Help ?? first.Message);
        }
    }

    [Fact]
    public void Every_bad_events_line_is_reported_and_the_good_ones_are_kept()
    {
        var (events, diagnostics) = RuleFiles.LoadEvents(new SourceText("e.events", """
            # comment lines and blank lines are skipped

            day 3: platelets 20 x10^9/L   # a trailing comment
            day 4: platelet 20 x10^9/L
            day five: anc 1 x10^9/L
            day 6: anc 1 x10^9/L, rash grade 2 with pain attributed to lenalidomide
            """), IRd, start: null);
        Assert.Equal([4, 5], diagnostics.Select(d => d.Start.Line));
        Assert.Equal([3, 6, 6], events.Select(e => e.Day));
    }

    [Fact]
    public void Dates_map_to_study_days_from_the_start_date()
    {
        var (events, diagnostics) = RuleFiles.LoadEvents(new SourceText("e.events", "2024-03-04: progression\n2024-04-01: death\n"), IRd, new DateOnly(2024, 3, 4));
        Assert.Empty(diagnostics);
        Assert.Equal([1, 29], events.Select(e => e.Day));
    }

    [Fact]
    public void Body_size_is_required_for_per_square_metre_doses()
    {
        var model = RuleFiles.Check(SourceText.FromFile(Path.Combine(TestPaths.Rules, "ixazomib-single-agent.ixr"))).Model!;
        var input = RuleFiles.LoadPatient(new SourceText("p.yaml", "age: 60\nweight: 70 kg\n"));
        var problem = Assert.Single(RuleFiles.CheckRunInputs(model, model.Regimens[0], input));
        Assert.Equal("IXR4201", problem.Code);
        Assert.Contains("height", problem.Help);
    }

    [Fact]
    public void Rendered_events_error_has_file_line_caret_and_help()
    {
        var (_, diagnostics) = RuleFiles.LoadEvents(new SourceText("e.events", "day 3: plateletts 20 x10^9/L\n"), IRd, start: null);
        var text = DiagnosticRenderer.RenderText(diagnostics[0]);
        Assert.Contains("--> e.events:1:8", text);
        Assert.Contains("^^^^^^^^^^", text);
        Assert.Contains("help: did you mean `platelets`?", text);
    }

    [Fact]
    public void Patient_keys_and_enum_values_are_read_without_regard_to_case()
    {
        var (patient, diagnostics) = RuleFiles.LoadPatient(new SourceText("p.yaml",
            "Age: 70\nSEX: Female\nWeight: 72 KG\nHepatic: None\nDialysis: No\nNeuropathy: Grade 1\nBaseline: Fatigue Grade 1\nCrCl: Unknown\n"));
        Assert.Empty(diagnostics);
        Assert.Equal(70m, patient!.Age);
        Assert.Equal("female", patient.Sex);
        Assert.Equal(72m, patient.Weight);
        Assert.Equal("none", patient.Hepatic);
        Assert.False(patient.Dialysis);
        Assert.Equal(["fatigue:1", "neuropathy:1"], patient.Baseline.Select(b => $"{b.Event}:{b.Grade}"));
        Assert.Null(patient.CreatinineClearance);
    }

    [Theory]
    [InlineData("age: 66\nsex: male\nAge: 67\n", "field names are read without regard to case: keep one of the two lines")]
    [InlineData("age: 66\nbaseline:\n  - rash grade 1\n  - age\nage: 67\n", "keep one of the two lines")]
    public void A_field_given_twice_is_an_error_at_the_second_naming_the_first(string yaml, string help)
    {
        var (patient, diagnostics) = RuleFiles.LoadPatient(new SourceText("p.yaml", yaml));
        Assert.Null(patient);
        var d = Assert.Single(diagnostics);
        Assert.Equal(("IXR4108", yaml.Split('\n').Length - 1, 1), (d.Code, d.Start.Line, d.Start.Column));
        Assert.Equal("`age` is given twice (first on line 1)", d.Message);
        Assert.Equal(help, d.Help);
    }

    [Fact]
    public void Events_keywords_and_names_are_read_without_regard_to_case_and_spans_stay_on_the_text()
    {
        var (events, diagnostics) = RuleFiles.LoadEvents(new SourceText("e.events",
            "Day 3: Platelets 20 X10^9/l, Rash Grade 2 With Pain Attributed To Lenalidomide\nDAY 4: Missed IXAZOMIB, Progression\n"), IRd, start: null);
        Assert.Empty(diagnostics);
        Assert.Equal(["3 Lab platelets 20 lenalidomide?False", "3 AdverseEvent rash 2 lenalidomide?True", "4 Missed ixazomib 0 lenalidomide?False", "4 Terminal progression 0 lenalidomide?False"],
            events.Select(e => $"{e.Day} {e.Kind} {e.Subject} {e.Value} lenalidomide?{e.AttributedTo == "lenalidomide"}"));

        var (_, errors) = RuleFiles.LoadEvents(new SourceText("e.events", "Day 3: Plateletz 20 X10^9/L\n"), IRd, start: null);
        var error = Assert.Single(errors);
        Assert.Equal((1, 8), error.Start);
        Assert.Contains("|        ^^^^^^^^^", DiagnosticRenderer.RenderText(error));
        Assert.Contains("Day 3: Plateletz", DiagnosticRenderer.RenderText(error)); // the line as written
    }

    [Fact]
    public void A_field_given_twice_does_not_hide_the_files_other_mistakes()
    {
        var (patient, diagnostics) = RuleFiles.LoadPatient(new SourceText("p.yaml",
            "age: 60\nsexx: male\nweight: 62\nDialysis: no\ndialysis: no\nCRCL: 50 mL/min\ncrcl: 40 mL/min\n"));
        Assert.Null(patient);
        Assert.Equal(["IXR4102 2:1", "IXR2003 3:9", "IXR4108 5:1", "IXR4108 7:1"],
            diagnostics.OrderBy(d => d.Start).Select(d => $"{d.Code} {d.Start.Line}:{d.Start.Column}"));
    }
}
