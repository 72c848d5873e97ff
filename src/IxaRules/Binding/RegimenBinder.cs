using IxaRules.Syntax;
using IxaRules.Text;

namespace IxaRules.Binding;

/// <summary>Binds one regimen: phases, drugs and their ladders, schedules, adjustments, cycle-start criteria, titration, dispensing.</summary>
internal sealed partial class RegimenBinder(SourceText source, BindDiagnostics diagnostics, QuantityBinder quantities, ConditionBinder conditions)
{
    private readonly ScheduleBinder _schedules = new(diagnostics);
    private readonly HashSet<string> _brokenDrugs = new(StringComparer.Ordinal);

    /// <summary>Stated limits (docs/threat-model.md): a cycle lasts at most a year, a phase has at most 1,000 cycles.</summary>
    public const int MaxCycleDays = 365;

    public const int MaxCycles = 1000;

    private sealed class PhaseBuilder(string name, TextSpan span, int cycleDays, int? cycleCount, IReadOnlyList<string> until)
    {
        public string Name { get; } = name;
        public TextSpan Span { get; } = span;

        /// <summary>The cycle length; 0 when the written one was invalid (already reported), which turns off day checks.</summary>
        public int CycleDays { get; } = cycleDays;
        public int DrugClauses { get; set; }
        public int? CycleCount { get; } = cycleCount;
        public List<DrugPlan> Drugs { get; } = [];
        public List<StartAdjustment> Adjustments { get; } = [];
        public List<Titration> Titrations { get; } = [];
        public CycleStartCriteria? CycleStart { get; set; }
        public Phase Build() => new(Name, CycleDays, CycleCount, until, Drugs, Adjustments, CycleStart, Titrations);
    }

    public Regimen Bind(RegimenSyntax syntax)
    {
        string? version = null, citation = null;
        var bsa = BsaMethod.Mosteller;
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        var phases = new List<PhaseBuilder>();
        PhaseBuilder? current = null;
        var drugOutsidePhase = false;
        var missed = new List<(Token Drug, MissedDosePolicy Policy)>();
        var vomited = new List<(Token Drug, VomitedDosePolicy Policy)>();
        var dispensing = new List<(Token Drug, Dispensing Rule)>();

        foreach (var clause in syntax.Clauses)
        {
            switch (clause)
            {
                case VersionClause v when Once("version", v):
                    version = v.Value is StringLiteral text ? text.Value : ((NumberLiteral)v.Value).Text;
                    break;
                case SourceClause s when Once("source", s):
                    citation = s.Citation.Value;
                    break;
                case BsaClause b when Once("bsa", b):
                    bsa = b.Method.Text switch
                    {
                        "mosteller" => BsaMethod.Mosteller,
                        "dubois" => BsaMethod.DuBois,
                        _ => Report(() => diagnostics.UnknownBsaMethod(b.Method.Span, b.Method.Text), BsaMethod.Mosteller),
                    };
                    break;
                case PhaseClause p:
                    // A duplicate phase is an error symbol: its clauses bind into it (and are checked)
                    // but it is not part of the regimen, so they do not collide with the first phase's.
                    var (phase, duplicate) = BindPhase(p, phases);
                    current = phase;
                    if (!duplicate)
                    {
                        phases.Add(phase);
                    }

                    break;
                case MissedClause m:
                    missed.Add((m.Drug, new MissedDosePolicy(m.Drug.Text, m.MinHoursToNextDose is { } h ? h.ToInt() : null, Line(m))));
                    break;
                case VomitedClause v:
                    vomited.Add((v.Drug, new VomitedDosePolicy(v.Drug.Text, v.Repeat, Line(v))));
                    break;
                case DispenseClause d:
                    if (BindDispense(d, dispensing.Select(x => x.Rule)) is { } rule)
                    {
                        dispensing.Add((d.Drug, rule));
                    }

                    break;
                case DrugClause or StartClause or CycleStartClause or TitrateClause when current is null:
                    diagnostics.ClauseOutsidePhase(clause.Keyword.Span, clause.Keyword.Text);
                    drugOutsidePhase |= clause is DrugClause;
                    break;
                case DrugClause d:
                    current!.DrugClauses++;
                    BindDrug(d, current);
                    break;
                case StartClause start:
                    BindStart(start, current!);
                    break;
                case CycleStartClause c:
                    BindCycleStart(c, current!);
                    break;
                case TitrateClause t:
                    BindTitration(t, current!);
                    break;
            }
        }

        if (!syntax.Clauses.OfType<PhaseClause>().Any())
        {
            diagnostics.RegimenWithoutCycle(syntax.Name.Span, syntax.Name.Text);
        }

        // A drug written before the cycle is already reported: a phase "without drugs" would be its echo.
        foreach (var phase in phases.Where(p => p.DrugClauses == 0 && !drugOutsidePhase))
        {
            diagnostics.PhaseWithoutDrugs(phase.Span, phase.Name);
        }

        var built = phases.Select(p => p.Build()).ToList();
        var drugNames = built.SelectMany(p => p.Drugs).Select(d => d.Name).Distinct().ToList();
        foreach (var drug in missed.Select(m => m.Drug).Concat(vomited.Select(v => v.Drug)).Concat(dispensing.Select(d => d.Drug)))
        {
            if (!drugNames.Contains(drug.Text) && !_brokenDrugs.Contains(drug.Text))
            {
                diagnostics.DrugNotInRegimen(drug.Span, drug.Text, syntax.Name.Text, drugNames);
            }
        }

        return new Regimen(syntax.Name.Text, syntax.Title?.Value, version, citation, bsa, built,
            [.. missed.Select(m => m.Policy)], [.. vomited.Select(v => v.Policy)], [.. dispensing.Select(d => d.Rule)], At(syntax))
        {
            BrokenDrugs = _brokenDrugs.Except(drugNames).ToHashSet(StringComparer.Ordinal),
        };

        bool Once(string name, ClauseSyntax clause)
        {
            if (seen.TryGetValue(name, out var first))
            {
                diagnostics.DuplicateClause(clause.Keyword.Span, name, first);
                return false;
            }

            seen[name] = Line(clause);
            return true;
        }
    }

