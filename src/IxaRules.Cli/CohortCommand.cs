using System.CommandLine;
using IxaRules.Cohort;
using IxaRules.Diagnostics;
using IxaRules.Text;

namespace IxaRules.Cli;

/// <summary><c>ixarules cohort</c>: replay a virtual trial population through the rules, beside the published figures.</summary>
internal static class CohortCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr, Spectre.Console.IAnsiConsole? progress)
    {
        var rules = new Argument<string>("rules") { Description = "The rule file (.ixr) that declares the regimen." };
        var population = new Option<string>("--population") { Description = "The population model (YAML, docs/cohort.md), e.g. populations/mm1.yaml.", Required = true };
        var regimen = new Option<string?>("--regimen") { Description = "Which regimen to replay, when the file declares several; the population must have an arm for it." };
        var count = new Option<int>("-n", "--patients") { Description = "How many virtual patients.", DefaultValueFactory = _ => 1000 };
        var seed = new Option<int>("--seed") { Description = "The random seed: the same seed gives the same cohort, byte for byte, on any number of threads.", DefaultValueFactory = _ => 1 };
        var json = new Option<bool>("--json") { Description = "Print the figures as JSON." };
        var outDir = new Option<string?>("--out") { Description = "Also write one row per patient to DIR/REGIMEN.csv (for analysis elsewhere)." };
        var report = new Option<string?>("--report") { Description = "Also write the replay as a self-contained HTML page: RDI histograms and the published figures beside the simulated ones." };
        var check = new Option<bool>("--check") { Description = "Exit 1 when a simulated figure is outside the tolerance the population file states for it (figures with a documented `gap:` excepted)." };
        var backend = Backends.Option("compiled (a cohort runs the regimen many times)");

        var command = new Command("cohort",
            "Replay a virtual trial population through a regimen's rules and set the result beside the trial's published\n" +
            "figures: relative dose intensity (both definitions of docs/run.md), reductions, discontinuations for adverse\n" +
            "events, cycles, ixazomib exposure, and the adverse-event rates the model realised (to show its inputs are honoured).\n" +
            "The population model and its sources are described in docs/cohort.md.\n" +
            "Examples:\n" +
            "  ixarules cohort rules/ird.ixr --population populations/mm1.yaml -n 10000 --seed 1\n" +
            "  ixarules cohort rules/ird.ixr --population populations/mm1.yaml -n 2000 --seed 1 --report cohort.html")
        {
            rules, population, regimen, count, seed, json, outDir, report, check, backend,
        };

        command.SetAction(parsed =>
        {
            if (OutputFile.Refused(parsed.GetValue(report), "--report", stderr, ".html", ".htm"))
            {
                return Program.UsageError;
            }

            var rulesPath = parsed.GetRequiredValue(rules);
            var populationPath = parsed.GetRequiredValue(population);
            foreach (var path in new[] { rulesPath, populationPath }.Where(p => !File.Exists(p)))
            {
                stderr.WriteLine(Directory.Exists(path) ? $"error: {path} is a directory; give one file" : $"error: no such file: {path}");
                return Program.UsageError;
            }

            var n = parsed.GetValue(count);
            if (n < 1 || n > CohortRunner.MaxPatients)
            {
                stderr.WriteLine($"error: -n must be between 1 and {CohortRunner.MaxPatients}");
                return Program.UsageError;
            }

            var checkedRules = RuleFiles.Check(SourceText.FromFile(rulesPath));
            if (checkedRules.Model is not { } model)
            {
                stdout.Write(DiagnosticRenderer.Render(checkedRules.Diagnostics, DiagnosticFormat.Text));
                stderr.WriteLine($"{rulesPath} has errors; nothing was run");
                return Program.Findings;
            }

            var (loaded, problems) = PopulationFile.Load(InputFile.Read(populationPath, InputFile.PatientFileChars));
            if (loaded is null)
            {
                stdout.Write(DiagnosticRenderer.Render(problems, DiagnosticFormat.Text));
                stderr.WriteLine($"{populationPath} has errors; nothing was run");
                return Program.Findings;
            }

            if (RunCommand.SelectRegimen(model, parsed.GetValue(regimen), stderr) is not { } chosen)
            {
                return Program.UsageError;
            }

            if (loaded.ArmFor(chosen.Name) is not { } arm)
            {
                stdout.Write(DiagnosticRenderer.Render([Diagnostics.Catalog.RunInputCodes.NoArmForRegimen.At(loaded.Source, loaded.ArmsSpan,
                    $"the population `{loaded.Name}` has no arm for regimen `{chosen.Name}`",
                    $"its arms: {string.Join(", ", loaded.Arms.Select(a => a.Regimen))}; add `{chosen.Name}:` under `arms:`")], DiagnosticFormat.Text));
                return Program.Findings;
            }

            var generator = new PatientGenerator(arm, loaded.FollowUpCycles);
            if (PopulationChecks.Check(loaded, arm, model, chosen, generator) is { Count: > 0 } misfits)
            {
                stdout.Write(DiagnosticRenderer.Render(misfits, DiagnosticFormat.Text));
                stderr.WriteLine($"{populationPath} does not fit regimen `{chosen.Name}`; nothing was run");
                return Program.Findings;
            }

            var drugs = chosen.DrugNames.ToList();
            CsvOutput? csv = null;
            if (parsed.GetValue(outDir) is { } dir && (csv = CsvOutput.Open(dir, chosen.Name, drugs, stderr)) is null)
            {
                return Program.UsageError;
            }

            var chosenBackend = parsed.GetValue(backend) ?? Backend.Compiled;
            using var prepared = PreparedRegimen.Prepare(model, chosen, chosenBackend, chosenBackend == Backend.Compiled ? Compilation.RegimenCompiler.DefaultCacheDirectory : null);
            CohortAggregate figures;
            using (csv)
            {
                figures = ProgressDisplay.Count(progress, "virtual patients", n, report => CohortRunner.Run(prepared, loaded, generator, n, parsed.GetValue(seed),
                    each: csv is null ? null : s => csv.Write(s, drugs),
                    progress: report));
                csv?.Commit();
            }

            var result = new CohortResult(loaded, arm, n, parsed.GetValue(seed), figures);
            stdout.Write(parsed.GetValue(json) ? CohortReport.Json([result]) : CohortReport.Text(result));
            if (parsed.GetValue(report) is { } page)
            {
                AtomicFile.Replace(page, CohortPage.Write(result));
                stderr.WriteLine($"wrote {page}");
            }

            if (figures.Ended(CourseEnd.Refused) > 0)
            {
                stderr.WriteLine($"error: {figures.Ended(CourseEnd.Refused)} virtual patients were refused by the regimen (they lack what it needs); the figures are of the others");
                return Program.Findings;
            }

            return parsed.GetValue(check) && !result.WithinTolerance ? Program.Findings : Program.Clean;
        });
        return command;
    }
}
