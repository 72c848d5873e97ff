using BenchmarkDotNet.Attributes;
using IxaRules.Text;

namespace IxaRules.Benchmarks;

/// <summary>
/// Parse and parse+bind throughput on a generated ~1 MB rule file. The baseline is a hand-written
/// tokenizer over the same text: every parser must at least look at every character once.
/// MB/s = size / mean time; allocations come from the memory diagnoser.
/// </summary>
[MemoryDiagnoser]
public class ParseBindBenchmarks
{
    private string _text = "";

    [Params(1_000_000)]
    public int Bytes { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _text = RuleFileGenerator.Generate(Bytes);
        var check = RuleFiles.Check(new SourceText("big.ixr", _text));
        if (check.HasErrors)
        {
            throw new InvalidOperationException("generated file does not check: " + check.Diagnostics[0]);
        }
    }

    [Benchmark(Baseline = true)]
    public int HandWrittenTokenizer() => HandTokenizer.CountTokens(_text);

    [Benchmark]
    public int Parse() => RuleFiles.Parse(new SourceText("big.ixr", _text)).Declarations.Count;

    [Benchmark]
    public int ParseAndBind() => RuleFiles.Check(new SourceText("big.ixr", _text)).Model!.Rules.Count;
}

/// <summary>The floor: split into words, numbers, strings and symbols, skipping comments. No tree, no checks.</summary>
internal static class HandTokenizer
{
    public static int CountTokens(string text)
    {
        var count = 0;
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (char.IsWhiteSpace(c))
            {
                i++;
            }
            else if (c == '#')
            {
                while (i < text.Length && text[i] != '\n')
                {
                    i++;
                }
            }
            else if (c == '"')
            {
                i++;
                while (i < text.Length && text[i] != '"')
                {
                    i++;
                }

                i++;
                count++;
            }
            else if (char.IsLetterOrDigit(c))
            {
                while (i < text.Length && (char.IsLetterOrDigit(text[i]) || text[i] is '.' or ',' or '-' or '_' or '^' or '/'))
                {
                    i++;
                }

                count++;
            }
            else
            {
                i++;
                count++;
            }
        }

        return count;
    }
}
