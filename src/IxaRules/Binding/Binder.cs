using IxaRules.Diagnostics;
using IxaRules.Syntax;

namespace IxaRules.Binding;

/// <summary>Binds one parsed file. Runs only on a tree without syntax errors.</summary>
internal static class Binder
{
    public static (BoundFile Model, IReadOnlyList<Diagnostic> Diagnostics) Bind(SyntaxTree tree) => Bind(tree, UsedFiles.None);

    /// <summary>Binds a file whose scenarios may name regimens of other files (resolved, and their problems reported, by <see cref="UsedFiles"/>).</summary>
    public static (BoundFile Model, IReadOnlyList<Diagnostic> Diagnostics) Bind(SyntaxTree tree, UsedFiles used)
    {
        var source = tree.Source;
        var diagnostics = new BindDiagnostics(source);
        var quantities = new QuantityBinder(diagnostics);
        var errors = ErrorSymbols.From(tree.Broken);
        var regimenBinder = new RegimenBinder(source, diagnostics, quantities, new ConditionBinder(diagnostics, quantities));
        var ruleBinder = new RuleBinder(source, diagnostics, quantities, errors);
        var scenarioBinder = new ScenarioBinder(source, diagnostics, quantities, errors);

        var regimens = new List<Regimen>();
        foreach (var syntax in tree.Declarations.OfType<RegimenSyntax>())
        {
            if (regimens.FirstOrDefault(r => r.Name == syntax.Name.Text) is { } twin)
            {
                diagnostics.Duplicate(syntax.Name.Span, "regimen", syntax.Name.Text, twin.Line);
                continue;
            }

            regimens.Add(regimenBinder.Bind(syntax));
        }

        var rules = new List<DoseRule>();
        var ruleLines = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var syntax in tree.Declarations.OfType<RuleSyntax>())
        {
            if (ruleLines.TryGetValue(syntax.Name.Text, out var first))
            {
                diagnostics.Duplicate(syntax.Name.Span, "rule", syntax.Name.Text, first);
                continue;
            }

            ruleLines[syntax.Name.Text] = source.Line(syntax.Span);
            if (ruleBinder.Bind(syntax, regimens) is { } rule)
            {
                rules.Add(rule);
                WarnIfNeverFires(diagnostics, syntax, rule);
            }
            else
            {
                errors.AddRule(syntax.Name.Text);
            }
        }

        var scenarios = new List<Scenario>();
        var titles = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var syntax in tree.Declarations.OfType<ScenarioSyntax>())
        {
            if (titles.TryGetValue(syntax.Title.Value, out var first))
            {
                diagnostics.Duplicate(syntax.Title.Span, "scenario", syntax.Title.Value, first);
                continue;
            }

            titles[syntax.Title.Value] = source.Line(syntax.Span);
            if (syntax.InFile is { } path)
            {
                // Another file's regimen: bound against that file's regimens and rules; a file that
                // could not be used is reported once, at its path, and its scenarios say nothing more.
                if (used.Model(path.Value) is { } other && scenarioBinder.BindIn(syntax, other) is { } elsewhere)
                {
                    scenarios.Add(elsewhere);
                }
            }
            else if (scenarioBinder.Bind(syntax, regimens, rules) is { } scenario)
            {
                scenarios.Add(scenario);
            }
        }

        if (!diagnostics.Items.Exists(d => d.IsError))
        {
            WarnUnusedLevels(diagnostics, tree, regimens, rules);
        }

        return (new BoundFile(source, regimens, rules, scenarios), DiagnosticBag.Sort(diagnostics.Items));
    }

    /// <summary>Levels below the start that no rule can reach (and no adjustment or titration names) are dead weight.</summary>
    private static void WarnUnusedLevels(BindDiagnostics diagnostics, SyntaxTree tree, List<Regimen> regimens, List<DoseRule> rules)
    {
        foreach (var regimen in regimens)
        {
            var actions = rules.Where(r => r.Regimens.Contains(regimen.Name)).SelectMany(r => r.Branches).SelectMany(b => b.Actions).ToList();
            var lowered = actions.SelectMany(LoweredDrugs).ToHashSet(StringComparer.Ordinal);
            var resumedAt = actions.OfType<HoldDrugs>().Select(h => h.Resume).OfType<ResumeEach>().SelectMany(e => e.Items)
                .Where(i => i.At is not null).Select(i => (i.Drug, Dose: i.At!)).ToList();
            var syntax = tree.Declarations.OfType<RegimenSyntax>().First(r => r.Name.Text == regimen.Name);
            foreach (var phase in regimen.Phases)
            {
                foreach (var drug in phase.Drugs.Where(d => d.HasLadder && !lowered.Contains(d.Name)))
                {
                    var named = phase.StartAdjustments.Where(a => a.Drug == drug.Name).Select(a => a.Dose)
                        .Concat(phase.Titrations.Where(t => t.Drug == drug.Name).Select(t => t.To))
                        .Concat(resumedAt.Where(r => r.Drug == drug.Name).Select(r => r.Dose))
                        .Append(drug.StartingDose).ToHashSet();
                    var unused = drug.Ladder!.Where(l => !named.Contains(l)).ToList();
                    var clause = syntax.Clauses.OfType<DrugClause>().FirstOrDefault(c => c.Span == drug.At.Span);
                    if (unused.Count > 0 && clause?.Levels is { } levels)
                    {
                        diagnostics.UnusedLevels(levels.Span, drug.Name, unused);
                    }
                }
            }
        }

        static IEnumerable<string> LoweredDrugs(RuleAction action) => action switch
        {
            ReduceDrugs r => r.Drugs,
            HoldDrugs { Resume: ResumeAlternating a } => a.Order,
            HoldDrugs { Resume: ResumeEach e } => e.Items.Where(i => i.Level == ResumeLevel.NextLower || (i.IfAttributedTo is not null && i.Otherwise == ResumeLevel.NextLower))
                .Select(i => i.Drug),
            _ => [],
        };
    }

    private static void WarnIfNeverFires(BindDiagnostics diagnostics, RuleSyntax syntax, DoseRule rule)
    {
        if (Satisfiability.WhyUnsatisfiable(rule.Trigger) is { } why)
        {
            var when = syntax.Clauses.OfType<WhenClause>().First();
            diagnostics.NeverFires(when.Condition.Span, rule.Name, why);
        }
    }
}
