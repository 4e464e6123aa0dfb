using System.Diagnostics;
using Workflows.Engine.Expressions;

namespace Workflows.Engine.Tests.Expressions;

public class SandboxTests
{
    private readonly ExpressionEvaluator _evaluator = new();

    [Fact]
    public void Infinite_loop_is_stopped_within_the_default_limits()
    {
        var stopwatch = Stopwatch.StartNew();
        var act = () => _evaluator.RunScript("while (true) {}", TestVariables.Empty);

        var error = act.Should().Throw<ExpressionException>().Which;
        stopwatch.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(5));
        error.Failure.Should().BeOneOf(ExpressionFailure.Timeout, ExpressionFailure.StatementLimit);
    }

    [Fact]
    public void Infinite_loop_is_stopped_by_a_short_timeout()
    {
        var evaluator = new ExpressionEvaluator(new ExpressionOptions { Timeout = TimeSpan.FromMilliseconds(200) });
        var stopwatch = Stopwatch.StartNew();
        var act = () => evaluator.RunScript("while (true) {}", TestVariables.Empty);

        var error = act.Should().Throw<ExpressionException>().Which;
        stopwatch.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(1));
        error.Failure.Should().BeOneOf(ExpressionFailure.Timeout, ExpressionFailure.StatementLimit);
    }

    [Fact]
    public void Timeout_alone_stops_a_loop_and_says_so()
    {
        var evaluator = new ExpressionEvaluator(new ExpressionOptions { Timeout = TimeSpan.FromMilliseconds(200), MaxStatements = 0 });
        var stopwatch = Stopwatch.StartNew();
        var act = () => evaluator.RunScript("let i = 0; while (true) { i++; }", TestVariables.Empty);

        var error = act.Should().Throw<ExpressionException>().Which;
        stopwatch.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(1));
        error.Failure.Should().Be(ExpressionFailure.Timeout);
        error.Message.Should().Be("Script exceeded its time limit of 200 ms and was stopped.");
    }

    [Fact]
    public void Timeout_message_uses_seconds()
    {
        var evaluator = new ExpressionEvaluator(new ExpressionOptions { Timeout = TimeSpan.FromSeconds(1), MaxStatements = 0 });
        var act = () => evaluator.EvaluateCondition("${(() => { for (;;) {} })()}", TestVariables.Empty);

        act.Should().Throw<ExpressionException>()
            .WithMessage("Expression '(() => { for (;;) {} })()' exceeded its time limit of 1 s and was stopped.")
            .Which.Failure.Should().Be(ExpressionFailure.Timeout);
    }

    [Fact]
    public void Statement_limit_stops_a_loop_and_says_so()
    {
        var evaluator = new ExpressionEvaluator(new ExpressionOptions { MaxStatements = 1000 });
        var act = () => evaluator.RunScript("for (let i = 0; i < 100000; i++) {}", TestVariables.Empty);

        act.Should().Throw<ExpressionException>()
            .WithMessage("Script exceeded its limit of 1,000 statements and was stopped.")
            .Which.Failure.Should().Be(ExpressionFailure.StatementLimit);
    }

    [Fact]
    public void A_script_cannot_catch_its_way_out_of_a_limit()
    {
        var evaluator = new ExpressionEvaluator(new ExpressionOptions { Timeout = TimeSpan.FromMilliseconds(200) });
        var act = () => evaluator.RunScript("for (;;) { try { while (true) {} } catch (e) {} }", TestVariables.Empty);

        act.Should().Throw<ExpressionException>()
            .Which.Failure.Should().BeOneOf(ExpressionFailure.Timeout, ExpressionFailure.StatementLimit);
    }

    [Fact]
    public void Memory_bomb_is_stopped()
    {
        var stopwatch = Stopwatch.StartNew();
        var act = () => _evaluator.RunScript("var a = []; while (true) a.push('x'.repeat(1e6))", TestVariables.Empty);

        var error = act.Should().Throw<ExpressionException>().Which;
        stopwatch.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(5));
        error.Failure.Should().BeOneOf(ExpressionFailure.MemoryLimit, ExpressionFailure.Timeout, ExpressionFailure.StatementLimit);
        if (error.Failure == ExpressionFailure.MemoryLimit)
        {
            error.Message.Should().Be("Script exceeded its memory limit of 32 MB and was stopped.");
        }
    }

    [Theory]
    [InlineData("var s = 'x'; while (true) s += s;")]
    [InlineData("var a = []; try { for (;;) a.push(new Array(1e5).fill(1)); } catch (e) { a = null; } for (;;) {}")]
    [InlineData("new Array(1e9).fill(0)")]
    public void Other_memory_bombs_are_stopped(string script)
    {
        var stopwatch = Stopwatch.StartNew();
        var act = () => _evaluator.RunScript(script, TestVariables.Empty);

        act.Should().Throw<ExpressionException>()
            .Which.Failure.Should().BeOneOf(ExpressionFailure.MemoryLimit, ExpressionFailure.Timeout, ExpressionFailure.StatementLimit);
        stopwatch.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(5));
    }

    [Theory]
    [InlineData("Promise.resolve().then(() => { while (true) {} }); 1")]
    [InlineData("(async () => { for (;;) { await null; } })(); 2")]
    public void Loops_in_promise_jobs_are_stopped(string script)
    {
        var evaluator = new ExpressionEvaluator(new ExpressionOptions { Timeout = TimeSpan.FromMilliseconds(200) });
        var stopwatch = Stopwatch.StartNew();
        var act = () => evaluator.RunScript(script, TestVariables.Empty);

        act.Should().Throw<ExpressionException>()
            .Which.Failure.Should().BeOneOf(ExpressionFailure.Timeout, ExpressionFailure.StatementLimit);
        stopwatch.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(1));
    }

    [Fact]
    public void Atomics_wait_cannot_block_the_thread()
    {
        var stopwatch = Stopwatch.StartNew();
        var act = () => _evaluator.RunScript("Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0)", TestVariables.Empty);

        act.Should().Throw<ExpressionException>().Which.Failure.Should().Be(ExpressionFailure.Runtime);
        stopwatch.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(1));
    }

    [Fact]
    public void Huge_sparse_arrays_are_not_materialized()
    {
        var act = () => _evaluator.Evaluate("${(() => { const a = []; a[4294967294] = 1; return a; })()}", TestVariables.Empty);

        act.Should().Throw<ExpressionException>().WithMessage("*the array has 4294967295 elements, more than the 1,000,000 a variable may hold.");
    }

    [Theory]
    [InlineData("function f(n) { return f(n + 1) + 1; } f(0);")]
    [InlineData("function f(n) { return f(n + 1); } f(0);")]
    [InlineData("function f(n) { try { return f(n + 1) + 1; } catch (e) { return 0; } } f(0);")]
    [InlineData("var o = { get x() { return this.x; } }; o.x;")]
    [InlineData("var o = { toString() { return '' + this; } }; '' + o;")]
    public void Deep_recursion_is_stopped(string script)
    {
        var act = () => _evaluator.RunScript(script, TestVariables.Empty);

        act.Should().Throw<ExpressionException>()
            .Which.Failure.Should().Be(ExpressionFailure.RecursionLimit);
    }

    [Fact]
    public void Recursion_limit_message_names_the_limit()
    {
        var act = () => _evaluator.RunScript("function f(n) { return f(n + 1) + 1; } f(0);", TestVariables.Empty);

        act.Should().Throw<ExpressionException>()
            .WithMessage("Script exceeded the recursion limit of 128 nested calls and was stopped.");
    }

    [Fact]
    public void Shallow_recursion_is_allowed()
    {
        var result = _evaluator.RunScript("function fact(n) { return n <= 1 ? 1 : n * fact(n - 1); } fact(20);", TestVariables.Empty);

        result.Value.Should().Be(2432902008176640000d);
    }

    [Theory]
    [InlineData("importNamespace")]
    [InlineData("System")]
    [InlineData("require")]
    [InlineData("clr")]
    [InlineData("host")]
    [InlineData("importScripts")]
    [InlineData("process")]
    [InlineData("module")]
    public void Clr_and_host_access_points_do_not_exist(string name)
    {
        _evaluator.Evaluate($"${{typeof {name}}}", TestVariables.Empty).Should().Be("undefined");
    }

    [Theory]
    [InlineData("eval('1 + 1')")]
    [InlineData("(0, eval)('1 + 1')")]
    [InlineData("new Function('return this')()")]
    [InlineData("(function () {}).constructor('return this')()")]
    [InlineData("(() => {}).constructor.constructor('return importNamespace')()")]
    [InlineData("execution.getVariable.constructor('return System')()")]
    [InlineData("Object.getPrototypeOf(async function () {}).constructor('return 1')")]
    [InlineData("new ShadowRealm().evaluate('1 + 1')")]
    public void String_compilation_is_disabled(string script)
    {
        var act = () => _evaluator.RunScript(script, TestVariables.Empty);

        act.Should().Throw<ExpressionException>().Which.Failure.Should().Be(ExpressionFailure.Runtime);
    }

    [Fact]
    public void The_global_object_exposes_nothing_from_the_host()
    {
        var names = _evaluator.Evaluate("${Object.getOwnPropertyNames(globalThis)}", TestVariables.Empty)
            .Should().BeOfType<List<object?>>().Subject;

        names.Should().NotContain(["importNamespace", "System", "clr", "host", "require", "process"]);
    }

    [Fact]
    public void Host_functions_and_the_execution_object_do_not_leak_clr_objects()
    {
        var evaluator = new ExpressionEvaluator(functions: [new SampleFunctions()]);

        evaluator.EvaluateCondition(
                "${typeof execution.GetType === 'undefined' && typeof twice.GetType === 'undefined' && typeof twice.Method === 'undefined' && Object.getOwnPropertyNames(execution).join() === 'getVariable,hasVariable,setVariable'}",
                TestVariables.Empty)
            .Should().BeTrue();
    }

    [Fact]
    public void Strict_mode_is_on()
    {
        _evaluator.Evaluate("${(function () { return this; })()}", TestVariables.Empty).Should().BeNull();

        var act = () => _evaluator.RunScript("undeclared = 1;", TestVariables.Empty);
        act.Should().Throw<ExpressionException>().WithMessage("Script failed at line 1, column 1: undeclared is not defined.");
    }

    [Fact]
    public void Globals_left_by_one_evaluation_are_not_seen_by_the_next()
    {
        _evaluator.RunScript("globalThis.leak = 1; Object.prototype.polluted = 2; Array.prototype.includes = () => true; Math.max = () => 0;", TestVariables.Empty);

        _evaluator.Evaluate("${typeof leak}", TestVariables.Empty).Should().Be("undefined");
        _evaluator.Evaluate("${({}).polluted}", TestVariables.Empty).Should().BeNull();
        _evaluator.EvaluateCondition("${[1].includes(2)}", TestVariables.Empty).Should().BeFalse();
        _evaluator.Evaluate("${Math.max(1, 2)}", TestVariables.Empty).Should().Be(2L);
        _evaluator.RunScript("typeof leak", TestVariables.Empty).Value.Should().Be("undefined");
    }

    [Fact]
    public void Variables_of_one_evaluation_are_not_seen_by_the_next()
    {
        _evaluator.Evaluate("${secret}", new TestVariables(("secret", "s3cr3t"))).Should().Be("s3cr3t");

        _evaluator.Evaluate("${typeof secret}", TestVariables.Empty).Should().Be("undefined");
        _evaluator.RunScript("typeof secret", TestVariables.Empty).Value.Should().Be("undefined");
    }

    [Fact]
    public void Scripts_cannot_change_the_callers_values()
    {
        var items = new List<object?> { 1L, 2L };
        var variables = new TestVariables(("items", items));

        _evaluator.RunScript("items.push(3); items[0] = 99;", variables);

        items.Should().Equal(1L, 2L);
    }

    [Fact]
    public void Code_that_uses_the_global_object_sees_all_variables()
    {
        var variables = new TestVariables(("a", 1L), ("b", 2L));

        _evaluator.Evaluate("${globalThis['a'] + this.b}", variables).Should().Be(3L);
    }

    private sealed class SampleFunctions : IExpressionFunctions
    {
        public void Register(ExpressionSandbox sandbox) => sandbox.SetFunction("twice", (Func<long, long>)(x => x * 2));
    }
}
