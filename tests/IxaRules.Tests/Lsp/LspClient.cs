using System.Text.Json;
using System.Threading.Channels;
using IxaRules.Cli;
using Nerdbank.Streams;
using StreamJsonRpc;

namespace IxaRules.Tests.Lsp;

/// <summary>A language client over an in-memory pipe to the server, as an editor drives it; published diagnostics arrive on a channel.</summary>
internal static class LspClient
{
    /// <summary>Starts a server, initializes it (with <paramref name="root"/> as the workspace when given) and opens each document.</summary>
    public static async Task<(JsonRpc Client, Channel<JsonElement> Published)> Open(string? root, params string[] paths)
    {
        var (client, published, _) = Start();
        await client.InvokeWithParameterObjectAsync<JsonElement>("initialize", new { processId = 1, rootUri = root is null ? null : new Uri(root).AbsoluteUri, capabilities = new { } });
        foreach (var path in paths)
        {
            await client.NotifyWithParameterObjectAsync("textDocument/didOpen", new { textDocument = new { uri = UriOf(path), languageId = "ixarules", version = 1, text = File.ReadAllText(path) } });
            await Next(published);
        }

        return (client, published);
    }

    public static string UriOf(string path) => new Uri(Path.GetFullPath(path)).AbsoluteUri;

    public static Task<JsonElement> Ask(JsonRpc client, string method, object parameters) => client.InvokeWithParameterObjectAsync<JsonElement>(method, parameters);

    public static async Task<List<string>> Labels(JsonRpc client, string uri, int line, int character) =>
        [.. (await client.InvokeWithParameterObjectAsync<JsonElement>("textDocument/completion", new { textDocument = new { uri }, position = new { line, character } }))
            .EnumerateArray().Select(i => i.GetProperty("label").GetString()!)];

    public static (int, int, int, int) Range(JsonElement e) => Span(e.GetProperty("range"));

    public static (int, int, int, int) Span(JsonElement r) =>
        (r.GetProperty("start").GetProperty("line").GetInt32(), r.GetProperty("start").GetProperty("character").GetInt32(),
            r.GetProperty("end").GetProperty("line").GetInt32(), r.GetProperty("end").GetProperty("character").GetInt32());

    public static async Task<JsonElement> Next(Channel<JsonElement> published) =>
        await published.Reader.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(20));

    public static (JsonRpc Client, Channel<JsonElement> Published, Task<int> Serving) Start()
    {
        var (clientSide, serverSide) = FullDuplexStream.CreatePair();
        var serving = LspCommand.Serve(serverSide, serverSide, CancellationToken.None);
        var formatter = new SystemTextJsonFormatter { JsonSerializerOptions = { PropertyNamingPolicy = JsonNamingPolicy.CamelCase } };
        var client = new JsonRpc(new HeaderDelimitedMessageHandler(clientSide, clientSide, formatter));
        var published = Channel.CreateUnbounded<JsonElement>();
        Action<JsonElement> onPublish = p => published.Writer.TryWrite(p.Clone());
        client.AddLocalRpcMethod(onPublish.Method, onPublish.Target, new JsonRpcMethodAttribute("textDocument/publishDiagnostics") { UseSingleObjectParameterDeserialization = true });
        client.StartListening();
        return (client, published, serving);
    }
}
