using IxaRules.Binding;
using IxaRules.Text;

namespace IxaRules.Diff;

internal enum ChangeKind
{
    Added,
    Removed,
    Changed,
}

/// <summary>
/// One change between two versions of a regimen, in the language's own terms: what (a rule, a drug,
/// a starting-dose row), how (<see cref="Text"/>: `when platelets &lt; 30 ×10⁹/L → &lt; 25 ×10⁹/L`) and
/// where in each file. A changed condition carries both versions, and the solver's verdict on them.
/// </summary>
internal sealed record Change(string Regimen, ChangeKind Kind, string Subject, string Text, SourceLocation? OldAt, SourceLocation? NewAt)
{
    public Condition? OldCondition { get; init; }

    public Condition? NewCondition { get; init; }

    /// <summary>The solver's verdict on a changed condition (null: not a condition, or no solver).</summary>
    public ConditionVerdict? Verdict { get; set; }

    /// <summary>A rewritten condition the solver proved to mean the same: a refactor, not an amendment.</summary>
    public bool ProvenEquivalent => Verdict?.ProvenEquivalent == true;

    /// <summary>Metadata (a regimen's title, version or citation): listed, but it changes nothing a patient is given.</summary>
    public bool Metadata { get; init; }

    /// <summary>Changes no administration, by proof or by what it is.</summary>
    public bool NoEffect => ProvenEquivalent || Metadata;

    public string Sign => Kind switch
    {
        ChangeKind.Added => "+",
        ChangeKind.Removed => "-",
        _ => ProvenEquivalent ? "=" : "~",
    };
}
