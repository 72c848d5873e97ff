using Sprache;

namespace IxaRules.Parsing;

/// <summary>
/// A Sprache input over a slice [start, end) of a whole file, so that each top-level declaration
/// is parsed in place and every position Sprache reports is already a file offset. Lexemes jump
/// ahead with <see cref="At"/> (one allocation per token, not per character). Line and column are
/// not tracked: spans are file offsets and <c>SourceText</c> maps them to lines.
/// </summary>
internal sealed class SourceInput : IInput
{
    private readonly int _end;

    private IDictionary<object, object>? _memos;

    public SourceInput(string source, int start, int end)
        : this(source, start, end, new LexicalProblems())
    {
    }

    private SourceInput(string source, int start, int end, LexicalProblems problems)
    {
        Source = source;
        Position = start;
        _end = end;
        Problems = problems;
    }

    /// <summary>What the tokens of this parse found wrong in themselves (a number too large), shared by every position of it.</summary>
    public LexicalProblems Problems { get; }

    /// <summary>The end of the slice being parsed.</summary>
    public int End => _end;

    public string Source { get; }

    public char Current => Source[Position];

    public bool AtEnd => Position >= _end;

    public int Position { get; }

    // Not tracked (see the class comment); Sprache only copies them into positions we never read.
    public int Line => 0;

    public int Column => Position;

    /// <summary>
    /// Sprache's <c>Parse.Ref</c> memoises per input position (and detects left recursion with it),
    /// so each position needs its own dictionary; sharing one across positions returned stale
    /// results for a second `not` or `(…)` (found by the fuzzer). Created only when used.
    /// </summary>
    public IDictionary<object, object> Memos => _memos ??= new Dictionary<object, object>();

    public IInput Advance()
    {
        if (AtEnd)
        {
            throw new InvalidOperationException("cannot advance past the end of the input");
        }

        return new SourceInput(Source, Position + 1, _end, Problems);
    }

    /// <summary>The same slice, at another position.</summary>
    public SourceInput At(int position) => new(Source, position, _end, Problems);

    public bool Equals(IInput? other) => other is not null && ReferenceEquals(Source, other.Source) && Position == other.Position;

    public override bool Equals(object? obj) => obj is IInput other && Equals(other);

    public override int GetHashCode() => Position;
}
