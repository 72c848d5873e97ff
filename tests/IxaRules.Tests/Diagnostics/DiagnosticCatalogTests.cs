using System.Text;
using System.Text.RegularExpressions;
using IxaRules.Diagnostics;
using IxaRules.Diagnostics.Catalog;

namespace IxaRules.Tests.Codes;

/// <summary>
/// One catalog of diagnostics: every code is stable and unique, is produced by some file of the
/// bad-input corpora (or, for the few that only a size, a clock or a command-line argument can
/// produce, by a named test), and has an entry in docs/diagnostics.md — which is generated from the
/// catalog and the corpus baselines (IXARULES_UPDATE_BASELINES=1 rewrites it; review the diff).
/// </summary>
public partial class DiagnosticCatalogTests
{
    /// <summary>Codes no committed corpus file can produce, and the test that produces each instead.</summary>
    private static readonly Dictionary<string, (string Test, string Why)> ProducedByTests = new(StringComparer.Ordinal)
    {
        ["IXR0007"] = ("Safety/LargeInputTests.cs", "a rule file over the size limit (8 MiB) is made by the test"),
        ["IXR1020"] = ("Checks/ScenarioFileTests.cs", "a used rule file with errors must exist beside the scenario file, which the test writes"),
        ["IXR4005"] = ("Safety/LargeInputTests.cs", "a patient or events file over its size limit is made by the test"),
        ["IXR4007"] = ("Evaluation/MeasureConstructTests.cs", "it is about an `--exposure-to` argument, not a file"),
        ["IXR6006"] = ("Safety/ContainedCSharpTests.cs", "the C# compile budget is a clock"),
    };

    [GeneratedRegex(@"^(?:error|warning)\[(IXR\d{4})\]", RegexOptions.Multiline)]
    private static partial Regex RenderedCode();

    [GeneratedRegex(@"^(?:#|//) expect: (IXR\d{4})", RegexOptions.Multiline)]
    private static partial Regex ExpectedCode();

    [Fact]
    public void Codes_are_unique_well_formed_and_titled()
    {
        var codes = DiagnosticCatalog.All.Select(d => d.Code).ToList();
        Assert.Equal(codes.Count, codes.Distinct().Count());
        Assert.All(DiagnosticCatalog.All, d =>
        {
            Assert.Matches(@"^IXR\d{4}$", d.Code);
            Assert.False(string.IsNullOrWhiteSpace(d.Title));
            Assert.Equal(d.Title.Trim(), d.Title);
            Assert.False(d.Title.EndsWith('.'), $"{d.Code}: a title is a phrase, like a message, without a closing period");
        });
        Assert.Equal(SyntaxCodes.Unexpected, DiagnosticCatalog.Find("IXR0001"));
        Assert.Null(DiagnosticCatalog.Find("IXR9999"));
    }

    [Fact]
    public void Warnings_are_the_3xxx_codes_and_the_empty_file()
    {
        var warnings = DiagnosticCatalog.All.Where(d => d.Severity == DiagnosticSeverity.Warning).Select(d => d.Code).ToList();
        Assert.All(warnings, c => Assert.True(c.StartsWith("IXR3", StringComparison.Ordinal) || c == "IXR0006", c));
    }

    [Fact]
    public void Every_code_is_produced_by_a_corpus_file_or_a_named_test()
    {
        var produced = CorpusExamples().Keys.ToHashSet(StringComparer.Ordinal);
        var missing = DiagnosticCatalog.All.Select(d => d.Code).Where(c => !produced.Contains(c) && !ProducedByTests.ContainsKey(c)).ToList();
        Assert.True(missing.Count == 0, "codes without a corpus file: " + string.Join(", ", missing));
        foreach (var (code, (test, _)) in ProducedByTests)
        {
            Assert.DoesNotContain(code, produced); // a corpus file now makes it: drop it from the list
            var text = File.ReadAllText(Path.Combine(TestPaths.Root, "tests", "IxaRules.Tests", test));
            var name = DiagnosticCatalog.Find(code)!;
            Assert.True(text.Contains(code, StringComparison.Ordinal), $"{test} must produce and check {code} ({name.Title})");
        }
    }

    [Fact]
    public void Every_corpus_header_names_a_catalog_code()
    {
        foreach (var file in CorpusFiles())
        {
            foreach (Match m in ExpectedCode().Matches(File.ReadAllText(file)))
            {
                Assert.True(DiagnosticCatalog.Find(m.Groups[1].Value) is not null, $"{TestPaths.Relative(file)} expects {m.Groups[1].Value}, which is not in the catalog");
            }
        }
    }

    [Fact]
    public void Docs_list_every_code_with_an_example()
    {
        var path = Path.Combine(TestPaths.Root, "docs", "diagnostics.md");
        var docs = Generate();
        TestPaths.CompareBaseline(path, docs);
        foreach (var d in DiagnosticCatalog.All)
        {
            Assert.Contains($"\n## {d.Code}: ", docs);
        }
    }

