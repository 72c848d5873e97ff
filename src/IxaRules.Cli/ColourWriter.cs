using System.Text;
using System.Text.RegularExpressions;
using Spectre.Console;
using Spectre.Console.Advanced;

namespace IxaRules.Cli;

/// <summary>
/// Colours ixarules' own line layout on a terminal, rustc's way: `error[…]` red and `warning[…]`
/// yellow, the `-->` and the `|` gutter blue, carets in their diagnostic's colour, `help` cyan;
/// PASS green and FAIL red; diff lines green and red. It sits under <see cref="TerminalWriter"/>, so
/// the text it receives has had every control character of the inputs escaped: the only escape codes
/// written are the ones Spectre.Console makes for these styles.
/// </summary>
internal sealed partial class ColourWriter(TextWriter inner, IAnsiConsole console) : TextWriter
{
    private static readonly Style Error = new(Color.Red, decoration: Decoration.Bold);
    private static readonly Style Warning = new(Color.Yellow, decoration: Decoration.Bold);
    private static readonly Style Blue = new(Color.Blue, decoration: Decoration.Bold);
    private static readonly Style Help = new(Color.Aqua, decoration: Decoration.Bold);
    private static readonly Style Bold = new(decoration: Decoration.Bold);
    private static readonly Style Green = new(Color.Green);
    private static readonly Style Red = new(Color.Red);

    private readonly StringBuilder _line = new();
    private Style _severity = Error;
    private bool _inDiff;

    public override Encoding Encoding => inner.Encoding;

    public override void Write(char value)
    {
        if (value == '\n')
        {
            inner.Write(Colour(_line.ToString()));
            inner.Write('\n');
            _line.Clear();
        }
        else
        {
            _line.Append(value);
        }
    }

    public override void Write(string? value)
    {
        foreach (var c in value ?? "")
        {
            Write(c);
        }
    }

    public override void Flush()
    {
        inner.Write(_line.ToString());
        _line.Clear();
        inner.Flush();
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            Flush();
        }

        base.Dispose(disposing);
    }

    /// <summary>One line, coloured by what it is.</summary>
    internal string Colour(string line)
    {
        if (Diagnostic().Match(line) is { Success: true } d)
        {
            _severity = d.Groups["kind"].Value == "warning" ? Warning : Error;
            _inDiff = false;
            return Paint(d.Groups["head"].Value, _severity) + Paint(line[d.Length..], Bold);
        }

        if (Arrow().Match(line) is { Success: true } a)
        {
            return Paint(a.Value, Blue) + line[a.Length..];
        }

        if (Gutter().Match(line) is { Success: true } g)
        {
            var rest = line[g.Length..];
            return Paint(g.Value, Blue) + (Carets().IsMatch(rest) ? Paint(rest, _severity) : rest);
        }

        if (HelpLine().Match(line) is { Success: true } h)
        {
            return h.Groups["indent"].Value + "= " + Paint(h.Groups["help"].Value, Help) + line[(h.Length - 1)..];
        }

        if (line.StartsWith("PASS ", StringComparison.Ordinal))
        {
            return Paint("PASS", Green) + line[4..];
        }

        if (line.StartsWith("FAIL ", StringComparison.Ordinal))
        {
            return Paint("FAIL", Error) + line[4..];
        }

        if (Summary().Match(line) is { Success: true } s)
        {
            return Paint(line, s.Groups["failed"].Value == "0" ? Green : Error);
        }

        return Diff(line);
    }

    /// <summary>A unified diff (fmt --diff, a failing example): from its `---` header until a line that is not part of it.</summary>
    private string Diff(string line)
    {
        var body = line.TrimStart(' ');
        if (body.StartsWith("--- ", StringComparison.Ordinal) || body.StartsWith("+++ ", StringComparison.Ordinal))
        {
            _inDiff = true;
            return Paint(line, Bold);
        }

        if (!_inDiff || body.Length == 0)
        {
            return line;
        }

        return body[0] switch
        {
            '@' => Paint(line, Blue),
            '+' => Paint(line, Green),
            '-' => Paint(line, Red),
            ' ' or '\\' => line,
            _ => EndDiff(line),
        };
    }

    private string EndDiff(string line)
    {
        _inDiff = false;
        return line;
    }

    private string Paint(string text, Style style) => text.Length == 0 ? "" : console.ToAnsi(new Spectre.Console.Text(text, style));

    [GeneratedRegex(@"^(?<head>(?<kind>error|warning)(\[IXR\d{4}\])?:)")]
    private static partial Regex Diagnostic();

    [GeneratedRegex(@"^ *--> ")]
    private static partial Regex Arrow();

    [GeneratedRegex(@"^ *\d* \|")]
    private static partial Regex Gutter();

    [GeneratedRegex(@"^ *[\^~-]+")]
    private static partial Regex Carets();

    [GeneratedRegex(@"^(?<indent> *)= (?<help>help|note):")]
    private static partial Regex HelpLine();

    [GeneratedRegex(@"^\d+ passed, (?<failed>\d+) failed$")]
    private static partial Regex Summary();
}
