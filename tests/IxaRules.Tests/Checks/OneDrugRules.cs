namespace IxaRules.Tests.Checks;

/// <summary>The smallest regimen with a ladder and one rule, shared by the test-command tests.</summary>
internal static class OneDrugRules
{
    public const string Text = """
        regimen R
          cycle 28 days until progression
          drug ixazomib oral 4 mg days 1, 8, 15
            levels 4 mg > 3 mg > 2.3 mg > discontinue

        rule thrombocytopenia
          when platelets < 30 x10^9/L
          hold ixazomib until platelets >= 30 x10^9/L
          on recovery resume ixazomib next lower

        """;
}
