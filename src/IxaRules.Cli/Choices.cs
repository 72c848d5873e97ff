using System.CommandLine;

namespace IxaRules.Cli;

/// <summary>
/// Options that take one word of a fixed set. Help, completion, the error message and the docs all
/// spell the words the same way (lower case); the word is matched ignoring case. System.CommandLine's
/// enum parsing would print the CLR enum's names and type instead.
/// </summary>
internal static class Choices
{
    public static Option<T> Create<T>(string name, string description, T fallback, params (string Word, T Value)[] words)
    {
        var option = new Option<T>(name)
        {
            Description = description,
            HelpName = string.Join("|", words.Select(w => w.Word)),
            CustomParser = result =>
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
            },
        };
        option.CompletionSources.Add([.. words.Select(w => w.Word)]);
        return option;
    }
}
