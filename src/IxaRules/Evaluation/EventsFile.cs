using System.Globalization;
using IxaRules.Binding;
using IxaRules.Diagnostics;
using IxaRules.Parsing;
using IxaRules.Syntax;
using IxaRules.Text;
using Sprache;
using static IxaRules.Parsing.Lexical;

namespace IxaRules.Evaluation;

/// <summary>
/// Loads an events file: one line per study day, in the same words as a scenario's `day` clause.
/// <code>
/// day 43: platelets 25 x10^9/L, rash grade 2 attributed to lenalidomide
/// 2024-04-15: anc 0.4 x10^9/L      # a date, when the patient has a start date
/// </code>
/// Every malformed line is a located diagnostic; the others are still read, so one run reports all.
/// </summary>
internal static class EventsFile
{
    private static readonly Parser<Token> Date = Lexeme(
        (text, start, end) => end - start >= 10 && IsDate(text.AsSpan(start, 10)) && (start + 10 == end || !char.IsLetterOrDigit(text[start + 10])) ? start + 10 : -1,
        (text, start, end) => new Token(text[start..end], TextSpan.FromBounds(start, end)),
        "a date (YYYY-MM-DD)");

    private static bool IsDate(ReadOnlySpan<char> s) =>
        char.IsAsciiDigit(s[0]) && char.IsAsciiDigit(s[1]) && char.IsAsciiDigit(s[2]) && char.IsAsciiDigit(s[3]) && s[4] == '-'
        && char.IsAsciiDigit(s[5]) && char.IsAsciiDigit(s[6]) && s[7] == '-' && char.IsAsciiDigit(s[8]) && char.IsAsciiDigit(s[9]);

    private static readonly Parser<EventsLine> Line =
        from when in Kw("day").Then(_ => Integer).Select(n => new EventsLine(null, n, []))
            .XOr(Date.Select(d => new EventsLine(d, null, [])))
        from colon in Sym(":")
        from first in ScenarioGrammar.Event
        from rest in Sym(",").Then(_ => ScenarioGrammar.Event).XMany()
        from end in Parse.Return(0).End()
        select when with { Events = [first, .. rest] };

    /// <summary>Stated limit: 64 MiB is well over a million events.</summary>
    public const int MaxChars = InputFile.EventsFileChars;

    public static (IReadOnlyList<PatientEvent> Events, IReadOnlyList<Diagnostic> Diagnostics) Load(SourceText source, Regimen regimen, DateOnly? start, QualifierNeeds? needs = null)
    {
        if (source.Text.Length > MaxChars)
        {
            return ([], [RunDiagnostics.TooLarge(source, "events file", MaxChars / (1024 * 1024))]);
        }

        // Keywords and names in an events file are read without regard to case (`Day 9: Platelets 25
        // x10^9/L`): the file is data typed by people, often from a chart, and every name it can hold
        // (labs, adverse events, qualifiers, drugs, units) is lower case or case-blind already. Only
        // ASCII letters change, so every span still points at the text as written.
        var blanked = AsciiCase.Lower(CommentScanner.Scan(source.Text).Blanked);
        var diagnostics = new BindDiagnostics(source);
        var errors = new List<Diagnostic>(UnicodeHazards.HiddenCharacters(source));
        var binder = new EventBinder(diagnostics, new QuantityBinder(diagnostics), needs);
        var events = new List<PatientEvent>();
        Diagnostic? stopped = null;
        for (var line = 1; line <= source.LineCount; line++)
        {
            if (errors.Count + diagnostics.Items.Count >= DiagnosticBag.MaxPerFile)
            {
                // Stated limit: reading stops at 100 problems (nothing runs on a file with errors anyway).
                stopped = RunDiagnostics.StoppedReading(source, source.GetLineStart(line), line, DiagnosticBag.MaxPerFile);
                break;
            }

            var lineStart = source.GetLineStart(line);
            var lineEnd = lineStart + source.GetLineText(line).Length;
            var first = lineStart;
            while (first < lineEnd && char.IsWhiteSpace(blanked[first]))
            {
                first++;
            }

            if (first == lineEnd)
            {
                continue;
            }

            var input = new SourceInput(blanked, first, lineEnd);
            var result = Line(input);
            if (input.Problems.Any)
            {
                errors.AddRange(input.Problems.Diagnostics(source));
                continue;
            }

            if (!result.WasSuccessful)
            {
                var at = result.Remainder.Position;
                errors.Add(at == first && !blanked.AsSpan(first).StartsWith("day", StringComparison.Ordinal)
                    ? RunDiagnostics.EventsLine(source, WordAt(blanked, first, lineEnd), $"`{blanked[WordAt(blanked, first, lineEnd).Start..WordAt(blanked, first, lineEnd).End]}`")
                    : RuleParser.FromFailure(source, blanked, first, lineEnd, at,
                        result.Expectations.Select(e => e == "end of input" ? "`,` or the end of the line" : e), "the end of the line"));
                continue;
            }

            var (date, number, syntax) = result.Value;
            int day;
            if (date is not null)
            {
                if (start is null)
                {
                    errors.Add(RunDiagnostics.DateWithoutStart(source, date.Span));
                    continue;
                }

                if (!DateOnly.TryParseExact(date.Text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var when))
                {
                    errors.Add(RunDiagnostics.BadDate(source, date.Span));
                    continue;
                }

                day = when.DayNumber - start.Value.DayNumber + 1;
            }
            else
            {
                day = (int)Math.Min(number!.Value, int.MaxValue);
            }

            if (day < 1 || day > RunOptions.MaxDays)
            {
                errors.Add(RunDiagnostics.DayOutOfRange(source, (date ?? (SyntaxNode)number!).Span, day));
                continue;
            }

            events.AddRange(syntax.Select(e => binder.Bind(e, day, regimen)).OfType<ScenarioEvent>().Select(e => PatientFactory.ToEvent(e, line)));
        }

        errors.AddRange(diagnostics.Items);

        // One line can hold thousands of problems: the per-file cap bounds what is shown, and where reading stopped comes last.
        IReadOnlyList<Diagnostic> shown = DiagnosticBag.Capped(DiagnosticBag.Sort(errors));
        return ([.. events.OrderBy(e => e.Day).ThenBy(e => e.Line)], stopped is null ? shown : [.. shown, stopped]);
    }

    private static TextSpan WordAt(string text, int at, int end)
    {
        var stop = at;
        while (stop < end && !char.IsWhiteSpace(text[stop]) && text[stop] != ':')
        {
            stop++;
        }

        return TextSpan.FromBounds(at, Math.Max(stop, at + 1));
    }

    // A class rather than a tuple, for ReadyToRun (see RuleGrammar's note).
    private sealed record EventsLine(Token? Date, NumberLiteral? Day, IReadOnlyList<EventSyntax> Events);
}
