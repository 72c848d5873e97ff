using IxaRules.Diagnostics;
using IxaRules.Diagnostics.Catalog;
using IxaRules.Binding;
using IxaRules.Evaluation;
using IxaRules.Text;
using YamlDotNet.RepresentationModel;

namespace IxaRules.Cohort;

/// <summary>
/// Loads a population model (docs/cohort.md) from YAML. Every parameter is a flow mapping with a
/// <c>source</c>; a missing, unknown or out-of-range parameter is a located error (IXR43xx), and a
/// file with any error gives no population — a cohort never runs on a half-read model.
/// </summary>
internal static class PopulationFile
{
    public static readonly YamlFileKind Kind = new("population file", "population", "population: TOURMALINE-MM1",
        "a population file is `arms:` with one mapping per regimen, each parameter a `{…, source: \"…\"}` mapping", InputFile.PatientFileChars, 8);

    private static readonly string[] TopKeys = ["population", "follow-up", "arms"];

    private static readonly string[] ArmKeys = ["age", "male", "crcl", "hepatic", "dialysis", "neuropathy", "platelets", "anc", "progression", "death", "events", "published"];

    public static (Population? Population, IReadOnlyList<Diagnostic> Diagnostics) Load(SourceText source)
    {
        var errors = new List<Diagnostic>();
        if (YamlShape.Load(source, Kind, errors) is not { } root)
        {
            return (null, DiagnosticBag.Capped(errors));
        }

        var top = new YamlFields(source, root, "the population file", TopKeys, errors);
        var name = top.Text("population") ?? "";
        var followUp = top.Map("follow-up", ["cycles", "source"]);
        var cycles = followUp?.Number("cycles", 1, 200);
        if (cycles is { } whole && whole.Value != decimal.Truncate(whole.Value))
        {
            followUp!.Fail("cycles", "`cycles` is a whole number of 28-day cycles");
        }
        var arms = new List<Arm>();
        if (top.Node("arms") is { } armsNode)
        {
            if (armsNode is not YamlMappingNode armMap || armMap.Children.Count == 0)
            {
                errors.Add(RunInputCodes.BadPopulationValue.At(source, top.SpanOf(armsNode), "`arms` must map each regimen name to its arm", "e.g. `arms:` then `  IRd:` indented"));
            }
            else
            {
                foreach (var (key, value) in armMap.Children)
                {
                    var regimen = (key as YamlScalarNode)?.Value ?? "";
                    if (value is not YamlMappingNode arm)
                    {
                        errors.Add(RunInputCodes.BadPopulationValue.At(source, top.SpanOf(value), $"arm `{regimen}` must be a mapping of its parameters"));
                        continue;
                    }

                    if (ReadArm(source, regimen, arm, errors, top.SpanOf(key)) is { } read)
                    {
                        arms.Add(read);
                    }
                }
            }
        }

        if (errors.Count > 0)
        {
            return (null, DiagnosticBag.Capped(DiagnosticBag.Sort(errors)));
        }

        return (new Population(name, source, (int)cycles!.Value, cycles.Source, arms, top.KeySpan("arms")), []);
    }

