using System.Globalization;
using System.Text.Json;
using IxaRules.Diff;

namespace IxaRules.Tests.Diff;

/// <summary>
/// Writes a counterexample as `diff --out` does, runs each version on it with `ixarules run --json`,
/// and checks that each gives the administration the diff reported (or refuses, or gives no dose).
/// </summary>
internal static class CounterexampleReplay
{
    public static Counterexample Check(string dir, string name, RegimenDiff diff, string oldPath, string newPath)
    {
        var ce = diff.Counterexample ?? throw new InvalidOperationException("no counterexample for " + name);
        var patient = Path.Combine(dir, name + ".patient.yaml");
        var events = Path.Combine(dir, name + ".events");
        File.WriteAllText(patient, ce.Case.PatientText());
        File.WriteAllText(events, ce.Case.EventsText());
        var seen = new List<string>();
        foreach (var path in new[] { oldPath, newPath })
        {
            var (exit, stdout, stderr) = CliRunner.Run("run", path, "--patient", patient, "--events", events,
                "--days", ce.Case.RunDays.ToString(CultureInfo.InvariantCulture), "--json");
            if (ce.Difference.Drug == "(the run)")
            {
                seen.Add(exit == 0 ? "runs" : "refuses");
                continue;
            }

            Assert.True(exit == 0, stderr);
            using var doc = JsonDocument.Parse(stdout);
            var dose = doc.RootElement.GetProperty("administrations").EnumerateArray()
                .Where(a => a.GetProperty("day").GetInt32() == ce.Difference.Day && a.GetProperty("drug").GetString() == ce.Difference.Drug)
                .Select(a => (Status: a.GetProperty("status").GetString(), Mg: a.GetProperty("givenMg").GetDecimal())).ToList();
            seen.Add(dose.Count == 0 ? $"no {ce.Difference.Drug} dose on day {ce.Difference.Day}"
                : dose[0].Status == "given" ? $"{ce.Difference.Drug} {dose[0].Mg:0.##} mg given" : $"{ce.Difference.Drug} {dose[0].Status}");
        }

        // A refusal is reported with its reason; the run only says that it refused.
        static string Kind(string reported) => reported.StartsWith("refuses", StringComparison.Ordinal) ? "refuses" : reported;
        Assert.Equal([Kind(ce.Difference.Old), Kind(ce.Difference.New)], seen);
        return ce;
    }
}
