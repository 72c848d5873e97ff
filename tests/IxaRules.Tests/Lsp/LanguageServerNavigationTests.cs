using StreamJsonRpc;

namespace IxaRules.Tests.Lsp;

/// <summary>
/// The language server's navigation: find references across a workspace, the outline and folds,
/// semantic tokens, quick fixes for did-you-mean diagnostics, completion that knows its clause, and
/// hover on a declaration whose other clause is still broken (recovery while typing).
/// </summary>
public sealed class LanguageServerNavigationTests : TempFolderTest
{
    private const string Rules =
        "regimen R\n" +
        "  cycle 28 days for 2 cycles\n" +
        "  drug lenalidomide oral 25 mg days 1-21\n" +
        "    levels 25 mg > 15 mg > discontinue\n" +
        "  drug dexamethasone oral 40 mg days 1, 8\n" +
        "\n" +
        "rule low_platelets  # a comment\n" +
        "  when platelets < 30 x10^9/L\n" +
        "  hold lenalidomide until platelets >= 30 x10^9/L\n" +
        "  on recovery resume lenalidomide next lower\n";

    private const string Scenarios =
        "scenario \"a drop holds lenalidomide\" for R in \"r.ixr\"\n" +
        "  patient age 64, weight 72 kg, height 170 cm, crcl 85 mL/min, hepatic none, dialysis no\n" +
        "  day 1: platelets 200 x10^9/L\n" +
        "  day 5: platelets 20 x10^9/L\n" +
        "  expect rule low_platelets fires on day 5\n" +
        "  expect lenalidomide held on day 8\n";

    [Fact]
    public async Task References_to_a_drug_reach_the_scenario_file_that_names_its_regimen_and_only_names_count()
    {
        var rules = Write("w/r.ixr", Rules);
        var scenarios = Write("w/tests/s.ixr", Scenarios.Replace("\"r.ixr\"", "\"../r.ixr\"", StringComparison.Ordinal));
        Write("w/other.ixr", "regimen Other\n  cycle 28 days for 1 cycles\n  drug lenalidomide oral 10 mg days 1-21\n");
        var (client, _) = await LspClient.Open(Path.Combine(Dir, "w"), rules);

        var all = await References(client, rules, line: 2, character: 9, includeDeclaration: true);
        Assert.Equal(
            [$"r.ixr 2:7", "r.ixr 8:7", "r.ixr 9:21", "s.ixr 5:9"],
            all);

        // The declaration left out; the file of another regimen with a drug of the same name never counts.
        Assert.Equal(["r.ixr 8:7", "r.ixr 9:21", "s.ixr 5:9"], await References(client, rules, 8, 10, includeDeclaration: false));

        // A rule, from the scenario that expects it (the scenario file is not open: it is read from the workspace).
        Assert.Equal(["r.ixr 6:5", "s.ixr 4:14"], await References(client, rules, 6, 7, includeDeclaration: true));

        // A lab is the catalog's: every file that reads it; in a comment it is no reference.
        Assert.Equal(["r.ixr 7:7", "r.ixr 8:26", "s.ixr 2:9", "s.ixr 3:9"], await References(client, rules, 7, 8, includeDeclaration: true));
        Assert.Empty(await References(client, rules, 6, 22, includeDeclaration: true)); // inside `# a comment`
    }

