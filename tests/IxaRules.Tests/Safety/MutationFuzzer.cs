using System.Diagnostics;
using System.Text;
using IxaRules.Binding;
using IxaRules.Evaluation;
using IxaRules.Text;

namespace IxaRules.Tests.Safety;

/// <summary>
/// A small mutation fuzzer (SharpFuzz is not available here): byte-, token- and line-level
/// mutations of the shipped rule, patient and events files, driven through parse → bind → run.
/// Every input must end in diagnostics or an outcome — never an unhandled exception — within 2 s.
/// </summary>
public static class MutationFuzzer
{
    public sealed record Seed(string Kind, string Path, string Text);

    public sealed record Finding(string Kind, string Path, int Index, string Input, string Problem);

    private static readonly string[] Tokens =
    [
        "regimen", "rule", "scenario", "drug", "levels", "hold", "until", "on recovery", "alternate", "occurrence", "counter", "when",
        "and", "or", "not", "grade", "x10^9/L", "mg/m2", "/mm3", "µmol/L", "30,000", "0", "-1", "999999999999", "2..1", ":", ",", "\"",
        "`", "#", "(", ")", ">", "<=", "≥", "discontinue", "next lower", "day", "days 1-28", "every other day", "\t", "\n", "é", "💊",
        "platelets", "ixazomib", "progression", "age:", "weight: 70 kg", "- x", "{", "[", "start: 2024-02-30",
    ];

    public static IReadOnlyList<Seed> Seeds(string root) =>
    [
        .. Directory.EnumerateFiles(Path.Combine(root, "rules"), "*.ixr").Order(StringComparer.Ordinal).Select(f => new Seed("rules", f, File.ReadAllText(f))),
        .. Directory.EnumerateFiles(Path.Combine(root, "examples"), "*.events", SearchOption.AllDirectories).Order(StringComparer.Ordinal).Select(f => new Seed("events", f, File.ReadAllText(f))),
        .. Directory.EnumerateFiles(Path.Combine(root, "examples"), "*.patient.yaml", SearchOption.AllDirectories).Order(StringComparer.Ordinal).Select(f => new Seed("patient", f, File.ReadAllText(f))),
        .. Directory.EnumerateFiles(Path.Combine(root, "populations"), "*.yaml").Order(StringComparer.Ordinal).Select(f => new Seed("population", f, File.ReadAllText(f))),
    ];

    public static string Mutate(string text, Random rng)
    {
        var mutations = 1 + rng.Next(3);
        for (var m = 0; m < mutations; m++)
        {
            text = rng.Next(3) switch
            {
                0 => MutateChars(text, rng),
                1 => MutateTokens(text, rng),
                _ => MutateLines(text, rng),
            };
        }

        return text;
    }

    private static string MutateChars(string text, Random rng)
    {
        var sb = new StringBuilder(text);
        var at = sb.Length == 0 ? 0 : rng.Next(sb.Length);
        switch (rng.Next(4))
        {
            case 0 when sb.Length > 0:
                sb.Remove(at, 1 + rng.Next(Math.Min(8, sb.Length - at)));
                break;
            case 1:
                sb.Insert(at, (char)rng.Next(32, 0x2FF));
                break;
            case 2 when sb.Length > 0:
                sb[at] = (char)(sb[at] ^ (1 << rng.Next(7)));
                break;
            default:
                sb.Insert(at, (char)rng.Next(0, 32));
                break;
        }

        return sb.ToString();
    }

    private static string MutateTokens(string text, Random rng)
    {
        var words = text.Split(' ');
        var i = rng.Next(words.Length);
        words[i] = rng.Next(3) switch
        {
            0 => Tokens[rng.Next(Tokens.Length)],
            1 => words[rng.Next(words.Length)],
            _ => "",
        };
        return string.Join(' ', words);
    }

    private static string MutateLines(string text, Random rng)
    {
        var lines = text.Split('\n').ToList();
        var i = rng.Next(lines.Count);
        switch (rng.Next(4))
        {
            case 0:
                lines.RemoveAt(i);
                break;
            case 1:
                lines.Insert(i, lines[rng.Next(lines.Count)]);
                break;
            case 2:
                (lines[i], lines[^1]) = (lines[^1], lines[i]);
                break;
            default:
                lines[i] = lines[i].TrimStart();
                break;
        }

        return string.Join('\n', lines);
    }

    /// <summary>
    /// What an editor does with a file being typed: recover at clause level, bind what is left, draw
    /// its outline and semantic tokens. Recovery must not change what the parser reports.
    /// </summary>
    private static void EditorView(SourceText source, CheckResult strict)
    {
        var recovered = RuleFiles.CheckRecovering(source);
        if (!recovered.Syntax.Diagnostics.SequenceEqual(strict.Syntax.Diagnostics))
        {
            throw new InvalidOperationException("recovery changed the syntax diagnostics");
        }

        _ = IxaRules.Cli.Lsp.Outline.Symbols(recovered.Syntax);
        _ = IxaRules.Cli.Lsp.Outline.Folds(recovered.Syntax);
        _ = IxaRules.Cli.Lsp.SemanticTokenList.Of(recovered.Syntax, recovered.AsFarAsBound);
    }

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<Seed, Syntax.SyntaxTree> SeedTrees = new();

