using System.CommandLine;
using IxaRules.Evaluation;
using IxaRules.Report;
using IxaRules.Text;

namespace IxaRules.Cli;

/// <summary><c>ixarules report</c>: the regimen calendar and a patient's course as one self-contained HTML page.</summary>
internal static class ReportCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var rules = new Argument<string>("rules") { Description = "The rule file (.ixr) that declares the regimen." };
        var regimen = new Option<string?>("--regimen") { Description = "Which regimen to draw, when the file declares several." };
        var patient = new Option<string?>("--patient") { Description = "The patient file (YAML); with it the page draws the patient's course too." };
        var events = new Option<string?>("--events") { Description = "The patient's events file (needs --patient)." };
        var scenario = new Option<string?>("--scenario") { Description = "Draw this scenario of the rule file (its patient, days and expectations) instead of a patient file." };
        var output = new Option<string?>("--output", "-o") { Description = "Write the page to this file (replaced whole or not at all); default: standard output." };
        var command = new Command("report",
            "Draw the regimen and, with --patient, the patient's course as one self-contained HTML page (inline SVG, CSS and\n" +
            "script; nothing is fetched): the regimen calendar (dosing days, ladders, starting-dose adjustments, cycle-start\n" +
            "criteria, each with its source line), the course (labs with the rules' thresholds, adverse-event grades, each\n" +
            "drug's dose level with every administration marked given, held, delayed, missed or discontinued, and a marker\n" +
            "per decision that shows its trail entry on hover), the decision trail and the metrics. Prints as A4 landscape.\n" +
            "The same inputs give the same bytes.\n" +
            "Examples:\n" +
            "  ixarules report rules/ird.ixr --patient examples/ird/thrombocytopenia-recurrence.patient.yaml --events examples/ird/thrombocytopenia-recurrence.events -o ird.html\n" +
            "  ixarules report rules/ird.ixr --scenario \"rash: lenalidomide first, then ixazomib\" -o rash.html\n" +
            "  ixarules report rules/ird.ixr -o ird-regimen.html")
        {
            rules, regimen, patient, events, scenario, output,
        };

        command.Validators.Add(result =>
        {
            if (result.GetValue(events) is not null && result.GetValue(patient) is null)
            {
                result.AddError("--events are a patient's: give --patient too");
            }

            if (result.GetValue(scenario) is not null && (result.GetValue(patient) is not null || result.GetValue(regimen) is not null))
            {
                result.AddError("--scenario brings its own patient, days and regimen: give it without --patient, --events and --regimen");
            }
        });

        command.SetAction(parsed =>
        {
            var rulesPath = parsed.GetRequiredValue(rules);
            if (OutputFile.Refused(parsed.GetValue(output), "-o", stderr, ".html", ".htm"))
            {
                return Program.UsageError;
            }

            if (parsed.GetValue(scenario) is { } title)
            {
                return DrawScenario(rulesPath, title, parsed.GetValue(output), stdout, stderr);
            }

            if (parsed.GetValue(patient) is null && parsed.GetValue(regimen) is null)
            {
                return DrawRegimens(rulesPath, parsed.GetValue(output), stdout, stderr);
            }

            if (RunSetup.Load(rulesPath, parsed.GetValue(regimen), parsed.GetValue(patient), parsed.GetValue(events), stderr, stderr, out var exit) is not { } setup)
            {
                return exit;
            }

            ReportRun? run = null;
            if (setup.Patient is { } person)
            {
                using var prepared = PreparedRegimen.Prepare(setup.Model, setup.Regimen, Backend.Interpreted, null);
                run = new ReportRun(person, setup.Events, prepared.Run(person, setup.Events, new RunOptions()));
            }

            return Write(new ReportPage(setup.Model, setup.Regimen, run), parsed.GetValue(output), stdout, stderr);
        });
        return command;
    }

    private sealed record ReportPage(IxaRules.Binding.BoundFile Model, IxaRules.Binding.Regimen Regimen, ReportRun? Run);

    private static int DrawRegimens(string rulesPath, string? output, TextWriter stdout, TextWriter stderr)
    {
        if (RunSetup.CheckRules(rulesPath, "nothing was drawn", stderr, stderr, out var exit) is not { } file)
        {
            return exit;
        }

        if (file.Regimens.Count == 0)
        {
            stderr.WriteLine($"error: {rulesPath} declares no regimen; a scenario file is drawn with --scenario TITLE");
            return Program.Findings;
        }

        return Emit(output, stdout, stderr, href => file.Regimens.Count == 1
            ? HtmlReport.Write(new ReportInput(file, file.Regimens[0], null, href))
            : HtmlReport.WriteAll(file, href));
    }

    private static int DrawScenario(string rulesPath, string title, string? output, TextWriter stdout, TextWriter stderr)
    {
        if (RunSetup.CheckRules(rulesPath, "nothing was drawn", stderr, stderr, out var exit) is not { } file)
        {
            return exit;
        }

        var scenarios = file.Scenarios;
        if (scenarios.FirstOrDefault(s => s.Title == title) is not { } chosen)
        {
            // The titles that contain what was written, else all of them: a title is long, and a word of it is what people remember.
            var near = scenarios.Where(s => s.Title.Contains(title, StringComparison.OrdinalIgnoreCase)).ToList();
            stderr.WriteLine(scenarios.Count == 0 ? $"error: {rulesPath} has no scenarios"
                : $"error: no scenario \"{IxaRules.Diagnostics.Printable.Clamp(title, 80)}\" in {rulesPath}"
                    + (IxaRules.Diagnostics.Suggest.DidYouMean(title, scenarios.Select(s => s.Title)) is { } help ? $"; {help}"
                        : $" ({(near.Count > 0 ? "did you mean one of" : "it has")}: {string.Join(", ", (near.Count > 0 ? near : scenarios).Select(s => $"\"{s.Title}\""))})"));
            return Program.UsageError;
        }

        var model = chosen.RegimenFile ?? file;
        var (_, person, events) = RuleFiles.ScenarioInputs(file, chosen);
        using var prepared = PreparedRegimen.Prepare(model, chosen.Regimen, Backend.Interpreted, null);
        var (result, outcome) = IxaRules.Checks.ScenarioRunner.Run(file, chosen, prepared);
        return Write(new ReportPage(model, chosen.Regimen, new ReportRun(person, events, outcome, result)), output, stdout, stderr);
    }

    private static int Write(ReportPage page, string? path, TextWriter stdout, TextWriter stderr) =>
        Emit(path, stdout, stderr, href => HtmlReport.Write(new ReportInput(page.Model, page.Regimen, page.Run, href)));

    private static int Emit(string? path, TextWriter stdout, TextWriter stderr, Func<Func<string, string>, string> page)
    {
        // Source links are relative to where the page is: it can be opened beside the rule files, or moved with them.
        var folder = path is null ? Directory.GetCurrentDirectory() : Path.GetDirectoryName(Path.GetFullPath(path))!;
        var html = page(source => string.Join('/', Path.GetRelativePath(folder, Path.GetFullPath(source)).Replace('\\', '/').Split('/').Select(Uri.EscapeDataString)));
        if (path is null)
        {
            stdout.Write(html);
        }
        else
        {
            AtomicFile.Replace(path, html);
            stderr.WriteLine($"wrote {path}");
        }

        return Program.Clean;
    }
}
