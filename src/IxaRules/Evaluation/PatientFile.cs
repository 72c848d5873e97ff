using System.Globalization;
using IxaRules.Binding;
using IxaRules.Diagnostics;
using IxaRules.Parsing;
using IxaRules.Syntax;
using IxaRules.Text;
using Sprache;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace IxaRules.Evaluation;

/// <summary>
/// A loaded patient file: the patient (null when the file has errors), its diagnostics, and where
/// each field's value is written (so that what a run needs from the patient is reported there).
/// </summary>
public sealed record PatientInput(Patient? Patient, IReadOnlyList<Diagnostic> Diagnostics, SourceText Source, IReadOnlyDictionary<string, TextSpan> Fields)
{
    public void Deconstruct(out Patient? patient, out IReadOnlyList<Diagnostic> diagnostics)
    {
        patient = Patient;
        diagnostics = Diagnostics;
    }
}

/// <summary>
/// Loads a patient from YAML (<c>age: 66</c>, <c>weight: 72 kg</c>, …). Quantities carry units and
/// are checked like quantities in rule files; every bad line is a located diagnostic. Any covariate
/// may be written `unknown`; one not written is unknown too.
/// </summary>
internal static class PatientFile
{
    private static readonly string[] Keys =
        ["id", "age", "sex", "weight", "height", "bsa", "crcl", "creatinine", "hepatic", "dialysis", "neuropathy", "baseline", "clf", "start"];

    public static PatientInput Load(SourceText source)
    {
        var result = LoadFields(source, out var fields);
        return new PatientInput(result.Patient, result.Diagnostics, source, fields);
    }

    private static (Patient? Patient, IReadOnlyList<Diagnostic> Diagnostics) LoadFields(SourceText source, out Dictionary<string, TextSpan> fields)
    {
        var diagnostics = new BindDiagnostics(source);
        var errors = new List<Diagnostic>();
        fields = new Dictionary<string, TextSpan>(StringComparer.Ordinal);
        if (YamlShape.Load(source, YamlFileKind.Patient, errors) is not { } root)
        {
            return (null, DiagnosticBag.Capped(errors));
        }

        var quantities = new QuantityBinder(diagnostics);
        var facts = new List<PatientFact>();
        var id = Path.GetFileNameWithoutExtension(source.Path);
        DateOnly? start = null;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (keyNode, valueNode) in root.Children)
        {
            // Keys and enum values are read without regard to case (`Sex: Female`); see AsciiCase.
            // A key given twice, in any case, was reported by YamlShape; its second value is not read.
            var key = AsciiCase.Lower((keyNode as YamlScalarNode)?.Value ?? "");
            var keySpan = SpanOf(source, keyNode.Start, keyNode.End);
            if (!Keys.Contains(key))
            {
                errors.Add(RunDiagnostics.UnknownKey(source, keySpan, key, Keys));
                continue;
            }

            if (!seen.Add(key))
            {
                continue;
            }

            if (valueNode is not YamlScalarNode { Value: { } text } scalar || text.Length == 0)
            {
                errors.Add(RunDiagnostics.BadValue(source, SpanOf(source, valueNode.Start, valueNode.End), key, "a single value on the same line"));
                continue;
            }

            var span = ValueSpan(source, scalar);
            fields[key] = span;
            var word = AsciiCase.Lower(text);
            if (word == "unknown" && Catalog.Covariate(key) is not null)
            {
                facts.Add(new PatientFact(key, null, null, Unknown: true));
                continue;
            }

            switch (key)
            {
                case "id":
                    id = text;
                    break;
                case "start":
                    if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
                    {
                        start = date;
                    }
                    else
                    {
                        errors.Add(RunDiagnostics.BadValue(source, span, key, "the date of day 1 as YYYY-MM-DD"));
                    }

                    break;
                case "sex" or "hepatic":
                    var values = Catalog.Covariate(key)!.Values!;
                    if (values.Contains(word))
                    {
                        facts.Add(new PatientFact(key, null, word));
                    }
                    else
                    {
                        errors.Add(RunDiagnostics.BadValue(source, span, key, "one of " + string.Join(", ", values.Select(v => $"`{v}`"))));
                    }

                    break;
                case "dialysis":
                    if (word is "true" or "yes" or "false" or "no")
                    {
                        facts.Add(new PatientFact(key, null, word is "true" or "yes" ? "yes" : "no"));
                    }
                    else
                    {
                        errors.Add(RunDiagnostics.BadValue(source, span, key, "`true`, `false` or `unknown`"));
                    }

                    break;
                case "baseline":
                    facts.AddRange(BaselineEvents(source, span, diagnostics, errors));
                    break;
                case "neuropathy":
                    if (int.TryParse(word.Replace("grade", "", StringComparison.Ordinal).Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var grade) && grade <= 4)
                    {
                        facts.Add(new PatientFact(key, grade, null));
                    }
                    else
                    {
                        errors.Add(RunDiagnostics.BadValue(source, span, key, "the baseline neuropathy grade, 0 to 4"));
                    }

                    break;
                default:
                    var covariate = Catalog.Covariate(key)!;
                    var input = new SourceInput(source.Text, span.Start, span.End);
                    var parsed = Lexical.Quantity.End()(input);
                    if (input.Problems.Any)
                    {
                        errors.AddRange(input.Problems.Diagnostics(source));
                    }
                    else if (!parsed.WasSuccessful)
                    {
                        errors.Add(RunDiagnostics.BadValue(source, span, key, $"a number with a unit, e.g. `{Example(key)}`"));
                    }
                    else if (quantities.Bind(parsed.Value, key, covariate.Dimension!.Value, covariate.UnitOptional, Catalog.Lab(key)?.MolarToMass) is { } v)
                    {
                        if (v < covariate.Min || v > covariate.Max)
                        {
                            diagnostics.Implausible(span, key, covariate.RangeText!);
                        }
                        else
                        {
                            facts.Add(new PatientFact(key, v, null));
                        }
                    }

                    break;
            }
        }

