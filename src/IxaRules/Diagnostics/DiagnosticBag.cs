using IxaRules.Text;

namespace IxaRules.Diagnostics;

/// <summary>The one order diagnostics are shown in: by file, then location, then code.</summary>
internal static class DiagnosticBag
{
    /// <summary>Stated limit: at most this many diagnostics are shown per file; one more line says how many were left out.</summary>
    public const int MaxPerFile = 100;

    /// <summary>The first <see cref="MaxPerFile"/> diagnostics of each file, and a count of the rest.</summary>
    public static IReadOnlyList<Diagnostic> Capped(IReadOnlyList<Diagnostic> sorted)
    {
        if (sorted.Count <= MaxPerFile)
        {
            return sorted;
        }

        var result = new List<Diagnostic>(MaxPerFile + 2);
        foreach (var file in sorted.GroupBy(d => d.Source.Path, StringComparer.Ordinal))
        {
            var all = file.ToList();
            result.AddRange(all.Take(MaxPerFile));
            if (all.Count > MaxPerFile)
            {
                var last = all[MaxPerFile - 1];
                result.Add(Catalog.SyntaxCodes.MoreNotShown.At(last.Source, new TextSpan(last.Span.Start, 0), all.Exists(d => d.IsError) ? DiagnosticSeverity.Error : DiagnosticSeverity.Warning,
                    $"{all.Count - MaxPerFile} more problems in this file are not shown", $"the first {MaxPerFile} are; fix them and check again"));
            }
        }

        return result;
    }

    public static IReadOnlyList<Diagnostic> Sort(IEnumerable<Diagnostic> diagnostics) =>
        [.. diagnostics
            .OrderBy(d => d.Source.Path, StringComparer.Ordinal)
            .ThenBy(d => d.Span.Start)
            .ThenBy(d => d.Span.Length)
            .ThenBy(d => d.Code, StringComparer.Ordinal)
            .ThenBy(d => d.Message, StringComparer.Ordinal)];
}

/// <summary>Edit distance, for "did you mean" help lines. Hand-written: ten lines do not justify a package.</summary>
internal static class Suggest
{
    public static string? Closest(string name, IEnumerable<string> candidates)
    {
        if (name.Length > 64)
        {
            return null; // no name is that long; comparing would only cost time
        }

        string? best = null;
        var bestDistance = int.MaxValue;
        foreach (var candidate in candidates.OrderBy(c => c, StringComparer.Ordinal))
        {
            // A candidate that shares no letter with the word (`g` is not a misspelt `%`) is no suggestion.
            var distance = Distance(name.ToLowerInvariant(), candidate.ToLowerInvariant());
            if (distance < bestDistance && distance < Math.Max(name.Length, candidate.Length))
            {
                best = candidate;
                bestDistance = distance;
            }
        }

        // A suggestion further away than a third of the word is noise, not help.
        var limit = Math.Max(1, (name.Length + 2) / 3);
        return bestDistance <= limit ? best : null;
    }

    public static string? DidYouMean(string name, IEnumerable<string> candidates) =>
        Closest(name, candidates) is { } match ? $"did you mean `{match}`?" : null;

    internal static int Distance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }
}
