using Workflows.Engine.Expressions;

namespace Workflows.Engine.Tests.Expressions;

public class ExpressionEvaluatorTests
{
    private readonly ExpressionEvaluator _evaluator = new();

    [Theory]
    [InlineData("${approved}", true)]
    [InlineData("${!approved}", false)]
    [InlineData("#{approved}", true)]
    [InlineData("approved", true)]
    [InlineData("${amount > 1000}", false)]
    [InlineData("${amount > 1000 || approved}", true)]
    [InlineData("${amount >= 1000 && approved}", false)]
    [InlineData("${status == 'open'}", true)]
    [InlineData("${status === 'closed'}", false)]
    [InlineData("${status.startsWith('op')}", true)]
    [InlineData("${items.length > 2}", true)]
    [InlineData("${customer.name === 'Ada' && customer.vip}", true)]
    [InlineData("${typeof missing === 'undefined'}", true)]
    [InlineData("${''}", false)]
    [InlineData("${0}", false)]
    [InlineData("${null}", false)]
    [InlineData("${'0'}", true)]
    [InlineData("  ${ approved }\n ", true)]
    public void Conditions_follow_javascript_truthiness(string expression, bool expected)
    {
        var variables = new TestVariables(
            ("approved", true),
            ("amount", 250L),
            ("status", "open"),
            ("items", new List<object?> { 1L, 2L, 3L }),
            ("customer", new Dictionary<string, object?> { ["name"] = "Ada", ["vip"] = true }));

        _evaluator.EvaluateCondition(expression, variables).Should().Be(expected);
        _evaluator.EvaluateConditionWithJint(expression, variables).Should().Be(expected);
    }

    [Fact]
    public void Missing_variable_in_a_condition_is_an_error_naming_it()
    {
        var act = () => _evaluator.EvaluateCondition("${approvd}", new TestVariables(("approved", true)));

        var error = act.Should().Throw<ExpressionException>().Which;
        error.Message.Should().Be("Expression 'approvd' failed: approvd is not defined.");
        error.Failure.Should().Be(ExpressionFailure.Runtime);
        error.Expression.Should().Be("${approvd}");
    }

    [Fact]
    public void Missing_variable_in_a_comparison_is_an_error_naming_it()
    {
        var act = () => _evaluator.EvaluateCondition("${statsu == 'open'}", new TestVariables(("status", "open")));

        act.Should().Throw<ExpressionException>()
            .WithMessage("Expression 'statsu == 'open'' failed: statsu is not defined.");
    }

    [Fact]
    public void Runtime_errors_are_reported_with_the_javascript_message()
    {
        var act = () => _evaluator.Evaluate("${customer.address.city}", new TestVariables(("customer", new Dictionary<string, object?>())));

        var error = act.Should().Throw<ExpressionException>().Which;
        error.Failure.Should().Be(ExpressionFailure.Runtime);
        error.Message.Should().StartWith("Expression 'customer.address.city' failed: Cannot read properties of undefined");
        error.Message.Should().EndWith(".");
    }

    [Fact]
    public void Evaluate_returns_normalized_values()
    {
        var variables = new TestVariables(("a", 2L), ("price", 1.5m), ("name", "Ada"));

        _evaluator.Evaluate("${a + 1}", variables).Should().Be(3L);
        _evaluator.Evaluate("${a / 4}", variables).Should().Be(0.5);
        _evaluator.Evaluate("${price * 2}", variables).Should().Be(3L);
        _evaluator.Evaluate("${0.1 + 0.2}", variables).Should().Be(0.1 + 0.2);
        _evaluator.Evaluate("${2 ** 53 + 2}", variables).Should().Be(9007199254740994d);
        _evaluator.Evaluate("${1 / 0}", variables).Should().Be(double.PositiveInfinity);
        _evaluator.Evaluate("${name + '!'}", variables).Should().Be("Ada!");
        _evaluator.Evaluate("${undefined}", variables).Should().BeNull();
        _evaluator.Evaluate("${[1, , 'x', true, null]}", variables)
            .Should().BeEquivalentTo(new List<object?> { 1L, null, "x", true, null });
        _evaluator.Evaluate("${new Date(0)}", variables).Should().Be(DateTimeOffset.UnixEpoch);
    }

    [Fact]
    public void Object_literals_come_back_as_dictionaries()
    {
        var result = _evaluator.Evaluate("${{ total: a * 2, tags: ['x', 'y'], nested: { ok: true } }}", new TestVariables(("a", 21L)));

        var dictionary = result.Should().BeOfType<Dictionary<string, object?>>().Subject;
        dictionary["total"].Should().Be(42L);
        dictionary["tags"].Should().BeEquivalentTo(new List<object?> { "x", "y" });
        dictionary["nested"].Should().BeEquivalentTo(new Dictionary<string, object?> { ["ok"] = true });
    }

    [Fact]
    public void Container_variables_round_trip()
    {
        var order = new Dictionary<string, object?>
        {
            ["id"] = 7L,
            ["lines"] = new List<object?> { new Dictionary<string, object?> { ["qty"] = 2L, ["price"] = 2.5 } },
            ["due"] = new DateTimeOffset(2024, 5, 1, 12, 0, 0, TimeSpan.Zero),
        };
        var variables = new TestVariables(("order", order));

        _evaluator.Evaluate("${order}", variables).Should().BeEquivalentTo(order);
        _evaluator.Evaluate("${order.lines[0].qty * order.lines[0].price}", variables).Should().Be(5L);
        _evaluator.Evaluate("${order.due.getUTCFullYear()}", variables).Should().Be(2024L);
    }

