namespace IxaRules.Diagnostics.Catalog;

/// <summary>Units and validation: what binds but cannot be right (IXR2xxx). Codes are stable: users, CI filters and editors rely on them.</summary>
internal static class ValidationCodes
{
    public static readonly DiagnosticDescriptor UnknownUnit = new("IXR2001", DiagnosticSeverity.Error, "unknown unit");

    public static readonly DiagnosticDescriptor WrongUnit = new("IXR2002", DiagnosticSeverity.Error, "unit of the wrong dimension");

    public static readonly DiagnosticDescriptor MissingUnit = new("IXR2003", DiagnosticSeverity.Error, "missing unit");

    public static readonly DiagnosticDescriptor DoseBasisMismatch = new("IXR2004", DiagnosticSeverity.Error, "dose basis differs from the drug's");

    public static readonly DiagnosticDescriptor LevelsNotDescending = new("IXR2005", DiagnosticSeverity.Error, "dose levels not descending");

    public static readonly DiagnosticDescriptor StartNotOnLadder = new("IXR2006", DiagnosticSeverity.Error, "starting dose not on the ladder");

    public static readonly DiagnosticDescriptor LadderNeedsDiscontinue = new("IXR2007", DiagnosticSeverity.Error, "ladder without a final discontinue");

    public static readonly DiagnosticDescriptor DayOutsideCycle = new("IXR2008", DiagnosticSeverity.Error, "day outside the cycle or range");

    public static readonly DiagnosticDescriptor AdjustmentNotOnLadder = new("IXR2009", DiagnosticSeverity.Error, "adjusted dose not on the ladder");

    public static readonly DiagnosticDescriptor BranchNeverRuns = new("IXR2010", DiagnosticSeverity.Error, "occurrence branch never runs");

    public static readonly DiagnosticDescriptor RuleWithoutTrigger = new("IXR2011", DiagnosticSeverity.Error, "rule without a trigger");

    public static readonly DiagnosticDescriptor RuleWithoutAction = new("IXR2012", DiagnosticSeverity.Error, "rule without an action");

    public static readonly DiagnosticDescriptor CounterNotStated = new("IXR2013", DiagnosticSeverity.Error, "counter not stated");

    public static readonly DiagnosticDescriptor NoLadder = new("IXR2014", DiagnosticSeverity.Error, "reduction of a drug without a ladder");

    public static readonly DiagnosticDescriptor BadGrade = new("IXR2015", DiagnosticSeverity.Error, "invalid grade");

    public static readonly DiagnosticDescriptor StartingWithNotListed = new("IXR2016", DiagnosticSeverity.Error, "alternation starts with a drug it does not list");

    public static readonly DiagnosticDescriptor RecoveryWithoutHold = new("IXR2017", DiagnosticSeverity.Error, "resume without a hold");

    public static readonly DiagnosticDescriptor BadTitration = new("IXR2018", DiagnosticSeverity.Error, "invalid titration");

    public static readonly DiagnosticDescriptor DuplicateClause = new("IXR2019", DiagnosticSeverity.Error, "clause written twice");

    public static readonly DiagnosticDescriptor RegimenWithoutCycle = new("IXR2020", DiagnosticSeverity.Error, "regimen without a cycle length");

    public static readonly DiagnosticDescriptor PhaseWithoutDrugs = new("IXR2021", DiagnosticSeverity.Error, "phase without drugs");

    public static readonly DiagnosticDescriptor BadNumber = new("IXR2022", DiagnosticSeverity.Error, "number out of its range");

    public static readonly DiagnosticDescriptor ClauseOutsidePhase = new("IXR2023", DiagnosticSeverity.Error, "clause outside a phase");

    public static readonly DiagnosticDescriptor NotADose = new("IXR2024", DiagnosticSeverity.Error, "not a dose");

    public static readonly DiagnosticDescriptor ActionOutsideBranch = new("IXR2025", DiagnosticSeverity.Error, "action outside an occurrence branch");

    public static readonly DiagnosticDescriptor NoRegimen = new("IXR2026", DiagnosticSeverity.Error, "no regimen in the file");

    public static readonly DiagnosticDescriptor BaselineNeedsUpperBound = new("IXR2027", DiagnosticSeverity.Error, "baseline condition without an upper grade");
}
