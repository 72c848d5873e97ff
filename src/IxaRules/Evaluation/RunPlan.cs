using System.Runtime.CompilerServices;
using IxaRules.Binding;

namespace IxaRules.Evaluation;

/// <summary>
/// What every run of one regimen with one backend shares: the regimen, its rules in file order,
/// their trigger code, the C# conditions' delegates, and whether evaluation can skip days without
/// events. Built once per regimen and backend, not once per patient: a cohort runs the same
/// regimen thousands of times. Everything a run reads is resolved here; a run looks up no names.
/// </summary>
internal sealed class RunPlan
{
    private static readonly ConditionalWeakTable<ConditionCode, ConditionalWeakTable<Regimen, RunPlan>> Plans = [];

    internal RunPlan(BoundFile file, Regimen regimen, ConditionCode code, Func<CSharpCondition, WorldState, bool?>? csharp)
    {
        File = file;
        Regimen = regimen;
        Code = code;
        CSharp = csharp;
        Rules = [.. file.RulesFor(regimen.Name)];
        Triggers = [.. Rules.Select(r => code.For(r.Trigger))];
        NamesTerminal = [.. Rules.Select(r => ConditionLeaves.Of(r.Trigger).Any(l => l is TerminalCondition))];
        Incremental = !Rules.Any(r => ConditionLeaves.Of(r.Trigger).Any(l => l is CSharpCondition)
            || r.Branches.SelectMany(b => b.Actions).OfType<HoldDrugs>().Any(h => ConditionLeaves.Of(h.Until).Any(l => l is CSharpCondition)));
    }

    public BoundFile File { get; }

    public Regimen Regimen { get; }

    /// <summary>How conditions are evaluated: the tree walk, or the regimen's compiled code.</summary>
    public ConditionCode Code { get; }

    /// <summary>The file's C# conditions, compiled (null when it has none).</summary>
    public Func<CSharpCondition, WorldState, bool?>? CSharp { get; }

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

    /// <summary>The plan for one-off runs (tests, the library's convenience call): kept only while its code and regimen live.</summary>
    public static RunPlan For(BoundFile file, Regimen regimen, ConditionCode code) =>
        Plans.GetValue(code, _ => []).GetValue(regimen, r => new RunPlan(file, r, code, Compilation.CSharpConditions.For(file)));
}