    [Fact]
    public void Values_that_are_not_data_are_rejected_clearly()
    {
        var function = () => _evaluator.Evaluate("${() => 1}", TestVariables.Empty);
        function.Should().Throw<ExpressionException>()
            .WithMessage("Expression '() => 1' produced a value that cannot be used as a variable value: a function is not a data value.");

        var map = () => _evaluator.Evaluate("${new Map()}", TestVariables.Empty);
        map.Should().Throw<ExpressionException>().WithMessage("*Map object is not a data value*");

        var cycle = () => _evaluator.Evaluate("${(() => { const a = {}; a.self = a; return a; })()}", TestVariables.Empty);
        cycle.Should().Throw<ExpressionException>().WithMessage("*circular reference*");
    }

    [Fact]
    public void Conditions_accept_values_that_are_not_data()
    {
        _evaluator.EvaluateCondition("${() => 1}", TestVariables.Empty).Should().BeTrue();
    }

    [Fact]
    public void Expressions_can_read_but_not_set_variables_through_execution()
    {
        var variables = new TestVariables(("x", 5L));

        _evaluator.Evaluate("${execution.getVariable('x') + 1}", variables).Should().Be(6L);
        _evaluator.EvaluateCondition("${execution.hasVariable('y')}", variables).Should().BeFalse();

        var act = () => _evaluator.Evaluate("${execution.setVariable('x', 1)}", variables);
        act.Should().Throw<ExpressionException>().WithMessage("*only available in scripts*");
    }

    [Fact]
    public void An_expression_must_be_a_single_expression()
    {
        var act = () => _evaluator.Evaluate("${a; b}", new TestVariables(("a", 1L), ("b", 2L)));

        var error = act.Should().Throw<ExpressionException>().Which;
        error.Failure.Should().Be(ExpressionFailure.Syntax);
        error.Message.Should().Be("Expression 'a; b' has a syntax error at line 1, column 2: Unexpected token ';'.");
    }

    [Fact]
    public void Syntax_errors_are_reported_with_line_and_column()
    {
        var act = () => _evaluator.EvaluateCondition("${a >}", new TestVariables(("a", 1L)));

        var error = act.Should().Throw<ExpressionException>().Which;
        error.Failure.Should().Be(ExpressionFailure.Syntax);
        error.Message.Should().Be("Expression 'a >' has a syntax error at line 1, column 4: Unexpected end of input.");
    }

    [Fact]
    public void CheckSyntax_returns_null_for_valid_code()
    {
        _evaluator.CheckSyntax("${approved}", isScript: false).Should().BeNull();
        _evaluator.CheckSyntax("${amount > 1000 && status !== 'closed'}", isScript: false).Should().BeNull();
        _evaluator.CheckSyntax("${{ a: 1 }}", isScript: false).Should().BeNull();
        _evaluator.CheckSyntax("var x = 1;\nexecution.setVariable('y', x + 1);", isScript: true).Should().BeNull();
        _evaluator.CheckSyntax(string.Empty, isScript: true).Should().BeNull();
    }

    [Fact]
    public void CheckSyntax_describes_errors()
    {
        _evaluator.CheckSyntax("${a >}", isScript: false)
            .Should().Be("Expression 'a >' has a syntax error at line 1, column 4: Unexpected end of input.");
        _evaluator.CheckSyntax("${a ==== b}", isScript: false)
            .Should().Be("Expression 'a ==== b' has a syntax error at line 1, column 6: Unexpected token '='.");
        _evaluator.CheckSyntax("${}", isScript: false).Should().Be("Expression is empty.");
        _evaluator.CheckSyntax("${007}", isScript: false).Should().StartWith("Expression '007' has a syntax error at line 1, column 1:");
        _evaluator.CheckSyntax("var x = 1;\nfoo(", isScript: true)
            .Should().Be("Script has a syntax error at line 2, column 5: Unexpected end of input.");
        _evaluator.CheckSyntax("let let = 1;", isScript: true)
            .Should().Be("Script has a syntax error at line 1, column 5: Unexpected strict mode reserved word.");
    }

    [Theory]
    [InlineData("${a}", true)]
    [InlineData("#{a}", true)]
    [InlineData("  ${a > 1}\n", true)]
    [InlineData("${ { a: 1 }.a }", true)]
    [InlineData("${ '}' + \"{\" }", true)]
    [InlineData("${`x${y}z`}", true)]
    [InlineData("${a} and ${b}", false)]
    [InlineData("${a", false)]
    [InlineData("a > 1", false)]
    [InlineData("{a}", false)]
    [InlineData("", false)]
    public void IsExpression_recognizes_exactly_one_delimited_expression(string text, bool expected)
    {
        ExpressionEvaluator.IsExpression(text).Should().Be(expected);
    }

    [Theory]
    [InlineData("${a > 1}", "a > 1")]
    [InlineData("#{a}", "a")]
    [InlineData(" ${ x } ", " x ")]
    [InlineData("a > 1", "a > 1")]
    [InlineData("${a} and ${b}", "${a} and ${b}")]
    public void StripDelimiters_returns_the_inner_text(string text, string expected)
    {
        ExpressionEvaluator.StripDelimiters(text).Should().Be(expected);
    }

    [Fact]
    public void Evaluations_can_run_concurrently()
    {
        var failures = 0;
        Parallel.For(0, 2000, i =>
        {
            var variables = new TestVariables(("n", (long)i), ("flag", i % 2 == 0));
            var fast = _evaluator.EvaluateCondition("${flag}", variables);
            var jint = (long)_evaluator.Evaluate("${n * 2 + (flag ? 1 : 0)}", variables)!;
            if (fast != (i % 2 == 0) || jint != i * 2 + (i % 2 == 0 ? 1 : 0))
            {
                Interlocked.Increment(ref failures);
            }
        });

        failures.Should().Be(0);
    }
}
