using IxaRules.Binding;
using IxaRules.Parsing;
using IxaRules.Text;

namespace IxaRules.Cli.Lsp;

/// <summary>One completion: the word, what kind of thing it is (LSP's CompletionItemKind) and a short detail.</summary>
internal sealed record CompletionItem(string Label, int Kind, string Detail);

/// <summary>
/// Completion that knows where it is: the declaration the line belongs to (the nearest line above
/// that starts in column 1), the clause (the line's first word) and the word before the cursor.
/// A line's first word completes to what can start a line there; after a number come units; a
/// `drug` line names a catalog drug, then a route; `hold`, `reduce`, `resume` and `alternate` name
/// the drugs of the regimens in view, and `until`, `when`, `require` the labs, adverse events and
/// covariates a condition reads; `on` is followed by `recovery` or `occurrence`; `for` names a
/// regimen; `counter shared` the shared counters; `reduce X to` and `start X at` the dose levels of
/// X. The client filters by what has been typed.
/// </summary>
internal static class Completions
{
    private const int Keyword = 14;
    private const int Variable = 6;
    private const int Function = 3;
    private const int Module = 9;
    private const int Unit = 11;
    private const int Constant = 21;

    private static readonly string[] Declarations = ["regimen", "rule", "scenario"];

    /// <summary>What an indented line of each declaration starts with: its clauses and their continuation lines.</summary>
    private static readonly Dictionary<string, string[]> LineStarts = new(StringComparer.Ordinal)
    {
        ["regimen"] = [.. RegimenGrammar.ClauseKeywords, "levels", "require", "and", "or", "measured", "else"],
        ["rule"] = [.. RuleGrammar.ClauseKeywords, "and", "or"],
        ["scenario"] = [.. ScenarioGrammar.ClauseKeywords],
    };

    private static readonly string[] UnitWords = ["mg", "mg/m2", "mg/kg", "x10^9/L", "/mm3", "mL/min", "mg/dL", "umol/L", "g/dL", "kg", "cm", "years", "%", "days", "hours"];

    private static readonly string[] ConditionWords = ["and", "or", "not", "grade", "is", "baseline", "with", "without", "any"];

    public static IReadOnlyList<CompletionItem> At(SourceText source, BoundFile? model, Position position)
    {
        if (position.Line < 0 || position.Line >= source.LineCount)
        {
            return [];
        }

        var line = source.GetLineText(position.Line + 1);
        var before = line[..Math.Clamp(position.Character, 0, line.Length)];
        var words = Words(before);
        var kind = DeclarationOf(source, position.Line + 1);
        if (words.Count == 0 || (words.Count == 1 && !before.EndsWith(' ')))
        {
            // The first word of a line: what can start one here.
            return before.Length > 0 && char.IsWhiteSpace(before[0]) && kind is not null
                ? Items(LineStarts[kind].Distinct().Order(StringComparer.Ordinal), Keyword, $"{kind} clause")
                : Items(Declarations, Keyword, "declaration");
        }

        // The words before the one being typed: the clause keyword first, the previous word last.
        var done = before.EndsWith(' ') ? words : words[..^1];
        var clause = done[0];
        var previous = done[^1];
        var regimens = model is null ? [] : HoverText.RegimensInView(model);
        var drugs = Items(regimens.SelectMany(r => r.DrugNames).Distinct(), Variable, "drug of the regimen");

        if (decimal.TryParse(previous.TrimEnd(','), System.Globalization.NumberStyles.Number, System.Globalization.CultureInfo.InvariantCulture, out _))
        {
            return Items(UnitWords, Unit, "unit");
        }

        var rulesInView = model is null ? [] : HoverText.RulesInView(model);
        return (clause, previous) switch
        {
            (_, "for") => Items(regimens.Select(r => r.Name), Module, "regimen"),
            ("counter", "shared") => Items(rulesInView.Where(r => r.CounterShared).Select(r => r.Counter), Variable, "shared counter"),
            ("counter", _) => Items(["per", "shared"], Keyword, "keyword"),
            ("reduce" or "start" or "titrate", "to" or "at") when done.Count >= 3 =>
                Items(regimens.Select(r => r.FindDrug(done[1])).OfType<DrugPlan>().SelectMany(d => d.Ladder ?? []).Select(l => l.ToString()), Constant, $"a dose level of {done[1]}"),
            ("drug", "drug") => Items(Catalog.Drugs, Variable, "drug"),
            ("drug", _) when done.Count == 2 => Items(Catalog.Routes, Constant, "route"),
            (_, "on") => Items(["recovery", "occurrence"], Keyword, "keyword"),
            (_, "until" or "when" or "require" or "and" or "or" or "not") or ("when" or "require" or "and" or "or", _) => Conditions(),
            ("hold" or "reduce" or "discontinue" or "start" or "titrate" or "missed" or "vomited" or "dispense" or "on" or "expect", _) =>
                [.. drugs, .. clause == "expect" ? Items(["rule"], Keyword, "keyword") : [], .. previous == "rule" ? Items(rulesInView.Select(r => r.Name), Function, "rule") : []],
            ("day", _) => [.. Conditions(), .. Items(Catalog.TerminalEvents, Constant, "event")],
            ("patient", _) => Items(Catalog.CovariateNames, Variable, "covariate"),
            _ => [.. drugs, .. Conditions()],
        };
    }

    private static List<CompletionItem> Conditions() =>
        [.. Items(Catalog.LabNames, Variable, "lab"), .. Items(Catalog.AdverseEventNames, Variable, "adverse event"),
         .. Items(Catalog.AeClassNames, Variable, "adverse-event class"), .. Items(Catalog.CovariateNames, Variable, "covariate"),
         .. Items(ConditionWords, Keyword, "keyword")];

    private static List<CompletionItem> Items(IEnumerable<string> labels, int kind, string detail) =>
        [.. labels.Distinct().Order(StringComparer.Ordinal).Select(l => new CompletionItem(l, kind, detail))];

    private static List<string> Words(string text) =>
        [.. text.Split([' ', '\t', ','], StringSplitOptions.RemoveEmptyEntries).Select(w => w.TrimEnd(':'))];

    /// <summary>The declaration a line belongs to: the keyword of the nearest line at or above it that starts in column 1.</summary>
    private static string? DeclarationOf(SourceText source, int line)
    {
        for (var l = line; l >= 1; l--)
        {
            var text = source.GetLineText(l);
            if (text.Length > 0 && !char.IsWhiteSpace(text[0]) && text[0] != '#')
            {
                var first = text.Split(' ', 2)[0];
                return LineStarts.ContainsKey(first) ? first : null;
            }
        }

        return null;
    }
}
