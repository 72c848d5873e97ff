using IxaRules.Diagnostics;
using IxaRules.Diagnostics.Catalog;
using IxaRules.Text;

namespace IxaRules.Evaluation;

/// <summary>Diagnostics of run inputs, <c>IXR4xxx</c>: patient files, events files, and what a run needs.</summary>
internal static class RunDiagnostics
{
    private static Diagnostic Error(DiagnosticDescriptor descriptor, SourceText s, TextSpan span, string message, string? help = null) =>
        descriptor.At(s, span, message, help);

    public static Diagnostic InvalidYaml(SourceText s, TextSpan span, string detail, YamlFileKind kind) =>
        Error(RunInputCodes.InvalidYaml, s, span, $"the {kind.Name} is not valid YAML: {detail}", $"a {kind.Name} is `key: value` lines, e.g. `{kind.Example}`");

    public static Diagnostic SecondDocument(SourceText s, TextSpan span, YamlFileKind kind) =>
        Error(RunInputCodes.SecondDocument, s, span, $"a {kind.Name} holds one {kind.Holds}: this second YAML document would be ignored",
            $"remove the `---` and what follows, or put the second {kind.Holds} in a file of its own");

    public static Diagnostic AnchorOrAlias(SourceText s, TextSpan span, YamlFileKind kind) =>
        Error(RunInputCodes.AnchorOrAlias, s, span, $"a {kind.Name} has no YAML anchors (`&name`) or aliases (`*name`)",
            "write each value where it is used");

    public static Diagnostic TooDeep(SourceText s, TextSpan span, YamlFileKind kind) =>
        Error(RunInputCodes.YamlTooDeep, s, span, $"the {kind.Name} nests collections more than {kind.MaxDepth} deep", kind.ShapeHelp);

    public static Diagnostic NotAMapping(SourceText s, TextSpan span, YamlFileKind kind) =>
        Error(RunInputCodes.InvalidYaml, s, span, $"the {kind.Name} must be a mapping of `key: value` lines", $"e.g. `{kind.Example}` on its own line");

    public static Diagnostic UnknownKey(SourceText s, TextSpan span, string key, IEnumerable<string> known) =>
        Error(RunInputCodes.UnknownPatientField, s, span, $"unknown patient field `{key}`",
            Suggest.DidYouMean(key, known) ?? $"patient fields: {string.Join(", ", known)}");

    public static Diagnostic FieldGivenTwice(SourceText s, TextSpan span, string key, int firstLine, bool sameCase) =>
        Error(RunInputCodes.FieldGivenTwice, s, span, $"`{key}` is given twice (first on line {firstLine})",
            sameCase ? "keep one of the two lines" : "field names are read without regard to case: keep one of the two lines");

    public static Diagnostic BadValue(SourceText s, TextSpan span, string key, string expected) =>
        Error(RunInputCodes.BadPatientValue, s, span, $"invalid value for `{key}`", $"expected {expected}");

    public static Diagnostic DateWithoutStart(SourceText s, TextSpan span) =>
        Error(RunInputCodes.DateWithoutStart, s, span, "a dated event needs the patient's start date", "add `start: YYYY-MM-DD` (the date of day 1) to the patient file, or write `day N:`");

    public static Diagnostic DayOutOfRange(SourceText s, TextSpan span, int day) => day < 1
        ? Error(RunInputCodes.DayOutOfRange, s, span, $"study day {day} is before day 1", "day 1 is the first day of cycle 1")
        : Error(RunInputCodes.DayOutOfRange, s, span, $"study day {day} is beyond the {RunOptions.MaxDays}-day limit of a run", "a run covers at most 100 years");

    public static Diagnostic TooLarge(SourceText s, string what, int limitMiB) =>
        Error(RunInputCodes.InputTooLarge, s, new TextSpan(0, 0), (s.Truncated ? $"the {what} is more than {limitMiB} MiB;" : $"the {what} is {s.Text.Length / (1024.0 * 1024.0):0.0} MiB;") + $" {what}s are limited to {limitMiB} MiB");

    public static Diagnostic BadDate(SourceText s, TextSpan span) =>
        Error(RunInputCodes.BadDate, s, span, "not a calendar date", "write dates as YYYY-MM-DD");

    /// <summary>
    /// What a run needs from a patient file, located at the field when the file writes it (as
    /// `unknown`), else at the start of the file; the help says what to write, and where the rule file
    /// could say what to do instead.
    /// </summary>
    public static Diagnostic ForPatientFile(RunInputProblem p, PatientInput input, string rulesPath)
    {
        var span = p.Field is { } f && input.Fields.TryGetValue(f, out var at) ? at : new TextSpan(0, 0);
        var given = p.Field is { } g && input.Fields.ContainsKey(g) ? "the patient file gives as unknown" : "the patient file does not give";
        var message = p.Code == RunInputCodes.BodySizeNeeded
            ? p.Message
            : $"{p.Drug}'s {p.Needs} depends on {Names(p.Covariates)}, which {given}";
        return Error(p.Code, input.Source, span, message, Help(p, rulesPath, scenario: false));
    }

    /// <summary>The same, for a scenario's patient: located at its `patient` clause in the rule file.</summary>
    public static Diagnostic ForScenario(RunInputProblem p, SourceText rules, Binding.Scenario scenario)
    {
        var message = p.Code == RunInputCodes.BodySizeNeeded
            ? $"scenario \"{scenario.Title}\": " + p.Message
            : $"scenario \"{scenario.Title}\": {p.Drug}'s {p.Needs} depends on {Names(p.Covariates)}, which the scenario's patient does not give";
        return Error(p.Code, rules, scenario.PatientSpan, message, Help(p, rules.Path, scenario: true));
    }

    private static string Names(IReadOnlyList<string> covariates) => string.Join(" and ", covariates.Select(c => $"`{c}`"));

    private static string Help(RunInputProblem p, string rulesPath, bool scenario)
    {
        var give = string.Join("; ", p.Covariates.Select(RunInputs.HowToGive));
        if (scenario)
        {
            give = give.Replace(": ", " ", StringComparison.Ordinal);
        }

        var where = scenario ? "add to the scenario's `patient` " : "give ";
        return p.Rule is { Line: var line }
            ? $"{where}{give}; or say in the rule file what to do when it is unknown (`if unknown apply` or `if unknown skip` after the condition at {rulesPath}:{line})"
            : where + give;
    }

    public static Diagnostic StoppedReading(SourceText s, int at, int line, int problems) =>
        Error(SyntaxCodes.MoreNotShown, s, new TextSpan(at, 0), string.Create(System.Globalization.CultureInfo.InvariantCulture, $"reading stopped at line {line} after {problems} problems"),
            "fix these and run again");

    public static Diagnostic EventsLine(SourceText s, TextSpan span, string found) =>
        Error(RunInputCodes.EventsLine, s, span, $"expected `day N:` or `YYYY-MM-DD:` at the start of an events line, found {found}",
            "an events line looks like `day 43: platelets 25 x10^9/L, rash grade 2`");
}
