using IxaRules.Text;

namespace IxaRules.Tests;

/// <summary>
/// The start-up warm-up (Program.Main runs it on a second core for the verbs that read rule files)
/// compiles the code a real file needs only if its file is a real one: it must check clean and use
/// every kind of declaration.
/// </summary>
public class WarmUpTests
{
    [Fact]
    public void The_warm_up_file_checks_clean_and_declares_a_regimen_a_rule_and_a_scenario()
    {
        var result = RuleFiles.Check(new SourceText("warm-up.ixr", RuleFiles.WarmUpText));
        Assert.Empty(result.Diagnostics.Select(d => d.ToString()));
        Assert.NotNull(result.Model);
        Assert.Single(result.Model.Regimens);
        Assert.Single(result.Model.Rules);
        Assert.Single(result.Model.Scenarios);
        RuleFiles.WarmUp(); // and it runs without a word
    }
}
