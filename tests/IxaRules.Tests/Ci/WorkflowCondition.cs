using System.Text.RegularExpressions;

namespace IxaRules.Tests.Ci;

/// <summary>
/// Evaluates a GitHub Actions <c>if:</c> expression over a few context values, as the runner would:
/// string literals, context names, <c>==</c>, <c>!=</c>, <c>&amp;&amp;</c>, <c>||</c>, <c>!</c>,
/// parentheses and the status functions <c>always()</c>, <c>success()</c>, <c>cancelled()</c> and <c>failure()</c> — the subset the CI example uses. Anything else fails the test
/// rather than being guessed, so a new condition in the example is noticed here.
/// </summary>
internal sealed partial class WorkflowCondition(IReadOnlyDictionary<string, string> context)
{
    private List<string> _tokens = [];
    private int _at;

    public bool Evaluate(string expression)
    {
        var text = expression.Trim();
        if (text.StartsWith("${{", StringComparison.Ordinal) && text.EndsWith("}}", StringComparison.Ordinal))
        {
            text = text[3..^2];
        }

        _tokens = [.. Token().Matches(text).Select(m => m.Value).Where(t => !string.IsNullOrWhiteSpace(t))];
        _at = 0;
        var value = Or();
        if (_at != _tokens.Count)
        {
            throw new FormatException($"unexpected `{_tokens[_at]}` in `{expression}`");
        }

        return Truthy(value);
    }

    private object Or()
    {
        var left = And();
        while (Accept("||"))
        {
            var right = And();
            left = Truthy(left) || Truthy(right);
        }

        return left;
    }

    private object And()
    {
        var left = Comparison();
        while (Accept("&&"))
        {
            var right = Comparison();
            left = Truthy(left) && Truthy(right);
        }

        return left;
    }

    private object Comparison()
    {
        var left = Unary();
        if (Accept("==") || Accept("!="))
        {
            var equal = _tokens[_at - 1] == "==";
            var right = Unary();
            // GitHub compares strings without regard to case.
            return string.Equals(left.ToString(), right.ToString(), StringComparison.OrdinalIgnoreCase) == equal;
        }

        return left;
    }

    private object Unary()
    {
        if (Accept("!"))
        {
            return !Truthy(Unary());
        }

        if (Accept("("))
        {
            var inner = Or();
            Expect(")");
            return inner;
        }

        var token = _tokens[_at++];
        if (token.StartsWith('\''))
        {
            return token[1..^1].Replace("''", "'", StringComparison.Ordinal);
        }

        // Status functions, as they are in a job whose steps so far all passed (the runner fails the test otherwise).
        if (token is "always" or "success" or "cancelled" or "failure")
        {
            Expect("(");
            Expect(")");
            return token is "always" or "success";
        }

        return context.TryGetValue(token, out var value) ? value : throw new FormatException($"no context value `{token}` in this test");
    }

    private bool Accept(string token)
    {
        if (_at < _tokens.Count && _tokens[_at] == token)
        {
            _at++;
            return true;
        }

        return false;
    }

    private void Expect(string token)
    {
        if (!Accept(token))
        {
            throw new FormatException($"expected `{token}`");
        }
    }

    private static bool Truthy(object value) => value is bool b ? b : !string.IsNullOrEmpty(value.ToString());

    [GeneratedRegex(@"'(?:[^']|'')*'|==|!=|&&|\|\||[!()]|[A-Za-z_][A-Za-z0-9_.\-]*|\s+")]
    private static partial Regex Token();
}
