namespace IxaRules.Diagnostics.Catalog;

/// <summary>Run inputs: events files, patient files and what a run needs (IXR4xxx). Codes are stable: users, CI filters and editors rely on them.</summary>
internal static class RunInputCodes
{
    public static readonly DiagnosticDescriptor EventsLine = new("IXR4001", DiagnosticSeverity.Error, "not an events line");

    public static readonly DiagnosticDescriptor DateWithoutStart = new("IXR4002", DiagnosticSeverity.Error, "dated event without a start date");

    public static readonly DiagnosticDescriptor DayOutOfRange = new("IXR4003", DiagnosticSeverity.Error, "study day out of range");

    public static readonly DiagnosticDescriptor BadDate = new("IXR4004", DiagnosticSeverity.Error, "not a calendar date");

    public static readonly DiagnosticDescriptor InputTooLarge = new("IXR4005", DiagnosticSeverity.Error, "input file too large");

    public static readonly DiagnosticDescriptor ConflictingReports = new("IXR4006", DiagnosticSeverity.Error, "two different reports on one day");

    public static readonly DiagnosticDescriptor BadExposureTarget = new("IXR4007", DiagnosticSeverity.Error, "invalid exposure target");

    public static readonly DiagnosticDescriptor QualifierNotStated = new("IXR4008", DiagnosticSeverity.Error, "qualifier a rule decides on is not stated");

    public static readonly DiagnosticDescriptor InvalidYaml = new("IXR4101", DiagnosticSeverity.Error, "patient file is not a YAML mapping");

    public static readonly DiagnosticDescriptor UnknownPatientField = new("IXR4102", DiagnosticSeverity.Error, "unknown patient field");

    public static readonly DiagnosticDescriptor BadPatientValue = new("IXR4103", DiagnosticSeverity.Error, "invalid patient value");

    public static readonly DiagnosticDescriptor Implausible = new("IXR4104", DiagnosticSeverity.Error, "implausible value");

    public static readonly DiagnosticDescriptor SecondDocument = new("IXR4105", DiagnosticSeverity.Error, "second YAML document");

    public static readonly DiagnosticDescriptor YamlTooDeep = new("IXR4106", DiagnosticSeverity.Error, "patient file nested too deeply");

    public static readonly DiagnosticDescriptor AnchorOrAlias = new("IXR4107", DiagnosticSeverity.Error, "YAML anchor or alias");

    public static readonly DiagnosticDescriptor FieldGivenTwice = new("IXR4108", DiagnosticSeverity.Error, "field given twice");

    public static readonly DiagnosticDescriptor BodySizeNeeded = new("IXR4201", DiagnosticSeverity.Error, "body size needed for the dose");

    public static readonly DiagnosticDescriptor CovariateUnknown = new("IXR4202", DiagnosticSeverity.Error, "covariate the regimen depends on is unknown");

    public static readonly DiagnosticDescriptor UnknownPopulationKey = new("IXR4301", DiagnosticSeverity.Error, "unknown key in a population file");

    public static readonly DiagnosticDescriptor MissingPopulationParameter = new("IXR4302", DiagnosticSeverity.Error, "population parameter missing");

    public static readonly DiagnosticDescriptor BadPopulationValue = new("IXR4303", DiagnosticSeverity.Error, "invalid population parameter");

    public static readonly DiagnosticDescriptor NoArmForRegimen = new("IXR4304", DiagnosticSeverity.Error, "population has no arm for the regimen");

    public static readonly DiagnosticDescriptor ArmDoesNotFitRegimen = new("IXR4305", DiagnosticSeverity.Error, "population arm does not give what the regimen decides on");
}
