using System.Text;
using IxaRules.Syntax;
using IxaRules.Text;

namespace IxaRules.Formatting;

/// <summary>
/// The canonical layout. Each declaration becomes output lines that remember the source lines
/// they came from; comments are then put back by line (see <see cref="CommentPlacer"/>).
/// Formatting is idempotent and keeps meaning: the binder's model of the output equals that of the input.
/// </summary>
internal static class Formatter
{
    internal sealed record OutLine(int Indent, string Text, int SourceStart, int SourceEnd, bool DeclarationStart);

    public static string Format(SyntaxTree tree)
    {
        var lines = new List<OutLine>();
        foreach (var declaration in tree.Declarations)
        {
            var builder = new LineBuilder(tree.Source, lines);
            switch (declaration)
            {
                case RegimenSyntax r:
                    Regimen(builder, r);
                    break;
                case RuleSyntax r:
                    Rule(builder, r);
                    break;
                case ScenarioSyntax s:
                    Scenario(builder, s);
                    break;
            }
        }

        return CommentPlacer.Render(tree.Source, lines, tree.Comments);
    }

    private sealed class LineBuilder(SourceText source, List<OutLine> lines)
    {
        private bool _first = true;

        public void Add(int indent, string text, params SyntaxNode[] from)
        {
            var span = from.Select(n => n.Span).Aggregate((a, b) => a.Union(b));
            lines.Add(new OutLine(indent, text, source.GetLineColumn(span.Start).Line, source.GetLineColumn(Math.Max(span.Start, span.End - 1)).Line, _first));
            _first = false;
        }
    }

    private static void Regimen(LineBuilder b, RegimenSyntax r)
    {
        b.Add(0, "regimen " + r.Name.Text + (r.Title is null ? "" : " " + SyntaxPrinter.String(r.Title)), r.Keyword, r.Name, (SyntaxNode?)r.Title ?? r.Name);
        var indent = 2;
        foreach (var clause in r.Clauses)
        {
            switch (clause)
            {
                case PhaseClause p:
                    var length = $"cycle {p.CycleDays.Text} days " + (p.CycleCount is { } n
                        ? $"for {n.Text} cycles"
                        : "until " + string.Join(" or ", p.Until.Select(u => u.Text)));
                    b.Add(2, (p.Name is null ? "" : $"phase {p.Name.Text}: ") + length, p);
                    indent = p.Name is null ? 2 : 4;
                    break;
                case DrugClause d:
                    b.Add(indent, $"drug {d.Name.Text} {d.Route.Text} {SyntaxPrinter.Quantity(d.Dose)} {SyntaxPrinter.Schedule(d.Schedule)}", d.Keyword, d.Schedule);
                    if (d.Levels is { } levels)
                    {
                        var text = string.Join(" > ", levels.Levels.Select(SyntaxPrinter.Quantity)) + (levels.Discontinue is null ? "" : " > discontinue");
                        b.Add(indent + 2, "levels " + text, levels);
                    }

                    break;
                case CycleStartClause c:
                    CycleStart(b, indent, c);
                    break;
                default:
                    b.Add(clause is VersionClause or SourceClause or BsaClause or MissedClause or VomitedClause or DispenseClause ? 2 : indent, RegimenClause(clause), clause);
                    break;
            }
        }
    }

    private static string RegimenClause(ClauseSyntax clause) => clause switch
    {
        VersionClause v => "version " + (v.Value is StringLiteral s ? SyntaxPrinter.String(s) : ((NumberLiteral)v.Value).Text),
        SourceClause s => "source " + SyntaxPrinter.String(s.Citation),
        BsaClause b => "bsa " + b.Method.Text,
        StartClause s => $"start {s.Drug.Text} at {SyntaxPrinter.Quantity(s.Dose)}" + (s.Schedule is null ? "" : " " + SyntaxPrinter.Schedule(s.Schedule))
            + " when " + SyntaxPrinter.Expr(s.Condition) + SyntaxPrinter.IfUnknown(s.IfUnknown),
        TitrateClause t => $"titrate {t.Drug.Text} to {SyntaxPrinter.Quantity(t.Dose)} from cycle {t.FromCycle.Text}" + SyntaxPrinter.Tolerance(t.Tolerated)
            + (t.When is null ? "" : " when " + SyntaxPrinter.Expr(t.When)) + SyntaxPrinter.IfUnknown(t.IfUnknown),
        DispenseClause d => $"dispense {d.Drug.Text} as {string.Join(", ", d.Strengths.Select(SyntaxPrinter.Quantity))}" + (d.Form is null ? "" : " " + d.Form.Text)
            + " rounded " + (d.Rounding.Text == "down" ? "down" : "to nearest"),
        MissedClause m => $"missed {m.Drug.Text}: " + (m.MinHoursToNextDose is { } h ? $"take if next dose >= {h.Text} hours away" : "skip"),
        VomitedClause v => $"vomited {v.Drug.Text}: " + (v.Repeat ? "repeat" : "do not repeat"),
        _ => "",
    };

