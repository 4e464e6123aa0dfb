using Workflows.Engine.Expressions;

namespace Workflows.Engine.Tests.Expressions;

/// <summary>The fast path must agree with Jint on every case it answers.</summary>
public class FastPathParityTests
{
    private static readonly string[] Expressions =
    [
        "x", "${x}", "#{x}", "!x", "${!x}", "!!x", "! x",
        "x == true", "x === true", "x != false", "x !== false", "true == x", "x == false",
        "x == null", "x === null", "x != null", "x !== null", "null == x",
        "x == 1", "x === 1", "x != 1", "1 == x", "x == 0", "x === 0", "x == -1", "x == - 1", "x == 2.5", "x === 2.5",
        "x === -0", "x == 9007199254740993",
        "x === 'a'", "x == 'a'", "'a' == x", "x != ''", "x !== ''", "x == '1'", "x == '0'", "x == \"true\"", "x==1",
        "x > 1", "x >= 1", "x < 0", "x <= -1", "1 < x", "2.4 >= x", "x > 2.4", "x < 9007199254740993",
        "true", "false", "null", "42", "-3", "2.5", "-0", "0", "'hi'", "\"hi\"", "''", "9007199254740993",
    ];

    private static readonly object?[] Values =
    [
        null, true, false, 0L, 1L, -1L, 5L, 2.5, 0.0, -0.0, 1.0, double.NaN, double.PositiveInfinity, 1e300,
        9007199254740993L, long.MaxValue, 1.5m, 0m, 1m, "", "a", "0", "1", "true", " 1 ", "yes",
        new DateTimeOffset(2024, 1, 2, 3, 4, 5, TimeSpan.Zero),
        new List<object?>(), new List<object?> { 1L }, new Dictionary<string, object?>(),
        new Dictionary<string, object?> { ["a"] = 1L },
    ];

    public static TheoryData<string> AllExpressions()
    {
        var data = new TheoryData<string>();
        foreach (var expression in Expressions)
        {
            data.Add(expression);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(AllExpressions))]
    public void Fast_path_agrees_with_jint(string expression)
    {
        var evaluator = new ExpressionEvaluator();
        ExpressionEvaluator.HasFastPath(expression).Should().BeTrue($"'{expression}' is one of the fast shapes");

        foreach (var value in Values)
        {
            var variables = new TestVariables(("x", value));
            var because = $"'{expression}' with x = {Describe(value)}";

            if (ExpressionEvaluator.TryEvaluateConditionFast(expression, variables, out var fastCondition))
            {
                fastCondition.Should().Be(evaluator.EvaluateConditionWithJint(expression, variables), because);
            }

            if (ExpressionEvaluator.TryEvaluateFast(expression, variables, out var fastValue))
            {
                var jintValue = evaluator.EvaluateWithJint(expression, variables);
                fastValue?.GetType().Should().Be(jintValue?.GetType(), because);
                fastValue.Should().Be(jintValue, because);
            }

            // and the public entry points give the same answers whichever path they take
            evaluator.EvaluateCondition(expression, variables).Should().Be(evaluator.EvaluateConditionWithJint(expression, variables), because);
        }
    }

    [Theory]
    [InlineData("approved", "approved", true)]
    [InlineData("${approved}", "approved", false)]
    [InlineData("${!approved}", "approved", true)]
    [InlineData("${status == 'open'}", "status", "open")]
    [InlineData("${status !== 'open'}", "status", "closed")]
    [InlineData("${amount > 1000}", "amount", 1500L)]
    [InlineData("${amount <= 1000}", "amount", 99.5)]
    [InlineData("${count === 3}", "count", 3L)]
    [InlineData("${flag == true}", "flag", true)]
    [InlineData("${value == null}", "value", null)]
    [InlineData("${value != null}", "value", "x")]
    public void Common_conditions_take_the_fast_path(string expression, string name, object? value)
    {
        var variables = new TestVariables((name, value));

        ExpressionEvaluator.TryEvaluateConditionFast(expression, variables, out var fast).Should().BeTrue();
        fast.Should().Be(new ExpressionEvaluator().EvaluateConditionWithJint(expression, variables));
    }

    [Theory]
    [InlineData("x", 5L)]
    [InlineData("x", "text")]
    [InlineData("x", 1.5)]
    [InlineData("x", null)]
    [InlineData("42", null)]
    [InlineData("'s'", null)]
    public void Common_values_take_the_fast_path(string expression, object? value)
    {
        var variables = new TestVariables(("x", value));

        ExpressionEvaluator.TryEvaluateFast(expression, variables, out var fast).Should().BeTrue();
        fast.Should().Be(new ExpressionEvaluator().EvaluateWithJint(expression, variables));
    }

    [Theory]
    [InlineData("x + 1")]
    [InlineData("x == y")]
    [InlineData("x.length")]
    [InlineData("x == 1e3")]
    [InlineData("x == 0x10")]
    [InlineData("x == 'a\\'b'")]
    [InlineData("x = 1")]
    [InlineData("x == 1 && y")]
    [InlineData("typeof x")]
    [InlineData("undefined")]
    [InlineData("x === undefined")]
    [InlineData("NaN")]
    [InlineData("execution")]
    [InlineData("this")]
    [InlineData("x > 'a'")]
    [InlineData("x > true")]
    [InlineData("1 == 1")]
    [InlineData("!true")]
    [InlineData("--x")]
    [InlineData("x <!-- comment")]
    [InlineData("x // comment")]
    [InlineData("x == 01")]
    [InlineData("5.")]
    [InlineData("x\u00e9")]
    public void Other_shapes_use_jint(string expression)
    {
        ExpressionEvaluator.HasFastPath(expression).Should().BeFalse();
    }

    [Fact]
    public void Missing_variables_fall_back_to_jint_for_the_error()
    {
        ExpressionEvaluator.TryEvaluateConditionFast("x == 1", TestVariables.Empty, out _).Should().BeFalse();
        ExpressionEvaluator.TryEvaluateFast("x", TestVariables.Empty, out _).Should().BeFalse();
    }

    [Fact]
    public void Values_that_need_coercion_fall_back_to_jint()
    {
        ExpressionEvaluator.TryEvaluateConditionFast("x == 1", new TestVariables(("x", "1")), out _).Should().BeFalse();
        ExpressionEvaluator.TryEvaluateConditionFast("x == 'a'", new TestVariables(("x", new List<object?>())), out _).Should().BeFalse();
        ExpressionEvaluator.TryEvaluateConditionFast("x > 1", new TestVariables(("x", null)), out _).Should().BeFalse();
        ExpressionEvaluator.TryEvaluateFast("x", new TestVariables(("x", new Dictionary<string, object?>())), out _).Should().BeFalse();
        ExpressionEvaluator.TryEvaluateConditionFast("x", new TestVariables(("x", 5)), out _).Should().BeFalse("int is not a normalized value");
    }

    private static string Describe(object? value) => value switch
    {
        null => "null",
        string s => $"\"{s}\" (string)",
        _ => $"{value} ({value.GetType().Name})",
    };
}
