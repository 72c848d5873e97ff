using System.Globalization;

namespace IxaRules.Text;

/// <summary>
/// Where a bound declaration is written: its file, its first line and its span. Decisions cite it,
/// so a report, an editor or a diff can go from a decision to the text without searching.
/// </summary>
public readonly record struct SourceLocation(string Path, int Line, TextSpan Span)
{
    /// <summary>A line of the events file of the run (a run knows its events' lines, not their file's name).</summary>
    public static SourceLocation InEvents(int line) => new("", line, default) { IsEvent = true };

    /// <summary>A line of the run's events, not of a rule file.</summary>
    public bool IsEvent { get; init; }

    /// <summary><c>path:line</c>, the form the decision trail prints; <c>events line N</c> for an event.</summary>
    public override string ToString() => IsEvent
        ? string.Create(CultureInfo.InvariantCulture, $"events line {Line}")
        : string.Create(CultureInfo.InvariantCulture, $"{Path}:{Line}");
}
