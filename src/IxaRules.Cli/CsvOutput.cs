using System.Globalization;
using CsvHelper;
using IxaRules.Cohort;

namespace IxaRules.Cli;

/// <summary>
/// `cohort --out DIR`: one CSV row per patient in DIR/REGIMEN.csv. Rows go to a new temporary file
/// beside it, which replaces the target only when the cohort has finished: a run that fails leaves
/// no half-written file, and a symbolic link planted at the target is replaced, never written through.
/// </summary>
internal sealed class CsvOutput : IDisposable
{
    private static readonly string[] Columns = ["patient", "age", "sex", "crcl", "cycles", "end", "stopped_on", "auc_per_day"];

    private readonly CsvWriter _writer;
    private readonly string _temporary;
    private readonly string _target;
    private bool _committed;

    private CsvOutput(CsvWriter writer, string temporary, string target) => (_writer, _temporary, _target) = (writer, temporary, target);

    /// <summary>The output, or null with the reason written to <paramref name="stderr"/> (a usage error).</summary>
    public static CsvOutput? Open(string dir, string regimen, IReadOnlyList<string> drugs, TextWriter stderr)
    {
        if (string.IsNullOrWhiteSpace(dir))
        {
            stderr.WriteLine("error: --out needs a directory");
            return null;
        }

        var target = Path.Combine(dir, regimen + ".csv");
        var temporary = Path.Combine(dir, $".{regimen}.csv.{Environment.ProcessId}.tmp");
        try
        {
            if (File.Exists(dir))
            {
                stderr.WriteLine($"error: --out {dir} is a file, not a directory");
                return null;
            }

            Directory.CreateDirectory(dir);
            var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write);
            var writer = CsvWriter.Create(new StreamWriter(stream), new CsvWriterOptions { NewLine = "\n" }, false);
            writer.WriteRecord([.. Columns, .. drugs.SelectMany(d => new[] { d + "_rdi", d + "_time_rdi", d + "_reductions", d + "_first_reduction_day" })]);
            return new CsvOutput(writer, temporary, target);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
        {
            stderr.WriteLine($"error: cannot write --out {dir}: {e.Message}");
            return null;
        }
    }

    public void Write(PatientSummary s, IReadOnlyList<string> drugs)
    {
        var fields = new List<string?>
        {
            s.Patient.Id, Num(s.Patient.Age), s.Patient.Sex, Num(s.Patient.CreatinineClearance), Num(s.Cycles), s.End.ToString().ToLowerInvariant(),
            Num(s.StoppedOn), Num(s.AucPerDay),
        };
        foreach (var drug in drugs)
        {
            var d = s.Drugs.FirstOrDefault(x => x.Drug == drug);
            fields.AddRange([Num(d?.Rdi), Num(d?.TimeRdi), Num(d?.Reductions), Num(d?.FirstReductionDay)]);
        }

        _writer.WriteRecord([.. fields]);
    }

    /// <summary>The cohort is complete: the rows replace DIR/REGIMEN.csv.</summary>
    public void Commit()
    {
        _writer.Dispose();
        File.Move(_temporary, _target, overwrite: true);
        _committed = true;
    }

    public void Dispose()
    {
        if (!_committed)
        {
            _writer.Dispose();
            File.Delete(_temporary);
        }
    }

    private static string? Num(decimal? value) => value?.ToString(CultureInfo.InvariantCulture);
}
