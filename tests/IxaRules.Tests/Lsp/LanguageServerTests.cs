using System.Text.Json;
using System.Threading.Channels;
using StreamJsonRpc;

namespace IxaRules.Tests.Lsp;

/// <summary>
/// The language server driven by a client over a pipe, as an editor drives it: initialize → didOpen →
/// publishDiagnostics → didChange → (debounced) publishDiagnostics → hover → formatting → shutdown → exit.
/// </summary>
public sealed class LanguageServerTests : TempFolderTest
{
    private static (JsonRpc Client, Channel<JsonElement> Published, Task<int> Serving) Start() => LspClient.Start();

    private static Task<JsonElement> Next(Channel<JsonElement> published) => LspClient.Next(published);

    private static (int, int, int, int) Range(JsonElement e) => LspClient.Range(e);

    private static Task<List<string>> Labels(JsonRpc client, string uri, int line, int character) => LspClient.Labels(client, uri, line, character);

    private const string Misspelt = "regimen R\n  cycle 28 days for 1 cycles\n  drug lenalidomid oral 25 mg days 1-21\n";

    private const string Fixed = "regimen R\n   cycle 28 days for 1 cycles\n  drug lenalidomide oral 25 mg days 1-21\n    levels 25 mg > 15 mg > discontinue\n";

