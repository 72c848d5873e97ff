using IxaRules.Evaluation;
using IxaRules.Syntax;

namespace IxaRules.Binding;

/// <summary>
/// Binds one event (lab, adverse event, missed or vomited dose, dialysis, terminal event); shared by
/// scenarios and events files. One binder per events file or scenario: it remembers each day's lab
/// values and adverse-event reports, so that two different values for one lab on one day are an
/// error naming both lines (otherwise line order would decide the outcome).
/// </summary>
internal sealed class EventBinder(BindDiagnostics diagnostics, QuantityBinder quantities, QualifierNeeds? needs = null)
{
    private readonly Dictionary<(int Day, EventKind Kind, string Subject), (ScenarioEvent Event, int Line)> _reported = [];

    public ScenarioEvent? Bind(EventSyntax e, int day, Regimen regimen)
    {
        var bound = BindOne(e, day, regimen);
        if (bound is { Kind: EventKind.Lab or EventKind.AdverseEvent })
        {
            var key = (day, bound.Kind, bound.Subject);
            var line = diagnostics.Source.GetLineColumn(e.Span.Start).Line;
            if (_reported.TryGetValue(key, out var first) && !SameReport(first.Event, bound))
            {
                diagnostics.ConflictingReports(e.Span, bound.Subject, day, Describe(first.Event), first.Line);
                return null;
            }

            _reported.TryAdd(key, (bound, line));
        }

        return bound;
    }

    private static bool SameReport(ScenarioEvent a, ScenarioEvent b) =>
        a.Value == b.Value && a.AttributedTo == b.AttributedTo && a.Qualifiers.SequenceEqual(b.Qualifiers);

    private static string Describe(ScenarioEvent e) => e.Kind == EventKind.Lab
        ? $"{ConditionText.Num(e.Value ?? 0)} {e.Unit}"
        : $"grade {ConditionText.Num(e.Value ?? 0)}{string.Concat(e.Qualifiers.Select(q => " " + q))}{(e.AttributedTo is null ? "" : " attributed to " + e.AttributedTo)}";

    private ScenarioEvent? BindOne(EventSyntax e, int day, Regimen regimen)
    {
        switch (e)
        {
            case LabEvent lab:
                if (Catalog.Lab(lab.Lab.Text) is not { } info)
                {
                    diagnostics.UnknownLab(lab.Lab.Span, lab.Lab.Text, Catalog.LabNames, lab.Value.Unit is null ? lab.Value.Number.Text : null);
                    return null;
                }

                var value = quantities.Bind(lab.Value, info.Name, info.Dimension, molarToMass: info.MolarToMass);
                return value is null ? null : new ScenarioEvent(day, EventKind.Lab, info.Name, value, Units.CanonicalName(info.Dimension), [], null);
            case AeEvent ae:
                if (Catalog.AdverseEvent(ae.Name.Text) is not { } known)
                {
                    diagnostics.UnknownAdverseEvent(ae.Name.Span, ae.Name.Text);
                    return null;
                }

                if (ae.Grade.Value > 5)
                {
                    diagnostics.BadGrade(ae.Grade.Span, "grades above 5 do not exist");
                    return null;
                }

                foreach (var q in ae.Qualifiers.Where(q => !Catalog.Qualifiers.Contains(q.Name.Text)))
                {
                    diagnostics.UnknownQualifier(q.Name.Span, q.Name.Text);
                }

                if (ae.AttributedTo is { } drug && regimen.FindDrug(drug.Text) is null)
                {
                    diagnostics.DrugNotInRegimen(drug.Span, drug.Text, regimen);
                }

                List<string> stated = [.. ae.Qualifiers.Select(q => $"{q.Keyword.Text} {q.Name.Text}")];
                if (needs?.Missing(known.Name, (int)ae.Grade.Value, stated) is { } missing)
                {
                    diagnostics.QualifierNotStated(ae.Span, known.Name, (int)ae.Grade.Value, missing.Qualifier, missing.Where);
                    return null;
                }

                return new ScenarioEvent(day, EventKind.AdverseEvent, known.Name, ae.Grade.Value, null, stated, ae.AttributedTo?.Text);
            case DoseEvent dose:
                if (regimen.FindDrug(dose.Drug.Text) is null)
                {
                    diagnostics.DrugNotInRegimen(dose.Drug.Span, dose.Drug.Text, regimen);
                    return null;
                }

                return new ScenarioEvent(day, dose.Kind.Text == "vomited" ? EventKind.Vomited : EventKind.Missed, dose.Drug.Text, null, null, [], null);
            case TerminalEvent { Kind.Text: "dialysis" }:
                return new ScenarioEvent(day, EventKind.Dialysis, "dialysis", null, null, [], null);
            case TerminalEvent t:
                if (!Catalog.TerminalEvents.Contains(t.Kind.Text))
                {
                    diagnostics.UnknownEvent(t.Span, t.Kind.Text);
                    return null;
                }

                return new ScenarioEvent(day, EventKind.Terminal, t.Kind.Text, null, null, [], null);
            default:
                return null;
        }
    }

}
