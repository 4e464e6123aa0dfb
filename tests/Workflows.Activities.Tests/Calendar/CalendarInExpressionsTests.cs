using Workflows.Activities.Calendar;
using Workflows.Engine;
using Workflows.Engine.Expressions;
using Workflows.Engine.Persistence;

namespace Workflows.Activities.Tests.Calendar;

/// <summary>
/// The official calendar wired into the engine as the host does it: <c>WorkflowEngineOptions.Calendar</c> for the
/// engine's <c>addWorkingDays</c> / <c>workingDaysBetween</c> (and <c>P5WD</c> durations), and
/// <see cref="CalendarExpressionFunctions"/> for <c>isWorkingDay</c>.
/// </summary>
public sealed class CalendarInExpressionsTests
{
    private readonly WorkflowEngine _engine;

    public CalendarInExpressionsTests()
    {
        var calendar = OfficialCalendar.ShippedOnly();
        _engine = new WorkflowEngine(
            WorkflowStores.Create(new WorkflowStoreOptions { Provider = WorkflowStoreProvider.InMemory }),
            options: new WorkflowEngineOptions { Calendar = calendar },
            functions: [new CalendarExpressionFunctions(calendar)]);
    }

    [Fact]
    public void The_engine_s_working_day_helpers_count_on_the_official_calendar()
    {
        // Friday 18 September 2026 10:00 CST = 02:00 UTC; 5 working days (Sunday 20 September worked) → Thursday 24.
        Evaluate("${addWorkingDays('2026-09-18T02:00:00Z', 5)}").Should().Be("2026-09-24T02:00:00.000+00:00");
        Evaluate("${workingDaysBetween('2026-02-13T01:00:00Z', '2026-03-02T01:00:00Z')}").Should().Be(7L);
    }

    [Fact]
    public void isWorkingDay_knows_holidays_adjusted_working_days_and_the_Guangzhou_date()
    {
        Evaluate("${isWorkingDay('2026-10-01')}").Should().Be(false);
        Evaluate("${isWorkingDay('2026-10-10')}").Should().Be(true, "Saturday 10 October 2026 is worked");
        Evaluate("${isWorkingDay('2026-10-11')}").Should().Be(false, "an ordinary Sunday");
        Evaluate("${isWorkingDay('2026-09-30T15:59:00Z')}").Should().Be(true, "23:59 on Wednesday 30 September in Guangzhou");
        Evaluate("${isWorkingDay('2026-09-30T17:00:00Z')}").Should().Be(false, "01:00 on 1 October (国庆) in Guangzhou");
        Evaluate("${isWorkingDay(new Date(Date.UTC(2026, 1, 13, 16, 30)))}").Should().Be(true, "00:30 on Saturday 14 February, a declared working day");
    }

    [Fact]
    public void isWorkingDay_refuses_what_is_not_a_date()
    {
        var act = () => Evaluate("${isWorkingDay('next Friday')}");

        act.Should().Throw<ExpressionException>().WithMessage("*isWorkingDay() needs a date*");
    }

    private object? Evaluate(string expression) => _engine.Expressions.Evaluate(expression, NoVariables.Instance);

    private sealed class NoVariables : IVariableReader
    {
        public static readonly NoVariables Instance = new();

        public bool TryGetVariable(string name, out object? value)
        {
            value = null;
            return false;
        }

        public IEnumerable<KeyValuePair<string, object?>> AllVariables() => [];
    }
}
