using IxaRules.Syntax;
using IxaRules.Text;

namespace IxaRules.Binding;

/// <summary>Binds a dose-modification rule: the regimens it is for, its counter, trigger, branches and actions.</summary>
internal sealed partial class RuleBinder(SourceText source, BindDiagnostics diagnostics, QuantityBinder quantities, ErrorSymbols errors)
{
    private ConditionBinder? _conditions;

    /// <summary>This binder's own condition binder: an attributed drug is checked against the regimens of the rule being bound.</summary>
    private ConditionBinder Conditions => _conditions ??= new ConditionBinder(diagnostics, quantities, CheckDrug);

    private sealed class BranchBuilder(int from, int? to, TextSpan span)
    {
        public int From { get; } = from;
        public int? To { get; } = to;
        public TextSpan Span { get; } = span;
        public List<RuleAction> Actions { get; } = [];
        /// <summary>The hold an `on recovery` may follow; <c>DrugsOk</c>: its drugs all bound (if not, what it resumes is not checked against them — the hold's error says it).</summary>
        public (HoldAction Syntax, List<string> Drugs, Condition? Until, int? MaxDays, Target? Then, bool DrugsOk)? PendingHold { get; set; }
    }

    private IReadOnlyList<Regimen> _regimens = [];

    private readonly ScheduleBinder _schedules = new(diagnostics);

    /// <summary>Stated limit: a hold may be limited to at most ten years.</summary>
    public const int MaxHoldDays = 3650;

    public DoseRule? Bind(RuleSyntax syntax, IReadOnlyList<Regimen> fileRegimens)
    {
        _regimens = ResolveRegimens(syntax, fileRegimens);

        string? citation = null;
        CounterClause? counter = null;
        Condition? trigger = null;
        WhenClause? when = null;
        var branches = new List<BranchBuilder>();
        BranchBuilder? implicitBranch = null;
        var ok = true;
        var writesActions = false;

        foreach (var clause in syntax.Clauses)
        {
            switch (clause)
            {
                case SourceClause s:
                    citation = s.Citation.Value;
                    break;
                case CounterClause c when counter is not null:
                    diagnostics.DuplicateClause(c.Keyword.Span, "counter", Line(counter));
                    break;
                case CounterClause c:
                    counter = c;
                    break;
                case WhenClause w when when is not null:
                    diagnostics.DuplicateClause(w.Keyword.Span, "when", Line(when));
                    break;
                case WhenClause w:
                    when = w;
                    trigger = Conditions.Bind(w.Condition, ConditionScope.Trigger);
                    ok &= trigger is not null;
                    break;
                case OccurrenceClause o:
                    Close(branches.Count > 0 ? branches[^1] : implicitBranch);
                    branches.Add(new BranchBuilder(o.From.ToInt(), o.OrLater ? null : (o.To ?? o.From).ToInt(), o.Span));
                    break;
                default:
                    writesActions = true;
                    var branch = branches.Count > 0 ? branches[^1] : implicitBranch ??= new BranchBuilder(1, null, clause.Span);
                    ok &= BindAction(clause, branch);
                    break;
            }
        }

        Close(branches.Count > 0 ? branches[^1] : implicitBranch);

        if (implicitBranch is not null && branches.Count > 0)
        {
            diagnostics.ActionOutsideBranch(implicitBranch.Span);
            ok = false;
        }

        var all = branches.Count > 0 ? branches : implicitBranch is null ? [] : [implicitBranch];
        ok &= CheckBranches(branches);

        if (when is null)
        {
            diagnostics.RuleWithoutTrigger(syntax.Name.Span, syntax.Name.Text);
            ok = false;
        }

        // An action that failed to bind was already reported; "does nothing" is only for rules that write none.
        if (!writesActions)
        {
            diagnostics.RuleWithoutAction(syntax.Name.Span, syntax.Name.Text);
            ok = false;
        }

        var countsOccurrences = branches.Count > 0
            || all.SelectMany(b => b.Actions).OfType<HoldDrugs>().Any(h => h.Resume is ResumeAlternating);
        if (countsOccurrences && counter is null)
        {
            diagnostics.CounterNotStated(syntax.Name.Span, syntax.Name.Text);
            ok = false;
        }

        if (!ok || trigger is null || _regimens.Count == 0)
        {
            return null;
        }

        var counterName = counter?.SharedName?.Text ?? syntax.Name.Text;
        return new DoseRule(syntax.Name.Text, citation, [.. _regimens.Select(r => r.Name)], counterName, counter?.SharedName is not null,
            trigger, [.. all.Select(b => new RuleBranch(b.From, b.To, b.Actions, source.At(b.Span)))], At(syntax));
    }

