using System.Globalization;
using Workflows.Engine.Expressions;

namespace Workflows.Engine.Tests.Expressions;

public class ExpressionFunctionsTests
{
    private readonly ExpressionEvaluator _evaluator = new(functions: [new WorkingDays()]);

    [Fact]
    public void Host_functions_are_callable_from_expressions_and_scripts()
    {
        _evaluator.Evaluate("${addWorkingDays('2024-01-05', 1)}", TestVariables.Empty).Should().Be("2024-01-08");
        _evaluator.Evaluate("${addWorkingDays(start, days)}", new TestVariables(("start", "2024-01-01"), ("days", 5L)))
            .Should().Be("2024-01-08");
        _evaluator.EvaluateCondition("${isWeekend(new Date(Date.UTC(2024, 0, 6)))}", TestVariables.Empty).Should().BeTrue();
        _evaluator.RunScript("execution.setVariable('due', addWorkingDays('2024-01-05', 2)); round2(1.005 * 1000)", TestVariables.Empty)
            .Should().BeEquivalentTo(new ScriptResult(1005L, [new KeyValuePair<string, object?>("due", "2024-01-09")]));
    }

    [Fact]
    public void Optional_and_nullable_parameters_work()
    {
        _evaluator.Evaluate("${describe()}", TestVariables.Empty).Should().Be("nothing");
        _evaluator.Evaluate("${describe(null, 3)}", TestVariables.Empty).Should().Be("nothing x3");
        _evaluator.Evaluate("${describe({ a: [1] })}", TestVariables.Empty).Should().Be("Dictionary`2");
    }

    [Fact]
    public void Wrong_argument_types_are_type_errors()
    {
        var act = () => _evaluator.Evaluate("${addWorkingDays('2024-01-05', 1.5)}", TestVariables.Empty);
        act.Should().Throw<ExpressionException>()
            .WithMessage("Expression 'addWorkingDays('2024-01-05', 1.5)' failed: addWorkingDays(): argument 2 must be a whole number.");

        var missing = () => _evaluator.Evaluate("${addWorkingDays('2024-01-05')}", TestVariables.Empty);
        missing.Should().Throw<ExpressionException>().WithMessage("*addWorkingDays(): argument 2 is required (a number was expected).");

        var caught = _evaluator.Evaluate("${(() => { try { return addWorkingDays(1, 1); } catch (e) { return e.name + ': ' + e.message; } })()}", TestVariables.Empty);
        caught.Should().Be("TypeError: addWorkingDays(): argument 1 must be a string, not a number.");
    }

    [Fact]
    public void Exceptions_thrown_by_functions_become_javascript_errors()
    {
        var act = () => _evaluator.Evaluate("${addWorkingDays('not a date', 1)}", TestVariables.Empty);

        act.Should().Throw<ExpressionException>().WithMessage("Expression 'addWorkingDays('not a date', 1)' failed: addWorkingDays() failed: *");
    }

    [Fact]
    public void Variables_shadow_functions_of_the_same_name()
    {
        _evaluator.Evaluate("${isWeekend}", new TestVariables(("isWeekend", false))).Should().Be(false);
    }

    [Fact]
    public void Delegates_with_unsupported_types_are_refused()
    {
        var evaluator = new ExpressionEvaluator(functions: [new Unsafe()]);

        var act = () => evaluator.Evaluate("${1 + 1}", TestVariables.Empty);

        act.Should().Throw<ArgumentException>().WithMessage("*returns Type, which the sandbox does not accept*");
    }

    private sealed class WorkingDays : IExpressionFunctions
    {
        public void Register(ExpressionSandbox sandbox)
        {
            sandbox.SetFunction("addWorkingDays", (Func<string, int, string>)AddWorkingDays);
            sandbox.SetFunction("isWeekend", (Func<DateTimeOffset, bool>)(d => d.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday));
            sandbox.SetFunction("round2", (Func<double, decimal>)(x => Math.Round((decimal)x, 2)));
            sandbox.SetFunction("describe", (Func<object?, int?, string>)Describe);
        }

        private static string AddWorkingDays(string start, int days)
        {
            var date = DateOnly.ParseExact(start, "yyyy-MM-dd", CultureInfo.InvariantCulture);
            while (days > 0)
            {
                date = date.AddDays(1);
                if (date.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday))
                {
                    days--;
                }
            }

            return date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        }

        private static string Describe(object? value = null, int? times = null) =>
            (value?.GetType().Name ?? "nothing") + (times is { } t ? $" x{t}" : string.Empty);
    }

    private sealed class Unsafe : IExpressionFunctions
    {
        public void Register(ExpressionSandbox sandbox) => sandbox.SetFunction("typeOf", (Func<string, Type>)(Type.GetType!));
    }
}
