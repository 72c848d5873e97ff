using IxaRules.Diagnostics;
using IxaRules.Text;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.RepresentationModel;

namespace IxaRules.Evaluation;

/// <summary>What kind of YAML input a file is, for its limits and its messages.</summary>
/// <param name="Name">How messages name it: "patient file".</param>
/// <param name="Holds">What one document holds: "patient".</param>
/// <param name="Example">A line of such a file, for help: "age: 66".</param>
/// <param name="ShapeHelp">What such a file looks like, for a file nested too deeply.</param>
/// <param name="MaxChars">Stated limit: the largest such file read.</param>
/// <param name="MaxDepth">Stated limit: how deep its collections may nest.</param>
internal sealed record YamlFileKind(string Name, string Holds, string Example, string ShapeHelp, long MaxChars, int MaxDepth)
{
    public static readonly YamlFileKind Patient = new("patient file", "patient", "age: 66",
        "a patient file is `key: value` lines, with a list or mapping only for `baseline`", InputFile.PatientFileChars, YamlShape.MaxDepth);
}

/// <summary>
/// The shape a patient file may have, checked on YamlDotNet's event stream before the document is
/// built: the event parser keeps its own stack, while building the document recurses once per
/// nested collection (a file of `[[[[…` overflowed the stack). A patient file is one document, a
/// mapping of scalars with a list or mapping for `baseline`: <see cref="MaxDepth"/> levels are plenty,
/// and no anchors or aliases.
/// A second document would be silently ignored, so it is an error.
/// </summary>
internal static class YamlShape
{
    /// <summary>Stated limit: collections nest at most this deep in a patient file.</summary>
    public const int MaxDepth = 8;

    /// <summary>
    /// The first shape problem, or null; every root key given twice is added to <paramref name="twice"/>
    /// (those do not stop the check: the file's other mistakes are still worth reporting).
    /// YAML syntax errors propagate as the reader's exceptions.
    /// </summary>
    public static Diagnostic? Check(SourceText source, YamlFileKind kind, List<(Diagnostic Diagnostic, bool SameCase)>? twice = null)
    {
        var parser = new Parser(new StringReader(source.Text));
        var depth = 0;
        var documents = 0;
        var rootKeys = new RootKeys();
        while (parser.MoveNext())
        {
            if (depth == 1 && rootKeys.Twice(source, parser.Current!) is { } repeated)
            {
                twice?.Add(repeated);
            }

            switch (parser.Current)
            {
                // An alias can make a mapping contain itself (building it then recursed until the stack
                // overflowed: found by afl) or expand exponentially; a patient file never needs one.
                case AnchorAlias alias:
                    return RunDiagnostics.AnchorOrAlias(source, SpanAt(source, alias.Start), kind);
                case NodeEvent { Anchor.IsEmpty: false } anchored:
                    return RunDiagnostics.AnchorOrAlias(source, SpanAt(source, anchored.Start), kind);
                case DocumentStart start when !start.IsImplicit || documents > 0:
                    if (++documents > 1)
                    {
                        return RunDiagnostics.SecondDocument(source, SpanAt(source, start.Start), kind);
                    }

                    break;
                case DocumentStart:
                    documents++;
                    break;
                case MappingStart or SequenceStart when ++depth > kind.MaxDepth:
                    return RunDiagnostics.TooDeep(source, SpanAt(source, parser.Current!.Start), kind);
                case MappingEnd or SequenceEnd:
                    depth--;
                    break;
            }
        }

        return null;
    }

