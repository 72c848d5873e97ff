using System.Globalization;
using IxaRules.Diagnostics;
using IxaRules.Diagnostics.Catalog;
using IxaRules.Evaluation;
using IxaRules.Text;
using YamlDotNet.RepresentationModel;

namespace IxaRules.Cohort;

/// <summary>
/// The fields of one YAML mapping of a population file, read with located errors: an unknown key
/// (with did-you-mean), a missing parameter, a value that is not a number in range. A parameter
/// mapping must say its <c>source</c>: a number without a citation is refused.
/// </summary>
internal sealed class YamlFields
{
    private readonly SourceText _source;
    private readonly YamlMappingNode _map;
    private readonly string _what;
    private readonly List<Diagnostic> _errors;
    private readonly Dictionary<string, (YamlNode Key, YamlNode Value)> _fields = new(StringComparer.Ordinal);
    private readonly List<string> _unknown = [];

    public YamlFields(SourceText source, YamlMappingNode map, string what, IReadOnlyList<string>? allowed, List<Diagnostic> errors, YamlNode? at = null)
    {
        (_source, _map, _what, _errors) = (source, map, what, errors);
        Span = SpanOf(at ?? map);
        if (at is not null and not YamlMappingNode)
        {
            Fail(null, $"{what} must be a mapping, e.g. `{{value: 1, source: \"…\"}}`");
            return;
        }

        foreach (var (key, value) in map.Children)
        {
            var name = (key as YamlScalarNode)?.Value ?? "";
            if (allowed is not null && !allowed.Contains(name))
            {
                errors.Add(RunInputCodes.UnknownPopulationKey.At(source, SpanOf(key), $"unknown key `{name}` in {what}",
                    Suggest.DidYouMean(name, allowed) ?? $"{what} takes: {string.Join(", ", allowed)}"));
                _unknown.Add(name);
                continue;
            }

            _fields[name] = (key, value);
        }
    }

    public TextSpan Span { get; }

    public IEnumerable<string> Keys => _fields.Keys;

    /// <summary>The mapping's citation (its <c>source</c> text), or null.</summary>
    public string? Source => _fields.TryGetValue("source", out var s) && s.Value is YamlScalarNode { Value: { } text } && text is not ("~" or "null" or "Null" or "NULL")
        ? text
        : null;

    public YamlNode? Node(string key) => _fields.TryGetValue(key, out var f) ? f.Value : null;

    public TextSpan KeySpan(string key) => _fields.TryGetValue(key, out var f) ? SpanOf(f.Key) : Span;

    public void Require(string key)
    {
        // A misspelt key is one mistake: its "unknown key, did you mean" already says what is missing.
        if (!_unknown.Any(u => Suggest.Closest(u, [key]) is not null))
        {
            _errors.Add(RunInputCodes.MissingPopulationParameter.At(_source, Span, $"{_what} has no `{key}`", $"add `{key}: …` with its `source`"));
        }
    }

    public void Fail(string? key, string message, string? help = null) =>
        _errors.Add(RunInputCodes.BadPopulationValue.At(_source, key is not null && _fields.TryGetValue(key, out var f) ? SpanOf(f.Value) : Span, message, help));

    /// <summary>A parameter mapping (<c>age: {min: 38, …, source: "…"}</c>), which must cite its source.</summary>
    public YamlFields? Map(string key, IReadOnlyList<string>? allowed)
    {
        if (Node(key) is not { } node)
        {
            Require(key);
            return null;
        }

        if (node is not YamlMappingNode map)
        {
            Fail(key, $"`{key}` must be a mapping with its values and their `source`", $"e.g. `{key}: {{…, source: \"seed 002 l.281\"}}`");
            return null;
        }

        var fields = new YamlFields(_source, map, $"`{key}`", allowed, _errors);
        if (string.IsNullOrWhiteSpace(fields.Source))
        {
            _errors.Add(RunInputCodes.MissingPopulationParameter.At(_source, SpanOf(node), $"`{key}` does not cite its source",
                "every parameter says where it comes from: `source: \"seed 002 Table 1 l.283\"`, or why it is assumed (UNCONFIRMED)"));
        }

        return fields;
    }

    public string? Text(string key, bool required = true)
    {
        if (Node(key) is YamlScalarNode { Value: { Length: > 0 } text })
        {
            return text;
        }

        if (Node(key) is { } other)
        {
            Fail(key, $"`{key}` must be a single value");
        }
        else if (required)
        {
            Require(key);
        }

        return null;
    }

    public Cited? Number(string key, decimal min, decimal max, bool required = true)
    {
        if (Text(key, required) is not { } text)
        {
            return null;
        }

        if (!decimal.TryParse(text, NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) || value < min || value > max)
        {
            Fail(key, $"`{key}` must be a number from {min.ToString(CultureInfo.InvariantCulture)} to {max.ToString(CultureInfo.InvariantCulture)}, not `{text}`",
                max <= 1 ? "fractions are written 0.31, not 31 %" : null);
            return null;
        }

        return new Cited(value, Source ?? "");
    }

    public string? Choice(string key, IReadOnlyList<string> options, bool required = true)
    {
        if (Text(key, required) is not { } text)
        {
            return null;
        }

        if (!options.Contains(text))
        {
            Fail(key, $"`{key}` must be one of {string.Join(", ", options)}, not `{text}`", Suggest.DidYouMean(text, options));
            return null;
        }

        return text;
    }

    public TextSpan SpanOf(YamlNode node) => YamlShape.SpanOf(_source, node.Start, node.End);
}
