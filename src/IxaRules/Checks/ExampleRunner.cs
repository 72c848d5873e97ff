using IxaRules.Evaluation;
using IxaRules.Text;

namespace IxaRules.Checks;

/// <summary>An example whose outcome is not its expected.txt: the first differing line, the diff, and what the run gives.</summary>
internal sealed record ExampleDifference(string Message, IReadOnlyList<string> Diff, string ExpectedPath, string Actual);

/// <summary>
/// An example case is DIR/CASE.patient.yaml (+ CASE.events) run against the regimen that
/// DIR/regimen.txt names ("RULES-PATH REGIMEN", the path relative to DIR), compared with
/// CASE.expected.txt, the reviewed outcome.
/// </summary>
internal static class ExampleRunner
{
    public static Outcome Run(string patientPath)
    {
        using var programs = new ProgramCache(Backend.Interpreted);
        return Run(patientPath, programs);
    }

    internal static Outcome Run(string patientPath, ProgramCache programs)
    {
        var dir = Path.GetDirectoryName(Path.GetFullPath(patientPath))!;
        var manifest = Path.Combine(dir, "regimen.txt");
        if (!File.Exists(manifest))
        {
            throw new CheckScriptException($"{Display(dir)} has no regimen.txt naming the rules file and regimen of its examples");
        }

        var parts = InputFile.Read(manifest, InputFile.ManifestChars).Text.Split(' ', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length != 2)
        {
            throw new CheckScriptException($"{Display(manifest)}: expected `RULES-PATH REGIMEN`, e.g. `../../rules/ird.ixr IRd`");
        }

        var rulesPath = Path.GetFullPath(Path.Combine(dir, parts[0]));
        if (!File.Exists(rulesPath))
        {
            throw new CheckScriptException($"{Display(manifest)}: no such rules file {parts[0]}");
        }

        var rules = programs.Check(rulesPath, Display(rulesPath));
        if (rules.Model is not { } model)
        {
            throw new CheckScriptException($"{Display(rulesPath)} has errors: {rules.Diagnostics.First(d => d.IsError)}");
        }

        var regimen = model.Regimens.FirstOrDefault(r => r.Name == parts[1])
            ?? throw new CheckScriptException($"{Display(manifest)}: no regimen `{parts[1]}` in {parts[0]}");
        var patient = PatientFiles.Load(Path.GetFullPath(patientPath), Display(patientPath), regimen, model);
        var problems = RuleFiles.CheckRunInputs(model, regimen, patient.Input!);
        return problems.Count > 0
            ? throw new CheckScriptException(problems[0].ToString())
            : programs.For(model, regimen).Run(patient.Patient, patient.Events);
    }

    /// <summary>
    /// Runs an example and compares it with its expected outcome: null when they agree, else the first
    /// differing line, the unified diff, and the outcome (what `test --update` writes).
    /// </summary>
    internal static ExampleDifference? Compare(string patientPath, out Outcome? outcome, ProgramCache programs)
    {
        outcome = Run(patientPath, programs);
        var expectedPath = patientPath.Replace(".patient.yaml", ".expected.txt", StringComparison.Ordinal);
        var expectedText = InputFile.Read(expectedPath, InputFile.EventsFileChars).Text;
        var actualText = OutcomeText.Write(outcome);
        var expected = expectedText.Split('\n');
        var actual = actualText.Split('\n');
        for (var i = 0; i < Math.Max(expected.Length, actual.Length); i++)
        {
            var e = i < expected.Length ? expected[i] : "(end)";
            var a = i < actual.Length ? actual[i] : "(end)";
            if (e != a)
            {
                var diff = UnifiedDiff.Of(expectedText, actualText, Display(expectedPath) + " (expected)", "the run") ?? "";
                return new ExampleDifference($"outcome differs from {Display(expectedPath)} at line {i + 1}: expected `{e.Trim()}`, the run gives `{a.Trim()}`",
                    diff.TrimEnd('\n').Split('\n'), expectedPath, actualText);
            }
        }

        return null;
    }

    private static string Display(string path) => Path.GetRelativePath(Directory.GetCurrentDirectory(), Path.GetFullPath(path)).Replace('\\', '/');
}
