using System.CommandLine;
using IxaRules.Binding;
using IxaRules.Diagnostics;
using IxaRules.Evaluation;

namespace IxaRules.Cli;

/// <summary><c>ixarules run</c>: what the protocol gives one patient, day by day, and why.</summary>
internal static class RunCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var rules = new Argument<string>("rules") { Description = "The rule file (.ixr) that declares the regimen." };
        var regimen = new Option<string?>("--regimen") { Description = "Which regimen to run, when the file declares several." };
        var patient = new Option<string>("--patient") { Description = "The patient file (YAML: age, sex, weight, height, crcl or creatinine, hepatic, dialysis, neuropathy, clf, start).", Required = true };
        var events = new Option<string?>("--events") { Description = "The events file: one `day N: …` line per study day (labs, adverse events, missed or vomited doses, progression)." };
        var days = new Option<int?>("--days") { Description = "How many study days to run (default: a fixed-length regimen to its end, an open-ended one to the end of the cycle of the last event)." };
        var exposureTo = new Option<string>("--exposure-to")
        {
            Description = "The event ixazomib exposure (AUC/day) is measured to (seed 000 §2.2): progression, death, withdrawal, first-reduction, end,\n" +
                "day:N, or any event in the rule language, e.g. \"rash grade >= 2\" or \"thrombocytopenia grade >= 3\" (the first day it holds).",
            DefaultValueFactory = _ => "progression",
        };
        var json = new Option<bool>("--json") { Description = "Print the outcome as JSON (stable; fields documented in docs/run.md)." };
        var plain = new Option<bool>("--plain") { Description = "Print the outcome as plain text, one line per entry (for diffs)." };
        var backend = Backends.Option("interpreted (one patient: compiling would cost more than it saves)");

        var command = new Command("run",
            "Run a regimen against one patient's day-by-day events: the administration log (given, held, delayed, missed,\n" +
            "discontinued), the decision trail (which rule, where it is written, the values it read), and per-drug metrics\n" +
            "(doses, cumulative dose, relative dose intensity, reductions) with ixazomib exposure.\n" +
            "Example: ixarules run rules/ird.ixr --patient examples/ird/thrombocytopenia-recurrence.patient.yaml --events examples/ird/thrombocytopenia-recurrence.events")
        {
            rules, regimen, patient, events, days, exposureTo, json, plain, backend,
        };

        command.Validators.Add(result =>
        {
            if (result.GetValue(json) && result.GetValue(plain))
            {
                result.AddError("--json and --plain choose two different outputs; give one of them");
            }
        });

        command.SetAction(parsed =>
        {
            if (parsed.GetValue(days) is { } n && (n < 1 || n > RunOptions.MaxDays))
            {
                stderr.WriteLine($"error: --days must be between 1 and {RunOptions.MaxDays}");
                return Program.UsageError;
            }

            var (exposure, exposureProblems) = ExposureTargets.Parse(parsed.GetValue(exposureTo)!);
            if (exposure is null)
            {
                stderr.Write(DiagnosticRenderer.Render(exposureProblems, DiagnosticFormat.Text));
                stderr.WriteLine("--exposure-to names progression, death, withdrawal, first-reduction, end, day:N, or an event such as \"rash grade >= 2\"");
                return Program.UsageError;
            }

            if (RunSetup.Load(parsed.GetRequiredValue(rules), parsed.GetValue(regimen), parsed.GetRequiredValue(patient), parsed.GetValue(events), parsed.GetValue(json) ? stderr : stdout, stderr, out var exit) is not
                { Patient: { } person } setup)
            {
                return exit;
            }

            var (model, chosen, timeline) = (setup.Model, setup.Regimen, setup.Events);
            var chosenBackend = parsed.GetValue(backend) ?? Backend.Interpreted;
            using var prepared = PreparedRegimen.Prepare(model, chosen, chosenBackend, chosenBackend == Backend.Compiled ? Compilation.RegimenCompiler.DefaultCacheDirectory : null);
            var outcome = prepared.Run(person, timeline, new RunOptions(parsed.GetValue(days), exposure));
            stdout.Write(parsed.GetValue(json) ? OutcomeJson.Write(outcome)
                : parsed.GetValue(plain) ? OutcomeText.Write(outcome)
                : OutcomeTable.Render(outcome, chosen, person));
            return Program.Clean;
        });
        return command;
    }

    internal static Regimen? SelectRegimen(BoundFile model, string? name, TextWriter stderr)
    {
        var names = string.Join(", ", model.Regimens.Select(r => r.Name));
        if (name is null)
        {
            if (model.Regimens.Count == 1)
            {
                return model.Regimens[0];
            }

            stderr.WriteLine($"error: the file declares {model.Regimens.Count} regimens ({names}); choose one with --regimen");
            return null;
        }

        var found = model.Regimens.FirstOrDefault(r => r.Name == name);
        if (found is null)
        {
            stderr.WriteLine($"error: no regimen `{name}` in the file (it declares: {names})"
                + (Suggest.DidYouMean(name, model.Regimens.Select(r => r.Name)) is { } help ? $"; {help}" : ""));
        }

        return found;
    }
}
