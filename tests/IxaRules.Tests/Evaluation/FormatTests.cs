using System.Globalization;
using FsCheck;
using FsCheck.Fluent;
using IxaRules.Evaluation;

namespace IxaRules.Tests.Evaluation;

/// <summary>The trail's number format has a fast path; it must print exactly what "0.##" prints.</summary>
public class FormatTests
{
    private static string Reference(decimal value) => value.ToString("0.##", CultureInfo.InvariantCulture);

    [Theory]
    [InlineData("0")]
    [InlineData("-0")]
    [InlineData("0.004")]
    [InlineData("-0.004")]
    [InlineData("0.005")]
    [InlineData("-0.005")]
    [InlineData("1.005")]
    [InlineData("2.345")]
    [InlineData("-2.345")]
    [InlineData("1.20")]
    [InlineData("30000")]
    [InlineData("30000.000")]
    [InlineData("0.75")]
    [InlineData("79228162514264337593543950335")]
    [InlineData("-79228162514264337593543950335")]
    [InlineData("7922816251426433759354395033.5")]
    [InlineData("0.0000000000000000000000000001")]
    public void Edge_values_print_as_the_custom_format_does(string text)
    {
        var value = decimal.Parse(text, CultureInfo.InvariantCulture);
        Assert.Equal(Reference(value), Patient.Format(value));
    }

    [Fact]
    public void Random_values_of_every_scale_print_as_the_custom_format_does()
    {
        var values =
            from lo in Gen.Choose(int.MinValue, int.MaxValue)
            from mid in Gen.Choose(int.MinValue, int.MaxValue)
            from hi in Gen.Elements(0, 0, 0, 1, 1000, int.MaxValue)
            from negative in Gen.Elements(false, true)
            from scale in Gen.Choose(0, 28)
            select new decimal(lo, mid, hi, negative, (byte)scale);
        Prop.ForAll(values.ToArbitrary(), value => Assert.Equal(Reference(value), Patient.Format(value)))
            .Check(Config.QuickThrowOnFailure.WithMaxTest(20_000).WithQuietOnSuccess(true));
    }
}
