using IxaRules.Binding;
using IxaRules.Diagnostics;
using IxaRules.Syntax;
using IxaRules.Text;

namespace IxaRules.Tests;

/// <summary>
/// Each Baselines/NAME.ixr sits beside NAME.syntax.txt, NAME.model.txt, NAME.diagnostics.txt,
/// NAME.formatted.txt and NAME.tokens.txt (the editor grammar's tokens and scopes). Regenerate with IXARULES_UPDATE_BASELINES=1 and review the diff.
/// </summary>
public class BaselineTests
{
    public static TheoryData<string> Inputs()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.EnumerateFiles(TestPaths.Baselines, "*.ixr").Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetFileNameWithoutExtension(file));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Inputs))]
    public void Outputs_match_baselines(string name)
    {
        var path = Path.Combine(TestPaths.Baselines, name + ".ixr");
        var source = new SourceText(TestPaths.Relative(path), File.ReadAllText(path));
        var result = RuleFiles.Check(source);

        Compare(name + ".syntax.txt", SyntaxDump.Dump(result.Syntax));
        Compare(name + ".model.txt", result.Model is null ? "(not bound: syntax errors)\n" : ModelPrinter.Print(result.Model));
        Compare(name + ".diagnostics.txt", DiagnosticRenderer.Render(result.Diagnostics, DiagnosticFormat.Text));
        Compare(name + ".formatted.txt", result.Syntax.HasErrors ? "(not formatted: syntax errors)\n" : RuleFiles.Format(result.Syntax));
        Compare(name + ".tokens.txt", string.Concat(Editors.IxrGrammar.Tokenize(source.Text).Select(t => t + "\n")));
    }

    private static void Compare(string file, string actual)
    {
        var path = Path.Combine(TestPaths.Baselines, file);
        if (TestPaths.UpdateBaselines)
        {
            File.WriteAllText(path, actual);
            return;
        }

        Assert.True(File.Exists(path), $"missing baseline {file}; run the tests with IXARULES_UPDATE_BASELINES=1 and review it");
        Assert.Equal(File.ReadAllText(path), actual);
    }
}
