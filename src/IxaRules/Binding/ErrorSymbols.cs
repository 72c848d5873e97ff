using IxaRules.Syntax;

namespace IxaRules.Binding;

/// <summary>
/// Names whose declaration is broken: it did not parse (the parser read its name), or it parsed but
/// did not bind. Like Bicep's error symbols, they stop cascades: a reference to such a name is not
/// reported again as unknown, because the real mistake is already reported where it is. A broken
/// declaration whose name could not be read stands for every name of its kind.
/// </summary>
internal sealed class ErrorSymbols
{
    private readonly HashSet<string> _regimens = new(StringComparer.Ordinal);
    private readonly HashSet<string> _rules = new(StringComparer.Ordinal);
    private bool _unnamedRegimen;
    private bool _unnamedRule;

    public static ErrorSymbols From(IEnumerable<BrokenDeclaration> broken)
    {
        var symbols = new ErrorSymbols();
        foreach (var declaration in broken)
        {
            switch (declaration.Keyword, declaration.Name)
            {
                case ("regimen", { } name):
                    symbols._regimens.Add(name.Text);
                    break;
                case ("regimen", null):
                    symbols._unnamedRegimen = true;
                    break;
                case ("rule", { } name):
                    symbols._rules.Add(name.Text);
                    break;
                case ("rule", null):
                    symbols._unnamedRule = true;
                    break;
            }
        }

        return symbols;
    }

    /// <summary>Some regimen of the file is broken: "no regimen" or "which regimen?" cannot be told.</summary>
    public bool AnyRegimen => _unnamedRegimen || _regimens.Count > 0;

    public bool IsRegimen(string name) => _unnamedRegimen || _regimens.Contains(name);

    public bool IsRule(string name) => _unnamedRule || _rules.Contains(name);

    /// <summary>A rule that parsed but did not bind: its errors are reported; scenarios naming it say nothing more.</summary>
    public void AddRule(string name) => _rules.Add(name);
}
