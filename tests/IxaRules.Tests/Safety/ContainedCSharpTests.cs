using System.Diagnostics;
using IxaRules.Evaluation;
using IxaRules.Tests.Evaluation;
using IxaRules.Text;

namespace IxaRules.Tests.Safety;

/// <summary>
/// Embedded C# is contained by construction: it cannot reach the generated class (conditions
/// calling conditions recursed for ever), cannot make the compiler work exponentially (nested
/// lambdas), and cannot silently name a lab, adverse event or counter that does not exist.
/// </summary>
public class ContainedCSharpTests
{
    private static readonly TimeSpan Quickly = TimeSpan.FromSeconds(10);

    private static string File(params string[] snippets) => RunHarness.IRd + string.Concat(snippets.Select((s, i) => $$"""
        rule r{{i}}
          counter per rule
          when `{{s}}`
          reduce lenalidomide next lower

        """));

    private static Diagnostics.Diagnostic FirstError(string text)
    {
        var clock = Stopwatch.StartNew();
        var result = RuleFiles.Check(new SourceText("c.ixr", text));
        Assert.True(clock.Elapsed < Quickly, $"check took {clock.Elapsed}");
        Assert.Null(result.Model);
        return result.Diagnostics.First(d => d.IsError);
    }

    [Theory]
    [InlineData("Condition6(w) == Truth.True")]
    [InlineData("this.Condition0(null) == default")]
    [InlineData("Leaf0 != null")]
    [InlineData("Eval(null, null) == default")]
    [InlineData("Regimen_IRd.Equals(null, null)")]
    [InlineData("GetType() != null")]
    [InlineData("nameof(Condition0).Length > 0")]
    public void A_condition_cannot_reach_the_generated_class(string snippet)
    {
        var error = FirstError(File(snippet));
        Assert.Equal("IXR6002", error.Code);
        Assert.Contains("not allowed in a C# condition", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Conditions_calling_each_other_are_refused_at_check_time()
    {
        // Two conditions calling each other twice made 2^40 calls; each call is refused instead.
        var error = FirstError(File("Condition7(w) == Truth.True || Condition7(w) == Truth.True", "Condition6(w) == Truth.True"));
        Assert.Equal("IXR6002", error.Code);
    }

    [Theory]
    [InlineData(4)]
    [InlineData(12)]
    public void Nested_lambdas_are_refused_before_roslyn_binds_them(int depth)
    {
        // A few hundred bytes of nested lambdas made overload resolution exponential: the syntax is judged first.
        var lambda = "0";
        for (var i = 0; i < depth; i++)
        {
            lambda = $"System.Linq.Enumerable.Sum(new[] {{ 1 }}, x{i} => {lambda})";
        }

        var error = FirstError(File($"{lambda} > 0"));
        Assert.Matches("^IXR600[24]$", error.Code);
    }

    [Theory]
    [InlineData("Lab(\"platelet\") < 30", "IXR6005", "platelets")]
    [InlineData("Grade(\"neutropenai\") >= 3", "IXR6005", "neutropenia")]
    [InlineData("Counter(\"thrombocytopenia\") > 1", "IXR6005", "r0")]
    [InlineData("LabDay(\"ANC\") > 1", "IXR6005", "anc")]
    public void A_misspelt_name_in_a_string_is_an_error_with_a_suggestion(string snippet, string code, string suggestion)
    {
        var error = FirstError(File(snippet));
        Assert.Equal(code, error.Code);
        Assert.Contains("could never be true", error.Message, StringComparison.Ordinal);
        Assert.Contains(suggestion, error.Help ?? "", StringComparison.Ordinal);
    }

    [Fact]
    public void Known_names_in_strings_are_accepted()
    {
        var result = RuleFiles.Check(new SourceText("c.ixr", File("Lab(\"platelets\") < 30 && Grade(\"rash\") >= 2 && Counter(\"r0\") < 3 && LabDay(\"anc\") > 0")));
        Assert.False(result.HasErrors, string.Join("\n", result.Diagnostics));
    }

    [Theory]
    [InlineData(17)]
    [InlineData(400)]
    [InlineData(5_000)]
    public void A_deeply_nested_snippet_is_refused_with_the_limit(int depth)
    {
        var snippet = new string('(', depth) + "Day > 1" + new string(')', depth);
        var error = FirstError(File(snippet));
        Assert.Equal("IXR6004", error.Code);
        Assert.Contains(depth > 1000 ? "1000 characters" : "16 brackets", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_long_snippet_is_refused_with_the_limit()
    {
        var snippet = string.Join(" || ", Enumerable.Repeat("Day == 1", 2_000));
        var error = FirstError(File(snippet));
        Assert.Equal("IXR6004", error.Code);
        Assert.Contains("1000 characters", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Nested_conditionals_within_the_limits_compile_and_agree_with_the_interpreter()
    {
        var text = File("(Cycle >= 2 ? (Lab(\"anc\") ?? 9) : 9) < 0.8 && Math.Abs(CycleDay - 8) <= 7") + """
            scenario "s"
              patient age 66, crcl 80 mL/min, hepatic none, dialysis no
              day 1: platelets 200 x10^9/L, anc 2 x10^9/L
              day 10: anc 0.7 x10^9/L
              day 27: platelets 200 x10^9/L, anc 2 x10^9/L
              day 33: anc 0.7 x10^9/L
              expect rule r0 fires on day 33

            """;
        var result = RuleFiles.Check(new SourceText("c.ixr", text));
        Assert.False(result.HasErrors, string.Join("\n", result.Diagnostics));
        var model = result.Model!;
        var (regimen, patient, events) = RuleFiles.ScenarioInputs(model, Assert.Single(model.Scenarios));
        using var compiled = RuleFiles.Compile(model, regimen);
        var interpreted = RuleFiles.Run(model, regimen, patient, events);
        Assert.Equal(IxaRules.Evaluation.OutcomeJson.Write(interpreted), IxaRules.Evaluation.OutcomeJson.Write(RuleFiles.Run(model, regimen, patient, events, compiled: compiled)));
        Assert.DoesNotContain(interpreted.Decisions, d => d.Name == "r0" && d.Day < 29);
        Assert.Contains(interpreted.Decisions, d => d.Name == "r0" && d.Day == 33);
    }

    [Theory]
    [InlineData("Math.Clamp(Day, 5, 1) > 0")] // ArgumentException at run time (red-team finding: exit 70)
    [InlineData("1 / (Day - Day) > 0")]
    [InlineData("Lab(\"anc\").Value > 0")]
    public void A_condition_that_throws_at_run_time_is_unknown_that_day_on_both_backends(string snippet)
    {
        var text = File(snippet) + """
            scenario "s"
              patient age 66, crcl 80 mL/min, hepatic none, dialysis no
              day 1: platelets 200 x10^9/L
              expect cycle 1 starts on day 1

            """;
        var result = RuleFiles.Check(new SourceText("c.ixr", text));
        Assert.False(result.HasErrors, string.Join("\n", result.Diagnostics));
        var model = result.Model!;
        var (regimen, patient, events) = RuleFiles.ScenarioInputs(model, Assert.Single(model.Scenarios));
        var interpreted = RuleFiles.Run(model, regimen, patient, events, new IxaRules.Evaluation.RunOptions(Days: 28));
        using var compiled = RuleFiles.Compile(model, regimen);
        Assert.Equal(IxaRules.Evaluation.OutcomeJson.Write(interpreted),
            IxaRules.Evaluation.OutcomeJson.Write(RuleFiles.Run(model, regimen, patient, events, new IxaRules.Evaluation.RunOptions(Days: 28), compiled)));
        Assert.Contains(interpreted.Decisions, d => d.Kind == DecisionKind.Warning && d.Name == "r0");
    }

    [Fact]
    public void Conditions_that_outlast_the_compile_budget_are_one_located_error_at_the_first_condition()
    {
        // The budget is a clock (10 s, stated in CSharpConditions.CompileBudget); a budget of zero
        // stands in for a compilation that takes too long, without a test that takes 10 s.
        var text = File("Day > 1", "CycleDay < 9");
        var model = RuleFiles.Check(new SourceText("c.ixr", text)).Model!;
        var source = new SourceText("c.ixr", text);
        var conditions = IxaRules.Compilation.CSharpConditions.All(model);
        var counters = IxaRules.Compilation.CSharpConditions.Counters(model);

        var error = Assert.Single(IxaRules.Compilation.CSharpConditions.Check(source, conditions, counters, TimeSpan.Zero));

        Assert.Equal("IXR6006", error.Code);
        Assert.Contains("took more than 0 s to compile", error.Message, StringComparison.Ordinal);
        var line = text.Split('\n').ToList().FindIndex(l => l.Contains("`Day > 1`", StringComparison.Ordinal)) + 1;
        Assert.Equal((line, text.Split('\n')[line - 1].IndexOf('`') + 2), error.Start);
        Assert.Empty(IxaRules.Compilation.CSharpConditions.Check(source, conditions, counters)); // the same conditions within the stated budget
    }
}