    private static IEnumerable<string> CorpusFiles() =>
        Directory.EnumerateFiles(TestPaths.BadCorpus).Concat(Directory.EnumerateFiles(TestPaths.WarningCorpus)).Concat(Directory.EnumerateFiles(TestPaths.RunInputCorpus)).Concat(Directory.EnumerateFiles(TestPaths.ScriptCorpus))
            .Concat(Directory.EnumerateFiles(TestPaths.PopulationCorpus))
            .Where(f => !f.EndsWith(".diagnostics", StringComparison.Ordinal)).Order(StringComparer.Ordinal);

    /// <summary>For each code, the first corpus file (in path order) whose baseline reports it, and that diagnostic as rendered.</summary>
    private static SortedDictionary<string, (string File, string Rendered)> CorpusExamples()
    {
        var examples = new SortedDictionary<string, (string, string)>(StringComparer.Ordinal);
        foreach (var file in CorpusFiles())
        {
            var baseline = file.EndsWith(".ixr", StringComparison.Ordinal) ? Path.ChangeExtension(file, ".diagnostics") : file + ".diagnostics";
            if (File.Exists(baseline))
            {
                foreach (var block in File.ReadAllText(baseline).Split("\n\n"))
                {
                    if (RenderedCode().Match(block) is { Success: true } m)
                    {
                        examples.TryAdd(m.Groups[1].Value, (TestPaths.Relative(file), block.TrimEnd('\n')));
                    }
                }
            }
            else if (ExpectedCode().Match(File.ReadAllText(file)) is { Success: true } m)
            {
                examples.TryAdd(m.Groups[1].Value, (TestPaths.Relative(file), "")); // a script: its header names the code
            }
        }

        return examples;
    }

    private static readonly (string Prefix, string Heading, string About)[] Stages =
    [
        ("IXR0", "Syntax (IXR0xxx)", "What the parser and the text checks find: the file cannot be read as the language."),
        ("IXR1", "Names (IXR1xxx)", "A declaration refers to something that is not there; the help names what is, and the likely fix."),
        ("IXR2", "Units and validation (IXR2xxx)", "The file reads, but a value, unit or structure cannot be right."),
        ("IXR3", "Warnings (IXR3xxx)", "Legal, but probably not what the author meant. `check` exits 1 on warnings as on errors, but a file with only warnings still runs and tests."),
        ("IXR4", "Run inputs (IXR4xxx)", "Patient files, events files, population files and what a run needs from them: located in the input file."),
        ("IXR5", "Check scripts (IXR5xxx)", "C# check scripts (`.csx`) that do not compile."),
        ("IXR6", "C# conditions (IXR6xxx)", "Embedded C# conditions: what does not compile or is not allowed."),
    ];

    private static string Generate()
    {
        var examples = CorpusExamples();
        var sb = new StringBuilder();
        sb.Append("# Diagnostics\n\n")
          .Append("Every diagnostic IxaRules reports has a stable code. `ixarules check` prints each as\n")
          .Append("`error[IXR1001]: message`, the location `--> file:line:col`, the source line with a caret, and a\n")
          .Append("`help:` line where a fix is likely. Codes never change meaning; a retired code is not reused.\n\n")
          .Append("This page is generated from the diagnostic catalog (`src/IxaRules/Diagnostics/Catalog/`) and the\n")
          .Append("bad-input corpus (`tests/IxaRules.Tests/Corpus/`): each example is what IxaRules prints for that\n")
          .Append("corpus file today. Regenerate with `IXARULES_UPDATE_BASELINES=1 dotnet test` and review the diff.\n");
        foreach (var (prefix, heading, about) in Stages)
        {
            sb.Append("\n# ").Append(heading).Append("\n\n").Append(about).Append('\n');
            foreach (var d in DiagnosticCatalog.All.Where(d => d.Code.StartsWith(prefix, StringComparison.Ordinal)))
            {
                sb.Append("\n## ").Append(d.Code).Append(": ").Append(d.Title).Append("\n\n")
                  .Append(d.Severity == DiagnosticSeverity.Error ? "Error." : "Warning.");
                if (examples.TryGetValue(d.Code, out var example))
                {
                    sb.Append(" Example: `").Append(example.File).Append("`\n");
                    if (example.Rendered.Length > 0)
                    {
                        sb.Append("\n```text\n").Append(example.Rendered).Append("\n```\n");
                    }
                }
                else
                {
                    sb.Append(" Produced by `tests/IxaRules.Tests/").Append(ProducedByTests[d.Code].Test).Append("`: ")
                      .Append(ProducedByTests[d.Code].Why).Append(".\n");
                }
            }
        }

        return sb.ToString();
    }
}
