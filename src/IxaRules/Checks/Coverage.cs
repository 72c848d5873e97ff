using System.Globalization;
using IxaRules.Binding;
using IxaRules.Evaluation;

namespace IxaRules.Checks;

/// <summary>A rule, or one occurrence branch of a rule, that scenarios should make fire.</summary>
public sealed record CoverageItem(string File, string Rule, string? Branch, int Line)
{
    public override string ToString() => Branch is null ? $"{File}:{Line} rule {Rule}" : $"{File}:{Line} rule {Rule}, {Branch}";
}

/// <summary>Which rules and which occurrence branches fired in at least one scenario.</summary>
public sealed record Coverage(IReadOnlyList<CoverageItem> Items, IReadOnlyList<CoverageItem> Covered)
{
    public decimal Percent => Items.Count == 0 ? 100m : Math.Round(100m * Covered.Count / Items.Count, 1, MidpointRounding.AwayFromZero);

    public IEnumerable<CoverageItem> Missing => Items.Except(Covered);

    public string Summary => string.Create(CultureInfo.InvariantCulture, $"rule coverage: {ConditionText.Num(Percent)}% ({Covered.Count} of {Items.Count} rules and occurrence branches fired in a scenario)");
}

internal sealed class CoverageCollector
{
    private readonly List<CoverageItem> _items = [];
    private readonly HashSet<CoverageItem> _covered = [];

    /// <summary>A rule counts once; a rule with occurrence branches also counts each branch.</summary>
    public void AddFile(BoundFile file)
    {
        foreach (var rule in file.Rules)
        {
            _items.Add(new CoverageItem(file.Source.Path, rule.Name, null, rule.Line));
            if (HasBranches(rule))
            {
                _items.AddRange(rule.Branches.Select(b => new CoverageItem(file.Source.Path, rule.Name, Label(b), b.Line)));
            }
        }
    }

    public void Record(BoundFile file, Outcome outcome)
    {
        foreach (var decision in outcome.Decisions.Where(d => d.Kind == "rule"))
        {
            var rule = file.Rules.FirstOrDefault(r => r.Name == decision.Name);
            if (rule is null)
            {
                continue;
            }

            _covered.Add(new CoverageItem(file.Source.Path, rule.Name, null, rule.Line));
            if (HasBranches(rule) && rule.Branches.FirstOrDefault(b => b.Covers(decision.Occurrence ?? 0)) is { } branch)
            {
                _covered.Add(new CoverageItem(file.Source.Path, rule.Name, Label(branch), branch.Line));
            }
        }
    }

    public Coverage Build() => new([.. _items], [.. _items.Where(_covered.Contains)]);

    private static bool HasBranches(DoseRule rule) => rule.Branches.Count > 1 || rule.Branches[0] is not { From: 1, To: null };

    private static string Label(RuleBranch b) => b.To is null ? $"occurrence {b.From} or later"
        : b.To == b.From ? $"occurrence {b.From}"
        : $"occurrence {b.From}..{b.To}";
}
