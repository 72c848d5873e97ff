using Microsoft.Playwright;

[assembly: CollectionBehavior(DisableTestParallelization = true)] // the tests run the CLI from the repository root (the working directory is the process's)

namespace IxaRules.BrowserTests;

/// <summary>
/// `ixarules report` pages opened in a real browser: no console errors, every drawing laid out,
/// hovering a decision marker shows its trail entry, and a screenshot of each page is kept as a
/// test artefact (TestResults/reports/ at the repository root).
/// </summary>
public sealed class ReportInBrowserTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private static readonly string Root = FindRoot();

    private static readonly string Artefacts = Directory.CreateDirectory(Path.Combine(Root, "TestResults", "reports")).FullName;

    [Theory]
    [InlineData("ird", "thrombocytopenia-recurrence", "ird.ixr")]
    [InlineData("ixazomib-maintenance", "cycle-delay", "ixazomib-maintenance.ixr")]
    [InlineData("placebo-rd", "neutropenia-delay", "placebo-rd.ixr")]
    public async Task A_report_opens_without_errors_and_a_decision_marker_shows_its_trail_on_hover(string folder, string example, string rules)
    {
        var page = await Open($"{folder}-{example}", "report", $"rules/{rules}",
            "--patient", $"examples/{folder}/{example}.patient.yaml", "--events", $"examples/{folder}/{example}.events");
        var errors = Errors(page);
        await page.ReloadAsync();

        Assert.Empty(errors);
        var timeline = await page.Locator("#timeline").BoundingBoxAsync();
        Assert.True(timeline is { Width: > 300, Height: > 100 }, "the course is drawn");
        Assert.True(await page.Locator("svg.calendar").CountAsync() >= 1, "the calendar is drawn");

        var marker = page.Locator(".decision").First;
        var trail = await marker.GetAttributeAsync("data-trail");
        Assert.False(string.IsNullOrEmpty(trail));
        Assert.False(await page.Locator("#tip").IsVisibleAsync());
        await marker.HoverAsync();
        Assert.True(await page.Locator("#tip").IsVisibleAsync(), "hovering a decision shows the tooltip");
        var shown = await page.Locator("#tip").InnerTextAsync();
        Assert.Equal(trail!.Replace("\n", "", StringComparison.Ordinal), shown.Replace("\n", "", StringComparison.Ordinal));
        Assert.Matches(@"^day \d+ · \S+ .* \[rules/[a-z-]+\.ixr:\d+\]", shown);

        await page.Mouse.MoveAsync(0, 0);
        Assert.False(await page.Locator("#tip").IsVisibleAsync(), "moving away hides it");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Artefacts, $"{folder}-{example}.png"), FullPage = true });
        await page.CloseAsync();
    }

    [Fact]
    public async Task Keyboard_focus_on_a_decision_shows_its_trail_too()
    {
        var page = await Open("ird-keyboard", "report", "rules/ird.ixr",
            "--patient", "examples/ird/thrombocytopenia-recurrence.patient.yaml", "--events", "examples/ird/thrombocytopenia-recurrence.events");
        await page.Locator(".decision").Nth(1).FocusAsync();
        Assert.True(await page.Locator("#tip").IsVisibleAsync());
        Assert.Contains("thrombocytopenia", await page.Locator("#tip").InnerTextAsync());
        await page.CloseAsync();
    }

    [Fact]
    public async Task A_regimen_alone_draws_its_calendar_and_no_course()
    {
        var page = await Open("ird-regimen", "report", "rules/ird.ixr");
        Assert.Equal(0, await page.Locator("#timeline").CountAsync());
        Assert.Equal(3, await page.Locator("svg.calendar text.drug").CountAsync());
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Artefacts, "ird-regimen.png"), FullPage = true });
        await page.CloseAsync();
    }

    [Fact]
    public async Task The_cohort_page_opens_without_errors_with_its_charts_drawn()
    {
        var html = Path.Combine(Artefacts, "cohort-ird.html");
        Assert.Equal(0, RunCli("cohort", "rules/ird.ixr", "--population", "populations/mm1.yaml", "-n", "500", "--seed", "1", "--report", html));
        var page = await browser.Browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1200, Height = 1000 } });
        var errors = Errors(page);
        await page.GotoAsync(new Uri(html).AbsoluteUri);
        Assert.Empty(errors);
        Assert.Equal(4, await page.Locator("figure svg").CountAsync());
        foreach (var chart in await page.Locator("figure svg").AllAsync())
        {
            Assert.True(await chart.BoundingBoxAsync() is { Width: > 300, Height: > 100 }, "each chart is laid out");
        }

        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Artefacts, "cohort-ird.png"), FullPage = true });
        await page.CloseAsync();
    }

    /// <summary>Writes the report with the CLI (from the repository root, as a user runs it) and opens it.</summary>
    private async Task<IPage> Open(string name, params string[] args)
    {
        var html = Path.Combine(Artefacts, name + ".html");
        Assert.Equal(0, RunCli([.. args, "-o", html]));
        var page = await browser.Browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1400, Height = 1000 } });
        await page.GotoAsync(new Uri(html).AbsoluteUri);
        return page;
    }

    /// <summary>What the page reports as errors from now on: console errors and uncaught exceptions.</summary>
    private static List<string> Errors(IPage page)
    {
        var errors = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                errors.Add(message.Text);
            }
        };
        page.PageError += (_, error) => errors.Add(error);
        return errors;
    }

    /// <summary>The CLI in-process, from the repository root; its exit code (what it printed goes to the test output on failure).</summary>
    private static int RunCli(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var previous = Directory.GetCurrentDirectory();
        Directory.SetCurrentDirectory(Root);
        try
        {
            var exit = IxaRules.Cli.Program.Run(args, stdout, stderr);
            Assert.True(exit == 0, $"ixarules {string.Join(' ', args)} exited {exit}: {stderr}");
            return exit;
        }
        finally
        {
            Directory.SetCurrentDirectory(previous);
        }
    }

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "IxaRules.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("cannot find IxaRules.sln above the test assembly");
    }
}
