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
            "  ixarules report rules/ird.ixr -o ird-regimen.html")
        {
            rules, regimen, patient, events, output,
        };

        command.Validators.Add(result =>
        {
            if (result.GetValue(events) is not null && result.GetValue(patient) is null)
            {
                result.AddError("--events are a patient's: give --patient too");
            }
        });

        command.SetAction(parsed =>
        {
            var rulesPath = parsed.GetRequiredValue(rules);
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

            var path = parsed.GetValue(output);
            // Source links are relative to where the page is: it can be opened beside the rule files, or moved with them.
            var folder = path is null ? Directory.GetCurrentDirectory() : Path.GetDirectoryName(Path.GetFullPath(path))!;
            var html = HtmlReport.Write(new ReportInput(setup.Model, setup.Regimen, run,
                source => Path.GetRelativePath(folder, Path.GetFullPath(source)).Replace('\\', '/')));
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
        });
        return command;
    }
}
