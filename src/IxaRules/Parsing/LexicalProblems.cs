using IxaRules.Diagnostics;
using IxaRules.Syntax;
using IxaRules.Text;

namespace IxaRules.Parsing;

/// <summary>
/// Problems a token finds in itself while it is scanned (a number too large to be a dose, a count or
/// a day): collected once per span — a backtracking parser may scan one token several times — and
/// turned into diagnostics by whoever started the parse.
/// </summary>
internal sealed class LexicalProblems
{
    private readonly Dictionary<int, Token> _numbers = [];

    public void NumberTooLarge(TextSpan span, string text) => _numbers.TryAdd(span.Start, new Token(text, span));

    public IEnumerable<Diagnostic> Diagnostics(SourceText source) =>
        _numbers.Values.OrderBy(n => n.Span.Start).Select(n => ParseDiagnostics.NumberTooLarge(source, n.Span, n.Text));

    public bool Any => _numbers.Count > 0;
}
