using IxaRules.Diagnostics;
using IxaRules.Text;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace IxaRules.Evaluation;

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

    /// <summary>The first shape problem, or null. YAML syntax errors propagate as the reader's exceptions.</summary>
    public static Diagnostic? Check(SourceText source)
    {
        var parser = new Parser(new StringReader(source.Text));
        var depth = 0;
        var documents = 0;
        while (parser.MoveNext())
        {
            switch (parser.Current)
            {
                // An alias can make a mapping contain itself (building it then recursed until the stack
                // overflowed: found by afl) or expand exponentially; a patient file never needs one.
                case AnchorAlias alias:
                    return RunDiagnostics.AnchorOrAlias(source, SpanAt(source, alias.Start));
                case NodeEvent { Anchor.IsEmpty: false } anchored:
                    return RunDiagnostics.AnchorOrAlias(source, SpanAt(source, anchored.Start));
                case DocumentStart start when !start.IsImplicit || documents > 0:
                    if (++documents > 1)
                    {
                        return RunDiagnostics.SecondDocument(source, SpanAt(source, start.Start));
                    }

                    break;
                case DocumentStart:
                    documents++;
                    break;
                case MappingStart or SequenceStart when ++depth > MaxDepth:
                    return RunDiagnostics.TooDeep(source, SpanAt(source, parser.Current!.Start), MaxDepth);
                case MappingEnd or SequenceEnd:
                    depth--;
                    break;
            }
        }

        return null;
    }

    private static TextSpan SpanAt(SourceText source, Mark mark)
    {
        var at = (int)Math.Clamp(mark.Index, 0, source.Text.Length);
        return new TextSpan(at, at < source.Text.Length ? 1 : 0);
    }
}