    /// <summary>
    /// The one mapping a YAML input file holds, or null with its located problems: size, hidden
    /// characters, shape (before anything is built), YAML syntax, and a root that is not a mapping.
    /// </summary>
    public static YamlMappingNode? Load(SourceText source, YamlFileKind kind, List<Diagnostic> errors)
    {
        if (source.Text.Length > kind.MaxChars)
        {
            errors.Add(RunDiagnostics.TooLarge(source, kind.Name, (int)(kind.MaxChars / (1024 * 1024))));
            return null;
        }

        errors.AddRange(UnicodeHazards.HiddenCharacters(source));
        if (errors.Count > 0)
        {
            return null;
        }

        var stream = new YamlStream();
        try
        {
            var twice = new List<(Diagnostic Diagnostic, bool SameCase)>();
            if (Check(source, kind, twice) is { } shape)
            {
                errors.Add(shape);
                return null;
            }

            errors.AddRange(twice.Select(t => t.Diagnostic));
            if (twice.Any(t => t.SameCase))
            {
                return null; // YAML itself refuses a key written twice the same way: there is no document to read on
            }

            stream.Load(new StringReader(source.Text));
        }
        catch (YamlException e)
        {
            // Point at the problem mark (the end), not the context the reader was in (the start).
            var at = (int)Math.Clamp(e.End.Index, 0, source.Text.Length);
            var tab = source.Text.IndexOf("\n\t", StringComparison.Ordinal);
            if (e.Message.Contains("tab", StringComparison.Ordinal) && tab >= 0)
            {
                at = tab + 1; // YamlDotNet marks the whole mapping; the tab is the problem
            }

            errors.Add(RunDiagnostics.InvalidYaml(source, new TextSpan(at, at < source.Text.Length ? 1 : 0), e.Message.TrimEnd('.').ToLowerInvariant(), kind));
            return null;
        }
        catch (InvalidOperationException)
        {
            // YamlDotNet 16 throws this (not a YamlException) for an unclosed `[` or `{` at the end of
            // the input, found by the fuzzer. Point at the last opening bracket.
            var at = Math.Max(0, source.Text.LastIndexOfAny(['[', '{']));
            errors.Add(RunDiagnostics.InvalidYaml(source, new TextSpan(at, source.Text.Length > 0 ? 1 : 0), "a `[` or `{` is never closed", kind));
            return null;
        }
        catch (ArgumentException e)
        {
            // Also from the fuzzer: YamlDotNet rejects some malformed event streams this way.
            errors.Add(RunDiagnostics.InvalidYaml(source, new TextSpan(0, 0), e.Message.Split(" (Parameter", 2)[0].TrimEnd('.').ToLowerInvariant(), kind));
            return null;
        }

        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode root)
        {
            var span = stream.Documents.Count == 0 ? new TextSpan(0, 0) : SpanOf(source, stream.Documents[0].RootNode.Start, stream.Documents[0].RootNode.End);
            errors.Add(RunDiagnostics.NotAMapping(source, span, kind));
            return null;
        }

        return root;
    }

    /// <summary>
    /// The keys of the root mapping, in order: a key given twice is reported at the second, with
    /// the first's line. YamlDotNet would throw "duplicate key" at the colon, and a key repeated
    /// in another case (`age`, `Age`) would pass it — one of the two values lost without a word.
    /// </summary>
    private sealed class RootKeys
    {
        private readonly Dictionary<string, (string Written, int Line)> _seen = new(StringComparer.Ordinal);
        private bool _expectKey = true;

        /// <summary>Reads one event at depth 1 (a key or a value of the root mapping): a key seen before, and whether it was written the same way.</summary>
        public (Diagnostic Diagnostic, bool SameCase)? Twice(SourceText source, ParsingEvent current)
        {
            if (current is not (Scalar or MappingStart or SequenceStart))
            {
                return null;
            }

            var isKey = _expectKey;
            _expectKey = !_expectKey;
            if (!isKey || current is not Scalar key)
            {
                return null;
            }

            var span = SpanOf(source, key.Start, key.End);
            var folded = AsciiCase.Lower(key.Value);
            if (_seen.TryAdd(folded, (key.Value, source.GetLineColumn(span.Start).Line)))
            {
                return null;
            }

            var first = _seen[folded];
            var sameCase = first.Written == key.Value;
            return (RunDiagnostics.FieldGivenTwice(source, span, folded, first.Line, sameCase), sameCase);
        }
    }

    /// <summary>The text span of a YAML node (its start and end marks, clamped to the text).</summary>
    public static TextSpan SpanOf(SourceText source, Mark start, Mark end)
    {
        var from = (int)Math.Clamp(start.Index, 0, source.Text.Length);
        var to = (int)Math.Clamp(end.Index, from, source.Text.Length);
        return TextSpan.FromBounds(from, to);
    }

    private static TextSpan SpanAt(SourceText source, Mark mark)
    {
        var at = (int)Math.Clamp(mark.Index, 0, source.Text.Length);
        return new TextSpan(at, at < source.Text.Length ? 1 : 0);
    }
}