    [Fact]
    public async Task A_session_reports_diagnostics_hovers_and_formats_and_exits_cleanly()
    {
        var uri = new Uri(Write("r.ixr", Misspelt)).AbsoluteUri;
        var (client, published, serving) = Start();

        var init = await client.InvokeWithParameterObjectAsync<JsonElement>("initialize", new { processId = 1, rootUri = (string?)null, capabilities = new { } });
        Assert.Equal(1, init.GetProperty("capabilities").GetProperty("textDocumentSync").GetInt32());
        Assert.True(init.GetProperty("capabilities").GetProperty("hoverProvider").GetBoolean());
        await client.NotifyWithParameterObjectAsync("initialized", new { });

        await client.NotifyWithParameterObjectAsync("textDocument/didOpen", new { textDocument = new { uri, languageId = "ixarules", version = 1, text = Misspelt } });
        var first = await Next(published);
        Assert.Equal(uri, first.GetProperty("uri").GetString());
        var diagnostic = Assert.Single(first.GetProperty("diagnostics").EnumerateArray());
        Assert.Equal("IXR1001", diagnostic.GetProperty("code").GetString());
        Assert.Equal(1, diagnostic.GetProperty("severity").GetInt32());
        Assert.Equal((2, 7, 2, 18), Range(diagnostic)); // check's 3:8, 0-based, to the end of `lenalidomid`
        Assert.Equal("unknown drug `lenalidomid`\nhelp: did you mean `lenalidomide`?", diagnostic.GetProperty("message").GetString());

        // Two quick changes: the diagnostics published last are those of the last text.
        await client.NotifyWithParameterObjectAsync("textDocument/didChange", new { textDocument = new { uri, version = 2 }, contentChanges = new[] { new { text = Misspelt + "oops\n" } } });
        await client.NotifyWithParameterObjectAsync("textDocument/didChange", new { textDocument = new { uri, version = 3 }, contentChanges = new[] { new { text = Fixed } } });
        var second = await Next(published);
        while (second.GetProperty("version").GetInt32() != 3)
        {
            second = await Next(published); // a loaded machine may check the first change before the second arrives
        }

        // The misspelling is gone; what is left is check's warning that no rule uses the ladder.
        Assert.Equal(["IXR3001 2"], second.GetProperty("diagnostics").EnumerateArray().Select(d => $"{d.GetProperty("code").GetString()} {d.GetProperty("severity").GetInt32()}"));

        var hover = await client.InvokeWithParameterObjectAsync<JsonElement>("textDocument/hover", new { textDocument = new { uri }, position = new { line = 2, character = 10 } });
        var text = hover.GetProperty("contents").GetProperty("value").GetString()!;
        Assert.StartsWith("**lenalidomide** oral 25 mg, days 1-21 — regimen R, phase main (line 3)", text);
        Assert.Contains("levels 25 mg > 15 mg > discontinue", text);
        Assert.Equal((2, 7, 2, 19), Range(hover));

        var regimen = await client.InvokeWithParameterObjectAsync<JsonElement>("textDocument/hover", new { textDocument = new { uri }, position = new { line = 0, character = 8 } });
        Assert.StartsWith("**regimen R**", regimen.GetProperty("contents").GetProperty("value").GetString());

        Assert.Equal(["regimen", "rule", "scenario"], await Labels(client, uri, 0, 0));
        var clauses = await Labels(client, uri, 1, 2);
        Assert.Contains("drug", clauses);
        Assert.DoesNotContain("expect", clauses); // a scenario's clause, not a regimen's
        Assert.DoesNotContain("lenalidomide", clauses);
        var routes = await Labels(client, uri, 2, 24); // on `oral`, after `drug lenalidomide `
        Assert.Contains("oral", routes);
        Assert.DoesNotContain("lenalidomide", routes);
        var units = await Labels(client, uri, 2, 28); // after `oral 25 `
        Assert.Contains("mg", units);
        Assert.DoesNotContain("platelets", units);

        var edits = await client.InvokeWithParameterObjectAsync<JsonElement>("textDocument/formatting", new { textDocument = new { uri }, options = new { tabSize = 2, insertSpaces = true } });
        var edit = Assert.Single(edits.EnumerateArray());
        Assert.Equal(CliRunner.RunWithInput(Fixed, "fmt", "-").Stdout, edit.GetProperty("newText").GetString());
        Assert.Equal((0, 0, 4, 0), Range(edit));

        await client.InvokeWithParameterObjectAsync<JsonElement?>("shutdown");
        await client.NotifyAsync("exit");
        Assert.Equal(0, await serving.WaitAsync(TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public async Task Changes_typed_faster_than_checks_are_coalesced_and_the_last_version_is_always_published()
    {
        var uri = new Uri(Write("r.ixr", Misspelt)).AbsoluteUri;
        var (client, published, _) = Start();
        await client.InvokeWithParameterObjectAsync<JsonElement>("initialize", new { processId = 1, capabilities = new { } });
        await client.NotifyWithParameterObjectAsync("textDocument/didOpen", new { textDocument = new { uri, languageId = "ixarules", version = 1, text = Misspelt } });
        await Next(published);

        for (var version = 2; version <= 40; version++)
        {
            var text = version == 40 ? Fixed : Misspelt + new string('#', version) + "\n";
            await client.NotifyWithParameterObjectAsync("textDocument/didChange", new { textDocument = new { uri, version }, contentChanges = new[] { new { text } } });
        }

        var versions = new List<int>();
        JsonElement last;
        do
        {
            last = await Next(published);
            versions.Add(last.GetProperty("version").GetInt32());
        }
        while (versions[^1] != 40);

        Assert.Equal(versions.Order(), versions); // never an older version after a newer one
        Assert.True(versions.Count <= 39, $"{versions.Count} publishes for 39 changes");
        Assert.Equal(["IXR3001"], last.GetProperty("diagnostics").EnumerateArray().Select(d => d.GetProperty("code").GetString()));
    }

    [Fact]
    public async Task Exit_without_shutdown_ends_with_1_and_a_hover_on_nothing_is_null()
    {
        var uri = new Uri(Write("r.ixr", Fixed)).AbsoluteUri;
        var (client, published, serving) = Start();
        await client.InvokeWithParameterObjectAsync<JsonElement>("initialize", new { processId = 1, capabilities = new { } });
        await client.NotifyWithParameterObjectAsync("textDocument/didOpen", new { textDocument = new { uri, languageId = "ixarules", version = 1, text = Fixed } });
        await Next(published);
        var nothing = await client.InvokeWithParameterObjectAsync<JsonElement>("textDocument/hover", new { textDocument = new { uri }, position = new { line = 1, character = 0 } });
        Assert.Equal(JsonValueKind.Null, nothing.ValueKind);
        var outside = await client.InvokeWithParameterObjectAsync<JsonElement>("textDocument/hover", new { textDocument = new { uri }, position = new { line = 99, character = 0 } });
        Assert.Equal(JsonValueKind.Null, outside.ValueKind);
        await client.NotifyAsync("exit");
        Assert.Equal(1, await serving.WaitAsync(TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public async Task Definition_goes_from_a_scenario_file_to_the_drug_and_regimen_in_the_file_it_names()
    {
        var path = Path.GetFullPath("examples/scenario-files/ird-protocol.ixr");
        var uri = new Uri(path).AbsoluteUri;
        var (client, published, _) = Start();
        await client.InvokeWithParameterObjectAsync<JsonElement>("initialize", new { processId = 1, capabilities = new { } });
        await client.NotifyWithParameterObjectAsync("textDocument/didOpen", new { textDocument = new { uri, languageId = "ixarules", version = 1, text = File.ReadAllText(path) } });
        await Next(published);

        var drug = await client.InvokeWithParameterObjectAsync<JsonElement>("textDocument/definition", new { textDocument = new { uri }, position = new { line = 10, character = 10 } });
        Assert.Equal(new Uri(Path.GetFullPath("rules/ird.ixr")).AbsoluteUri, drug.GetProperty("uri").GetString());
        var declared = File.ReadAllLines("rules/ird.ixr")[Range(drug).Item1];
        Assert.StartsWith("  drug ixazomib", declared);

        var regimen = await client.InvokeWithParameterObjectAsync<JsonElement>("textDocument/definition", new { textDocument = new { uri }, position = new { line = 5, character = 73 } });
        Assert.StartsWith("regimen IRd", File.ReadAllLines("rules/ird.ixr")[Range(regimen).Item1]);

        // Hover from the scenario file shows the drug with the citations written beside it in the rule file.
        var hover = (await client.InvokeWithParameterObjectAsync<JsonElement>("textDocument/hover", new { textDocument = new { uri }, position = new { line = 10, character = 10 } }))
            .GetProperty("contents").GetProperty("value").GetString()!;
        Assert.Contains("*source:* seed 002 l.124-126; facts §1.1 (CONFIRMED)", hover);
        Assert.Contains("*source:* facts §1.2 (CONFIRMED)", hover); // its levels line
        Assert.Contains("- starting dose 3 mg when dialysis (line 27) — ESRD on dialysis: 3 mg, facts §1.5 (CONFIRMED)", hover);

        var nothing = await client.InvokeWithParameterObjectAsync<JsonElement>("textDocument/definition", new { textDocument = new { uri }, position = new { line = 10, character = 3 } });
        Assert.Equal(JsonValueKind.Null, nothing.ValueKind); // `expect` is a keyword, declared nowhere
    }
}
