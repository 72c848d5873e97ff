using System.Globalization;
using System.Runtime.CompilerServices;
using IxaRules.Binding;

namespace IxaRules.Evaluation;

/// <summary>
/// What every run of one regimen with one backend shares: its rules in file order, their trigger
/// code, and the `file:line` of every declaration a decision can cite. Built once per regimen and
/// backend, not once per patient: a cohort runs the same regimen thousands of times.
/// </summary>
internal sealed class RunPlan
{
    private static readonly ConditionalWeakTable<ConditionCode, ConditionalWeakTable<Regimen, RunPlan>> Plans = [];

    private readonly Dictionary<int, string> _sources = [];
    private readonly string _path;

    private RunPlan(BoundFile file, Regimen regimen, ConditionCode code)
    {
        _path = file.Source.Path;
        Rules = [.. file.RulesFor(regimen.Name)];
        Triggers = [.. Rules.Select(r => code.For(r.Trigger))];
        NamesTerminal = [.. Rules.Select(r => ConditionLeaves.Of(r.Trigger).Any(l => l is TerminalCondition))];
        Incremental = !Rules.Any(r => ConditionLeaves.Of(r.Trigger).Any(l => l is CSharpCondition)
            || r.Branches.SelectMany(b => b.Actions).OfType<HoldDrugs>().Any(h => ConditionLeaves.Of(h.Until).Any(l => l is CSharpCondition)));
        var lines = new List<int> { regimen.Line };
        foreach (var phase in regimen.Phases)
        {
            lines.AddRange(phase.StartAdjustments.Select(a => a.Line));
            lines.AddRange(phase.Titrations.Select(t => t.Line));
            if (phase.CycleStart is { } criteria)
            {
                lines.Add(criteria.Line);
            }
        }

        foreach (var rule in Rules)
        {
            lines.Add(rule.Line);
            lines.AddRange(rule.Branches.SelectMany(b => b.Actions).Select(a => a.Line));
        }

        foreach (var line in lines)
        {
            _sources[line] = Format(_path, line);
        }
    }

    public DoseRule[] Rules { get; }

    public Func<WorldState, Truth>[] Triggers { get; }

    /// <summary>Per rule: does its trigger name a terminal event (those rules also run before terminal events end treatment)?</summary>
    public bool[] NamesTerminal { get; }

    /// <summary>
    /// True when no trigger or recovery condition is C#: then they read only what events change
    /// (labs, adverse events, terminal events, the baseline), and need no re-evaluation on a day
    /// without events. C# can read the day, the cycle and the counters, so a file with C# rules
    /// re-evaluates every day.
    /// </summary>
    public bool Incremental { get; }

    /// <summary>Set by a test, on its own thread, to evaluate every day and prove that incremental evaluation changes nothing.</summary>
    [ThreadStatic]
    internal static bool EvaluateEveryDay;

    public static RunPlan For(BoundFile file, Regimen regimen, ConditionCode code) =>
        Plans.GetValue(code, _ => []).GetValue(regimen, r => new RunPlan(file, r, code));

    /// <summary>`file:line` of a declaration, formatted once.</summary>
    public string SourceOf(int line) => _sources.TryGetValue(line, out var source) ? source : Format(_path, line);

    private static string Format(string path, int line) => string.Create(CultureInfo.InvariantCulture, $"{path}:{line}");

}
