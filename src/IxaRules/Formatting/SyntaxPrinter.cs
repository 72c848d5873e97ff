using IxaRules.Syntax;

namespace IxaRules.Formatting;

/// <summary>Prints syntax fragments in canonical form: ASCII operators, one space between tokens, units as written.</summary>
internal static class SyntaxPrinter
{
    public static string Quantity(QuantitySyntax q) =>
        q.Unit is null ? q.Number.Text
        : q.Unit.Text.StartsWith('/') || q.Unit.Text.StartsWith('%') ? q.Number.Text + q.Unit.Text
        : q.Number.Text + " " + q.Unit.Text;

    public static string Op(Token op) => op.Text switch
    {
        "≤" => "<=",
        "≥" => ">=",
        "≠" => "!=",
        var t => t,
    };

    public static string String(StringLiteral s) =>
        "\"" + s.Value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";

    public static string Names(IEnumerable<Token> names) => string.Join(", ", names.Select(n => n.Text));

    public static string Days(IEnumerable<DayItem> days) =>
        string.Join(", ", days.Select(d => d.To is null ? d.From.Text : $"{d.From.Text}-{d.To.Text}"));

    public static string Schedule(ScheduleSyntax schedule) => schedule switch
    {
        DayListSchedule d => "days " + Days(d.Days),
        DailySchedule => "daily",
        EveryOtherDaySchedule e => "every other day" + (e.Within is null ? "" : " days " + Days(e.Within.Days)),
        EveryHoursSchedule h => $"every {h.Hours.Text} hours" + (h.Within is null ? "" : " days " + Days(h.Within.Days)),
        AfterDialysisSchedule a => (a.Inner is null ? "" : Schedule(a.Inner) + " ") + "after dialysis",
        _ => "",
    };

    public static string IfUnknown(IfUnknownSyntax? u) => u is null ? "" : " if unknown " + u.Action.Text;

    public static string Tolerance(ToleranceSyntax? t) => t is null ? ""
        : " if tolerated" + (t.Criteria.Count == 0 ? "" : ": " + string.Join(", ", t.Criteria.Select(c => "no " + c.Text)))
          + (t.Cycles is { } c ? " in cycles " + (c.To is null ? c.From.Text : $"{c.From.Text}-{c.To.Text}") : "");

    public static string Target(TargetSyntax t) => t.Regimen is not null ? "regimen" : Names(t.Drugs);

    public static string Grade(GradeSpec g) =>
        (g.Operator is null ? "" : Op(g.Operator) + " ") + g.From.Text + (g.To is null ? "" : ".." + g.To.Text);

    public static string Expr(ExprSyntax e) => e switch
    {
        BinaryExpr b => $"{Expr(b.Left)} {b.Operator.Text} {Expr(b.Right)}",
        NotExpr n => "not " + Expr(n.Operand),
        ParenExpr p => "(" + Expr(p.Inner) + ")",
        CompareExpr c => $"{c.Subject.Text} {Op(c.Operator)} {Quantity(c.Value)}",
        IsExpr i => $"{i.Subject.Text} is {string.Join(" or ", i.Values.Select(v => v.Text))}",
        NameExpr n => n.Name.Text,
        AeExpr ae => Ae(ae),
        CSharpExpr cs => "`" + cs.Code + "`",
        _ => "",
    };

    private static string Ae(AeExpr ae)
    {
        var text = string.Join(' ', ae.Subject.Select(t => t.Text)) + " grade " + Grade(ae.Grade);
        text += string.Concat(ae.Qualifiers.Select(q => $" {q.Keyword.Text} {q.Name.Text}"));
        if (ae.OrBaseline is not null)
        {
            text += " or baseline";
        }

        if (ae.Except.Count > 0)
        {
            text += " except " + Names(ae.Except);
        }

        return ae.AttributedTo is null ? text : text + " attributed to " + ae.AttributedTo.Text;
    }

    public static string Level(ResumeLevel level) => level switch
    {
        ResumeLevel.Same => "same",
        ResumeLevel.Starting => "starting",
        _ => "next lower",
    };

    private static string Item(ResumeItem i) =>
        i.Drug.Text + " " + (i.Level == ResumeLevel.At ? "at " + Quantity(i.AtDose!) + (i.AtSchedule is null ? "" : " " + Schedule(i.AtSchedule)) : Level(i.Level))
        + (i.IfAttributedTo is null ? "" : " if attributed to " + i.IfAttributedTo.Text + (i.Otherwise is { } o ? " else " + Level(o) : ""));

    public static string Resume(ResumeSyntax resume) => resume switch
    {
        ResumeListSyntax r => "resume " + string.Join(", ", r.Items.Select(Item)),
        AlternateSyntax a => "alternate " + Names(a.Drugs) + " next lower" + (a.StartingWith is null ? "" : ", starting with " + a.StartingWith.Text),
        _ => "",
    };

    public static string Event(EventSyntax e) => e switch
    {
        LabEvent l => $"{l.Lab.Text} {Quantity(l.Value)}",
        AeEvent a => $"{a.Name.Text} grade {a.Grade.Text}" + string.Concat(a.Qualifiers.Select(q => $" {q.Keyword.Text} {q.Name.Text}"))
            + (a.AttributedTo is null ? "" : " attributed to " + a.AttributedTo.Text),
        DoseEvent d => $"{d.Kind.Text} {d.Drug.Text}",
        TerminalEvent t => t.Kind.Text,
        _ => "",
    };

    public static string DaysRef(DaysSyntax d) => "on " + (d.Days[0].To is null ? "day " : "days ") + Days(d.Days);

    public static string Expectation(ExpectationSyntax x) => x switch
    {
        DrugExpectation d => d.Drug.Text + " " + string.Join(", ", d.Items.Select(i =>
            (i.Status?.Text ?? Quantity(i.Dose!)) + " " + DaysRef(i.Days))),
        MetricExpectation m => $"{m.Drug.Text} {m.Metric.Text} {Op(m.Operator)} {Quantity(m.Value)}",
        CycleExpectation c => $"cycle {c.Cycle.Text} starts {DaysRef(c.StartDay)}",
        RegimenExpectation r => "regimen discontinued " + DaysRef(r.Day),
        RuleExpectation r => $"rule {r.Rule.Text} fires {DaysRef(r.Days)}",
        _ => "",
    };

    public static string PatientItem(PatientItem p) => p.Value switch
    {
        null => p.Name.Text,
        NumberLiteral n => $"{p.Name.Text} grade {n.Text}" + string.Concat(p.Qualifiers.Select(q => $" {q.Keyword.Text} {q.Name.Text}")),
        QuantitySyntax q => $"{p.Name.Text} {Quantity(q)}",
        Token t => $"{p.Name.Text} {t.Text}",
        _ => p.Name.Text,
    };
}
