using Spectre.Console;

namespace IxaRules.Cli;

/// <summary>
/// What the terminal ixarules writes to can show: colour on standard output and on standard error,
/// and a live progress display (on standard error). Detected by Spectre.Console (ANSI support, the
/// colour system, <c>NO_COLOR</c>, <c>TERM=dumb</c>), and never when a stream is redirected — so
/// output in files, pipes and CI stays plain and byte-identical. Tests run with <see cref="Plain"/>.
/// </summary>
/// <param name="ColourOut">Paints standard output's lines (null: plain).</param>
/// <param name="ColourErr">Paints standard error's lines (null: plain).</param>
/// <param name="Progress">The live progress display, on standard error (null: none).</param>
internal sealed record Terminal(IAnsiConsole? ColourOut, IAnsiConsole? ColourErr, IAnsiConsole? Progress)
{
    public static readonly Terminal Plain = new(null, null, null);

    public static Terminal Detect() => Console.IsOutputRedirected && Console.IsErrorRedirected
        ? Plain // pipes and CI: do not even load Spectre's detection
        : new(
            Console.IsOutputRedirected ? null : Lines(Capable(Console.Out)),
            Console.IsErrorRedirected ? null : Lines(Capable(Console.Error)),
            Console.IsErrorRedirected ? null : Capable(Console.Error));

    /// <summary>ixarules lays out its own lines: Spectre must not wrap them at the terminal's width.</summary>
    private static IAnsiConsole? Lines(IAnsiConsole? console)
    {
        if (console is not null)
        {
            console.Profile.Width = 100_000;
        }

        return console;
    }

    private static IAnsiConsole? Capable(TextWriter writer)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.Detect,
            ColorSystem = ColorSystemSupport.Detect,
            Interactive = InteractionSupport.Detect,
            Out = new AnsiConsoleOutput(writer),
        });
        var capabilities = console.Profile.Capabilities;
        return capabilities.Ansi && capabilities.ColorSystem != ColorSystem.NoColors ? console : null;
    }
}
