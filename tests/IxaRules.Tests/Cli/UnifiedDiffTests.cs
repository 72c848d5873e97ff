using IxaRules.Text;

namespace IxaRules.Tests.Cli;

public sealed class UnifiedDiffTests
{
    [Fact]
    public void Equal_texts_have_no_diff() => Assert.Null(UnifiedDiff.Of("a\nb\n", "a\nb\n", "x", "y"));

    [Fact]
    public void A_final_line_break_ends_the_last_line_and_is_not_an_empty_context_line() =>
        Assert.Equal("--- x\n+++ y\n@@ -1,2 +1,2 @@\n a\n-b\n+c\n", UnifiedDiff.Of("a\nb\n", "a\nc\n", "x", "y"));

    [Fact]
    public void Hunks_far_apart_are_separate_with_three_lines_of_context()
    {
        var lines = Enumerable.Range(1, 20).Select(n => n.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        var old = string.Join('\n', lines) + "\n";
        (lines[1], lines[18]) = ("two", "nineteen");
        var changed = string.Join('\n', lines) + "\n";
        Assert.Equal(
            "--- x\n+++ y\n@@ -1,5 +1,5 @@\n 1\n-2\n+two\n 3\n 4\n 5\n@@ -16,5 +16,5 @@\n 16\n 17\n 18\n-19\n+nineteen\n 20\n",
            UnifiedDiff.Of(old, changed, "x", "y"));
    }

    [Theory]
    [InlineData("a\nb", "a\nb\n", "--- x\n+++ y\n@@ -1,2 +1,2 @@\n a\n-b\n\\ No newline at end of file\n+b\n")]
    [InlineData("a\nb\n", "a\nb", "--- x\n+++ y\n@@ -1,2 +1,2 @@\n a\n-b\n+b\n\\ No newline at end of file\n")]
    [InlineData("a\nb", "a\nc", "--- x\n+++ y\n@@ -1,2 +1,2 @@\n a\n-b\n\\ No newline at end of file\n+c\n\\ No newline at end of file\n")]
    [InlineData("a\r\nb\r\n", "a\nb\n", "--- x\n+++ y\n\\ only the line breaks differ (CRLF and LF): a patch cannot show it\n")]
    public void Differences_in_line_breaks_alone_are_said(string old, string changed, string diff) =>
        Assert.Equal(diff, UnifiedDiff.Of(old, changed, "x", "y"));

    [Fact]
    public void A_long_diff_stops_at_the_limit_and_counts_the_rest()
    {
        var diff = UnifiedDiff.Of(string.Join('\n', Enumerable.Range(0, 500)) + "\n", "", "x", "y")!.Split('\n');
        Assert.Equal(UnifiedDiff.MaxLines + 2, diff.Length); // the limit, the count, the final break
        Assert.Matches(@"^… \d+ more diff lines$", diff[^2]);
    }
}
