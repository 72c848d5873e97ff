using Microsoft.Playwright;

namespace IxaRules.BrowserTests;

/// <summary>
/// One headless Chromium for the browser tests: Debian's `chromium` package (Playwright's own browser
/// download cannot reach the network here), started with the flags a closed network needs. A
/// machine without it fails the tests with the fix, never skips them.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    /// <summary>Where Chromium is: IXARULES_CHROMIUM, else Debian's path.</summary>
    public static string Executable => Environment.GetEnvironmentVariable("IXARULES_CHROMIUM") is { Length: > 0 } path ? path : "/usr/bin/chromium";

    private IPlaywright? _playwright;

    public IBrowser Browser { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        if (!File.Exists(Executable))
        {
            throw new InvalidOperationException(
                $"the browser tests need Chromium at {Executable}: install Debian's package (`sudo apt-get install chromium`; .ci/run does) or set IXARULES_CHROMIUM");
        }

        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Executable,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        _playwright?.Dispose();
    }
}
