using System.Diagnostics;

namespace IxaRules.Tests.Lsp;

/// <summary>
/// `ixarules lsp` under a real editor's client: Neovim 0.7's built-in LSP client, headless
/// (Debian's `neovim`; `.ci/run` installs it). It sees the diagnostic at its line and column with
/// its code, and hovers a drug.
/// </summary>
public sealed class NeovimTests : TempFolderTest
{
    private const string Rules =
        "regimen R\n" +
        "  cycle 28 days for 2 cycles\n" +
        "  drug lenalidomide oral 25 mg days 1-21\n" +
        "    levels 25 mg > 15 mg > discontinue\n" +
        "\n" +
        "rule low_platelets\n" +
        "  when platelets < 30 x10^9/L\n" +
        "  hold lenalidomid until platelets >= 30 x10^9/L\n" +
        "  on recovery resume lenalidomide next lower\n";

    [Fact]
    public void Neovim_shows_the_misspelt_drug_at_its_line_and_column_with_its_code_and_hovers_a_drug()
    {
        var lines = RunNeovim(Write("r.ixr", Rules), hoverLine: 2, hoverCharacter: 9);

        Assert.Contains("diagnostic 8:8 IXR1002 regimen `R` has no drug `lenalidomid` | help: did you mean `lenalidomide`?", lines);
        var hover = Assert.Single(lines, l => l.StartsWith("hover ", StringComparison.Ordinal));
        Assert.StartsWith("hover **lenalidomide** oral 25 mg, days 1-21 — regimen R", hover);
        Assert.Contains("levels 25 mg > 15 mg > discontinue", hover);
    }

    private List<string> RunNeovim(string file, int hoverLine, int hoverCharacter)
    {
        var nvim = Environment.GetEnvironmentVariable("IXARULES_NVIM") ?? "/usr/bin/nvim";
        Assert.True(File.Exists(nvim), $"Neovim is needed at {nvim} (Debian: apt-get install neovim; .ci/run installs it; IXARULES_NVIM points elsewhere)");
        var output = Path.Combine(Dir, "neovim.out");
        var script = Path.Combine(TestPaths.Root, "tests", "IxaRules.Tests", "Lsp", "neovim-client.lua");
        var start = new ProcessStartInfo(nvim, ["--headless", "--clean", "-c", $"luafile {script}"])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Dir,
        };
        start.Environment["IXARULES_CLI"] = Path.Combine(AppContext.BaseDirectory, "IxaRules.Cli");
        start.Environment["IXARULES_FILE"] = file;
        start.Environment["IXARULES_OUT"] = output;
        start.Environment["IXARULES_HOVER_LINE"] = hoverLine.ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["IXARULES_HOVER_CHARACTER"] = hoverCharacter.ToString(System.Globalization.CultureInfo.InvariantCulture);
        using var process = Process.Start(start)!;
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(90_000))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail("Neovim did not quit within 90 s");
        }

        Assert.True(File.Exists(output), $"Neovim wrote nothing; stderr: {stderr.Result} stdout: {stdout.Result}");
        var lines = File.ReadAllLines(output).ToList();
        Assert.DoesNotContain(lines, l => l.StartsWith("error ", StringComparison.Ordinal) || l.StartsWith("no diagnostics", StringComparison.Ordinal));
        return lines;
    }
}
