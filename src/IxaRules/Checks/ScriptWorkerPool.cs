using System.Diagnostics;
using System.Globalization;
using System.Text;
using IxaRules.Text;

namespace IxaRules.Checks;

/// <summary>Limits on check scripts: time per script (compile and run), memory of the worker.</summary>
internal sealed record ScriptLimits(TimeSpan Timeout, int MemoryMiB)
{
    /// <summary>Stated defaults: 60 s per script, 1,024 MiB of managed heap for the worker.</summary>
    public static ScriptLimits Default { get; } = new(TimeSpan.FromSeconds(60), 1024);
}

/// <summary>
/// Runs check scripts in a worker process, one at a time, keeping the worker for the next script.
/// A script that ends the process, crashes it (stack overflow, an exception on its own thread), runs
/// out of memory or out of time is a failed check with that reason; the worker is killed and a new
/// one serves the next script. So whatever a script does, `ixarules test` prints its summary and
/// writes its JUnit file.
/// </summary>
internal sealed class ScriptWorkerPool(ScriptLimits limits) : IDisposable
{
    /// <summary>Stated limit: the longest reply line read from a worker (a script reports at most this much).</summary>
    private const int MaxReplyChars = 8 * 1024 * 1024;

    private Worker? _worker;

    public ScriptRunner.ScriptRun Run(string script, bool compiled)
    {
        var clock = Stopwatch.StartNew();
        string? reply;
        try
        {
            _worker ??= Worker.Start(limits);
            _worker.Send(ScriptProtocol.Write(new ScriptProtocol.Request(script, compiled)));
            var read = _worker.ReadLineAsync(MaxReplyChars);
            if (!read.Wait(limits.Timeout))
            {
                Stop();
                return ScriptRunner.Failed(script, string.Create(CultureInfo.InvariantCulture,
                    $"the script did not finish within {limits.Timeout.TotalSeconds:0} s (--script-timeout): an endless loop, or a wait that never ends"), clock.Elapsed);
            }

            reply = read.Result;
        }
        catch (Exception e) when (e is IOException or System.ComponentModel.Win32Exception or InvalidOperationException or AggregateException)
        {
            reply = null;
        }

        if (reply is null || ScriptProtocol.Read<ScriptProtocol.Reply>(reply) is not { } parsed)
        {
            var why = _worker?.WhyItEnded() ?? "the check-script worker could not be started";
            Stop();
            return ScriptRunner.Failed(script, why, clock.Elapsed);
        }

        return FromReply(script, parsed);
    }

    private static ScriptRunner.ScriptRun FromReply(string script, ScriptProtocol.Reply reply)
    {
        var source = InputFile.Read(script, InputFile.ScriptChars);
        var length = source.Text.Length;
        var errors = reply.CompileErrors
            .Select(e => Diagnostics.Catalog.CSharpCodes.ScriptDoesNotCompile.At(source,
                TextSpan.FromBounds(Math.Clamp(e.Start, 0, length), Math.Clamp(e.Start + e.Length, Math.Clamp(e.Start, 0, length), length)), e.Message))
            .ToList();
        // A script's words are shown on one line each: a newline in a name or message cannot forge an output line.
        var output = reply.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Take(20).Select(l => "output: " + Diagnostics.Printable.Clamp(l, 300)).ToList();
        var cases = reply.Cases.Select((c, i) => new CaseResult(CaseKind.Script, script, c.Line, CaseNames.Clean(c.Name),
            [.. c.Failures.Select((f, j) => new CheckFailure(f.File, f.Line, Diagnostics.Printable.Clamp(f.Message, 2000),
                [.. f.Context.Take(40).Select(l => Diagnostics.Printable.Clamp(l, 300)), .. i == 0 && j == 0 ? output : []]))],
            TimeSpan.FromMilliseconds(c.Milliseconds))).ToList();
        return new ScriptRunner.ScriptRun(cases, errors, TimeSpan.FromMilliseconds(reply.CompileMilliseconds));
    }

    private void Stop()
    {
        _worker?.Dispose();
        _worker = null;
    }

    public void Dispose() => Stop();

    /// <summary>One worker process, its pipes, and the tail of what it printed on standard error.</summary>
    private sealed class Worker : IDisposable
    {
        private readonly Process _process;
        private readonly List<string> _errorHead = [];
        private bool _stackOverflow;
        private bool _outOfMemory;
        private readonly int _memoryMiB;

        private Worker(Process process, int memoryMiB)
        {
            _process = process;
            _memoryMiB = memoryMiB;
        }