    /// <summary>
    /// The editor's incremental parse, as if the mutation were an edit of the seed: reusing the seed's
    /// declarations must give exactly the tree a fresh parse gives.
    /// </summary>
    private static void Incremental(Seed seed, SourceText source, Syntax.SyntaxTree fresh)
    {
        var previous = SeedTrees.GetOrAdd(seed, s => Parsing.RuleParser.ParseFile(new SourceText(s.Path, s.Text), keepForReuse: true));
        var reused = Parsing.RuleParser.ParseFile(source, previous: previous);
        if (reused.Declarations.Count != fresh.Declarations.Count || !reused.Diagnostics.SequenceEqual(fresh.Diagnostics)
            || Syntax.SyntaxDump.Dump(reused) != Syntax.SyntaxDump.Dump(fresh))
        {
            throw new InvalidOperationException("the incremental parse differs from a fresh parse");
        }
    }

    /// <summary>Drives one input through every stage it reaches. Throws only on a bug.</summary>
    public static void Drive(Seed seed, string text, BoundFile ird)
    {
        switch (seed.Kind)
        {
            case "rules":
                var source = new SourceText(seed.Path, text);
                var check = RuleFiles.Check(source);
                if (check.Syntax.HasErrors)
                {
                    EditorView(source, check);
                }

                Incremental(seed, source, check.Syntax);

                if (check.Model is { } model)
                {
                    foreach (var scenario in model.Scenarios.Take(2))
                    {
                        var (regimen, patient, events) = RuleFiles.ScenarioInputs(model, scenario);
                        OutcomeJson.Write(RuleFiles.Run(model, regimen, patient, events, new RunOptions(Days: 120))); // refused runs included
                    }

                    RuleFiles.Format(check.Syntax);
                }

                break;
            case "events":
                var (loaded, problems) = RuleFiles.LoadEvents(new SourceText(seed.Path, text), ird.Regimens[0], new DateOnly(2024, 1, 1));
                if (problems.Count == 0)
                {
                    RuleFiles.Run(ird, ird.Regimens[0], Standard, loaded, new RunOptions(Days: 120));
                }

                break;
            case "population":
                var (population, _) = IxaRules.Cohort.PopulationFile.Load(new SourceText(seed.Path, text));
                if (population?.ArmFor("IRd") is { } arm)
                {
                    var generator = new IxaRules.Cohort.PatientGenerator(arm, population.FollowUpCycles);
                    if (IxaRules.Cohort.PopulationChecks.Check(population, arm, ird, ird.Regimens[0], generator).Count == 0)
                    {
                        using var prepared = PreparedRegimen.Prepare(ird, ird.Regimens[0].Name);
                        _ = IxaRules.Cohort.CohortReport.Text(new IxaRules.Cohort.CohortResult(population, arm, 3, 1,
                            IxaRules.Cohort.CohortRunner.Run(prepared, population, generator, 3, 1)));
                    }
                }

                break;
            default:
                var input = RuleFiles.LoadPatient(new SourceText(seed.Path, text));
                if (input.Patient is { } person)
                {
                    RuleFiles.CheckRunInputs(ird, ird.Regimens[0], input);
                    RuleFiles.Run(ird, ird.Regimens[0], person, [], new RunOptions(Days: 60));
                }

                break;
        }
    }

    private static readonly Patient Standard = new("fuzz", 66, "male", 75, 175, 78, null, "none", false, [], null, new DateOnly(2024, 1, 1));

    /// <summary>Runs <paramref name="count"/> mutated inputs (deterministic for a seed); returns crashes, hangs and the slowest time.</summary>
    public static (IReadOnlyList<Finding> Findings, TimeSpan Slowest, string SlowestInput) Run(IReadOnlyList<Seed> seeds, BoundFile ird, int count, int seed, TimeSpan limit)
    {
        var findings = new System.Collections.Concurrent.ConcurrentBag<Finding>();
        var slowest = TimeSpan.Zero;
        var slowestInput = "";
        var gate = new object();
        Parallel.For(0, count, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, i =>
        {
            // Not HashCode.Combine: it is randomised per process, which made the "fixed-seed" batch irreproducible.
            var rng = new Random(unchecked((seed * 1_000_003) + i));
            var original = seeds[rng.Next(seeds.Count)];
            var input = Mutate(original.Text, rng);
            var clock = Stopwatch.StartNew();
            try
            {
                Drive(original, input, ird);
            }
            catch (Exception e)
            {
                findings.Add(new Finding(original.Kind, original.Path, i, input, $"{e.GetType().Name}: {e.Message}\n{e.StackTrace}"));
            }

            var elapsed = clock.Elapsed;
            if (elapsed > limit)
            {
                findings.Add(new Finding(original.Kind, original.Path, i, input, $"took {elapsed.TotalSeconds:0.00} s"));
            }

            lock (gate)
            {
                if (elapsed > slowest)
                {
                    (slowest, slowestInput) = (elapsed, $"{original.Path} mutation #{i}");
                }
            }
        });
        return ([.. findings.OrderBy(f => f.Index)], slowest, slowestInput);
    }
}
