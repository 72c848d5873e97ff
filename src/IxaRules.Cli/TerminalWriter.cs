using System.Text;
using IxaRules.Diagnostics;

namespace IxaRules.Cli;

/// <summary>
/// The last fence before the terminal: every character ixarules writes passes here, and a control or
/// bidi character that came from an input (a patient id, a scenario or check name, an exception
/// message from a check script) is written as its <c>\uXXXX</c> escape. So no input can move the
/// cursor, recolour the terminal, hide text, or forge a line such as "5 passed, 0 failed". Line
/// breaks and tabs of ixarules' own layout pass; a carriage return does not (it rewrites a line).
/// </summary>
internal sealed class TerminalWriter(TextWriter inner) : TextWriter
{
    public override Encoding Encoding => inner.Encoding;

    public override IFormatProvider FormatProvider => inner.FormatProvider;

    public override string NewLine
    {
        get => "\n";
#pragma warning disable CS8765 // the setter is TextWriter's; ixarules writes \n on every platform
        set { }
#pragma warning restore CS8765
    }

    public override void Write(char value)
    {
        if (value is '\n' or '\t' || !Printable.NeedsEscape(value))
        {
            inner.Write(value);
        }
        else
        {
            inner.Write(Printable.Escape(value.ToString()));
        }
    }

    public override void Write(string? value)
    {
        if (value is null)
        {
            return;
        }

        var start = 0;
        for (var i = 0; i < value.Length; i++)
        {
            if (value[i] is not '\n' and not '\t' && Printable.NeedsEscape(value[i]))
            {
                inner.Write(value.AsSpan(start, i - start));
                inner.Write(Printable.Escape(value[i].ToString()));
                start = i + 1;
            }
        }

        inner.Write(value.AsSpan(start));
    }

    public override void Write(char[] buffer, int index, int count) => Write(new string(buffer, index, count));

    public override void WriteLine(string? value)
    {
        Write(value);
        inner.Write('\n');
    }

    public override void WriteLine() => inner.Write('\n');

    public override void Flush() => inner.Flush();

}
