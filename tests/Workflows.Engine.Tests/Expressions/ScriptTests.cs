using Workflows.Engine.Expressions;

namespace Workflows.Engine.Tests.Expressions;

public class ScriptTests
{
    private readonly ExpressionEvaluator _evaluator = new();

    [Fact]
    public void Script_sets_variables_in_order_and_returns_its_last_value()
    {
        var variables = new TestVariables(("amount", 120L), ("customer", new Dictionary<string, object?> { ["name"] = "Ada" }));

        var result = _evaluator.RunScript(
            """
            var discount = amount > 100 ? 0.1 : 0;
            execution.setVariable('discount', discount);
            execution.setVariable('total', amount * (1 - discount));
            execution.setVariable('greeting', 'Hello ' + customer.name);
            execution.setVariable('discount', 0.2);
            amount * 2;
            """,
            variables);

        result.Value.Should().Be(240L);
        result.SetVariables.Should().Equal(
            new KeyValuePair<string, object?>("discount", 0.2),
            new KeyValuePair<string, object?>("total", 108L),
            new KeyValuePair<string, object?>("greeting", "Hello Ada"));
    }

    [Fact]
    public void Script_values_are_normalized()
    {
        var result = _evaluator.RunScript(
            """
            execution.setVariable('list', [1, 2.5, 'x', null, undefined, { a: [true] }]);
            execution.setVariable('date', new Date(Date.UTC(2024, 0, 31, 8, 30)));
            execution.setVariable('nothing', undefined);
            execution.setVariable('big', 2 ** 60);
            """,
            TestVariables.Empty);

        var values = result.SetVariables.ToDictionary(p => p.Key, p => p.Value);
        values["list"].Should().BeEquivalentTo(new List<object?>
        {
            1L, 2.5, "x", null, null, new Dictionary<string, object?> { ["a"] = new List<object?> { true } },
        });
        values["date"].Should().Be(new DateTimeOffset(2024, 1, 31, 8, 30, 0, TimeSpan.Zero));
        values["nothing"].Should().BeNull();
        values["big"].Should().Be(1152921504606846976d);
        result.Value.Should().BeNull();
    }

    [Fact]
    public void SetVariable_takes_a_snapshot_of_the_value()
    {
        var result = _evaluator.RunScript("var o = { n: 1 }; execution.setVariable('o', o); o.n = 2;", TestVariables.Empty);

        result.SetVariables.Single().Value.Should().BeEquivalentTo(new Dictionary<string, object?> { ["n"] = 1L });
    }

    [Fact]
    public void GetVariable_sees_variables_set_by_the_script()
    {
        var result = _evaluator.RunScript(
            """
            execution.setVariable('count', count + 1);
            [count, execution.getVariable('count'), execution.hasVariable('count'), execution.hasVariable('other'), execution.getVariable('other')];
            """,
            new TestVariables(("count", 1L)));

        result.Value.Should().BeEquivalentTo(new List<object?> { 1L, 2L, true, false, null });
    }

    [Fact]
    public void Script_can_declare_its_own_bindings_over_variables()
    {
        var result = _evaluator.RunScript("let status = 'x'; var amount = amount || 10; status + amount;", new TestVariables(("status", "open"), ("amount", 5L)));

        result.Value.Should().Be("x5");
    }

    [Fact]
    public void Setting_a_function_is_an_error()
    {
        var act = () => _evaluator.RunScript("execution.setVariable('f', () => 1);", TestVariables.Empty);

        var error = act.Should().Throw<ExpressionException>().Which;
        error.Failure.Should().Be(ExpressionFailure.Runtime);
        error.Message.Should().Be("Script failed at line 1, column 1: execution.setVariable('f'): a function is not a data value.");
    }

    [Fact]
    public void SetVariable_requires_a_name()
    {
        var act = () => _evaluator.RunScript("execution.setVariable(1, 2);", TestVariables.Empty);

        act.Should().Throw<ExpressionException>().WithMessage("*the variable name must be a non-empty string, not a number.");
    }

    [Fact]
    public void A_script_ending_in_a_function_returns_null()
    {
        _evaluator.RunScript("var o = {}; o.f = function () {};", TestVariables.Empty).Value.Should().BeNull();
    }

    [Fact]
    public void Runtime_errors_report_line_and_column()
    {
        var act = () => _evaluator.RunScript("var a = 1;\n  foo.bar();", TestVariables.Empty);

        act.Should().Throw<ExpressionException>().WithMessage("Script failed at line 2, column 3: foo is not defined.");
    }

    [Fact]
    public void Thrown_errors_become_runtime_failures()
    {
        var act = () => _evaluator.RunScript("throw new Error('Order has no lines')", TestVariables.Empty);

        var error = act.Should().Throw<ExpressionException>().Which;
        error.Failure.Should().Be(ExpressionFailure.Runtime);
        error.Message.Should().Be("Script failed at line 1, column 7: Order has no lines.");
        error.Expression.Should().Be("throw new Error('Order has no lines')");
    }

    [Fact]
    public void Syntax_errors_are_reported_before_running()
    {
        var act = () => _evaluator.RunScript("execution.setVariable('a', 1);\nif (", TestVariables.Empty);

        act.Should().Throw<ExpressionException>()
            .WithMessage("Script has a syntax error at line 2, column 5: Unexpected end of input.")
            .Which.Failure.Should().Be(ExpressionFailure.Syntax);
    }

    [Fact]
    public void Empty_script_does_nothing()
    {
        var result = _evaluator.RunScript("  ", TestVariables.Empty);

        result.Value.Should().BeNull();
        result.SetVariables.Should().BeEmpty();
    }
}