    [Fact]
    public async Task The_outline_nests_drugs_under_their_regimen_and_folds_each_declaration()
    {
        var path = Write("r.ixr", Rules);
        var (client, _) = await LspClient.Open(null, path);
        var symbols = await LspClient.Ask(client, "textDocument/documentSymbol", new { textDocument = new { uri = LspClient.UriOf(path) } });
        Assert.Equal(["R 5", "low_platelets 12"], symbols.EnumerateArray().Select(s => $"{s.GetProperty("name").GetString()} {s.GetProperty("kind").GetInt32()}"));
        var drugs = symbols[0].GetProperty("children").EnumerateArray().Select(c => $"{c.GetProperty("name").GetString()}: {c.GetProperty("detail").GetString()}").ToList();
        Assert.Equal(["lenalidomide: oral 25 mg", "dexamethasone: oral 40 mg"], drugs);
        Assert.Equal((0, 8, 0, 9), LspClient.Span(symbols[0].GetProperty("selectionRange")));

        var folds = await LspClient.Ask(client, "textDocument/foldingRange", new { textDocument = new { uri = LspClient.UriOf(path) } });
        Assert.Equal(["0-4", "6-9"], folds.EnumerateArray().Select(f => $"{f.GetProperty("startLine").GetInt32()}-{f.GetProperty("endLine").GetInt32()}"));
    }

    [Fact]
    public async Task Semantic_tokens_tell_drugs_labs_rules_numbers_units_and_comments_apart()
    {
        var path = Write("r.ixr", Rules);
        var (client, _) = await LspClient.Open(null, path);
        var init = await LspClient.Ask(client, "initialize", new { processId = 1, capabilities = new { } });
        var legend = init.GetProperty("capabilities").GetProperty("semanticTokensProvider").GetProperty("legend").GetProperty("tokenTypes").EnumerateArray().Select(t => t.GetString()!).ToList();
        var data = (await LspClient.Ask(client, "textDocument/semanticTokens/full", new { textDocument = new { uri = LspClient.UriOf(path) } })).GetProperty("data").EnumerateArray().Select(d => d.GetInt32()).ToList();
        Assert.Equal(0, data.Count % 5);

        // Decode LSP's relative positions into "line:character text type".
        var lines = Rules.Split('\n');
        var decoded = new List<string>();
        var (line, start) = (0, 0);
        for (var i = 0; i < data.Count; i += 5)
        {
            (line, start) = (line + data[i], data[i] == 0 ? start + data[i + 1] : data[i + 1]);
            decoded.Add($"{line}:{start} {lines[line].Substring(start, data[i + 2])} {legend[data[i + 3]]}");
        }

        Assert.Contains("0:0 regimen keyword", decoded);
        Assert.Contains("0:8 R namespace", decoded);
        Assert.Contains("2:7 lenalidomide variable", decoded);
        Assert.Contains("2:20 oral enumMember", decoded);
        Assert.Contains("2:25 25 number", decoded);
        Assert.Contains("2:28 mg type", decoded);
        Assert.Contains("6:5 low_platelets function", decoded);
        Assert.Contains("6:20 # a comment comment", decoded);
        Assert.Contains("7:7 platelets property", decoded);
        Assert.Equal(decoded.Count, decoded.Distinct().Count());
    }

    [Fact]
    public async Task A_quick_fix_replaces_a_misspelt_drug_and_the_file_then_checks_clean_of_it()
    {
        var text = Rules.Replace("hold lenalidomide", "hold lenalidomid", StringComparison.Ordinal);
        var path = Write("r.ixr", text);
        var (client, _) = await LspClient.Open(null, path);
        var uri = LspClient.UriOf(path);
        var actions = await LspClient.Ask(client, "textDocument/codeAction", new { textDocument = new { uri }, range = new { start = new { line = 8, character = 10 }, end = new { line = 8, character = 10 } }, context = new { diagnostics = Array.Empty<object>() } });
        var action = Assert.Single(actions.EnumerateArray());
        Assert.Equal("Change `lenalidomid` to `lenalidomide`", action.GetProperty("title").GetString());
        Assert.Equal("quickfix", action.GetProperty("kind").GetString());
        Assert.Equal("IXR1002", action.GetProperty("diagnostics")[0].GetProperty("code").GetString());
        var edit = Assert.Single(action.GetProperty("edit").GetProperty("changes").GetProperty(uri).EnumerateArray());
        Assert.Equal((8, 7, 8, 18), LspClient.Range(edit));

        var fixedText = string.Join('\n', text.Split('\n').Select((l, i) => i == 8 ? l[..7] + edit.GetProperty("newText").GetString() + l[18..] : l));
        Assert.Equal(Rules, fixedText);

        var elsewhere = await LspClient.Ask(client, "textDocument/codeAction", new { textDocument = new { uri }, range = new { start = new { line = 0, character = 0 }, end = new { line = 0, character = 3 } }, context = new { diagnostics = Array.Empty<object>() } });
        Assert.Empty(elsewhere.EnumerateArray());
    }

