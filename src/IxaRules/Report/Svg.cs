using System.Globalization;
using System.Net;
using System.Text;

namespace IxaRules.Report;

/// <summary>
/// Writing HTML and SVG by hand, safely: every text and attribute from an input (a drug name, a
/// patient id, a trail entry) goes through <see cref="Esc"/>, and numbers are written invariantly
/// with at most two decimals, so the same inputs give the same bytes on every machine.
/// </summary>
internal static class Svg
{
    /// <summary>Text for HTML: control and bidi characters of inputs escaped (as on a terminal), line breaks kept, markup encoded.</summary>
    public static string Esc(string text) => WebUtility.HtmlEncode(string.Join('\n', text.Split('\n').Select(Diagnostics.Printable.Escape)));

    public static string N(double value) => Math.Round(value, 2).ToString("0.##", CultureInfo.InvariantCulture);

    public static string N(decimal value) => N((double)value);

    public static string I(int value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>A mark people and screen readers can identify: its title (the tooltip of last resort) and aria-label.</summary>
    public static StringBuilder Labelled(this StringBuilder sb, string label) =>
        sb.Append(" role=\"img\" aria-label=\"").Append(Esc(label)).Append("\"><title>").Append(Esc(label)).Append("</title>");

    /// <summary>Okabe–Ito: a palette people with the common colour-vision deficiencies tell apart.</summary>
    public static class Colour
    {
        public const string Given = "#009E73";
        public const string Held = "#D55E00";
        public const string Delayed = "#E69F00";
        public const string Missed = "#56B4E9";
        public const string Stopped = "#000000";
        public const string Blue = "#0072B2";
        public const string Purple = "#CC79A7";
        public const string Yellow = "#F0E442";
        public const string Grey = "#777777";

        public static readonly string[] Series = [Blue, Purple, Delayed, Given, Held, Missed];
    }
}