        public static Worker Start(ScriptLimits limits)
        {
            var (file, args) = WorkerCommand();
            var info = new ProcessStartInfo(file)
            {
                RedirectStandardInput = true,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
                WorkingDirectory = Directory.GetCurrentDirectory(),
                StandardOutputEncoding = new UTF8Encoding(false),
                StandardErrorEncoding = new UTF8Encoding(false),
                StandardInputEncoding = new UTF8Encoding(false),
            };
            foreach (var arg in args)
            {
                info.ArgumentList.Add(arg);
            }

            // The managed heap limit makes an allocation past it an OutOfMemoryException in the worker.
            info.Environment["DOTNET_GCHeapHardLimit"] = ((long)limits.MemoryMiB * 1024 * 1024).ToString("X", CultureInfo.InvariantCulture);
            info.Environment["DOTNET_gcServer"] = "0";
            info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
            var process = Process.Start(info) ?? throw new InvalidOperationException("the check-script worker did not start");
            var worker = new Worker(process, limits.MemoryMiB);
            process.ErrorDataReceived += (_, e) => worker.KeepError(e.Data);
            process.BeginErrorReadLine();
            return worker;
        }

        /// <summary>
        /// How to start the worker beside this assembly: with the same <c>dotnet</c> host when this
        /// process runs under one, else with the worker's own launcher.
        /// </summary>
        private static (string File, string[] Args) WorkerCommand()
        {
            var dll = Path.Combine(AppContext.BaseDirectory, "IxaRules.ScriptWorker.dll");
            if (!File.Exists(dll))
            {
                throw new InvalidOperationException($"the check-script worker is missing: {dll}");
            }

            var host = Environment.ProcessPath is { } p && Path.GetFileNameWithoutExtension(p) == "dotnet" ? p
                : Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } h ? h
                : null;
            var launcher = Path.Combine(AppContext.BaseDirectory, OperatingSystem.IsWindows() ? "IxaRules.ScriptWorker.exe" : "IxaRules.ScriptWorker");
            return host is not null ? (host, [dll]) : File.Exists(launcher) ? (launcher, []) : ("dotnet", [dll]);
        }

        public void Send(string line)
        {
            _process.StandardInput.Write(line);
            _process.StandardInput.Write('\n');
            _process.StandardInput.Flush();
        }

        /// <summary>The next line of standard output, at most <paramref name="max"/> characters; null at its end or past the limit.</summary>
        public Task<string?> ReadLineAsync(int max) => Task.Run(() =>
        {
            var reader = _process.StandardOutput;
            var line = new StringBuilder();
            int c;
            while ((c = reader.Read()) >= 0)
            {
                if (c == '\n')
                {
                    return line.ToString();
                }

                if (line.Length >= max)
                {
                    return null;
                }

                line.Append((char)c);
            }

            return null;
        });

        private void KeepError(string? line)
        {
            if (line is null)
            {
                return;
            }

            // The first lines say what happened (the frames after them repeat); only a few are kept.
            lock (_errorHead)
            {
                _stackOverflow |= line.Contains("Stack overflow", StringComparison.Ordinal);
                _outOfMemory |= line.Contains("OutOfMemoryException", StringComparison.Ordinal);
                if (_errorHead.Count < 3 && line.Trim().Length > 0)
                {
                    _errorHead.Add(Diagnostics.Printable.Clamp(line.Trim(), 200));
                }
            }
        }

        /// <summary>Why the worker stopped answering, in the words of its exit and its last error lines.</summary>
        public string WhyItEnded()
        {
            if (!_process.WaitForExit(TimeSpan.FromSeconds(5)))
            {
                return "the check-script worker stopped answering";
            }

            _process.WaitForExit(); // drains the error stream
            string head;
            lock (_errorHead)
            {
                head = string.Join(" | ", _errorHead);
            }

            var code = _process.ExitCode;
            var detail = head.Length > 0 ? $": {head}" : "";
            return _stackOverflow ? "the script crashed its process with a stack overflow (unbounded recursion?)"
                : _outOfMemory ? $"the script ran out of memory (limit {_memoryMiB} MiB, --script-memory){detail}"
                : head.Contains("Unhandled exception", StringComparison.Ordinal) ? $"the script crashed its process with an exception no check caught (a thread of its own?){detail}"
                : code is >= 0 and < 128 ? $"the script ended its process (exit code {code}) before its checks finished: a check script must not call Environment.Exit{detail}"
                : $"the script crashed its process (exit code {code}){detail}";
        }

        public void Dispose()
        {
            try
            {
                if (!_process.HasExited)
                {
                    _process.Kill(entireProcessTree: true);
                    _process.WaitForExit(TimeSpan.FromSeconds(5));
                }
            }
            catch (InvalidOperationException)
            {
                // it ended on its own meanwhile
            }

            _process.Dispose();
        }
    }
}

/// <summary>Names of checks as shown: a name comes from a script and is cut to a line of a stated length.</summary>
internal static class CaseNames
{
    public const int MaxLength = 200;

    public static string Clean(string name) => Diagnostics.Printable.Clamp(name, MaxLength);
}