    [Theory]
    [InlineData(8, "  hold ", "lenalidomide", "platelets")]
    [InlineData(7, "  when ", "platelets", "lenalidomide")]
    [InlineData(8, "  hold lenalidomide until ", "platelets", "mg")]
    [InlineData(2, "  drug ", "ixazomib", "platelets")]
    [InlineData(2, "  drug ixazomib ", "oral", "ixazomib")]
    [InlineData(2, "  drug ixazomib oral 4 ", "mg", "oral")]
    [InlineData(9, "  on ", "recovery", "lenalidomide")]
    [InlineData(6, "rule x for ", "R", "platelets")]
    [InlineData(3, "    ", "levels", "hold")]
    [InlineData(8, "  ", "hold", "levels")]
    public Task Completion_knows_the_clause_it_is_in(int line, string typed, string offered, string notOffered) =>
        CompletionOnALineTyped(Rules, line, typed, offered, notOffered);

    [Fact]
    public async Task A_declaration_with_a_broken_clause_still_hovers_outlines_and_completes_the_rest()
    {
        // Line 4's drug is being typed: the strict parse drops regimen R (check's one error), the editor keeps its other clauses.
        var text = Rules.Replace("  drug dexamethasone oral 40 mg days 1, 8\n", "  drug dexamethasone oral 40 mg dayz\n  drug bortezomib sc 1.3 mg/m2 days 1, 8\n", StringComparison.Ordinal);
        var path = Write("r.ixr", text);
        var (client, published, _) = LspClient.Start();
        await LspClient.Ask(client, "initialize", new { processId = 1, capabilities = new { } });
        await client.NotifyWithParameterObjectAsync("textDocument/didOpen", new { textDocument = new { uri = LspClient.UriOf(path), languageId = "ixarules", version = 1, text } });
        var diagnostics = (await LspClient.Next(published)).GetProperty("diagnostics").EnumerateArray().ToList();
        Assert.Equal(RuleFiles.Check(new IxaRules.Text.SourceText(path, text)).Diagnostics.Select(d => d.Code), diagnostics.Select(d => d.GetProperty("code").GetString()));
        Assert.Equal(4, diagnostics[0].GetProperty("range").GetProperty("start").GetProperty("line").GetInt32());

        var hover = await LspClient.Ask(client, "textDocument/hover", new { textDocument = new { uri = LspClient.UriOf(path) }, position = new { line = 5, character = 9 } });
        Assert.StartsWith("**bortezomib** sc 1.3 mg/m², days 1, 8", hover.GetProperty("contents").GetProperty("value").GetString());
        var onRule = await LspClient.Ask(client, "textDocument/hover", new { textDocument = new { uri = LspClient.UriOf(path) }, position = new { line = 9, character = 10 } });
        Assert.StartsWith("**lenalidomide** oral 25 mg", onRule.GetProperty("contents").GetProperty("value").GetString());

        var symbols = await LspClient.Ask(client, "textDocument/documentSymbol", new { textDocument = new { uri = LspClient.UriOf(path) } });
        Assert.Equal(["lenalidomide", "bortezomib"], symbols[0].GetProperty("children").EnumerateArray().Select(s => s.GetProperty("name").GetString()));
        Assert.Contains("bortezomib", await LspClient.Labels(client, LspClient.UriOf(path), 9, 7));
    }

