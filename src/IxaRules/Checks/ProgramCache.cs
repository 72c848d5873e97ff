using IxaRules.Binding;
using IxaRules.Text;

namespace IxaRules.Checks;

/// <summary>
/// The rule files and prepared regimens of one test run (or one check script): each rule file is
/// checked once however many scenarios, examples and scripts use it, and each regimen is prepared
/// once per backend. Disposing it unloads the compiled code.
/// </summary>
internal sealed class ProgramCache(Backend backend) : IDisposable
{
    private readonly Dictionary<string, CheckResult> _checked = new(StringComparer.Ordinal);
    private readonly Dictionary<Regimen, PreparedRegimen> _prepared = new(ReferenceEqualityComparer.Instance);

    public Backend Backend => backend;

    /// <summary>The checked rule file at a path (read once, under the rule-file size limit); <paramref name="display"/> is how diagnostics name it.</summary>
    public CheckResult Check(string path, string display)
    {
        var full = Path.GetFullPath(path);
        if (!_checked.TryGetValue(full, out var result))
        {
            _checked[full] = result = RuleFiles.Check(InputFile.Read(full, InputFile.RuleFileChars, display));
        }

        return result;
    }

    /// <summary>The regimen of a checked file, prepared for this run's backend.</summary>
    public PreparedRegimen For(BoundFile file, Regimen regimen)
    {
        if (!_prepared.TryGetValue(regimen, out var prepared))
        {
            var cache = backend == Backend.Compiled ? Compilation.RegimenCompiler.DefaultCacheDirectory : null;
            _prepared[regimen] = prepared = PreparedRegimen.Prepare(file, regimen, backend, cache);
        }

        return prepared;
    }

    public void Dispose()
    {
        foreach (var prepared in _prepared.Values)
        {
            prepared.Dispose();
        }
    }
}
