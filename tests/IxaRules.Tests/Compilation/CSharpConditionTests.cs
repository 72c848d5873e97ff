using IxaRules.Diagnostics;
using IxaRules.Evaluation;
using IxaRules.Text;
using IxaRules.Tests.Evaluation;

namespace IxaRules.Tests.Compilation;

/// <summary>Embedded C# conditions: hostile code is rejected at check time, located in the rule file; allowed code runs the same in both backends.</summary>
public class CSharpConditionTests
{
    private static string File(string snippet) => RunHarness.IRd + $$"""
        rule escape_hatch
          when `{{snippet}}`
          reduce lenalidomide next lower

        """;

    public static TheoryData<string> HostileSnippets() =>
    [
        "System.IO.File.Exists(\"x\")",
        "System.IO.File.ReadAllText(\"/etc/passwd\").Length > 0",
        "typeof(string).Assembly != null",
        "\"x\".GetType().Assembly.FullName.Length > 0",
        "System.Environment.GetEnvironmentVariable(\"HOME\") != null",
        "System.Diagnostics.Process.Start(\"sh\") != null",
        "new System.Threading.Thread(() => { }) != null",
        "System.Threading.Tasks.Task.Run(() => 1).Result > 0",
        "System.Threading.Thread.CurrentThread.IsAlive",
        "((dynamic)1) > 0",
        "System.Reflection.Assembly.GetExecutingAssembly() != null",
        "System.Activator.CreateInstance(typeof(object)) != null",
        "System.Linq.Enumerable.Range(0, 1000000000).Sum() > 0",
        "new int[10].Length > 0",
        "from x in new[] { 1 } select x",
        "1); } static void Evil() { System.IO.File.Delete(\"x\"); } bool Y() => (true",
        "true; System.IO.File.Delete(\"x\")",
        "Counter(\"x\")++ > 0",
        "System.Console.Out != null",
        "System.Net.Dns.GetHostName() != null",
        "System.GC.GetTotalMemory(false) > 0",
        "System.AppDomain.CurrentDomain != null",
        "System.Runtime.InteropServices.Marshal.SizeOf(1) > 0",
        "$\"{Day}\".Length > 0",
        "ToString() == \"x\"",
        "Day switch { _ => throw new System.Exception() }",
        "default(System.IO.FileInfo) == null",
        "Lab(\"anc\").GetHashCode() > 0",
        "System.Type.GetType(\"System.IO.File\") != null",
    ];

    [Theory]
    [MemberData(nameof(HostileSnippets))]
    public void Hostile_snippets_are_rejected_at_check_time_inside_the_snippet(string snippet)
    {
        var text = File(snippet);
        var source = new SourceText("hostile.ixr", text);
        var result = RuleFiles.Check(source);
        Assert.Null(result.Model);
        var error = result.Diagnostics.First(d => d.IsError);
        Assert.Matches("^IXR600[123]$", error.Code);
        var snippetStart = text.IndexOf('`', StringComparison.Ordinal) + 1;
        Assert.InRange(error.Span.Start, snippetStart, snippetStart + snippet.Length);
        Assert.Contains("C# condition", error.Message);
        Assert.Contains("^", DiagnosticRenderer.RenderText(error));
    }

    [Fact]
    public void The_corpus_has_at_least_25_snippets() => Assert.True(HostileSnippets().Count >= 25);

    [Fact]
    public void A_forbidden_type_is_named_in_the_message()
    {
        var result = RuleFiles.Check(new SourceText("h.ixr", File("System.IO.File.Exists(\"x\")")));
        Assert.Contains(result.Diagnostics, d => d.Code == "IXR6002" && d.Message.Contains("System.IO.File", StringComparison.Ordinal));
    }

    [Fact]
    public void An_allowed_snippet_runs_identically_in_both_backends()
    {
        var text = RunHarness.IRd + """
            rule late_neutropenia
              when `Cycle >= 2 && Lab("anc") < 0.8 && Math.Abs(CycleDay - 8) <= 7`
              reduce lenalidomide next lower

            scenario "a C# condition"
              patient age 66, crcl 80 mL/min, hepatic none
              day 1: platelets 200 x10^9/L, anc 2 x10^9/L
              day 10: anc 0.7 x10^9/L
              day 20: anc 1.5 x10^9/L
              day 33: anc 0.7 x10^9/L
              expect rule late_neutropenia fires on day 33
              expect lenalidomide 25 mg on day 10, 15 mg on day 33
            """;
        var result = RuleFiles.Check(new SourceText("t.ixr", text));
        Assert.DoesNotContain(result.Diagnostics, d => d.IsError);
        var model = result.Model!;
        var (regimen, patient, events) = RuleFiles.ScenarioInputs(model, model.Scenarios[0]);
        var interpreted = RuleFiles.Run(model, regimen, patient, events, new RunOptions(Days: 56));
        using var compiled = RuleFiles.Compile(model, regimen);
        var viaCompiled = RuleFiles.Run(model, regimen, patient, events, new RunOptions(Days: 56), compiled);
        Assert.Equal(OutcomeJson.Write(interpreted), OutcomeJson.Write(viaCompiled));
        var fired = Assert.Single(interpreted.Decisions, d => d.Name == "late_neutropenia");
        Assert.Equal(33, fired.Day);
        Assert.Contains("`Cycle >= 2 && Lab(\"anc\") < 0.8 && Math.Abs(CycleDay - 8) <= 7` is true", fired.Facts);
        Assert.Contains("Condition", compiled.Source);
    }
}
