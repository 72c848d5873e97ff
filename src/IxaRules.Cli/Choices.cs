using System.CommandLine;
using System.CommandLine.Parsing;

namespace IxaRules.Cli;

/// <summary>
/// Options and arguments that take one word of a fixed set. Help, completion, the error message and
/// the docs all spell the words the same way (lower case); the word is matched ignoring case.
/// System.CommandLine's enum parsing would print the CLR enum's names and type instead.
/// </summary>
internal static class Choices
{
    public static Option<T> Create<T>(string name, string description, T fallback, params (string Word, T Value)[] words)
    {
        var option = new Option<T>(name)
        {
            Description = description,
            HelpName = string.Join("|", words.Select(w => w.Word)),
            CustomParser = result => Parse(result, name, fallback, words),
        };
        option.CompletionSources.Clear(); // the enum's own source would offer its CLR names too
        option.CompletionSources.Add([.. words.Select(w => w.Word)]);
        return option;
    }

    public static Argument<T> Argument<T>(string name, string description, T fallback, params (string Word, T Value)[] words)
    {
        var argument = new Argument<T>(name)
        {
            Description = description,
            HelpName = string.Join("|", words.Select(w => w.Word)),
            CustomParser = result => Parse(result, name, fallback, words),
        };
        argument.CompletionSources.Clear();
        argument.CompletionSources.Add([.. words.Select(w => w.Word)]);
        return argument;
    }

    /// <summary>The word an option was given, lower case, or null when it was not given (validators read this: reading a value that does not parse throws).</summary>
    public static string? Written(OptionResult? result) =>
        result is { Implicit: false, Tokens.Count: 1 } ? result.Tokens[0].Value.ToLowerInvariant() : null;

    private static T Parse<T>(ArgumentResult result, string name, T fallback, (string Word, T Value)[] words)
    {
        var token = result.Tokens.Count == 1 ? result.Tokens[0].Value : "";
        foreach (var (word, value) in words)
        {
            if (string.Equals(word, token, StringComparison.OrdinalIgnoreCase))
            {
                return value;
            }
        }

        var near = IxaRules.Diagnostics.Suggest.Closest(token, words.Select(w => w.Word));
        result.AddError($"{name} is one of {string.Join(", ", words.Select(w => w.Word))}, not `{IxaRules.Diagnostics.Printable.Clamp(token, 40)}`"
            + (near is null ? "" : $" (did you mean `{near}`?)"));
        return fallback;
    }
}