    private static Arm? ReadArm(SourceText source, string regimen, YamlMappingNode node, List<Diagnostic> errors, TextSpan at)
    {
        var before = errors.Count;
        var arm = new YamlFields(source, node, $"arm `{regimen}`", ArmKeys, errors);
        var age = arm.Map("age", ["min", "median", "max", "over", "fraction-over", "source"]);
        var male = arm.Map("male", ["fraction", "source"]);
        var crcl = arm.Map("crcl", null);
        var hepatic = arm.Map("hepatic", ["class", "source"]);
        var dialysis = arm.Map("dialysis", ["value", "source"]);
        var neuropathy = arm.Map("neuropathy", ["grade-1", "source"]);
        var platelets = arm.Map("platelets", ["min", "max", "source"]);
        var anc = arm.Map("anc", ["min", "max", "source"]);
        var progression = arm.Map("progression", ["median-months", "source"]);
        var death = arm.Map("death", ["incidence", "source"]);
        var covariates = new Covariates(
            N(age, "min", 18, 110), N(age, "median", 18, 110), N(age, "max", 18, 110), N(age, "over", 18, 110), N(age, "fraction-over", 0.001m, 0.999m),
            N(male, "fraction", 0, 1),
            Bands(source, crcl, errors),
            hepatic?.Choice("class", ["none", "mild", "moderate", "severe"]) ?? "", hepatic?.Source ?? "",
            dialysis?.Choice("value", ["true", "false"]) == "true", dialysis?.Source ?? "",
            N(platelets, "min", 1, 2000), N(platelets, "max", 1, 2000), N(anc, "min", 0.1m, 100), N(anc, "max", 0.1m, 100),
            N(neuropathy, "grade-1", 0, 1));
        var disease = new Disease(N(progression, "median-months", 0.5m, 600), N(death, "incidence", 0, 0.99m));
        Ordered(age, covariates.AgeMin, covariates.AgeMedian, covariates.AgeMax, "age: min <= median <= max");
        Ordered(age, covariates.AgeMin, covariates.AgeOverThreshold, covariates.AgeMax, "age: `over` lies between min and max");
        if (age is not null && errors.Count == before
            && (covariates.AgeOverThreshold.Value + 1 < covariates.AgeMedian.Value) != (covariates.AgeOverFraction.Value > 0.5m)
            && covariates.AgeOverThreshold.Value + 1 != covariates.AgeMedian.Value)
        {
            age.Fail(null, "age: `fraction-over` contradicts the median (more than half are over an age below the median, or the reverse)");
        }
        Ordered(platelets, covariates.PlateletsMin, covariates.PlateletsMax, covariates.PlateletsMax, "platelets: min <= max");
        Ordered(anc, covariates.AncMin, covariates.AncMax, covariates.AncMax, "anc: min <= max");
        var events = new List<AdverseEventProcess>();
        switch (arm.Node("events"))
        {
            case YamlMappingNode { Children.Count: > 0 } eventMap:
                events.AddRange(eventMap.Children.Select(e => PopulationEvents.Read(source, e.Key, e.Value, errors)).OfType<AdverseEventProcess>());
                break;
            case null:
                arm.Require("events");
                break;
            default:
                arm.Fail("events", "`events` maps each adverse event to its worst-grade incidences", "e.g. `rash: {1-2: 0.31, 3: 0.05, days: 14, source: \"seed 002 l.829\"}` on its own line under `events:`");
                break;
        }

        var published = new List<PublishedFigure>();
        switch (arm.Node("published"))
        {
            case YamlSequenceNode { Children.Count: > 0 } list:
                published.AddRange(list.Children.Select(item => ReadFigure(source, item, errors)).OfType<PublishedFigure>());
                break;
            case null:
                arm.Require("published");
                break;
            default:
                arm.Fail("published", "`published` is a list of the figures the replay is compared with", "e.g. `- {figure: median-rdi, drug: ixazomib, value: 97.4, tolerance: 5, source: \"…\"}`");
                break;
        }

        return errors.Count > before ? null : new Arm(regimen, covariates, disease, events, published, at);

        Cited N(YamlFields? map, string key, decimal min, decimal max) => map?.Number(key, min, max) ?? new Cited(0, "");

        // Values that each read well but contradict one another would make a nonsensical population.
        void Ordered(YamlFields? map, Cited low, Cited middle, Cited high, string rule)
        {
            if (map is not null && errors.Count == before && !(low.Value <= middle.Value && middle.Value <= high.Value))
            {
                map.Fail(null, $"{rule} does not hold here");
            }
        }
    }

    private static readonly Dictionary<string, FigureKind> Figures = new(StringComparer.Ordinal)
    {
        ["median-rdi"] = FigureKind.MedianRdi,
        ["mean-rdi"] = FigureKind.MeanRdi,
        ["median-time-rdi"] = FigureKind.MedianTimeRdi,
        ["reduced"] = FigureKind.Reduced,
        ["reduced-any"] = FigureKind.ReducedAny,
        ["discontinued-ae"] = FigureKind.DiscontinuedForAdverseEvents,
        ["median-cycles"] = FigureKind.MedianCycles,
        ["died"] = FigureKind.Died,
        ["reached-phase"] = FigureKind.ReachedPhase,
    };

