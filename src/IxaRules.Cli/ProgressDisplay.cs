using IxaRules.Diagnostics;
using Spectre.Console;

namespace IxaRules.Cli;

/// <summary>
/// A live progress display (Spectre.Console) on standard error while `test` and `cohort` run, shown
/// only when standard error is a terminal (see <see cref="Terminal"/>) and cleared when done, so it
/// never reaches a file or a CI log. Without a terminal the work runs with no reporter at all.
/// </summary>
internal static class ProgressDisplay
{
    /// <summary>Work that reports how many of <paramref name="total"/> are done (cohort: virtual patients).</summary>
    public static T Count<T>(IAnsiConsole? console, string what, int total, Func<Action<int>?, T> work) =>
        console is null ? work(null) : Show(console, ctx =>
        {
            var task = ctx.AddTask(Markup.Escape(what), maxValue: total);
            return work(done => task.Value = done);
        });

    /// <summary>Work that reports each item as it finishes, by name (test: the files).</summary>
    public static T Items<T>(IAnsiConsole? console, int total, Func<Action<string>?, T> work) =>
        console is null ? work(null) : Show(console, ctx =>
        {
            var task = ctx.AddTask("testing", maxValue: total);
            return work(item =>
            {
                // Names come from inputs: escaped for the terminal, then for Spectre's markup.
                task.Description = Markup.Escape(Printable.Clamp(Printable.Escape(item), 60));
                task.Increment(1);
            });
        });

    private static T Show<T>(IAnsiConsole console, Func<ProgressContext, T> work) =>
        console.Progress()
            .AutoClear(true)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .Start(work);
}
