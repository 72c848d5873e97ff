using IxaRules.Syntax;
using IxaRules.Text;

namespace IxaRules.Binding;

/// <summary>Binds a scenario: its regimen, patient facts, day events and expectations.</summary>
internal sealed class ScenarioBinder(SourceText source, BindDiagnostics diagnostics, QuantityBinder quantities, ErrorSymbols errors)
{
    /// <summary>
    /// What every scenario of a regimen shares — the rules for it and the qualifiers they decide on —
    /// worked out once per regimen and rule list, not once per scenario (a file of thousands of
    /// scenarios bound in quadratic time before: 10 s for 1 MB).
    /// </summary>
    private readonly Dictionary<Regimen, (IReadOnlyList<DoseRule> Rules, List<DoseRule> ForRegimen, QualifierNeeds Needs)> _perRegimen = new(ReferenceEqualityComparer.Instance);

    private (List<DoseRule> ForRegimen, QualifierNeeds Needs) Shared(Regimen regimen, IReadOnlyList<DoseRule> rules)
    {
        if (!_perRegimen.TryGetValue(regimen, out var shared) || !ReferenceEquals(shared.Rules, rules))
        {
            shared = (rules, [.. rules.Where(x => x.Regimens.Contains(regimen.Name))], QualifierNeeds.Of(rules, regimen, diagnostics.Source.Path));
            _perRegimen[regimen] = shared;
        }

        return (shared.ForRegimen, shared.Needs);
    }

    public Scenario? Bind(ScenarioSyntax syntax, IReadOnlyList<Regimen> regimens, IReadOnlyList<DoseRule> rules) =>
        ResolveRegimen(syntax, regimens) is { } regimen ? Bind(syntax, regimen, rules) : null;

    /// <summary>A scenario for a regimen of another file (`for R in "file.ixr"`): its rules are that file's.</summary>
    public Scenario? BindIn(ScenarioSyntax syntax, BoundFile file)
    {
        var name = syntax.ForRegimen!; // the grammar reads `in` only after `for R`
        if (file.Regimens.FirstOrDefault(r => r.Name == name.Text) is not { } regimen)
        {
            diagnostics.UnknownRegimenIn(name.Span, name.Text, syntax.InFile!.Value, file.Regimens.Select(r => r.Name));
            return null;
        }

        return Bind(syntax, regimen, file.Rules) is { } scenario ? scenario with { RegimenFile = file } : null;
    }

    private Scenario? Bind(ScenarioSyntax syntax, Regimen regimen, IReadOnlyList<DoseRule> rules)
    {
        var patient = new List<PatientFact>();
        var events = new List<ScenarioEvent>();
        var eventBinder = new EventBinder(diagnostics, quantities, Shared(regimen, rules).Needs); // per scenario: same-day reports are compared within it
        var expectations = new List<Expectation>();
        var errorsBefore = diagnostics.Errors;
        foreach (var clause in syntax.Clauses)
        {
            switch (clause)
            {
                case PatientClause p:
                    patient.AddRange(p.Items.Select(BindPatientItem).OfType<PatientFact>());
                    break;
                case DayClause d:
                    events.AddRange(d.Events.Select(e => eventBinder.Bind(e, d.Day.ToInt(), regimen)).OfType<ScenarioEvent>());
                    if (d.Day.Value < 1 || d.Day.Value > Evaluation.RunOptions.MaxDays)
                    {
                        diagnostics.BadNumber(d.Day.Span, $"study day: 1 (the first day of cycle 1) to {Evaluation.RunOptions.MaxDays}");
                    }

                    break;
                case ExpectClause e:
                    expectations.AddRange(BindExpectation(e, regimen, rules));

                    break;
            }
        }

        return diagnostics.Errors > errorsBefore
            ? null
            : new Scenario(syntax.Title.Value, regimen, patient, events, expectations, source.Line(syntax.Span),
                syntax.Clauses.OfType<PatientClause>().FirstOrDefault()?.Span ?? syntax.Title.Span);
    }

    private Regimen? ResolveRegimen(ScenarioSyntax syntax, IReadOnlyList<Regimen> regimens)
    {
        if (syntax.ForRegimen is { } name)
        {
            var found = regimens.FirstOrDefault(r => r.Name == name.Text);
            if (found is null && !errors.IsRegimen(name.Text))
            {
                diagnostics.UnknownRegimen(name.Span, name.Text, regimens.Select(r => r.Name));
            }

            return found;
        }

        if (errors.AnyRegimen)
        {
            return null; // which regimen it is for cannot be told while one of them is broken
        }

        if (regimens.Count == 1)
        {
            return regimens[0];
        }

        if (regimens.Count == 0)
        {
            diagnostics.NoRegimen(syntax.Title.Span);
        }
        else
        {
            diagnostics.UnknownRegimen(syntax.Title.Span, "(none given)", regimens.Select(r => r.Name));
        }

        return null;
    }

