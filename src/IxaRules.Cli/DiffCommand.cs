using System.CommandLine;
using IxaRules.Cohort;
using IxaRules.Diagnostics;
using IxaRules.Diff;
using IxaRules.Text;

namespace IxaRules.Cli;

/// <summary>
/// <c>ixarules diff OLD.ixr NEW.ixr</c>: what a protocol amendment changes, for whom. Exit codes: 0
/// the versions are proven equivalent (or identical), 1 they differ (or a file has errors), 2 usage.
/// </summary>
internal static class DiffCommand
{
    private enum Format
    {
        Text,
        Json,
        Markdown,
    }

    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var oldFile = new Argument<string>("old") { Description = "The rule file as it was (.ixr)." };
        var newFile = new Argument<string>("new") { Description = "The rule file as amended (.ixr)." };
        var regimen = new Option<string?>("--regimen") { Description = "Only this regimen (default: every regimen both files declare)." };
        var population = new Option<string?>("--population") { Description = "A population file (populations/*.yaml): replay both versions over the same virtual patients and report the change in RDI, reductions and discontinuations." };
        var count = new Option<int>("-n", "--patients") { Description = "How many virtual patients, with --population.", DefaultValueFactory = _ => 1000 };
        var seed = new Option<int>("--seed") { Description = "The random seed of the virtual cohort.", DefaultValueFactory = _ => 1 };
        var format = Choices.Create("--format", "text (for a terminal), json (stable; docs/diff.md), markdown (a pull-request comment).", Format.Text,
            ("text", Format.Text), ("json", Format.Json), ("markdown", Format.Markdown));
        var outDir = new Option<string?>("--out") { Description = "Write each counterexample as REGIMEN.patient.yaml and REGIMEN.events in this directory (`ixarules run` reproduces them)." };
        var noSolver = new Option<bool>("--no-solver") { Description = "Do not use the SMT solver: compare structure and search for a differing patient only (nothing is proven)." };
        var command = new Command("diff",
            "Say what an amendment changes, for whom: each change in the language's terms with both locations; each changed\n" +
            "condition proven equivalent, or the region where old and new disagree (unknown included), by an SMT solver (Z3);\n" +
            "and the simplest patient whose administrations differ, found by a bounded search and shrunk.\n" +
            "Exit code: 0 proven equivalent, 1 the versions differ or a file has errors, 2 usage. See docs/diff.md.\n" +
            "Examples (the amendment fixtures of the test suite):\n" +
            "  ixarules diff tests/IxaRules.Tests/Diff/Amendments/threshold/old.ixr tests/IxaRules.Tests/Diff/Amendments/threshold/new.ixr\n" +
            "  ixarules diff tests/IxaRules.Tests/Diff/Amendments/refactor/old.ixr tests/IxaRules.Tests/Diff/Amendments/refactor/new.ixr  (proven equivalent: exit 0)\n" +
            "  ixarules diff tests/IxaRules.Tests/Diff/Amendments/ladder/old.ixr tests/IxaRules.Tests/Diff/Amendments/ladder/new.ixr --format markdown --out counterexamples\n" +
            "  ixarules diff tests/IxaRules.Tests/Diff/Amendments/ladder/old.ixr tests/IxaRules.Tests/Diff/Amendments/ladder/new.ixr --population populations/mm1.yaml -n 500")
        {
            oldFile, newFile, regimen, population, count, seed, format, outDir, noSolver,
        };
        command.SetAction(parsed =>
        {
            var (oldPath, newPath) = (parsed.GetRequiredValue(oldFile), parsed.GetRequiredValue(newFile));
            if (RunSetup.CheckRules(oldPath, "nothing was compared", stderr, stderr, out var exit, "is a directory: diff takes two rule files") is not { } old
                || RunSetup.CheckRules(newPath, "nothing was compared", stderr, stderr, out exit, "is a directory: diff takes two rule files") is not { } @new)
            {
                return exit;
            }

            if (parsed.GetValue(outDir) is { Length: 0 })
            {
                stderr.WriteLine("error: --out needs a directory name");
                return Program.UsageError;
            }

            if (parsed.GetValue(population) is null && (parsed.GetResult(count) is { Implicit: false } || parsed.GetResult(seed) is { Implicit: false }))
            {
                stderr.WriteLine("warning: -n and --seed choose the virtual patients of --population; without it they do nothing");
            }

            var name = parsed.GetValue(regimen);
            if (name is not null && (old.Regimens.All(r => r.Name != name) || @new.Regimens.All(r => r.Name != name)))
            {
                stderr.WriteLine($"error: regimen `{name}` is not declared by both files (old: {Names(old)}; new: {Names(@new)})");
                return Program.UsageError;
            }

            if (parsed.GetValue(count) is < 1 or > 1_000_000)
            {
                stderr.WriteLine("error: -n must be between 1 and 1,000,000 virtual patients");
                return Program.UsageError;
            }

            ImpactOptions? impact = null;
            if (parsed.GetValue(population) is { } populationPath)
            {
                if (!File.Exists(populationPath))
                {
                    stderr.WriteLine($"error: no such file: {populationPath}");
                    return Program.UsageError;
                }

                var (loaded, problems) = PopulationFile.Load(InputFile.Read(populationPath, InputFile.PatientFileChars));
                if (loaded is null)
                {
                    stderr.Write(DiagnosticRenderer.Render(problems, DiagnosticFormat.Text));
                    stderr.WriteLine($"{populationPath} has errors; nothing was compared");
                    return Program.Findings;
                }

                impact = new ImpactOptions(loaded, parsed.GetValue(count), parsed.GetValue(seed));
                foreach (var r in old.Regimens.Where(r => @new.Regimens.Any(n => n.Name == r.Name) && (name is null || r.Name == name) && loaded.ArmFor(r.Name) is null))
                {
                    stderr.WriteLine($"warning: the population `{loaded.Name}` has no arm for regimen `{r.Name}` (its arms: {string.Join(", ", loaded.Arms.Select(a => a.Regimen))}); no impact is reported for it");
                }
            }

            var diff = AmendmentDiff.Compare(old, @new, name, impact, useSolver: !parsed.GetValue(noSolver));
            var written = parsed.GetValue(outDir) is { } dir ? Write(dir, diff, stderr) : null;
            if (parsed.GetValue(outDir) is not null && written is null)
            {
                return Program.UsageError;
            }

            stdout.Write(parsed.GetValue(format) switch
            {
                Format.Json => DiffJson.Render(diff),
                Format.Markdown => DiffText.Render(diff, markdown: true, written),
                _ => DiffText.Render(diff, markdown: false, written),
            });
            return diff.ProvenEquivalent ? Program.Clean : Program.Findings;
        });
        return command;
    }

    private static string Names(IxaRules.Binding.BoundFile file) =>
        file.Regimens.Count == 0 ? "none" : string.Join(", ", file.Regimens.Select(r => r.Name));

    private static Dictionary<string, (string Patient, string Events)>? Write(string dir, DiffResult diff, TextWriter stderr)
    {
        var written = new Dictionary<string, (string, string)>(StringComparer.Ordinal);
        try
        {
            Directory.CreateDirectory(dir);
            foreach (var r in diff.Regimens.Where(r => r.Counterexample is not null))
            {
                var (patient, events) = (Path.Combine(dir, r.Regimen + ".patient.yaml"), Path.Combine(dir, r.Regimen + ".events"));
                var ce = r.Counterexample!;
                var header = $"# written by `ixarules diff {diff.OldPath} {diff.NewPath}`: regimen {r.Regimen} first differs on day {ce.Difference.Day} ({ce.Difference.Drug}):\n"
                    + $"# old {ce.Difference.Old}; new {ce.Difference.New}. Run each version with --days {ce.Case.RunDays}.\n";
                File.WriteAllText(patient, header + ce.Case.PatientText());
                File.WriteAllText(events, header + ce.Case.EventsText());
                written[r.Regimen] = (patient, events);
            }

            return written;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            stderr.WriteLine($"error: cannot write the counterexample to {dir}: {e.Message}");
            return null;
        }
    }
}
