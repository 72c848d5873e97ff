using IxaRules.Syntax;

namespace IxaRules.Binding;

/// <summary>Schedules: which days of a cycle, and their timing on dialysis days.</summary>
internal sealed class ScheduleBinder(BindDiagnostics diagnostics)
{
    /// <summary>
    /// The days a schedule names within a cycle. <paramref name="inherited"/> is the schedule an
    /// <c>after dialysis</c> without days keeps (a starting-dose adjustment's drug schedule).
    /// </summary>
    public Schedule? Bind(ScheduleSyntax schedule, int cycleDays, Schedule? inherited = null)
    {
        switch (schedule)
        {
            case DailySchedule:
                return new Schedule([.. Enumerable.Range(1, cycleDays)], "daily");
            case DayListSchedule list:
                var days = BindDays(list.Days, cycleDays);
                return days is null ? null : new Schedule(days, "days " + DaysText(list.Days));
            case EveryOtherDaySchedule every:
                return EveryKthDay(every.Within, 2, cycleDays, "every other day");
            case EveryHoursSchedule hours:
                var h = hours.Hours.ToInt();
                if (h < 24 || h % 24 != 0 || h > 24 * 14)
                {
                    diagnostics.BadNumber(hours.Hours.Span, "dosing interval: a whole number of days in hours (24, 48, 72, … up to 336)");
                    return null;
                }

                return EveryKthDay(hours.Within, h / 24, cycleDays, $"every {hours.Hours.Text} hours");
            case AfterDialysisSchedule after:
                var inner = after.Inner is null ? inherited : Bind(after.Inner, cycleDays);
                return inner is null ? null : inner with { Text = (inner.Text + " after dialysis").TrimStart(), AfterDialysis = true };
            default:
                return null;
        }
    }

    private Schedule? EveryKthDay(DayListSchedule? within, int k, int cycleDays, string text)
    {
        var days = within is null ? [.. Enumerable.Range(1, cycleDays)] : BindDays(within.Days, cycleDays);
        if (days is null)
        {
            return null;
        }

        var first = days[0];
        return new Schedule([.. days.Where(d => (d - first) % k == 0)], text + (within is null ? "" : " days " + DaysText(within.Days)));
    }

    private static string DaysText(IEnumerable<DayItem> items) =>
        string.Join(", ", items.Select(i => i.To is null ? i.From.Text : $"{i.From.Text}-{i.To.Text}"));

    private List<int>? BindDays(IReadOnlyList<DayItem> items, int cycleDays)
    {
        var days = new SortedSet<int>();
        var ok = true;
        foreach (var item in items)
        {
            var from = item.From.ToInt();
            var to = item.To is null ? from : item.To.ToInt();
            if (to < from)
            {
                diagnostics.BadRange(item.Span, from, to);
                ok = false;
                continue;
            }

            // A single day is one bound, checked once; a range checks both of its ends.
            foreach (var (day, span) in item.To is null ? [(from, item.From.Span)] : new[] { (from, item.From.Span), (to, item.To.Span) })
            {
                if (day < 1 || (cycleDays > 0 && day > cycleDays))
                {
                    diagnostics.DayOutsideCycle(span, day, cycleDays);
                    ok = false;
                }
            }

            // A cycle has at most 365 days (checked with the cycle), so this loop is bounded even for a huge `to`.
            for (var d = Math.Max(1, from); d <= Math.Min(to, cycleDays > 0 ? cycleDays : RegimenBinder.MaxCycleDays); d++)
            {
                days.Add(d);
            }
        }

        return ok && days.Count > 0 ? [.. days] : null;
    }
}