        errors.AddRange(diagnostics.Items);
        var sorted = DiagnosticBag.Capped(DiagnosticBag.Sort(errors));
        return (sorted.Count == 0 ? PatientFactory.Build(id, facts, start) : null, sorted);
    }

    /// <summary><c>baseline: neuropathy grade 2 with pain, fatigue grade 1</c>: adverse events present before day 1, in the events file's words.</summary>
    private static List<PatientFact> BaselineEvents(SourceText source, TextSpan span, BindDiagnostics diagnostics, List<Diagnostic> errors)
    {
        var facts = new List<PatientFact>();
        var input = new SourceInput(AsciiCase.Lower(source.Text), span.Start, span.End);
        var list = Lexical.CommaSeparated(ScenarioGrammar.Event).End()(input);
        if (input.Problems.Any)
        {
            errors.AddRange(input.Problems.Diagnostics(source));
            return facts;
        }

        if (!list.WasSuccessful)
        {
            errors.Add(RunDiagnostics.BadValue(source, span, "baseline", "adverse events with their grades, e.g. `neuropathy grade 2 with pain, fatigue grade 1`"));
            return facts;
        }

        foreach (var e in list.Value)
        {
            if (e is not AeEvent ae || Catalog.AdverseEvent(ae.Name.Text) is not { } known)
            {
                errors.Add(RunDiagnostics.BadValue(source, e.Span, "baseline", "an adverse event with its grade, e.g. `fatigue grade 1`"));
                continue;
            }

            if (ae.Grade.Value > 4)
            {
                diagnostics.BadGrade(ae.Grade.Span, "a baseline grade is 0 to 4");
                continue;
            }

            foreach (var q in ae.Qualifiers.Where(q => !Catalog.Qualifiers.Contains(q.Name.Text)))
            {
                diagnostics.UnknownQualifier(q.Name.Span, q.Name.Text);
            }

            facts.Add(new PatientFact(known.Name, ae.Grade.Value, null, Qualifiers: [.. ae.Qualifiers.Select(q => $"{q.Keyword.Text} {q.Name.Text}")]));
        }

        return facts;
    }

    private static string Example(string key) => key switch
    {
        "weight" => "72 kg",
        "height" => "175 cm",
        "crcl" => "78 mL/min",
        "creatinine" => "1.1 mg/dL",
        "clf" => "4.0 L/h",
        "bsa" => "1.8 m2",
        _ => "66",
    };

    /// <summary>The value's characters, without the quotes of a quoted scalar.</summary>
    private static TextSpan ValueSpan(SourceText source, YamlScalarNode scalar)
    {
        var span = SpanOf(source, scalar.Start, scalar.End);
        return scalar.Style is ScalarStyle.SingleQuoted or ScalarStyle.DoubleQuoted && span.Length >= 2
            ? new TextSpan(span.Start + 1, span.Length - 2)
            : span;
    }

    private static TextSpan SpanOf(SourceText source, Mark start, Mark end) => YamlShape.SpanOf(source, start, end);
}
