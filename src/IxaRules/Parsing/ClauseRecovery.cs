using IxaRules.Syntax;

namespace IxaRules.Parsing;

/// <summary>
/// Recovery at clause level, for the editor: a declaration whose clause does not parse keeps its
/// first line and every clause that does, so a rule being typed still has hover, completion and an
/// outline. The broken clause is skipped to the next line that starts (after its indent) with one of
/// the declaration's clause keywords — the same resynchronisation points a reader uses. `check`,
/// `run` and every other verb never see a recovered declaration: they drop the whole declaration
/// (its name becomes an error symbol), so nothing runs on a guess.
/// </summary>
internal static partial class RuleParser
{
    /// <summary>A recovery to run only when the strict parse failed (a delegate: the strict path pays nothing).</summary>
    private static Func<DeclarationSyntax?> Recover(string text, int start, int end, string kind) => () =>
    {
        var (head, clause, keywords) = kind switch
        {
            "regimen" => (RegimenGrammar.Head, RegimenGrammar.Clause, RegimenGrammar.ClauseKeywords),
            "rule" => (RuleGrammar.Head, RuleGrammar.Clause, RuleGrammar.ClauseKeywords),
            _ => (ScenarioGrammar.Head, ScenarioGrammar.Clause, ScenarioGrammar.ClauseKeywords),
        };

        var input = new SourceInput(text, start, end);
        var first = head(input);
        if (!first.WasSuccessful)
        {
            return null; // without its name there is nothing to declare; the binder's error symbol covers it
        }

        var clauses = new List<ClauseSyntax>();
        var at = first.Remainder.Position;
        // Every turn either takes a clause (and moves past it) or moves to a later line: linear in the slice.
        while ((at = SkipSpace(text, at, end)) < end)
        {
            var next = clause(input.At(at));
            if (next.WasSuccessful && next.Remainder.Position > at)
            {
                clauses.Add(next.Value);
                at = next.Remainder.Position;
            }
            else
            {
                at = NextClauseLine(text, at, end, keywords);
            }
        }

        return first.Value(clauses);
    };

    /// <summary>The start of the first line after the one holding <paramref name="from"/> whose first word is a clause keyword, or <paramref name="end"/>.</summary>
    private static int NextClauseLine(string text, int from, int end, IReadOnlyCollection<string> keywords)
    {
        var line = text.IndexOf('\n', from, end - from);
        while (line >= 0 && line + 1 < end)
        {
            var word = SkipSpace(text, line + 1, end);
            var wordEnd = word;
            while (wordEnd < end && char.IsAsciiLetter(text[wordEnd]))
            {
                wordEnd++;
            }

            if (wordEnd > word && keywords.Contains(text[word..wordEnd]))
            {
                return word;
            }

            line = text.IndexOf('\n', line + 1, end - line - 1);
        }

        return end;
    }
}