    private int Line(SyntaxNode node) => source.Line(node.Span);

    private SourceLocation At(SyntaxNode node) => source.At(node.Span);

    private IReadOnlyList<Regimen> ResolveRegimens(RuleSyntax syntax, IReadOnlyList<Regimen> fileRegimens)
    {
        if (syntax.ForRegimens.Count == 0)
        {
            switch (fileRegimens.Count)
            {
                case var _ when errors.AnyRegimen:
                    return []; // which regimen it is for cannot be told while one of them is broken
                case 1:
                    return fileRegimens;
                case 0:
                    diagnostics.NoRegimen(syntax.Name.Span);
                    return [];
                default:
                    diagnostics.RuleNeedsRegimen(syntax.Name.Span, syntax.Name.Text, fileRegimens.Select(r => r.Name));
                    return [];
            }
        }

        var result = new List<Regimen>();
        foreach (var name in syntax.ForRegimens)
        {
            if (fileRegimens.FirstOrDefault(r => r.Name == name.Text) is { } regimen)
            {
                result.Add(regimen);
            }
            else if (!errors.IsRegimen(name.Text))
            {
                diagnostics.UnknownRegimen(name.Span, name.Text, fileRegimens.Select(r => r.Name));
            }
        }

        return result;
    }

    /// <summary>A drug named by a rule must be given by every regimen the rule is for.</summary>
    private bool CheckDrug(Token drug)
    {
        foreach (var regimen in _regimens)
        {
            if (regimen.FindDrug(drug.Text) is null)
            {
                diagnostics.DrugNotInRegimen(drug.Span, drug.Text, regimen);
                return false;
            }
        }

        return true;
    }

    private bool CheckLadder(Token drug)
    {
        foreach (var regimen in _regimens)
        {
            if (regimen.FindDrug(drug.Text) is { HasLadder: false })
            {
                diagnostics.NoLadder(drug.Span, drug.Text);
                return false;
            }
        }

        return true;
    }

    /// <summary>Every drug of an action list must be given by the rule's regimens, and named once (found by the fuzzer).</summary>
    private bool CheckDrugs(IEnumerable<Token> drugs)
    {
        var ok = true;
        var seen = new Dictionary<string, Token>(StringComparer.Ordinal);
        foreach (var drug in drugs)
        {
            if (seen.TryGetValue(drug.Text, out var first))
            {
                diagnostics.NamedTwice(drug.Span, drug.Text, source.GetLineColumn(first.Span.Start).Column);
                ok = false;
                continue;
            }

            seen[drug.Text] = drug;
            ok &= CheckDrug(drug);
        }

        return ok;
    }

    /// <summary>Branches are tried in order and the first that covers the occurrence wins; a branch no occurrence reaches is an error.</summary>
    private bool CheckBranches(List<BranchBuilder> branches)
    {
        var ok = true;
        var covered = new List<(int From, int? To)>();
        foreach (var branch in branches)
        {
            if (branch.From < 1)
            {
                diagnostics.BranchNeverRuns(branch.Span, "occurrences are counted from 1");
                ok = false;
                continue;
            }

            if (branch.To < branch.From)
            {
                diagnostics.BranchNeverRuns(branch.Span, $"the range {branch.From}..{branch.To} is empty");
                ok = false;
                continue;
            }

            if (FirstUncovered(branch.From, branch.To, covered) is null)
            {
                diagnostics.BranchNeverRuns(branch.Span, "earlier branches already cover every occurrence it names");
                ok = false;
            }

            covered.Add((branch.From, branch.To));
        }

        return ok;
    }

    private static int? FirstUncovered(int from, int? to, List<(int From, int? To)> covered)
    {
        var n = from;
        while (to is null || n <= to)
        {
            var hit = covered.FirstOrDefault(c => n >= c.From && (c.To is null || n <= c.To));
            if (hit == default)
            {
                return n;
            }

            if (hit.To is null || hit.To.Value == int.MaxValue)
            {
                return null;
            }

            n = hit.To.Value + 1;
        }

        return null;
    }
}
