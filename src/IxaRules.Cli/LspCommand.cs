using System.CommandLine;
using System.Text.Json;
using IxaRules.Cli.Lsp;
using StreamJsonRpc;

namespace IxaRules.Cli;

/// <summary><c>ixarules lsp</c>: the language server on standard input and output, for editors.</summary>
internal static class LspCommand
{
    public static Command Create()
    {
        var command = new Command("lsp",
            "Run the language server (LSP, over standard input and output) that editors start: diagnostics as `check` gives them,\n" +
            "hover on drugs, rules, labs, units and regimens, and formatting as `fmt`.\n" +
            "An editor starts it; people do not type it (docs/editors.md shows VS Code and Neovim).");
        command.SetAction(async (_, cancel) =>
        {
            using var input = Console.OpenStandardInput();
            using var output = Console.OpenStandardOutput();
            return await Serve(input, output, cancel);
        });
        return command;
    }

    /// <summary>Serves one client on a pair of streams until it exits (0 after `shutdown`, 1 without, as LSP says) or the streams close.</summary>
    public static async Task<int> Serve(Stream input, Stream output, CancellationToken cancel)
    {
        var formatter = new SystemTextJsonFormatter { JsonSerializerOptions = { PropertyNamingPolicy = JsonNamingPolicy.CamelCase } };
        using var rpc = new JsonRpc(new HeaderDelimitedMessageHandler(output, input, formatter));
        var server = new LanguageServer(p => rpc.NotifyWithParameterObjectAsync("textDocument/publishDiagnostics", p));
        rpc.AddLocalRpcTarget(server, new JsonRpcTargetOptions { AllowNonPublicInvocation = true });
        rpc.StartListening();
        await Task.WhenAny(server.Exited.Task, rpc.Completion, Task.Delay(Timeout.Infinite, cancel)).ConfigureAwait(false);
        return server.ShutdownRequested ? Program.Clean : Program.Findings;
    }
}
