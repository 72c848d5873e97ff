using System.Text.Json;
using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace IxaRules.Tests.Report;

/// <summary>
/// The structure of `ixarules report` pages: every administration of the run is one mark with its
/// status, every decision one marker with its trail, the page is well-formed and self-contained,
/// input text cannot become markup, and the same inputs give the same bytes.
/// </summary>
public sealed partial class HtmlReportTests : TempFolderTest
{
    private const string Patient = "examples/ird/thrombocytopenia-recurrence.patient.yaml";
    private const string Events = "examples/ird/thrombocytopenia-recurrence.events";

    private static string Report(params string[] args)
    {
        var (exit, stdout, stderr) = CliRunner.Run(["report", .. args]);
        Assert.True(exit == 0, stderr);
        return stdout;
    }

    private static XDocument Parse(string html) =>
        XDocument.Parse(html.Replace("<!DOCTYPE html>", "", StringComparison.Ordinal).Replace("<br>", "<br/>", StringComparison.Ordinal)
            .Replace("<meta charset=\"utf-8\">", "<meta charset=\"utf-8\"/>", StringComparison.Ordinal)
            .Replace("<meta name=\"generator\" content=\"ixarules report\">", "", StringComparison.Ordinal).Replace(" hidden>", " hidden=\"\">", StringComparison.Ordinal)
            .Replace(" open>", " open=\"\">", StringComparison.Ordinal));

    [Fact]
    public void Every_administration_of_the_run_is_one_mark_with_its_status()
    {
        var html = Report("rules/ird.ixr", "--patient", Patient, "--events", Events);
        var run = JsonDocument.Parse(CliRunner.Run("run", "rules/ird.ixr", "--patient", Patient, "--events", Events, "--json").Stdout).RootElement;
        var expected = run.GetProperty("administrations").EnumerateArray()
            .Select(a => $"{a.GetProperty("day").GetInt32()} {a.GetProperty("drug").GetString()} {a.GetProperty("status").GetString()}").Order(StringComparer.Ordinal).ToList();
        var marks = Parse(html).Descendants().Where(e => (string?)e.Attribute("class") == "admin")
            .Select(e => $"{e.Attribute("data-day")!.Value} {e.Attribute("data-drug")!.Value} {e.Attribute("data-status")!.Value}").Order(StringComparer.Ordinal).ToList();
        Assert.Equal(expected, marks);
        Assert.Contains(marks, m => m.EndsWith(" held", StringComparison.Ordinal));
    }

