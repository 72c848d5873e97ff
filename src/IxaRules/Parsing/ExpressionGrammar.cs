using IxaRules.Syntax;
using Sprache;
using static IxaRules.Parsing.Lexical;

namespace IxaRules.Parsing;

/// <summary>
/// Conditions: <c>or</c> binds loosest, then <c>and</c>, then <c>not</c>. Atoms are adverse-event
/// grades, comparisons, <c>is</c> tests, bare names, parentheses and C# in backticks.
/// </summary>
internal static class ExpressionGrammar
{
    /// <summary>Values an <c>is</c> test can name; knowing them here lets <c>or</c> mean both "or severe" and "or dialysis".</summary>
    public static readonly HashSet<string> EnumWords = new(StringComparer.Ordinal)
    {
        "none", "normal", "mild", "moderate", "severe", "male", "female",
    };

    private static readonly Parser<Token> EnumWord = Name.Where(t => EnumWords.Contains(t.Text)).Named("a class (`mild`, `moderate`, `severe`, …)");

    public static readonly Parser<GradeSpec> Grade =
        from op in CompareOp.Optional()
        from low in Integer
        from high in Sym("..").Then(_ => Integer).XOptional()
        let first = op.IsDefined ? op.Get().Span : low.Span
        select new GradeSpec(op.GetOrDefault(), low, high.GetOrDefault(), first.Union(high.IsDefined ? high.Get().Span : low.Span));

    public static readonly Parser<QualifierSyntax> Qualifier =
        from kw in Kw("with").Or(Kw("without"))
        from name in Name
        select new QualifierSyntax(kw, name);

    private static readonly Parser<IReadOnlyList<Token>> AeSubject =
        (from any in Kw("any")
         from cls in Name.Optional()
         select (IReadOnlyList<Token>)(cls.IsDefined ? [any, cls.Get()] : [any]))
        .Or(Name.Select(n => (IReadOnlyList<Token>)[n]));

    /// <summary><c>or baseline</c> after a grade; <c>Optional</c> (not <c>XOptional</c>) so that a plain <c>or</c> backtracks to the boolean operator.</summary>
    private static readonly Parser<Token> OrBaseline =
        from or in Kw("or")
        from baseline in Kw("baseline")
        select new Token("or baseline", or.Span.Union(baseline.Span));

    private static readonly Parser<ExprSyntax> AeCondition =
        from subject in AeSubject
        from gradeKw in Kw("grade")
        from grade in Grade
        from qualifiers in Qualifier.Many()
        from baseline in OrBaseline.Optional()
        from except in Kw("except").Then(_ => CommaList(Name)).XOptional()
        from attributed in Kw("attributed").Then(_ => Kw("to")).Then(_ => Name).XOptional()
        let exceptList = except.GetOrElse([])
        let quals = qualifiers.ToList()
        let last = attributed.IsDefined ? attributed.Get().Span
            : exceptList.Count > 0 ? exceptList[^1].Span
            : baseline.IsDefined ? baseline.Get().Span
            : quals.Count > 0 ? quals[^1].Span
            : grade.Span
        select (ExprSyntax)new AeExpr(subject, gradeKw, grade, quals, baseline.GetOrDefault(), exceptList, attributed.GetOrDefault(), subject[0].Span.Union(last));

    /// <summary>What a comparison compares: a lab or covariate name, or <c>bsa</c> (a keyword because of the <c>bsa dubois</c> clause).</summary>
    private static readonly Parser<Token> Subject = Name.Or(Kw("bsa"));

    private static readonly Parser<ExprSyntax> Comparison =
        from subject in Subject
        from op in CompareOp
        from value in Quantity
        select (ExprSyntax)new CompareExpr(subject, op, value);

    private static readonly Parser<ExprSyntax> IsTest =
        from subject in Name
        from kw in Kw("is")
        from first in EnumWord
        from rest in Kw("or").Then(_ => EnumWord).Many()
        select (ExprSyntax)new IsExpr(subject, kw, [first, .. rest]);

    private static readonly Parser<ExprSyntax> Paren =
        from open in Sym("(")
        from inner in Parse.Ref(() => Condition)
        from close in Sym(")")
        select (ExprSyntax)new ParenExpr(open, inner, close);

    /// <summary>
    /// A yes/no name. It must not be followed by what makes a comparison, an `is` test or a grade,
    /// so that a broken comparison reports its own error instead of "unexpected `&lt;`".
    /// </summary>
    private static readonly Parser<ExprSyntax> BareName =
        from name in Name
        from _ in CompareOp.Not().Then(_ => Kw("is").Not()).Then(_ => Kw("grade").Not())
        select (ExprSyntax)new NameExpr(name);

    private static readonly Parser<ExprSyntax> Atom =
        Paren
            .Or(CSharp.Select(c => (ExprSyntax)c))
            .Or(AeCondition)
            .Or(Comparison)
            .Or(IsTest)
            .Or(BareName)
            .Named("a condition");

    private static readonly Parser<ExprSyntax> Unary =
        (from kw in Kw("not")
         from operand in Parse.Ref(() => Unary)
         select (ExprSyntax)new NotExpr(kw, operand))
        .XOr(Atom);

    private static readonly Parser<ExprSyntax> Conjunction = Chain(Kw("and"), Unary);

    public static readonly Parser<ExprSyntax> Condition = Chain(Kw("or"), Conjunction);

    /// <summary>
    /// <c>A op B op C …</c> read in a loop, not by recursion (Sprache's ChainOperator recurses once per
    /// term, so a few thousand terms overflowed the stack), and built as a balanced tree: `and` and
    /// `or` are associative in three-valued logic too, so the meaning is the same, and every later
    /// stage that walks the tree recurses log₂ n deep instead of n. A consumed operator with no
    /// operand after it is an error where it is (as <c>XChainOperator</c>).
    /// </summary>
    private static Parser<ExprSyntax> Chain(Parser<Token> op, Parser<ExprSyntax> operand) => input =>
    {
        var first = operand(input);
        if (!first.WasSuccessful)
        {
            return first;
        }

        var operands = new List<ExprSyntax> { first.Value };
        var operators = new List<Token>();
        var rest = first.Remainder;
        while (true)
        {
            var o = op(rest);
            if (!o.WasSuccessful)
            {
                return Result.Success(Balanced(operands, operators, 0, operands.Count), rest);
            }

            var next = operand(o.Remainder);
            if (!next.WasSuccessful)
            {
                return next;
            }

            operators.Add(o.Value);
            operands.Add(next.Value);
            rest = next.Remainder;
        }
    };

    /// <summary>Operands [from, to) joined by the operators between them, split in the middle.</summary>
    private static ExprSyntax Balanced(List<ExprSyntax> operands, List<Token> operators, int from, int to)
    {
        if (to - from == 1)
        {
            return operands[from];
        }

        var middle = from + ((to - from + 1) / 2);
        return new BinaryExpr(Balanced(operands, operators, from, middle), operators[middle - 1], Balanced(operands, operators, middle, to));
    }
}
