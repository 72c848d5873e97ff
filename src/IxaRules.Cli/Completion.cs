using System.Globalization;

namespace IxaRules.Cli;

/// <summary>
/// The `[suggest:POSITION] "LINE"` directive the completion scripts send. Shells send what they
/// have; a position outside the line (or not a number) would make System.CommandLine throw, so it
/// is clamped to the line, and a malformed one is answered with nothing.
/// </summary>
internal static class Completion
{
    /// <summary>The arguments to parse: unchanged unless they are a completion request; null for a malformed one.</summary>
    public static string[]? Position(string[] args)
    {
        if (args.Length == 0 || !args[0].StartsWith("[suggest", StringComparison.Ordinal))
        {
            return args;
        }

        var line = args.Length > 1 ? args[1] : "";
        if (args[0] == "[suggest]")
        {
            return args;
        }

        if (!args[0].StartsWith("[suggest:", StringComparison.Ordinal) || !args[0].EndsWith(']')
            || !long.TryParse(args[0]["[suggest:".Length..^1], NumberStyles.Integer, CultureInfo.InvariantCulture, out var position) || position < 0)
        {
            return null;
        }

        return [$"[suggest:{Math.Min(position, line.Length).ToString(CultureInfo.InvariantCulture)}]", .. args.Skip(1)];
    }
}
