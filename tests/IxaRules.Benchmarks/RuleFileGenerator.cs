using System.Globalization;
using System.Text;

namespace IxaRules.Benchmarks;

/// <summary>Builds a large, valid rule file: one IRd-like regimen, then many rules and scenarios.</summary>
internal static class RuleFileGenerator
{
    private const string Header = """
        regimen Big "generated"
          version 1
          cycle 28 days until progression or unacceptable toxicity
          drug ixazomib oral 4 mg days 1, 8, 15
            levels 4 mg > 3 mg > 2.3 mg > discontinue
          drug lenalidomide oral 25 mg days 1-21
            levels 25 mg > 15 mg > 10 mg > 5 mg > discontinue
          drug dexamethasone oral 40 mg days 1, 8, 15, 22
          start lenalidomide at 10 mg when crcl <= 60 mL/min
          start ixazomib at 3 mg when crcl < 30 mL/min or hepatic is moderate or severe
          before each cycle
            require anc >= 1,000/mm3
            and platelets >= 75,000/mm3
            and any non-haematologic grade <= 1
            else delay recheck every 7 days

        """;

    public static string Generate(int targetBytes)
    {
        var sb = new StringBuilder(Header, targetBytes + 4096);
        for (var i = 0; sb.Length < targetBytes; i++)
        {
            sb.Append(CultureInfo.InvariantCulture, $"""
                rule r{i}  # generated rule {i}
                  source "generated"
                  counter per rule
                  when platelets < {20 + (i % 10)} x10^9/L and anc >= 0.{1 + (i % 9)} x10^9/L or rash grade 2..3 with pain
                  occurrence 1:
                    hold ixazomib, lenalidomide until platelets >= 30,000/mm3
                    on recovery alternate lenalidomide, ixazomib next lower, starting with lenalidomide
                  occurrence 2 or later:
                    reduce lenalidomide next lower

                scenario "s{i}"
                  patient age {50 + (i % 30)}, crcl {40 + (i % 50)} mL/min, hepatic none, sex female
                  day {1 + (i % 40)}: platelets {10 + (i % 60)} x10^9/L, rash grade {i % 4} with pain
                  expect lenalidomide held on days 3-5, 15 mg on day 9


                """);
        }

        return sb.ToString();
    }
}