    /// <summary>Criteria go one per line so that each can carry its own source citation.</summary>
    private static void CycleStart(LineBuilder b, int indent, CycleStartClause c)
    {
        b.Add(indent, "before each cycle", c.Keyword);
        var conjuncts = new List<ExprSyntax>();
        Flatten(c.Require, conjuncts);
        for (var i = 0; i < conjuncts.Count; i++)
        {
            b.Add(indent + 2, (i == 0 ? "require " : "and ") + SyntaxPrinter.Expr(conjuncts[i]), conjuncts[i]);
        }

        if (c.WithinDays is { } within)
        {
            b.Add(indent + 2, $"measured within {within.Text} days", within);
        }

        if (c.Else is { } d)
        {
            var text = "else delay" + (d.RecheckDays is { } r ? $" recheck every {r.Text} days" : "")
                + (d.MaxDays is { } m ? $" at most {m.Text} days then discontinue {SyntaxPrinter.Target(d.Then!)}" : "");
            b.Add(indent + 2, text, d);
        }

        static void Flatten(ExprSyntax e, List<ExprSyntax> into)
        {
            if (e is BinaryExpr { Operator.Text: "and" } and)
            {
                Flatten(and.Left, into);
                Flatten(and.Right, into);
            }
            else
            {
                into.Add(e);
            }
        }
    }

    private static void Rule(LineBuilder b, RuleSyntax r)
    {
        var last = r.ForRegimens.Count > 0 ? r.ForRegimens[^1] : r.Name;
        b.Add(0, "rule " + r.Name.Text + (r.ForRegimens.Count > 0 ? " for " + SyntaxPrinter.Names(r.ForRegimens) : ""), r.Keyword, last);
        var indent = 2;
        foreach (var clause in r.Clauses)
        {
            switch (clause)
            {
                case OccurrenceClause o:
                    b.Add(2, "occurrence " + o.From.Text + (o.OrLater ? " or later" : o.To is { } to ? ".." + to.Text : "") + ":", o);
                    indent = 4;
                    break;
                case SourceClause or CounterClause or WhenClause:
                    b.Add(2, RuleClause(clause), clause);
                    break;
                default:
                    b.Add(indent, RuleClause(clause), clause);
                    break;
            }
        }
    }

    private static string RuleClause(ClauseSyntax clause) => clause switch
    {
        SourceClause s => "source " + SyntaxPrinter.String(s.Citation),
        CounterClause c => c.SharedName is null ? "counter per rule" : "counter shared " + c.SharedName.Text,
        WhenClause w => "when " + SyntaxPrinter.Expr(w.Condition),
        HoldAction h => $"hold {SyntaxPrinter.Names(h.Drugs)} until {SyntaxPrinter.Expr(h.Until)}"
            + (h.Limit is { } l ? $" at most {l.MaxDays.Text} days then discontinue {SyntaxPrinter.Target(l.Then)}" : ""),
        RecoveryAction r => "on recovery " + SyntaxPrinter.Resume(r.Resume),
        ReduceAction r => $"reduce {SyntaxPrinter.Names(r.Drugs)} " + (r.By is { } by ? "by " + SyntaxPrinter.Quantity(by) : r.To is null ? "next lower" : "to " + SyntaxPrinter.Quantity(r.To)),
        DiscontinueAction d => "discontinue " + SyntaxPrinter.Target(d.Target),
        _ => "",
    };

    private static void Scenario(LineBuilder b, ScenarioSyntax s)
    {
        b.Add(0, "scenario " + SyntaxPrinter.String(s.Title) + (s.ForRegimen is null ? "" : " for " + s.ForRegimen.Text)
            + (s.InFile is null ? "" : " in " + SyntaxPrinter.String(s.InFile)), s.Keyword, (SyntaxNode?)s.InFile ?? (SyntaxNode?)s.ForRegimen ?? s.Title);
        foreach (var clause in s.Clauses)
        {
            var text = clause switch
            {
                SourceClause src => "source " + SyntaxPrinter.String(src.Citation),
                PatientClause p => "patient " + string.Join(", ", p.Items.Select(SyntaxPrinter.PatientItem)),
                DayClause d => $"day {d.Day.Text}: " + string.Join(", ", d.Events.Select(SyntaxPrinter.Event)),
                ExpectClause e => "expect " + SyntaxPrinter.Expectation(e.Expectation),
                _ => "",
            };
            b.Add(2, text, clause);
        }
    }

    internal static string Join(IEnumerable<string> lines)
    {
        var sb = new StringBuilder();
        foreach (var line in lines)
        {
            sb.Append(line.TrimEnd()).Append('\n');
        }

        return sb.ToString();
    }
}
