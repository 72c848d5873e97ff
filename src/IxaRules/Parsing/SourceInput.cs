using Sprache;

namespace IxaRules.Parsing;

/// <summary>
/// A Sprache input over a slice [start, end) of a whole file, so that each top-level declaration
/// is parsed in place and every position Sprache reports is already a file offset.
/// </summary>
internal sealed class SourceInput : IInput
{
    private readonly int _end;

    public SourceInput(string source, int start, int end)
        : this(source, start, end, 1, 1, new Dictionary<object, object>())
    {
    }

    private SourceInput(string source, int position, int end, int line, int column, IDictionary<object, object> memos)
    {
        Source = source;
        Position = position;
        _end = end;
        Line = line;
        Column = column;
        Memos = memos;
    }

    public string Source { get; }

    public char Current => Source[Position];

    public bool AtEnd => Position >= _end;

    public int Position { get; }

    // Lines and columns are computed from SourceText where they are needed; Sprache only carries them along.
    public int Line { get; }

    public int Column { get; }

    public IDictionary<object, object> Memos { get; }

    public IInput Advance()
    {
        if (AtEnd)
        {
            throw new InvalidOperationException("cannot advance past the end of the input");
        }

        return Current == '\n'
            ? new SourceInput(Source, Position + 1, _end, Line + 1, 1, Memos)
            : new SourceInput(Source, Position + 1, _end, Line, Column + 1, Memos);
    }

    public bool Equals(IInput? other) => other is not null && ReferenceEquals(Source, other.Source) && Position == other.Position;

    public override bool Equals(object? obj) => obj is IInput other && Equals(other);

    public override int GetHashCode() => Position;
}