    private static PublishedFigure? ReadFigure(SourceText source, YamlNode item, List<Diagnostic> errors)
    {
        var before = errors.Count;
        var fields = new YamlFields(source, item as YamlMappingNode ?? new YamlMappingNode(), "a published figure", ["figure", "drug", "phase", "value", "tolerance", "gap", "source"], errors, item);
        var figure = fields.Choice("figure", [.. Figures.Keys]);
        var drug = fields.Text("drug", required: false);
        var value = fields.Number("value", 0, 1000);
        if (figure is null)
        {
            return null;
        }

        var tolerance = fields.Number("tolerance", 0, 1000);
        if (figure is "median-rdi" or "mean-rdi" or "median-time-rdi" or "reduced" && drug is null)
        {
            fields.Fail("figure", $"`{figure}` is a figure of one drug: add `drug: …`");
        }
        else if (figure is not null and not ("median-rdi" or "mean-rdi" or "median-time-rdi" or "reduced") && drug is not null)
        {
            fields.Fail("drug", $"`{figure}` is not a figure of one drug: remove `drug:`");
        }

        if (figure is not null and not "median-cycles" && value is { Value: > 100 })
        {
            fields.Fail("value", $"`{figure}` is a percentage: 0 to 100");
        }

        var phase = fields.Text("phase", required: false);
        if (figure is "reached-phase" && phase is null)
        {
            fields.Fail("figure", "`reached-phase` names the phase: add `phase: …`");
        }

        return errors.Count > before || figure is null
            ? null
            : new PublishedFigure(Figures[figure], drug, value!.Value, tolerance!.Value, fields.Source ?? "", source.Line(fields.Span), fields.Text("gap", required: false), phase, fields.Span);
    }

    /// <summary>Creatinine-clearance bands: keys `FROM-TO` (mL/min) with the fraction of patients in each.</summary>
    private static IReadOnlyList<(decimal From, decimal To, Cited Fraction)> Bands(SourceText source, YamlFields? map, List<Diagnostic> errors)
    {
        if (map is null)
        {
            return [];
        }

        var bands = new List<(decimal, decimal, Cited)>();
        foreach (var key in map.Keys.Where(k => k != "source"))
        {
            var parts = key.Split('-');
            const System.Globalization.NumberStyles plain = System.Globalization.NumberStyles.AllowDecimalPoint;
            if (parts.Length != 2 || !decimal.TryParse(parts[0], plain, System.Globalization.CultureInfo.InvariantCulture, out var from)
                || !decimal.TryParse(parts[1], plain, System.Globalization.CultureInfo.InvariantCulture, out var to) || to <= from || to > 500)
            {
                errors.Add(RunInputCodes.UnknownPopulationKey.At(source, map.KeySpan(key), $"`{key}` is not a creatinine-clearance band", "write bands as `FROM-TO: fraction`, e.g. `30-60: 0.21` (mL/min, up to 500)"));
                continue;
            }

            if (map.Number(key, 0, 1) is { } fraction)
            {
                bands.Add((from, to, fraction));
            }
        }

        var sorted = bands.OrderBy(b => b.Item1).ToList();
        if (sorted.Zip(sorted.Skip(1)).FirstOrDefault(p => p.Second.Item1 < p.First.Item2) is { First.Item3: not null } overlap)
        {
            map.Fail(null, string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"the creatinine-clearance bands {overlap.First.Item1}-{overlap.First.Item2} and {overlap.Second.Item1}-{overlap.Second.Item2} overlap"));
        }

        if (bands.Count == 0)
        {
            map.Fail(null, "`crcl` gives no band");
        }
        else if (Math.Abs(bands.Sum(b => b.Item3.Value) - 1m) > 0.02m)
        {
            map.Fail(null, $"the creatinine-clearance bands add up to {bands.Sum(b => b.Item3.Value).ToString(System.Globalization.CultureInfo.InvariantCulture)}, not 1 (rounding of up to 0.02 is accepted)");
        }

        return bands;
    }
}
