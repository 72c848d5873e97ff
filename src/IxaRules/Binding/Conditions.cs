using System.Globalization;
using IxaRules.Text;

namespace IxaRules.Binding;

internal enum CompareOp
{
    Less,
    LessOrEqual,
    Greater,
    GreaterOrEqual,
    Equal,
    NotEqual,
}

/// <summary>A bound condition. Quantities are in the canonical unit of their dimension.</summary>
internal abstract record Condition;

internal sealed record AllOf(Condition Left, Condition Right) : Condition;

internal sealed record AnyOf(Condition Left, Condition Right) : Condition;

internal sealed record Negation(Condition Operand) : Condition;

/// <summary>
/// A lab compared with a threshold: <c>platelets &lt; 30</c> (×10⁹/L). With <see cref="WithinDays"/>
/// (cycle-start criteria that say <c>measured within N days</c>) a value measured more than N days
/// before the day of evaluation is unknown.
/// </summary>
internal sealed record LabCondition(string Lab, CompareOp Op, decimal Value, Dimension Dimension, int? WithinDays = null) : Condition
{
    /// <summary>The lab's slot in a run's arrays (<see cref="Catalog.LabOrder"/>), resolved when the condition is bound, not on each evaluation.</summary>
    public int LabIndex { get; } = Catalog.LabIndex(Lab);
}

internal sealed record CovariateCondition(string Covariate, CompareOp Op, decimal Value, Dimension Dimension) : Condition;

internal sealed record CovariateIn(string Covariate, IReadOnlyList<string> Values) : Condition;

internal sealed record CovariateFlag(string Covariate) : Condition;

internal sealed record TerminalCondition(string Event) : Condition;

/// <summary>
/// An adverse-event condition. Event names one event; otherwise Class (null: any class) selects the
/// events considered, less Except. The grade test applies to the highest current grade among them.
/// With <see cref="OrBaseline"/> (an upper bound only: <c>grade &lt;= 1 or baseline</c>) each event
/// covered must pass the test or be at or below the patient's baseline grade of that event.
/// </summary>
internal sealed record AdverseEventCondition(
    string? Event,
    AeClass? Class,
    int MinGrade,
    int MaxGrade,
    IReadOnlyList<string> With,
    IReadOnlyList<string> Without,
    IReadOnlyList<string> Except,
    string? AttributedTo,
    bool OrBaseline = false) : Condition;

/// <summary>The escape hatch: a C# expression, compiled later by the Roslyn backend.</summary>
internal sealed record CSharpCondition(string Code, TextSpan CodeSpan) : Condition;

/// <summary>The leaves of a condition (labs, covariates, events, C#), left to right.</summary>
internal static class ConditionLeaves
{
    public static IEnumerable<Condition> Of(Condition condition) => condition switch
    {
        AllOf a => Of(a.Left).Concat(Of(a.Right)),
        AnyOf o => Of(o.Left).Concat(Of(o.Right)),
        Negation n => Of(n.Operand),
        _ => [condition],
    };
}

internal static class ConditionText
{
    /// <summary>A canonical, span-free rendering: equal conditions render equally (used to prove fmt keeps meaning).</summary>
    public static string Render(Condition condition) => Write(condition, forPeople: false);

    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<Condition, string> FriendlyCache = [];

    /// <summary>The condition as a person reads it in a decision trail: no kind prefixes, units canonical (cached: bound conditions never change).</summary>
    public static string Friendly(Condition condition) => FriendlyCache.GetValue(condition, c => Write(c, forPeople: true));

    private static string Write(Condition condition, bool forPeople)
    {
        string Kind(string kind) => forPeople ? "" : kind + " ";
        return condition switch
        {
            AllOf a => forPeople ? $"{Write(a.Left, true)} and {Write(a.Right, true)}" : $"({Write(a.Left, false)} and {Write(a.Right, false)})",
            AnyOf o => $"({Write(o.Left, forPeople)} or {Write(o.Right, forPeople)})",
            Negation n => forPeople ? $"not ({Write(n.Operand, true)})" : $"not {Write(n.Operand, false)}",
            LabCondition l => $"{Kind("lab")}{l.Lab} {Op(l.Op)} {Num(l.Value)} {Units.CanonicalName(l.Dimension)}"
                + (l.WithinDays is { } w ? string.Create(CultureInfo.InvariantCulture, $" (measured within {w} days)") : ""),
            CovariateCondition c => $"{Kind("covariate")}{c.Covariate} {Op(c.Op)} {Num(c.Value)} {Units.CanonicalName(c.Dimension)}".TrimEnd(),
            CovariateIn i => forPeople ? $"{i.Covariate} is {string.Join(" or ", i.Values)}" : $"covariate {i.Covariate} in [{string.Join(", ", i.Values)}]",
            CovariateFlag f => $"{Kind("covariate")}{f.Covariate}",
            TerminalCondition t => $"{Kind("event")}{t.Event}",
            AdverseEventCondition ae => forPeople ? RenderAe(ae)[3..].Replace($"grade {ae.MinGrade}..{ae.MaxGrade}", GradeText(ae), StringComparison.Ordinal) : RenderAe(ae),
            CSharpCondition cs => $"{Kind("csharp")}`{cs.Code}`",
            _ => condition.ToString(),
        };
    }

    private static string GradeText(AdverseEventCondition ae) =>
        ae.MinGrade == ae.MaxGrade ? $"grade {ae.MinGrade}"
        : ae.MinGrade == 0 ? $"grade <= {ae.MaxGrade}"
        : ae.MaxGrade == 5 ? $"grade >= {ae.MinGrade}"
        : $"grade {ae.MinGrade}..{ae.MaxGrade}";

    public static string Op(CompareOp op) => op switch
    {
        CompareOp.Less => "<",
        CompareOp.LessOrEqual => "<=",
        CompareOp.Greater => ">",
        CompareOp.GreaterOrEqual => ">=",
        CompareOp.Equal => "=",
        _ => "!=",
    };

    public static string Num(decimal value) => value.ToString("0.############", CultureInfo.InvariantCulture);

    private static string RenderAe(AdverseEventCondition ae)
    {
        var subject = ae.Event ?? (ae.Class switch
        {
            AeClass.Haematologic => "any haematologic",
            AeClass.NonHaematologic => "any non-haematologic",
            _ => "any",
        });
        var text = $"ae {subject} grade {ae.MinGrade}..{ae.MaxGrade}";
        text += string.Concat(ae.With.Select(q => $" with {q}")) + string.Concat(ae.Without.Select(q => $" without {q}"));
        if (ae.OrBaseline)
        {
            text += " or baseline";
        }

        if (ae.Except.Count > 0)
        {
            text += " except " + string.Join(", ", ae.Except);
        }

        return ae.AttributedTo is null ? text : text + " attributed to " + ae.AttributedTo;
    }
}
