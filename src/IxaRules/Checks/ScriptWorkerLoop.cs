using System.Text;

namespace IxaRules.Checks;

/// <summary>
/// The check-script worker's loop (run by <c>IxaRules.ScriptWorker</c>): read a request, run the
/// script, write the reply; until its input ends. Roslyn and the compiled regimens stay warm from one
/// script to the next. Whatever a script does to this process — exit, crash, hang, exhaust memory —
/// happens here, not in `ixarules test`, which reports it as a failed check (see <see cref="ScriptWorkerPool"/>).
/// </summary>
internal static class ScriptWorkerLoop
{
    /// <summary>Stated limit: a script's console output kept for its report.</summary>
    public const int MaxCapturedOutput = 16 * 1024;

    public static int Run(Stream input, Stream output)
    {
        using var requests = new StreamReader(input, new UTF8Encoding(false));
        using var replies = new StreamWriter(output, new UTF8Encoding(false)) { AutoFlush = true, NewLine = "\n" };

        // The protocol owns the real streams; a script's Console.* writes are captured, and it reads nothing.
        Console.SetIn(TextReader.Null);
        while (requests.ReadLine() is { } line)
        {
            if (ScriptProtocol.Read<ScriptProtocol.Request>(line) is not { } request)
            {
                return 2;
            }

            var captured = new BoundedWriter(MaxCapturedOutput);
            Console.SetOut(captured);
            Console.SetError(captured);
            ScriptRunner.ScriptRun run;
            using (var programs = new ProgramCache(request.Compiled ? Backend.Compiled : Backend.Interpreted))
            {
                try
                {
                    run = ScriptRunner.Run(request.Script, programs);
                }
                catch (OutOfMemoryException)
                {
                    run = ScriptRunner.Failed(request.Script, "the script ran out of memory (the worker's limit is set with --script-memory)");
                }
            }

            replies.WriteLine(ScriptProtocol.Write(ScriptProtocol.ToReply(run, captured.ToString())));
        }

        return 0;
    }

    /// <summary>A writer that keeps the first <c>max</c> characters and counts the rest.</summary>
    private sealed class BoundedWriter(int max) : TextWriter
    {
        private readonly StringBuilder _text = new();
        private long _dropped;

        public override Encoding Encoding => Encoding.UTF8;

        public override void Write(char value)
        {
            lock (_text)
            {
                if (_text.Length < max)
                {
                    _text.Append(value);
                }
                else
                {
                    _dropped++;
                }
            }
        }

        public override string ToString()
        {
            lock (_text)
            {
                return _dropped == 0 ? _text.ToString() : $"{_text}\n… {_dropped} more characters of output";
            }
        }
    }
}