    private int Line(SyntaxNode node) => source.Line(node.Span);

    private SourceLocation At(SyntaxNode node) => source.At(node.Span);

    private static T Report<T>(Action report, T fallback)
    {
        report();
        return fallback;
    }

    private (PhaseBuilder Phase, bool Duplicate) BindPhase(PhaseClause p, List<PhaseBuilder> existing)
    {
        var name = p.Name?.Text ?? "main";
        var twin = existing.FirstOrDefault(e => e.Name == name);
        var duplicate = twin is not null;
        if (twin is not null)
        {
            diagnostics.Duplicate(p.Name?.Span ?? p.Keyword.Span, "phase", name, source.Line(twin.Span));
        }

        // A bad number is reported, but the phase is kept so that its drugs are still checked.
        var days = p.CycleDays.ToInt();
        if (days < 1 || days > MaxCycleDays)
        {
            diagnostics.BadNumber(p.CycleDays.Span, $"cycle length: a cycle lasts 1 to {MaxCycleDays} days");
            days = 0;
        }

        if (p.CycleCount is { } count && (count.Value < 1 || count.Value > MaxCycles))
        {
            diagnostics.BadNumber(count.Span, $"number of cycles: 1 to {MaxCycles}");
        }

        foreach (var term in p.Until.Where(t => !Catalog.UntilTerms.Contains(t.Text)))
        {
            diagnostics.UnknownUntil(term.Span, term.Text);
        }

        return (new PhaseBuilder(name, p.Span, days, p.CycleCount is { } c ? Math.Clamp(c.ToInt(), 1, MaxCycles) : null, [.. p.Until.Select(t => t.Text)]), duplicate);
    }

    private void BindDrug(DrugClause d, PhaseBuilder phase)
    {
        if (!TryBindDrug(d, phase))
        {
            // Uses of the drug would only echo this declaration's error (a misspelt name: its intended drug too).
            _brokenDrugs.Add(d.Name.Text);
            if (!Catalog.Drugs.Contains(d.Name.Text) && IxaRules.Diagnostics.Suggest.Closest(d.Name.Text, Catalog.Drugs) is { } meant)
            {
                _brokenDrugs.Add(meant);
            }
        }
    }

    private bool TryBindDrug(DrugClause d, PhaseBuilder phase)
    {
        var name = d.Name.Text;
        if (!Catalog.Drugs.Contains(name))
        {
            diagnostics.UnknownDrug(d.Name.Span, name);
            return false;
        }

        if (phase.Drugs.FirstOrDefault(x => x.Name == name) is { } twin)
        {
            diagnostics.Duplicate(d.Name.Span, "drug", name, twin.Line);
            return true; // the first declaration stands
        }

        var route = Catalog.Route(d.Route.Text);
        if (route is null)
        {
            diagnostics.UnknownRoute(d.Route.Span, d.Route.Text);
        }

        var dose = quantities.BindDose(d.Dose);
        var schedule = _schedules.Bind(d.Schedule, phase.CycleDays);
        if (dose is null || schedule is null)
        {
            return false;
        }

        var ladder = d.Levels is null ? null : BindLadder(d.Levels, name, dose);
        phase.Drugs.Add(new DrugPlan(name, route ?? d.Route.Text, dose, schedule, ladder, At(d)));
        return true;
    }

    private List<Dose>? BindLadder(LevelsSyntax levels, string drug, Dose start)
    {
        var ladder = new List<Dose>();
        var ok = true;
        foreach (var level in levels.Levels)
        {
            var dose = quantities.BindDoseLike(level, drug, start);
            if (dose is null)
            {
                ok = false;
                continue;
            }

            if (ladder.Count > 0 && dose.Amount >= ladder[^1].Amount)
            {
                diagnostics.LevelsNotDescending(level.Span, ladder[^1], dose);
                ok = false;
            }

            ladder.Add(dose);
        }

        if (levels.Discontinue is null)
        {
            diagnostics.LadderNeedsDiscontinue(levels.Levels[^1].Span, drug);
            ok = false;
        }

        if (ok && !ladder.Contains(start))
        {
            diagnostics.StartNotOnLadder(levels.Span, drug, start);
            ok = false;
        }

        return ok ? ladder : null;
    }
}
