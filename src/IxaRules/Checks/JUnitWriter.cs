using System.Globalization;
using System.Xml.Linq;

namespace IxaRules.Checks;

/// <summary>JUnit XML: one testsuite per file, one testcase per scenario, script check or example.</summary>
internal static class JUnitWriter
{
    public static string Write(TestReport report)
    {
        var suites = report.Cases.GroupBy(c => c.File).OrderBy(g => g.Key, StringComparer.Ordinal).Select(file =>
            new XElement("testsuite",
                new XAttribute("name", Xml(file.Key)),
                new XAttribute("tests", file.Count()),
                new XAttribute("failures", file.Count(c => !c.Passed)),
                new XAttribute("errors", 0),
                new XAttribute("time", Seconds(file.Aggregate(TimeSpan.Zero, (t, c) => t + c.Duration))),
                file.Select(c => new XElement("testcase",
                    new XAttribute("classname", Xml(c.File)),
                    new XAttribute("name", Xml($"{c.Kind.ToString().ToLowerInvariant()}: {c.Name}")),
                    new XAttribute("file", Xml(c.File)),
                    new XAttribute("line", c.Line),
                    new XAttribute("time", Seconds(c.Duration)),
                    c.Failures.Select(f => new XElement("failure",
                        new XAttribute("message", Xml($"{f.File}:{f.Line}: {f.Message}")),
                        string.Join("\n", f.Context.Prepend($"{f.File}:{f.Line}: {f.Message}").Select(Xml))))))));
        var root = new XElement("testsuites",
            new XAttribute("name", "ixarules test"),
            new XAttribute("tests", report.Cases.Count),
            new XAttribute("failures", report.Failed),
            new XAttribute("time", Seconds(report.Total)),
            suites);
        return new XDocument(new XDeclaration("1.0", "utf-8", null), root).ToString() + "\n";
    }

    /// <summary>XML 1.0 cannot hold control characters at all (writing one threw): each is written as its escape.</summary>
    private static string Xml(string text) => Diagnostics.Printable.Escape(text);

    private static string Seconds(TimeSpan t) => t.TotalSeconds.ToString("0.000", CultureInfo.InvariantCulture);
}
