using IxaRules.Text;

namespace IxaRules.Syntax;

/// <summary>A condition: over labs, covariates, adverse events, terminal events or C#.</summary>
internal abstract record ExprSyntax(TextSpan Span) : SyntaxNode(Span);

/// <summary><c>A and B</c>, <c>A or B</c>.</summary>
internal sealed record BinaryExpr(ExprSyntax Left, Token Operator, ExprSyntax Right) : ExprSyntax(Left.Span.Union(Right.Span));

internal sealed record NotExpr(Token Keyword, ExprSyntax Operand) : ExprSyntax(Keyword.Span.Union(Operand.Span));

internal sealed record ParenExpr(Token Open, ExprSyntax Inner, Token Close) : ExprSyntax(Open.Span.Union(Close.Span));

/// <summary><c>platelets &lt; 30 x10^9/L</c>, <c>age &gt;= 75 years</c>.</summary>
internal sealed record CompareExpr(Token Subject, Token Operator, QuantitySyntax Value) : ExprSyntax(Subject.Span.Union(Value.Span));

/// <summary><c>hepatic is moderate or severe</c>.</summary>
internal sealed record IsExpr(Token Subject, Token Keyword, IReadOnlyList<Token> Values) : ExprSyntax(Subject.Span.Union(Values[^1].Span));

/// <summary>A bare name: a yes/no covariate (<c>dialysis</c>) or a terminal event (<c>progression</c>).</summary>
internal sealed record NameExpr(Token Name) : ExprSyntax(Name.Span);

/// <summary><c>grade 2..3</c>, <c>grade &gt;= 3</c>, <c>grade 1</c>.</summary>
internal sealed record GradeSpec(Token? Operator, NumberLiteral From, NumberLiteral? To, TextSpan Span) : SyntaxNode(Span);

/// <summary><c>with pain</c> / <c>without pain</c>.</summary>
internal sealed record QualifierSyntax(Token Keyword, Token Name) : SyntaxNode(Keyword.Span.Union(Name.Span));

/// <summary>
/// An adverse-event condition: <c>rash grade 2..3</c>, <c>neuropathy grade 1 with pain</c>,
/// <c>any non-haematologic grade &gt;= 3 except rash, neuropathy attributed to ixazomib</c>,
/// <c>any non-haematologic grade &lt;= 1 or baseline</c>. Subject is one or two words: an event
/// name, a class, or <c>any</c> [class].
/// </summary>
internal sealed record AeExpr(
    IReadOnlyList<Token> Subject,
    Token GradeKeyword,
    GradeSpec Grade,
    IReadOnlyList<QualifierSyntax> Qualifiers,
    Token? OrBaseline,
    IReadOnlyList<Token> Except,
    Token? AttributedTo,
    TextSpan Span) : ExprSyntax(Span);

/// <summary>The escape hatch: a C# expression between backticks, kept verbatim with its span.</summary>
internal sealed record CSharpExpr(string Code, TextSpan Span, TextSpan CodeSpan) : ExprSyntax(Span);
