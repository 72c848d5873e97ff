using System.Text.RegularExpressions;

namespace IxaRules.Tests.Report;

/// <summary>`cohort --report`: the RDI histograms and the published figures beside the simulated ones, as one page.</summary>
public sealed partial class CohortPageTests : TempFolderTest
{
    private (string Page, string Stdout) Replay(string name)
    {
        var page = Path.Combine(Dir, name);
        var (exit, stdout, stderr) = CliRunner.Run("cohort", "rules/ird.ixr", "--population", "populations/mm1.yaml", "-n", "300", "--seed", "7", "--report", page);
        Assert.True(exit == 0, stderr);
        Assert.Contains($"wrote {page}", stderr);
        return (File.ReadAllText(page), stdout);
    }

    [Fact]
    public void The_page_has_a_histogram_per_drug_and_every_published_figure_in_its_table()
    {
        var (page, text) = Replay("cohort.html");
        foreach (var drug in new[] { "ixazomib", "lenalidomide", "dexamethasone" })
        {
            Assert.Contains($"aria-label=\"{drug}: dose-based RDI of the treated virtual patients, in 5-point bins;", page);
        }

        Assert.Contains("aria-label=\"each published figure: the simulated value", page);
        Assert.Contains("<h3>Documented gaps</h3>", page); // populations/mm1.yaml documents its gaps: the page says them, as the text does
        Assert.Equal(text.Split('\n').Count(l => l.StartsWith("gap ", StringComparison.Ordinal)), Regex.Count(page[page.IndexOf("<ol class=\"gaps\">", StringComparison.Ordinal)..], "<li>"));
        var rows = TableRow().Count(page);
        var published = text.Split('\n').Count(l => Regex.IsMatch(l, @"\b(within|OUTSIDE|gap)\b") && l.Contains("seed 0", StringComparison.Ordinal));
        Assert.Equal(published, rows);
        Assert.Equal(4, Svg().Count(page)); // the deviations and three histograms, inline
        Assert.DoesNotContain("<?xml", page);
        Assert.DoesNotMatch(@"(src|href)=""(https?:)?//", page);
    }

    [Fact]
    public void The_same_replay_gives_the_same_page_even_in_one_process()
    {
        // ScottPlot numbers clip paths with a process-wide counter; the page renumbers them.
        var (a, b) = (Replay("a.html").Page, Replay("b.html").Page);
        Assert.Equal(a, b);
    }

    [GeneratedRegex(@"<tr(?: class=""outside"")?><td>")]
    private static partial Regex TableRow();

    [GeneratedRegex("<svg ")]
    private static partial Regex Svg();
}
