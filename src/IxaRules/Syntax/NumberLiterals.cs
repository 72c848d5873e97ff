namespace IxaRules.Syntax;

internal static class NumberLiterals
{
    /// <summary>
    /// The value as an int, saturating at the int range: a 40-digit number must become a range
    /// diagnostic ("outside the cycle", "too long"), never an overflow. Found by the fuzzer.
    /// </summary>
    public static int ToInt(this NumberLiteral number) =>
        number.Value >= int.MaxValue ? int.MaxValue : number.Value <= int.MinValue ? int.MinValue : (int)decimal.Truncate(number.Value);
}
