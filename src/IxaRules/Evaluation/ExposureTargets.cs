using System.Globalization;
using IxaRules.Binding;
using IxaRules.Diagnostics;
using IxaRules.Parsing;
using IxaRules.Text;
using Sprache;

namespace IxaRules.Evaluation;

/// <summary>
/// What `--exposure-to` names (seed 000 §2.2 measures exposure "to the first event under evaluation"):
/// <c>first-reduction</c>, <c>end</c>, <c>day:N</c>, or any event the rule language can say — a
/// terminal event (<c>progression</c>), an adverse event of a grade (<c>rash grade >= 2</c>,
/// <c>thrombocytopenia grade >= 3</c>) or a lab value (<c>platelets &lt; 50 x10^9/L</c>).
/// </summary>
internal static class ExposureTargets
{
    public static (ExposureTarget? Target, IReadOnlyList<Diagnostic> Diagnostics) Parse(string text)
    {
        var source = new SourceText("--exposure-to", text);
        var trimmed = text.Trim();
        switch (trimmed)
        {
            case "first-reduction":
                return (new ExposureToFirstReduction(), []);
            case "end":
                return (new ExposureToEnd(), []);
        }

        if (trimmed.StartsWith("day:", StringComparison.Ordinal))
        {
            return int.TryParse(trimmed.AsSpan(4), NumberStyles.None, CultureInfo.InvariantCulture, out var day) && day >= 1 && day <= RunOptions.MaxDays
                ? (new ExposureToDay(day), [])
                : (null, [Diagnostics.Catalog.RunInputCodes.BadExposureTarget.At(source, new TextSpan(0, text.Length),
                    $"`{trimmed}` is not a study day", string.Create(CultureInfo.InvariantCulture, $"write `day:N` with N from 1 to {RunOptions.MaxDays}"))]);
        }

        var start = text.Length - text.TrimStart().Length;
        var input = new SourceInput(text, start, text.Length);
        var parsed = ExpressionGrammar.Condition.End()(input);
        if (input.Problems.Any)
        {
            return (null, [.. input.Problems.Diagnostics(source)]);
        }

        if (!parsed.WasSuccessful)
        {
            return (null, [RuleParser.FromFailure(source, text, 0, text.Length, parsed.Remainder.Position, parsed.Expectations, "the end of the option")]);
        }

        var diagnostics = new BindDiagnostics(source);
        var binder = new ConditionBinder(diagnostics, new QuantityBinder(diagnostics));
        var condition = binder.Bind(parsed.Value, ConditionScope.Covariates | ConditionScope.Labs | ConditionScope.AdverseEvents | ConditionScope.TerminalEvents);
        return condition is null || diagnostics.Items.Count > 0
            ? (null, DiagnosticBag.Sort(diagnostics.Items))
            : (new ExposureToEvent(trimmed, condition), []);
    }
}
