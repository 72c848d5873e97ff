using System.Text.Json;
using System.Threading.Channels;
using BenchmarkDotNet.Attributes;
using IxaRules.Cli;
using Nerdbank.Streams;
using StreamJsonRpc;

namespace IxaRules.Benchmarks;

/// <summary>
/// The editor's latency on a generated 1 MB rule file (issue 17: diagnostics within 300 ms of a
/// change). <see cref="ChangeToDiagnostics"/> is the whole path an editor waits for: a
/// `didChange` sent over a pipe to the server, the check (the declarations the edit did not touch
/// reused from the last one), and the `publishDiagnostics` read back by the client. <see cref="ChangeToDiagnosticsWithASyntaxError"/> is the same with a clause broken, as
/// while typing; <see cref="HoverAfterChange"/> adds the clause-recovering parse hover needs then.
/// The baseline is the check alone, as `ixarules check` does it.
/// </summary>
[MemoryDiagnoser]
public class EditorLatencyBenchmarks
{
    private const string Uri = "file:///tmp/ixarules-benchmark/big.ixr";

    private string _text = "";
    private string _edited = "";
    private string _broken = "";
    private int _version;
    private Session _session = null!;

    [Params(1_000_000)]
    public int Bytes { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _text = RuleFileGenerator.Generate(Bytes);
        // A clause of the last rule loses its condition's right-hand side, as mid-keystroke.
        var at = _text.LastIndexOf("until platelets >= 30,000/mm3", StringComparison.Ordinal);
        _broken = string.Concat(_text.AsSpan(0, at), "until platelets >=", _text.AsSpan(at + "until platelets >= 30,000/mm3".Length));

        // An edit half-way down: one rule's threshold gains a digit, so every declaration after it moves.
        var middle = _text.IndexOf("when platelets < ", _text.Length / 2, StringComparison.Ordinal) + "when platelets < ".Length;
        _edited = _text.Insert(middle, "1");

        var (clientSide, serverSide) = FullDuplexStream.CreatePair();
        _ = LspCommand.Serve(serverSide, serverSide, CancellationToken.None);
        var formatter = new SystemTextJsonFormatter { JsonSerializerOptions = { PropertyNamingPolicy = JsonNamingPolicy.CamelCase } };
        _session = new Session(new JsonRpc(new HeaderDelimitedMessageHandler(clientSide, clientSide, formatter)), Channel.CreateUnbounded<JsonElement>());
        Action<JsonElement> onPublish = p => _session.Published.Writer.TryWrite(p.Clone());
        _session.Client.AddLocalRpcMethod(onPublish.Method, onPublish.Target, new JsonRpcMethodAttribute("textDocument/publishDiagnostics") { UseSingleObjectParameterDeserialization = true });
        _session.Client.StartListening();
        _session.Client.InvokeWithParameterObjectAsync<JsonElement>("initialize", new { processId = 1, capabilities = new { } }).GetAwaiter().GetResult();
        _session.Client.NotifyWithParameterObjectAsync("textDocument/didOpen", new { textDocument = new { uri = Uri, languageId = "ixarules", version = ++_version, text = _text } }).GetAwaiter().GetResult();
        var first = _session.Published.Reader.ReadAsync().AsTask().GetAwaiter().GetResult();
        if (first.GetProperty("diagnostics").EnumerateArray().Any(d => d.GetProperty("severity").GetInt32() == 1))
        {
            throw new InvalidOperationException("the generated file has errors: " + first.GetProperty("diagnostics")[0].GetProperty("message").GetString()); // warnings it may have
        }

        var clean = Change(_text).GetAwaiter().GetResult();
        if (Change(_broken).GetAwaiter().GetResult() <= clean)
        {
            throw new InvalidOperationException("the broken clause gives no diagnostic");
        }
    }

    [GlobalCleanup]
    public void Cleanup() => _session.Client.Dispose();

    /// <summary>The client end of the pipe and the diagnostics it has been sent.</summary>
    private sealed record Session(JsonRpc Client, Channel<JsonElement> Published);

    [Benchmark(Baseline = true)]
    public int CheckAlone() => RuleFiles.Check(new Text.SourceText("big.ixr", _text)).Diagnostics.Count;

    /// <summary>Each call is an edit: the text goes back and forth between two versions.</summary>
    [Benchmark]
    public Task<int> ChangeToDiagnostics() => Change(_version % 2 == 0 ? _edited : _text);

    [Benchmark]
    public Task<int> ChangeToDiagnosticsWithASyntaxError() => Change(_version % 2 == 0 ? _broken : _text);

    [Benchmark]
    public async Task<string> HoverAfterChange()
    {
        await ChangeToDiagnosticsWithASyntaxError();
        var hover = await _session.Client.InvokeWithParameterObjectAsync<JsonElement>("textDocument/hover", new { textDocument = new { uri = Uri }, position = new { line = 3, character = 8 } });
        return hover.GetProperty("contents").GetProperty("value").GetString()!;
    }

    /// <summary>Sends the text as a change and waits for the diagnostics of that version; returns how many.</summary>
    private async Task<int> Change(string text)
    {
        var version = ++_version;
        await _session.Client.NotifyWithParameterObjectAsync("textDocument/didChange", new { textDocument = new { uri = Uri, version }, contentChanges = new[] { new { text } } });
        while (true)
        {
            var published = await _session.Published.Reader.ReadAsync();
            if (published.GetProperty("version").GetInt32() == version)
            {
                return published.GetProperty("diagnostics").GetArrayLength();
            }
        }
    }
}