    [Fact]
    public void A_run_of_a_hundred_years_draws_four_and_lists_two_thousand_decisions_saying_so()
    {
        var events = Write("far.events", "day 1: platelets 200 x10^9/L, anc 2.0 x10^9/L\nday 36000: platelets 200 x10^9/L\n");
        var html = Report("rules/ird.ixr", "--patient", Patient, "--events", events);
        var page = Parse(html);

        Assert.True(html.Length < 8_000_000, $"{html.Length} characters"); // was 101 MB before the limits
        Assert.Contains("The course is drawn for days 1-1460 of 36000 (a stated limit of the report); the metrics cover every day.", html);
        var days = page.Descendants().Where(e => (string?)e.Attribute("class") is "admin" or "decision").Select(e => int.Parse(e.Attribute("data-day")!.Value, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.NotEmpty(days);
        Assert.True(days.Max() <= 1460, $"a mark on day {days.Max()}");
        Assert.True(page.Descendants().Count(e => (string?)e.Attribute("class") == "decision") <= 2000);

        var trail = page.Descendants("details").Single(d => (string?)d.Attribute("class") == "trail").Descendants("li").ToList();
        Assert.Equal(2001, trail.Count);
        Assert.Matches(@"^\d+ more decisions are not listed \(the report lists 2000\); ixarules run --json gives every one\.$", trail[^1].Value);
    }

    [Fact]
    public void Every_decision_except_cycle_starts_is_a_marker_whose_trail_names_its_source_line()
    {
        var html = Report("rules/ird.ixr", "--patient", Patient, "--events", Events);
        var run = JsonDocument.Parse(CliRunner.Run("run", "rules/ird.ixr", "--patient", Patient, "--events", Events, "--json").Stdout).RootElement;
        var decisions = run.GetProperty("decisions").EnumerateArray().Where(d => d.GetProperty("kind").GetString() is not ("cycle" or "note")).ToList();
        var markers = Parse(html).Descendants().Where(e => (string?)e.Attribute("class") == "decision").ToList();
        Assert.Equal(decisions.Count, markers.Count);
        for (var i = 0; i < markers.Count; i++)
        {
            var trail = markers[i].Attribute("data-trail")!.Value;
            Assert.StartsWith($"day {decisions[i].GetProperty("day").GetInt32()} · ", trail);
            Assert.Contains($"[{decisions[i].GetProperty("source").GetString()}]", trail);
            Assert.EndsWith("→ " + decisions[i].GetProperty("action").GetString(), trail);
            Assert.Equal("0", markers[i].Attribute("tabindex")!.Value); // reachable by keyboard
            Assert.Equal(trail, markers[i].Attribute("aria-label")!.Value);
        }
    }

    [Fact]
    public void The_rules_thresholds_are_drawn_on_their_lab()
    {
        var doc = Parse(Report("rules/ird.ixr", "--patient", Patient, "--events", Events));
        var platelets = doc.Descendants().Single(e => (string?)e.Attribute("data-lab") == "platelets");
        var thresholds = platelets.Descendants().Where(e => (string?)e.Attribute("class") == "threshold").Select(e => e.Attribute("aria-label")!.Value).ToList();
        Assert.Contains("platelets threshold 30 ×10⁹/L (a rule compares with it)", thresholds); // rules/ird.ixr:41
        Assert.Contains("platelets threshold 75 ×10⁹/L (a rule compares with it)", thresholds); // the cycle-start criterion
    }

    [Fact]
    public void Dose_levels_are_step_lines_without_ramps_across_rest_days()
    {
        var doc = Parse(Report("rules/ird.ixr", "--patient", Patient, "--events", Events));
        foreach (var level in doc.Descendants().Where(e => (string?)e.Attribute("class") == "level"))
        {
            var points = level.Attribute("points")!.Value.Split(' ').Select(p => p.Split(',')).Select(p => (X: p[0], Y: p[1])).ToList();
            for (var i = 1; i < points.Count; i++)
            {
                Assert.True(points[i].X == points[i - 1].X || points[i].Y == points[i - 1].Y, $"a ramp from {points[i - 1]} to {points[i]}");
            }
        }
    }

    [Fact]
    public void The_page_is_self_contained_and_byte_identical_across_runs()
    {
        var html = Report("rules/ird.ixr", "--patient", Patient, "--events", Events);
        Assert.Equal(html, Report("rules/ird.ixr", "--patient", Patient, "--events", Events));
        Assert.DoesNotMatch(ExternalReference(), html);
        Assert.Contains("@page { size: A4 landscape;", html);
        Assert.Contains("class=\"legend\"", html);
    }

    [Fact]
    public void The_calendar_marks_each_dosing_day_of_each_drug()
    {
        var doc = Parse(Report("rules/ird.ixr"));
        var doses = doc.Descendants().Where(e => (string?)e.Attribute("class") == "dose").Select(e => e.Attribute("aria-label")!.Value).ToList();
        Assert.Equal(3 + 21 + 4, doses.Count); // ixazomib days 1, 8, 15; lenalidomide 1-21; dexamethasone 1, 8, 15, 22 (rules/ird.ixr:15-19)
        Assert.Contains("ixazomib 4 mg on day 15", doses);
        Assert.Contains(doc.Descendants("li"), li => li.Value.StartsWith("ixazomib oral 4 mg, days 1, 8, 15; levels 4 mg > 3 mg > 2.3 mg > discontinue", StringComparison.Ordinal));
        Assert.DoesNotContain(doc.Descendants(), e => (string?)e.Attribute("id") == "timeline");
        Assert.Contains(doc.Descendants("a"), a => a.Value == "rules/ird.ixr:41" && a.Attribute("href")!.Value == "rules/ird.ixr#L41");
    }

    [Fact]
    public void Text_from_inputs_cannot_become_markup()
    {
        var patient = Write("p.patient.yaml", File.ReadAllText(Patient).Replace("id: thrombocytopenia-recurrence", "id: \"<script>alert(1)</script>\"", StringComparison.Ordinal));
        Assert.Contains("<script>alert(1)</script>", File.ReadAllText(patient));
        var html = Report("rules/ird.ixr", "--patient", patient, "--events", Events);
        Assert.DoesNotContain("<script>alert", html);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", html);
        Assert.Single(ScriptTag().Matches(html)); // the page's own script only
    }

    [Fact]
    public void Output_goes_to_a_file_whole_and_links_are_relative_to_it()
    {
        var path = Path.Combine(Dir, "out", "ird.html");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var (exit, stdout, stderr) = CliRunner.Run("report", "rules/ird.ixr", "-o", path);
        Assert.Equal((0, ""), (exit, stdout));
        Assert.Equal($"wrote {path}\n", stderr);
        var link = Parse(File.ReadAllText(path)).Descendants("a").First(a => a.Value == "rules/ird.ixr:41").Attribute("href")!.Value;
        Assert.Equal(Path.GetFullPath("rules/ird.ixr"), Path.GetFullPath(Path.Combine(Path.GetDirectoryName(path)!, link.Split('#')[0])));
    }

    [Theory]
    [InlineData(new[] { "rules/ird.ixr", "--events", Events }, 2, "--events are a patient's: give --patient too")]
    [InlineData(new[] { "rules/nope.ixr" }, 2, "error: no such file: rules/nope.ixr")]
    [InlineData(new[] { "rules/ird.ixr", "--regimen", "IRD" }, 2, "error: no regimen `IRD` in the file")]
    public void Bad_arguments_are_usage_errors(string[] args, int exit, string message)
    {
        var (code, stdout, stderr) = CliRunner.Run(["report", .. args]);
        Assert.Equal((exit, ""), (code, stdout));
        Assert.Contains(message, stderr);
    }

    [Fact]
    public void A_scenario_is_drawn_with_its_patient_days_and_whether_its_expectations_hold()
    {
        var doc = Parse(Report("rules/ird.ixr", "--scenario", "rash: lenalidomide first, then ixazomib"));
        var verdict = doc.Descendants("p").Single(p => ((string?)p.Attribute("class"))?.StartsWith("scenario", StringComparison.Ordinal) == true);
        Assert.Equal("scenario pass", verdict.Attribute("class")!.Value);
        Assert.Contains("every expectation holds", verdict.Value);
        Assert.Contains(doc.Descendants(), e => (string?)e.Attribute("data-ae") == "rash");
    }

    [Fact]
    public void A_failing_scenario_says_which_expectations_are_not_met_and_where()
    {
        var path = Write("s.ixr", OneDrugRules() + "scenario \"wrong\"\n  patient age 60\n  day 1: platelets 200 x10^9/L\n  day 5: platelets 20 x10^9/L\n  expect ixazomib 4 mg on day 8\n");
        var doc = Parse(Report(path, "--scenario", "wrong"));
        Assert.Contains(doc.Descendants("p"), p => (string?)p.Attribute("class") == "scenario fail" && p.Value.Contains("1 expectation not met", StringComparison.Ordinal));
        var failure = doc.Descendants("ul").Single(u => (string?)u.Attribute("class") == "failures");
        Assert.Contains("expect ixazomib 4 mg on day 8: expected 4 mg given on day 8, was held", failure.Value);
        Assert.Contains(failure.Descendants("a"), a => a.Value.EndsWith("s.ixr:14", StringComparison.Ordinal));
    }

    [Fact]
    public void A_scenario_file_draws_the_regimen_of_the_file_it_names()
    {
        var doc = Parse(Report("examples/scenario-files/ird-protocol.ixr", "--scenario", "platelets at 30 are not a hold"));
        Assert.StartsWith("IRd", doc.Descendants("h1").Single().Value);
        Assert.Contains(doc.Descendants(), e => (string?)e.Attribute("class") == "admin");
    }

    [Theory]
    [InlineData(new[] { "rules/ird.ixr", "--scenario", "rash" }, "error: no scenario \"rash\" in rules/ird.ixr (did you mean one of: \"rash: lenalidomide first, then ixazomib\", \"grade 4 rash stops the regimen\")")]
    [InlineData(new[] { "rules/ird.ixr", "--scenario", "x", "--patient", Patient }, "--scenario brings its own patient, days and regimen")]
    public void Bad_scenario_arguments_are_usage_errors(string[] args, string message)
    {
        var (code, stdout, stderr) = CliRunner.Run(["report", .. args]);
        Assert.Equal((2, ""), (code, stdout));
        Assert.Contains(message, stderr);
    }

    [Fact]
    public void A_file_of_several_regimens_draws_each_of_them()
    {
        var doc = Parse(Report("rules/ixazomib-single-agent.ixr"));
        Assert.Equal(["ixazomib-weekly", "ixazomib-twice-weekly"], doc.Descendants("h1").Select(h => h.Value.Split(':')[0]));
        Assert.Equal(2, doc.Descendants("svg").Count(e => (string?)e.Attribute("class") == "calendar"));
    }

    [Fact]
    public void A_scenario_file_alone_says_how_to_draw_it()
    {
        var (code, stdout, stderr) = CliRunner.Run("report", "examples/scenario-files/ird-protocol.ixr");
        Assert.Equal((1, ""), (code, stdout));
        Assert.Equal("error: examples/scenario-files/ird-protocol.ixr declares no regimen; a scenario file is drawn with --scenario TITLE\n", stderr);
    }

    [Theory]
    [InlineData("report", "-o")]
    [InlineData("cohort", "--report")]
    [InlineData("test", "--junit")]
    public void An_output_option_never_overwrites_an_input_file(string verb, string option)
    {
        var rules = Write("r.ixr", File.ReadAllText("rules/ird.ixr"));
        string[] args = verb switch
        {
            "cohort" => ["cohort", rules, "--population", "populations/mm1.yaml", "-n", "10", option, rules],
            _ => [verb, rules, option, rules],
        };
        var (code, stdout, stderr) = CliRunner.Run(args);
        Assert.Equal((2, ""), (code, stdout));
        Assert.StartsWith($"error: {rules} exists and is not a ", stderr);
        Assert.Equal(File.ReadAllText("rules/ird.ixr"), File.ReadAllText(rules));
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public void Output_that_is_empty_a_device_or_a_link_to_an_input_is_refused()
    {
        var rules = Write("r.ixr", File.ReadAllText("rules/ird.ixr"));
        var link = Path.Combine(Dir, "looks-like.html");
        File.CreateSymbolicLink(link, rules);
        foreach (var (output, message) in new[] { ("", "error: -o needs a file name"), ("/dev/null", "error: /dev/null is not a regular file"), (link, $"error: {link} exists and is not a .html or .htm file") })
        {
            var (code, _, stderr) = CliRunner.Run("report", rules, "-o", output);
            Assert.Equal(2, code);
            Assert.StartsWith(message, stderr);
        }

        Assert.Equal(File.ReadAllText("rules/ird.ixr"), File.ReadAllText(rules));
    }

    [Fact]
    public void Source_links_are_url_encoded_so_a_hash_in_a_file_name_still_links_the_file()
    {
        var rules = Write("a#b %.ixr", File.ReadAllText("rules/ird.ixr"));
        var page = Path.Combine(Dir, "p.html");
        Assert.Equal(0, CliRunner.Run("report", rules, "-o", page).Exit);
        Assert.Contains("href=\"a%23b%20%25.ixr#L41\"", File.ReadAllText(page));
    }

    private static string OneDrugRules() => IxaRules.Tests.Checks.OneDrugRules.Text;

    [GeneratedRegex(@"(src|href)=""(https?:)?//|@import|url\(")]
    private static partial Regex ExternalReference();

    [GeneratedRegex("<script")]
    private static partial Regex ScriptTag();
}
