using System.Text;

namespace IxaRules.Tests.Safety;

/// <summary>
/// A grammar-aware generator of deep and long structures, around and past every stated limit:
/// nested parentheses and `not`s, long `and`/`or` chains, long C# snippets and nesting, deep YAML flow
/// collections and long events lines. Deterministic from its seed.
/// </summary>
internal sealed class DeepStructureGenerator(int seed)
{
    private readonly Random _random = new(seed);

    private static readonly string[] Leaves =
    [
        "platelets < 30,000/mm3", "anc < 0.5 x10^9/L", "rash grade 2..3", "neuropathy grade 1 with pain",
        "any non-haematologic grade >= 3 except rash, neuropathy", "crcl < 30 mL/min", "`Lab(\"anc\") < 1`", "hepatic is moderate or severe",
    ];

    /// <summary>A size near a limit: mostly small, often just under or over it, sometimes far past it.</summary>
    private int Around(int limit) => _random.Next(6) switch
    {
        0 => _random.Next(1, 4),
        1 => limit - _random.Next(0, 3),
        2 => limit + _random.Next(1, 3),
        3 => limit * _random.Next(2, 20),
        _ => _random.Next(1, limit + 1),
    };

    public string Condition(int budget)
    {
        if (budget <= 0 || _random.Next(4) == 0)
        {
            return Leaves[_random.Next(Leaves.Length)];
        }

        return _random.Next(4) switch
        {
            0 => "(" + Condition(budget - 1) + ")",
            1 => "not " + Condition(budget - 1),
            2 => Condition(budget / 2) + " and " + Condition(budget / 2),
            _ => Condition(budget / 2) + " or " + Condition(budget / 2),
        };
    }

    public string RuleFile()
    {
        var condition = _random.Next(5) switch
        {
            0 => new string('(', Around(32)) + Leaves[0] + new string(')', Around(32)),
            1 => string.Concat(Enumerable.Repeat("not ", Around(64))) + Leaves[1],
            2 => string.Join(_random.Next(2) == 0 ? " and " : " or ", Enumerable.Range(0, Around(512)).Select(_ => Leaves[_random.Next(Leaves.Length)])),
            3 => "`" + CSharp() + "`",
            _ => Condition(_random.Next(1, 12)),
        };
        return Evaluation.RunHarness.IRd + $"""
            rule deep
              when {condition}
              reduce lenalidomide next lower

            scenario "deep"
              patient age 66, crcl 80 mL/min, hepatic none, dialysis no
              day 1: platelets 200 x10^9/L, anc 2 x10^9/L
              day 9: platelets 20 x10^9/L, anc 0.4 x10^9/L, rash grade 2
              expect cycle 1 starts on day 1

            """;
    }

    public string CSharp()
    {
        var depth = Around(16);
        var inner = _random.Next(3) switch
        {
            0 => "Day > 1",
            1 => string.Join(" || ", Enumerable.Repeat("Lab(\"anc\") < 1", Around(40))),
            _ => "Math.Abs(CycleDay - 8) <= 7",
        };
        return _random.Next(3) switch
        {
            0 => new string('(', depth) + inner + new string(')', depth),
            1 => string.Concat(Enumerable.Repeat("!", Around(200))) + "(" + inner + ")",
            _ => string.Concat(Enumerable.Repeat("(Day > 1 ? ", depth)) + "true" + string.Concat(Enumerable.Repeat(" : false)", depth)),
        };
    }

    public string PatientFile()
    {
        var depth = Around(8);
        return _random.Next(3) switch
        {
            0 => "age: 66\nbaseline: " + new string('[', depth) + new string(']', depth) + "\n",
            1 => "age: 66\nbaseline: " + string.Concat(Enumerable.Repeat("{a: ", depth)) + "1" + new string('}', depth) + "\n",
            _ => "age: 66\n" + string.Concat(Enumerable.Range(0, depth).Select(i => new string(' ', i) + "k:\n")) + new string(' ', depth) + "x\n",
        };
    }

    public string EventsFile()
    {
        var sb = new StringBuilder();
        var lines = Around(100);
        for (var i = 0; i < Math.Min(lines, 2_000); i++)
        {
            sb.Append("day ").Append(1 + _random.Next(400)).Append(": ");
            sb.AppendJoin(", ", Enumerable.Range(0, Math.Min(Around(50), 500)).Select(_ => _random.Next(4) switch
            {
                0 => $"platelets {_random.Next(1, 400)} x10^9/L",
                1 => $"rash grade {_random.Next(0, 5)}",
                2 => $"frobnicate {_random.Next()}",
                _ => $"anc {new string('9', Around(9))} x10^9/L",
            }));
            sb.Append('\n');
        }

        return sb.ToString();
    }
}