    private const string Shared =
        "regimen R\n" +
        "  cycle 28 days for 2 cycles\n" +
        "  drug lenalidomide oral 25 mg days 1-21\n" +
        "    levels 25 mg > 15 mg > 10 mg > discontinue\n" +
        "\n" +
        "rule low_platelets\n" +
        "  counter shared haematologic\n" +
        "  when platelets < 30 x10^9/L\n" +
        "  hold lenalidomide until platelets >= 30 x10^9/L\n" +
        "  on recovery resume lenalidomide next lower\n" +
        "\n" +
        "rule low_anc\n" +
        "  counter shared haematologic\n" +
        "  when anc < 0.5 x10^9/L\n" +
        "  reduce lenalidomide to 15 mg\n";

    [Fact]
    public async Task A_shared_counter_hovers_with_its_rules_goes_to_its_first_rule_and_finds_both_and_a_rule_hover_shows_its_actions()
    {
        var path = Write("r.ixr", Shared);
        var (client, _) = await LspClient.Open(null, path);
        var uri = LspClient.UriOf(path);

        var counter = await LspClient.Ask(client, "textDocument/hover", new { textDocument = new { uri }, position = new { line = 12, character = 20 } });
        Assert.Equal("**counter haematologic**, shared by low_platelets (line 6), low_anc (line 12): each of their firings counts one occurrence of all of them",
            counter.GetProperty("contents").GetProperty("value").GetString());
        var definition = await LspClient.Ask(client, "textDocument/definition", new { textDocument = new { uri }, position = new { line = 12, character = 20 } });
        Assert.Equal(5, LspClient.Range(definition).Item1); // rule low_platelets
        Assert.Equal(["r.ixr 6:17", "r.ixr 12:17"], await References(client, path, 12, 20, includeDeclaration: true));
        Assert.Equal(["r.ixr 12:17"], await References(client, path, 12, 20, includeDeclaration: false));

        var rule = (await LspClient.Ask(client, "textDocument/hover", new { textDocument = new { uri }, position = new { line = 5, character = 8 } })).GetProperty("contents").GetProperty("value").GetString()!;
        Assert.Contains("- every occurrence: hold lenalidomide until platelets >= 30 ×10⁹/L, then resume lenalidomide next lower", rule);
        Assert.Contains("counter `haematologic` (shared)", rule);
    }

    [Theory]
    [InlineData(12, "  counter shared ", "haematologic", "per")]
    [InlineData(12, "  counter ", "shared", "haematologic")]
    [InlineData(14, "  reduce lenalidomide to ", "15 mg", "platelets")]
    public Task Completion_offers_shared_counters_and_dose_levels(int line, string typed, string offered, string notOffered) =>
        CompletionOnALineTyped(Shared, line, typed, offered, notOffered);

    /// <summary>Replaces a line of the text with what is being typed, and completes at its end.</summary>
    private async Task CompletionOnALineTyped(string text, int line, string typed, string offered, string notOffered)
    {
        var lines = text.Split('\n');
        lines[line] = typed;
        var path = Write("r.ixr", string.Join('\n', lines));
        var (client, _) = await LspClient.Open(null, path);
        var labels = await LspClient.Labels(client, LspClient.UriOf(path), line, typed.Length);
        Assert.Contains(offered, labels);
        Assert.DoesNotContain(notOffered, labels);
    }

    private static async Task<List<string>> References(JsonRpc client, string path, int line, int character, bool includeDeclaration) =>
        [.. (await LspClient.Ask(client, "textDocument/references", new { textDocument = new { uri = LspClient.UriOf(path) }, position = new { line, character }, context = new { includeDeclaration } }))
            .EnumerateArray().Select(l => $"{Path.GetFileName(new Uri(l.GetProperty("uri").GetString()!).LocalPath)} {l.GetProperty("range").GetProperty("start").GetProperty("line").GetInt32()}:{l.GetProperty("range").GetProperty("start").GetProperty("character").GetInt32()}")];
}
