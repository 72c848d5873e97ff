using IxaRules.Binding;
using IxaRules.Diagnostics;
using IxaRules.Evaluation;
using IxaRules.Text;

namespace IxaRules.Cli;

/// <summary>The checked inputs of one patient's run: the rule file's model, the regimen, the patient and their events.</summary>
internal sealed record RunSetup(BoundFile Model, Regimen Regimen, Patient? Patient, IReadOnlyList<PatientEvent> Events)
{
    /// <summary>
    /// Loads and checks what `run` and `report` read, printing every problem located; null (with
    /// <paramref name="exit"/> set) when something is wrong, so nothing is run on inputs with errors.
    /// Without a patient path only the rule file and regimen are loaded. Diagnostics go to
    /// <paramref name="diagnostics"/>: standard error when standard output is a document (JSON, a page).
    /// </summary>
    /// <summary>
    /// The checked rule file every verb that runs or draws one starts from, or null after saying what is
    /// wrong: a missing path or a directory (exit 2), or the file's diagnostics and that
    /// <paramref name="nothingDone"/> (exit 1). No regimen is chosen here: a scenario file may declare none.
    /// </summary>
    public static BoundFile? CheckRules(string path, string nothingDone, TextWriter diagnostics, TextWriter stderr, out int exit, string directory = "is a directory, not a file")
    {
        exit = Program.UsageError;
        if (!File.Exists(path))
        {
            stderr.WriteLine(Directory.Exists(path) ? $"error: {path} {directory}" : $"error: no such file: {path}");
            return null;
        }

        var check = RuleFiles.Check(SourceText.FromFile(path));
        if (check.Model is null)
        {
            diagnostics.Write(DiagnosticRenderer.Render(check.Diagnostics, DiagnosticFormat.Text));
            stderr.WriteLine($"{path} has errors; {nothingDone}");
            exit = Program.Findings;
        }

        return check.Model;
    }

    public static RunSetup? Load(string rulesPath, string? regimenName, string? patientPath, string? eventsPath, TextWriter diagnostics, TextWriter stderr, out int exit)
    {
        exit = Program.UsageError;
        foreach (var path in new[] { rulesPath, patientPath, eventsPath }.OfType<string>().Where(p => !File.Exists(p)))
        {
            stderr.WriteLine(Directory.Exists(path) ? $"error: {path} is a directory, not a file" : $"error: no such file: {path}");
            return null;
        }

        if (CheckRules(rulesPath, "nothing was run", diagnostics, stderr, out exit) is not { } model)
        {
            return null;
        }

        exit = Program.UsageError;

        if (RunCommand.SelectRegimen(model, regimenName, stderr) is not { } chosen)
        {
            return null;
        }

        if (patientPath is null)
        {
            return new RunSetup(model, chosen, null, []);
        }

        var patientInput = RuleFiles.LoadPatient(InputFile.Read(patientPath, InputFile.PatientFileChars));
        var (person, patientProblems) = patientInput;
        var problems = patientProblems.ToList();
        IReadOnlyList<PatientEvent> timeline = [];
        if (person is not null)
        {
            problems.AddRange(RuleFiles.CheckRunInputs(model, chosen, patientInput));
            if (eventsPath is not null)
            {
                var (loaded, eventProblems) = RuleFiles.LoadEvents(InputFile.Read(eventsPath, InputFile.EventsFileChars), chosen, person.StartDate, model);
                timeline = loaded;
                problems.AddRange(eventProblems);
            }
        }

        if (problems.Count > 0 || person is null)
        {
            diagnostics.Write(DiagnosticRenderer.Render(problems, DiagnosticFormat.Text));
            stderr.WriteLine("the run inputs have errors; nothing was run");
            exit = Program.Findings;
            return null;
        }

        exit = Program.Clean;
        return new RunSetup(model, chosen, person, timeline);
    }
}
