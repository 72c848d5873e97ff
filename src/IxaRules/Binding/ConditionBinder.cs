using IxaRules.Syntax;

namespace IxaRules.Binding;

/// <summary>Where a condition is written decides what it may refer to.</summary>
[Flags]
internal enum ConditionScope
{
    Covariates = 1,
    Labs = 2,
    AdverseEvents = 4,
    TerminalEvents = 8,
    CSharp = 16,

    StartAdjustment = Covariates,

    /// <summary>Cycle-start criteria and recovery (<c>until</c>) conditions see the same things.</summary>
    DuringTreatment = Covariates | Labs | AdverseEvents | CSharp,
    Trigger = Covariates | Labs | AdverseEvents | TerminalEvents | CSharp,
}

/// <summary>Binds condition syntax: resolves names, checks units and grades, converts to canonical values.</summary>
/// <remarks><paramref name="checkDrug"/> checks a drug named in <c>attributed to</c> (a rule's binder passes its own: the drug must be in the rule's regimens).</remarks>
internal sealed partial class ConditionBinder(BindDiagnostics diagnostics, QuantityBinder quantities, Func<Token, bool>? checkDrug = null)
{
    /// <summary>Stated limit: a condition has at most this many terms (each is evaluated every day it can change).</summary>
    public const int MaxTerms = 512;

    /// <summary>Binds a whole condition, refusing one with more than <see cref="MaxTerms"/> terms before walking it.</summary>
    public Condition? Bind(ExprSyntax syntax, ConditionScope scope)
    {
        var terms = CountTerms(syntax);
        if (terms > MaxTerms)
        {
            diagnostics.BadNumber(syntax.Span, $"condition: it has {terms} terms; a condition has at most {MaxTerms}");
            return null;
        }

        return BindExpr(syntax, scope);
    }

    /// <summary>The leaves of a condition's syntax, counted without recursion.</summary>
    private static int CountTerms(ExprSyntax root)
    {
        var count = 0;
        var pending = new Stack<ExprSyntax>();
        pending.Push(root);
        while (pending.Count > 0)
        {
            switch (pending.Pop())
            {
                case BinaryExpr b:
                    pending.Push(b.Left);
                    pending.Push(b.Right);
                    break;
                case NotExpr n:
                    pending.Push(n.Operand);
                    break;
                case ParenExpr p:
                    pending.Push(p.Inner);
                    break;
                default:
                    count++;
                    break;
            }
        }

        return count;
    }

    private Condition? BindExpr(ExprSyntax syntax, ConditionScope scope) => syntax switch
    {
        BinaryExpr { Operator.Text: "or", Right: NameExpr extra } b when ExtendsIsTest(b.Left, extra) is { } test =>
            Combine(b, BindExpr(b.Left, scope), ReportValue(test, extra)),
        BinaryExpr b => Combine(b, BindExpr(b.Left, scope), BindExpr(b.Right, scope)),
        NotExpr n => BindExpr(n.Operand, scope) is { } operand ? new Negation(operand) : null,
        ParenExpr p => BindExpr(p.Inner, scope),
        CompareExpr c => BindCompare(c, scope),
        IsExpr i => BindIs(i, scope),
        NameExpr n => BindName(n, scope),
        AeExpr ae => BindAe(ae, scope),
        CSharpExpr cs => BindCSharp(cs, scope),
        _ => null,
    };

    /// <summary>
    /// <c>hepatic is moderate or extreme</c>: the parser stops the `is` list at a word that is no
    /// value, leaving it as a bare name; say what the author meant.
    /// </summary>
    private static IsExpr? ExtendsIsTest(ExprSyntax left, NameExpr extra)
    {
        var rightmost = left;
        while (rightmost is BinaryExpr { Operator.Text: "or" } b)
        {
            rightmost = b.Right;
        }

        return rightmost is IsExpr test
            && Catalog.Covariate(extra.Name.Text) is null
            && !Catalog.TerminalEvents.Contains(extra.Name.Text)
            ? test : null;
    }

    private Condition? ReportValue(IsExpr test, NameExpr extra)
    {
        var values = Catalog.Covariate(test.Subject.Text)?.Values ?? [];
        diagnostics.UnknownValue(extra.Span, extra.Name.Text, test.Subject.Text, values);
        return null;
    }

    private static Condition? Combine(BinaryExpr b, Condition? left, Condition? right) =>
        left is null || right is null ? null
        : b.Operator.Text == "and" ? new AllOf(left, right)
        : new AnyOf(left, right);

    public static CompareOp ToOp(string text) => text switch
    {
        "<" => CompareOp.Less,
        "<=" or "≤" => CompareOp.LessOrEqual,
        ">" => CompareOp.Greater,
        ">=" or "≥" => CompareOp.GreaterOrEqual,
        "=" => CompareOp.Equal,
        _ => CompareOp.NotEqual,
    };

