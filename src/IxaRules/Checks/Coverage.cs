using System.Globalization;
using IxaRules.Binding;
using IxaRules.Evaluation;

namespace IxaRules.Checks;

/// <summary>A rule, or one occurrence branch of a rule, that scenarios should make fire.</summary>
internal sealed record CoverageItem(string File, string Rule, string? Branch, int Line)
{
    public override string ToString() => Branch is null ? $"{File}:{Line} rule {Rule}" : $"{File}:{Line} rule {Rule}, {Branch}";
}

/// <summary>Which rules and which occurrence branches fired in at least one scenario.</summary>
internal sealed record Coverage(IReadOnlyList<CoverageItem> Items, IReadOnlyList<CoverageItem> Covered)
{
    public decimal Percent => Items.Count == 0 ? 100m : Math.Round(100m * Covered.Count / Items.Count, 1, MidpointRounding.AwayFromZero);

    public IEnumerable<CoverageItem> Missing => Items.Except(Covered);

    public string Summary => Items.Count == 0
        ? "rule coverage: nothing to cover (no dose-modification rules in the files tested)"
        : string.Create(CultureInfo.InvariantCulture, $"rule coverage: {ConditionText.Num(Percent)}% ({Covered.Count} of {Items.Count} rules and occurrence branches fired in a scenario)");
}

/// <summary>
/// Collects rule coverage as an observer of runs (OPA's coverage is a tracer the same way): a rule
/// decision marks its rule, and the branch it applied, as covered. Decisions carry the bound rule
/// and branch, so nothing is matched by name.
/// </summary>
internal sealed class CoverageCollector : IRunObserver
{
    private readonly List<CoverageItem> _items = [];
    private readonly HashSet<CoverageItem> _covered = [];
    private readonly HashSet<CoverageItem> _known = [];
    private readonly Dictionary<object, CoverageItem> _itemOf = new(ReferenceEqualityComparer.Instance);

    /// <summary>A rule counts once; a rule with occurrence branches also counts each branch.</summary>
    public void AddFile(BoundFile file)
    {
        // One spelling per file, so a file reached by two paths (given, and used by a scenario file) counts once.
        static string Display(BoundFile f)
        {
            var full = Path.GetFullPath(f.Source.Path);
            var relative = Path.GetRelativePath(Environment.CurrentDirectory, full);
            return relative.StartsWith("..", StringComparison.Ordinal) || Path.IsPathRooted(relative) ? full : relative;
        }

        foreach (var rule in file.Rules)
        {
            Add(rule, new CoverageItem(Display(file), rule.Name, null, rule.Line));
            if (HasBranches(rule))
            {
                foreach (var branch in rule.Branches)
                {
                    Add(branch, new CoverageItem(Display(file), rule.Name, Label(branch), branch.Line));
                }
            }
        }
    }

    private void Add(object declaration, CoverageItem item)
    {
        // The same file bound twice (tested itself, and used by a scenario file) is one set of items.
        if (_known.Add(item))
        {
            _items.Add(item);
        }

        _itemOf[declaration] = item;
    }

    public void OnDecision(Decision decision)
    {
        if (decision.Kind != DecisionKind.Rule || decision.Rule is null || !_itemOf.TryGetValue(decision.Rule, out var rule))
        {
            return;
        }

        _covered.Add(rule);
        if (decision.Branch is { } branch && _itemOf.TryGetValue(branch, out var covered))
        {
            _covered.Add(covered);
        }
    }

    public Coverage Build() => new([.. _items], [.. _items.Where(_covered.Contains)]);

    private static bool HasBranches(DoseRule rule) => rule.Branches.Count > 1 || rule.Branches[0] is not { From: 1, To: null };

    private static string Label(RuleBranch b) => b.To is null ? $"occurrence {b.From} or later"
        : b.To == b.From ? $"occurrence {b.From}"
        : $"occurrence {b.From}..{b.To}";
}