    /// <summary>A covariate (or `unknown`), a yes/no flag, or a baseline adverse event (`neuropathy grade 1 with pain`).</summary>
    private PatientFact? BindPatientItem(PatientItem item)
    {
        var name = item.Name.Text;
        if (item.Value is Token { Text: "unknown" } && Catalog.Covariate(name) is not null)
        {
            return new PatientFact(name, null, null, Unknown: true);
        }

        if (Catalog.AdverseEvent(name) is { } ae)
        {
            if (item.Value is NumberLiteral grade && grade.Value <= 4)
            {
                foreach (var q in item.Qualifiers.Where(q => !Catalog.Qualifiers.Contains(q.Name.Text)))
                {
                    diagnostics.UnknownQualifier(q.Name.Span, q.Name.Text);
                }

                return new PatientFact(ae.Name, grade.Value, null, Qualifiers: [.. item.Qualifiers.Select(q => $"{q.Keyword.Text} {q.Name.Text}")]);
            }

            diagnostics.BadGrade(item.Span, $"write a baseline adverse event as `{name} grade 0` … `grade 4`");
            return null;
        }

        switch (Catalog.Covariate(name))
        {
            case null:
                diagnostics.UnknownPatientItem(item.Name.Span, name);
                return null;
            case { Kind: CovariateKind.Flag }:
                switch (item.Value)
                {
                    case null or Token { Text: "yes" }:
                        return new PatientFact(name, null, "yes");
                    case Token { Text: "no" }:
                        return new PatientFact(name, null, "no");
                    default:
                        diagnostics.UnknownValue(item.Value.Span, (item.Value as Token)?.Text ?? "", name, ["yes", "no", "unknown"]);
                        return null;
                }

            case { Kind: CovariateKind.Enum } e:
                if (item.Value is Token value && e.Values!.Contains(value.Text))
                {
                    return new PatientFact(name, null, value.Text);
                }

                diagnostics.UnknownValue(item.Value?.Span ?? item.Name.Span, (item.Value as Token)?.Text ?? "", name, [.. e.Values!, "unknown"]);
                return null;
            case { } q:
                if (item.Value is QuantitySyntax quantity && quantities.Bind(quantity, name, q.Dimension!.Value, q.UnitOptional, Catalog.Lab(name)?.MolarToMass) is { } v)
                {
                    if (v >= q.Min && v <= q.Max)
                    {
                        return new PatientFact(name, v, null);
                    }

                    diagnostics.Implausible(quantity.Span, name, q.RangeText!);
                    return null;
                }

                if (item.Value is not QuantitySyntax)
                {
                    diagnostics.MissingUnit(item.Span, name, q.Dimension!.Value);
                }

                return null;
        }
    }

    private (int From, int To)? Days(DaysSyntax days)
    {
        var item = days.Days[0];
        var from = item.From.ToInt();
        var to = item.To is null ? from : item.To.ToInt();
        if (from < 1 || to < from || to > Evaluation.RunOptions.MaxDays)
        {
            diagnostics.BadRange(item.Span, from, to);
            return null;
        }

        return (from, to);
    }

    private IReadOnlyList<Expectation> BindExpectation(ExpectClause clause, Regimen regimen, IReadOnlyList<DoseRule> rules)
    {
        var line = source.Line(clause.Span);
        var span = clause.Span;
        switch (clause.Expectation)
        {
            case CycleExpectation c:
                return Days(c.StartDay) is { } cd ? [new CycleStartExpected(c.Cycle.ToInt(), cd.From, cd.To, line, span)] : [];
            case RegimenExpectation r:
                return Days(r.Day) is { } rd ? [new DiscontinuedExpected(regimen, rd.From, rd.To, line, span)] : [];
            case RuleExpectation r:
                var known = Shared(regimen, rules).ForRegimen;
                if (known.FirstOrDefault(x => x.Name == r.Rule.Text) is not { } rule)
                {
                    if (!errors.IsRule(r.Rule.Text))
                    {
                        diagnostics.UnknownRule(r.Rule.Span, r.Rule.Text, known.Select(x => x.Name));
                    }

                    return [];
                }

                return Days(r.Days) is { } fd ? [new RuleFiresExpected(rule, fd.From, fd.To, line, span)] : [];
            case MetricExpectation m:
                if (regimen.FindDrug(m.Drug.Text) is not { } drug)
                {
                    diagnostics.DrugNotInRegimen(m.Drug.Span, m.Drug.Text, regimen);
                    return [];
                }

                // The grammar admits only the metric names of the table.
                var (metric, dimension) = Metrics.Parse(m.Metric.Text)!.Value;
                var value = quantities.Bind(m.Value, m.Metric.Text, dimension);
                return value is null ? [] : [new MetricExpected(drug, metric, ConditionBinder.ToOp(m.Operator.Text), value.Value, line, span)];
            case DrugExpectation d:
                if (regimen.FindDrug(d.Drug.Text) is not { } plan)
                {
                    diagnostics.DrugNotInRegimen(d.Drug.Span, d.Drug.Text, regimen);
                    return [];
                }

                var items = new List<Expectation>();
                foreach (var item in d.Items)
                {
                    var days = Days(item.Days);
                    var wanted = item.Status is { } status && Enum.TryParse<Evaluation.DoseStatus>(status.Text, ignoreCase: true, out var parsed) ? parsed : (Evaluation.DoseStatus?)null;
                    var dose = item.Dose is { } doseSyntax ? BindExpectedDose(doseSyntax, plan) : null;
                    if (days is not { } range)
                    {
                        continue;
                    }

                    if (wanted is { } s)
                    {
                        items.Add(new DoseStatusExpected(plan, s, range.From, range.To, line, item.Span));
                    }
                    else if (dose is not null)
                    {
                        items.Add(new DoseGivenExpected(plan, dose, range.From, range.To, line, item.Span));
                    }
                }

                return items;
            default:
                return [];
        }
    }

    /// <summary>An expected dose is what is given: mg, or the drug's own basis.</summary>
    private Dose? BindExpectedDose(QuantitySyntax doseSyntax, DrugPlan plan)
    {
        var dose = quantities.BindDose(doseSyntax);
        if (dose is not null && dose.Basis != DoseBasis.Fixed && dose.Basis != plan.StartingDose.Basis)
        {
            diagnostics.DoseBasisMismatch(doseSyntax.Span, plan.Name, plan.StartingDose, $"{doseSyntax.Number.Text} {doseSyntax.Unit?.Text}");
            return null;
        }

        return dose;
    }
}