    private IEnumerable<string> NamesIn(ConditionScope scope)
    {
        var names = new List<string>();
        if (scope.HasFlag(ConditionScope.Labs))
        {
            names.AddRange(Catalog.LabNames);
        }

        if (scope.HasFlag(ConditionScope.Covariates))
        {
            names.AddRange(Catalog.CovariateNames);
        }

        return names.Distinct();
    }

    private Condition? BindCompare(CompareExpr c, ConditionScope scope)
    {
        var name = c.Subject.Text;
        var op = ToOp(c.Operator.Text);
        if (scope.HasFlag(ConditionScope.Labs) && Catalog.Lab(name) is { } lab)
        {
            var value = quantities.Bind(c.Value, lab.Name, lab.Dimension, molarToMass: lab.MolarToMass);
            return value is null ? null : new LabCondition(lab.Name, op, value.Value, lab.Dimension);
        }

        if (Catalog.Covariate(name) is { Kind: CovariateKind.Quantity } covariate)
        {
            if (!scope.HasFlag(ConditionScope.Covariates))
            {
                diagnostics.NotAllowedHere(c.Subject.Span, name, "this condition is checked during treatment, not at baseline");
                return null;
            }

            var value = quantities.Bind(c.Value, name, covariate.Dimension!.Value, covariate.UnitOptional);
            return value is null ? null : new CovariateCondition(name, op, value.Value, covariate.Dimension.Value);
        }

        if (Catalog.Lab(name) is not null)
        {
            diagnostics.NotAllowedHere(c.Subject.Span, name, "starting-dose adjustments use baseline covariates, not labs");
            return null;
        }

        if (Catalog.Covariate(name) is not null)
        {
            diagnostics.NotAllowedHere(c.Subject.Span, name, $"`{name}` is not a quantity; test it with `is` or by name");
            return null;
        }

        diagnostics.UnknownLab(c.Subject.Span, name, NamesIn(scope));
        return null;
    }

    private Condition? BindIs(IsExpr i, ConditionScope scope)
    {
        var name = i.Subject.Text;
        var covariate = Catalog.Covariate(name);
        if (covariate is null)
        {
            diagnostics.UnknownLab(i.Subject.Span, name, Catalog.CovariateNames.Where(n => Catalog.Covariate(n)!.Kind == CovariateKind.Enum));
            return null;
        }

        if (covariate.Kind != CovariateKind.Enum)
        {
            diagnostics.NotAnEnum(i.Subject.Span, name);
            return null;
        }

        if (!scope.HasFlag(ConditionScope.Covariates))
        {
            diagnostics.NotAllowedHere(i.Subject.Span, name, "baseline covariates cannot be tested here");
            return null;
        }

        var ok = true;
        foreach (var value in i.Values.Where(v => !covariate.Values!.Contains(v.Text)))
        {
            diagnostics.UnknownValue(value.Span, value.Text, name, covariate.Values!);
            ok = false;
        }

        return ok ? new CovariateIn(name, [.. i.Values.Select(v => v.Text)]) : null;
    }

    private Condition? BindName(NameExpr n, ConditionScope scope)
    {
        var name = n.Name.Text;
        if (scope.HasFlag(ConditionScope.Covariates) && Catalog.Covariate(name) is { Kind: CovariateKind.Flag })
        {
            return new CovariateFlag(name);
        }

        if (scope.HasFlag(ConditionScope.TerminalEvents) && Catalog.TerminalEvents.Contains(name))
        {
            return new TerminalCondition(name);
        }

        if (Catalog.TerminalEvents.Contains(name))
        {
            diagnostics.NotAllowedHere(n.Span, name, "terminal events can only trigger a rule (`when progression`)");
            return null;
        }

        var candidates = new List<string>();
        if (scope.HasFlag(ConditionScope.Covariates))
        {
            candidates.Add("dialysis");
        }

        if (scope.HasFlag(ConditionScope.TerminalEvents))
        {
            candidates.AddRange(Catalog.TerminalEvents);
        }

        diagnostics.UnknownName(n.Span, name, candidates);
        return null;
    }

    private Condition? BindCSharp(CSharpExpr cs, ConditionScope scope)
    {
        if (!scope.HasFlag(ConditionScope.CSharp))
        {
            diagnostics.NotAllowedHere(cs.Span, "C#", "C# conditions are not allowed in starting-dose adjustments");
            return null;
        }

        if (string.IsNullOrWhiteSpace(cs.Code))
        {
            diagnostics.BadNumber(cs.Span, "C# condition: it is empty");
            return null;
        }

        // The span follows the trimmed code, so that a problem inside it is located at its own column.
        var leading = cs.Code.Length - cs.Code.TrimStart().Length;
        var code = cs.Code.Trim();
        return new CSharpCondition(code, new Text.TextSpan(cs.CodeSpan.Start + leading, code.Length));
    }
}
