using System.CommandLine;
using System.CommandLine.Help;

namespace IxaRules.Cli;

/// <summary>
/// <c>ixarules</c>: check and format regimen rule files. Exit codes: 0 clean, 1 diagnostics (or
/// files that need formatting), 2 usage or I/O errors.
/// </summary>
public static class Program
{
    public const int Clean = 0;
    public const int Findings = 1;
    public const int UsageError = 2;

    /// <summary>A bug in ixarules itself (sysexits' EX_SOFTWARE). Never expected; reported without a stack trace.</summary>
    public const int InternalError = 70;

    public static int Main(string[] args)
    {
        if (args is ["check" or "fmt" or "run" or "test" or "report" or "emit" or "cohort" or "lsp" or "diff", ..])
        {
            // A cold process spends most of `check` compiling the grammar's code on first call; start
            // that on the second core while System.CommandLine builds its verbs and the files are read.
            ThreadPool.UnsafeQueueUserWorkItem(_ => WarmUp(), null);
        }

        return Run(args, Console.Out, Console.Error, null, Terminal.Detect());
    }

    private static void WarmUp()
    {
        try
        {
            RuleFiles.WarmUp();
        }
        catch (Exception)
        {
            // Only a head start: whatever went wrong here, the verb itself meets it and reports it where it belongs.
        }
    }

    /// <summary>The whole CLI, with its streams injected (tests run it in-process); standard input is read only by `fmt -`.</summary>
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr, TextReader? stdin = null) =>
        Run(args, stdout, stderr, stdin, Terminal.Plain);

    internal static int Run(string[] args, TextWriter stdout, TextWriter stderr, TextReader? stdin, Terminal terminal)
    {
        // Colour is added below the escaping of input characters, so only ixarules' own styles reach the terminal.
        stdout = new TerminalWriter(terminal.ColourOut is { } colourOut ? new ColourWriter(stdout, colourOut) : stdout);
        stderr = new TerminalWriter(terminal.ColourErr is { } colourErr ? new ColourWriter(stderr, colourErr) : stderr);
        try
        {
            return Run(args, stdout, stderr, stdin ?? Console.In, terminal.Progress);
        }
        finally
        {
            stdout.Flush();
            stderr.Flush();
        }
    }

    /// <summary>System.CommandLine names the CLR type a value did not parse as (`System.Nullable`1[System.Decimal]`); say what to write.</summary>
    private static string Plainly(string message) =>
        System.Text.RegularExpressions.Regex.Replace(message, @"as expected type '(System\.Nullable`1\[)?System\.(?<type>\w+)\]?'\.?",
            m => m.Groups["type"].Value switch
            {
                "Int32" or "Int64" => "as a whole number.",
                "Decimal" or "Double" => "as a number.",
                _ => "as " + m.Groups["type"].Value.ToLowerInvariant() + ".",
            });

    private static int Run(string[] args, TextWriter stdout, TextWriter stderr, TextReader stdin, Spectre.Console.IAnsiConsole? progress)
    {
        var root = new RootCommand(
            "IxaRules: regimen and dose-modification rules for multiple myeloma, as text.\n" +
            "Check rule files for mistakes, keep them in one canonical layout, run them for a patient, prove them\n" +
            "against the protocol (test), and replay a virtual trial population beside the published figures (cohort).\n" +
            "Rule files end in .ixr; a directory means every .ixr file below it.");
        Verb[] verbs =
        [
            new("check", () => CheckCommand.Create(stdout, stderr)),
            new("fmt", () => FormatCommand.Create(stdout, stderr, () => stdin)),
            new("run", () => RunCommand.Create(stdout, stderr)),
            new("test", () => TestCommand.Create(stdout, stderr, progress)),
            new("emit", () => EmitCommand.Create(stdout, stderr)),
            new("diff", () => DiffCommand.Create(stdout, stderr)),
            new("cohort", () => CohortCommand.Create(stdout, stderr, progress)),
            new("report", () => ReportCommand.Create(stdout, stderr)),
            new("lsp", LspCommand.Create),
            new("completion", () => CompletionCommand.Create(stdout)),
        ];

        // A command line that names its verb builds only that verb: the others are a third of a cold
        // start's JIT and type loading. Help, completion and a mistyped verb see them all.
        var named = args.Length > 0 ? Array.Find(verbs, v => v.Name == args[0]) : null;
        foreach (var verb in verbs)
        {
            if (named is null || verb == named)
            {
                root.Subcommands.Add(verb.Create());
            }
        }

        // Completion and help offer `-h`, `-?` and `--help`; the DOS spellings are noise on the shells ixarules completes for.
        foreach (var help in root.Options.OfType<HelpOption>())
        {
            help.Aliases.Remove("/?");
            help.Aliases.Remove("/h");
        }

        // A flag takes no value, so there is nothing to complete after it (System.CommandLine offers True and False).
        foreach (var flag in root.Subcommands.SelectMany(c => c.Options).OfType<Option<bool>>())
        {
            flag.CompletionSources.Clear();
        }

        if (Completion.Position(args) is not { } completionArgs)
        {
            return Clean; // a completion request at no position in its line: nothing to offer
        }

        var parsed = root.Parse(completionArgs);
        if (parsed.Errors.Count > 0)
        {
            foreach (var error in parsed.Errors)
            {
                stderr.WriteLine($"error: {Plainly(error.Message)}");
            }

            stderr.WriteLine("run `ixarules --help` for usage");
            return UsageError;
        }

        try
        {
            return parsed.Invoke(new InvocationConfiguration { Output = stdout, Error = stderr, EnableDefaultExceptionHandler = false });
        }
        catch (IOException e)
        {
            stderr.WriteLine($"error: {e.Message}");
            return UsageError;
        }
        catch (UnauthorizedAccessException e)
        {
            stderr.WriteLine($"error: {e.Message}");
            return UsageError;
        }
        catch (Exception e)
        {
            // Defence in depth: every bad input has its own diagnostic; reaching here is a bug in ixarules.
            stderr.WriteLine($"error: internal error ({e.GetType().Name}: {e.Message})");
            stderr.WriteLine("this is a bug in ixarules, not in your files; please report it with the input that caused it");
            return InternalError;
        }
    }

    private sealed record Verb(string Name, Func<Command> Create);
}
