using IxaRules.Binding;
using IxaRules.Text;

namespace IxaRules.Checks;

/// <summary>Loads CASE.patient.yaml with its CASE.events; a file with errors throws with its first diagnostic.</summary>
internal static class PatientFiles
{
    public static PatientCase Load(string fullPath, string displayPath, Regimen? regimen, BoundFile? file = null)
    {
        var input = RuleFiles.LoadPatient(InputFile.Read(fullPath, InputFile.PatientFileChars, displayPath));
        var (patient, problems) = input;
        if (patient is null)
        {
            throw new CheckScriptException($"{displayPath} has errors: {problems[0]}");
        }

        var eventsPath = fullPath.Replace(".patient.yaml", ".events", StringComparison.Ordinal);
        if (!File.Exists(eventsPath) || regimen is null)
        {
            if (File.Exists(eventsPath) && regimen is null)
            {
                throw new CheckScriptException($"{displayPath}: pass the rule set to Patients(…) so its events can be read");
            }

            return new PatientCase(patient.Id, patient, []) { Input = input };
        }

        var eventsDisplay = displayPath.Replace(".patient.yaml", ".events", StringComparison.Ordinal);
        var (events, eventProblems) = RuleFiles.LoadEvents(InputFile.Read(eventsPath, InputFile.EventsFileChars, eventsDisplay), regimen, patient.StartDate, file);
        return eventProblems.Count > 0
            ? throw new CheckScriptException($"{eventsDisplay} has errors: {eventProblems[0]}")
            : new PatientCase(patient.Id, patient, events) { Input = input };
    }
}
