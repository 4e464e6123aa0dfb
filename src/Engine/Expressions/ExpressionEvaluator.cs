using System.Globalization;
using Jint;
using Jint.Native;
using Jint.Runtime;

using JintEngine = Jint.Engine;

namespace Workflows.Engine.Expressions;

/// <summary>
/// Evaluates JavaScript expressions and scripts in a sandbox: strict mode, no CLR access, no <c>eval</c> or
/// <c>Function</c> constructor, and the time, statement, memory and recursion limits of
/// <see cref="ExpressionOptions"/>. Every evaluation runs in a fresh Jint engine, so nothing one evaluation leaves
/// behind is visible to the next; parsing is done once per distinct text and cached. The most common condition
/// shapes (<c>approved</c>, <c>!approved</c>, <c>status == 'open'</c>, <c>amount &gt; 1000</c>...) are answered
/// without an engine at all, with the same results. Thread-safe.
/// </summary>
public sealed class ExpressionEvaluator
{
    /// <summary>The global object scripts use to read and set process variables.</summary>
    internal const string ExecutionObjectName = "execution";

    /// <summary>Globals that variables never overwrite: they are the language's or the sandbox's own.</summary>
    private static readonly HashSet<string> ProtectedGlobals = new(StringComparer.Ordinal)
    {
        "undefined", "NaN", "Infinity", "globalThis", "eval", ExecutionObjectName,
    };

    private readonly ExpressionOptions _options;
    private readonly Options _jintOptions;
    private readonly IExpressionFunctions[] _functions;

    /// <summary>Creates an evaluator; <paramref name="options"/> are copied, so later changes to them have no effect.</summary>
    public ExpressionEvaluator(ExpressionOptions? options = null, IEnumerable<IExpressionFunctions>? functions = null)
    {
        options ??= new ExpressionOptions();
        _options = new ExpressionOptions
        {
            Timeout = options.Timeout,
            MaxStatements = options.MaxStatements,
            MemoryLimitBytes = options.MemoryLimitBytes,
            RecursionLimit = options.RecursionLimit,
        };
        _functions = functions?.ToArray() ?? [];
        _jintOptions = CreateJintOptions(_options);
    }

    /// <summary>
    /// Evaluates one JavaScript expression, given as <c>${expr}</c>, <c>#{expr}</c> or bare <c>expr</c>, and returns
    /// its value normalized (see <see cref="VariableValues"/>): whole numbers within ±(2^53 - 1) come back as
    /// <see cref="long"/>, other numbers as <see cref="double"/>, arrays as lists, plain objects as dictionaries, dates
    /// as <see cref="DateTimeOffset"/>, <c>undefined</c> as null. Variables are read as globals; an unknown one is an error.
    /// </summary>
    /// <exception cref="ExpressionException">The expression is invalid, fails, exceeds a limit, or yields a value
    /// that is not data (a function, a Map...).</exception>
    public object? Evaluate(string expression, IVariableReader variables)
    {
        ArgumentNullException.ThrowIfNull(expression);
        ArgumentNullException.ThrowIfNull(variables);
        var compiled = Compile(expression);
        if (compiled.Fast is { } fast && fast.TryEvaluate(variables, out var value))
        {
            return value;
        }

        return EvaluateInJint(compiled, expression, variables);
    }

    /// <summary>
    /// Evaluates an expression and converts its value to a boolean with JavaScript truthiness. A variable the
    /// expression reads but that does not exist is an error naming it (test with <c>typeof x !== 'undefined'</c>
    /// when a variable is optional).
    /// </summary>
    /// <exception cref="ExpressionException">The expression is invalid, fails or exceeds a limit.</exception>
    public bool EvaluateCondition(string expression, IVariableReader variables)
    {
        ArgumentNullException.ThrowIfNull(expression);
        ArgumentNullException.ThrowIfNull(variables);
        var compiled = Compile(expression);
        if (compiled.Fast is { } fast && fast.TryEvaluateCondition(variables, out var result))
        {
            return result;
        }

        return EvaluateConditionInJint(compiled, expression, variables);
    }

    /// <summary>
    /// Evaluates text that may contain expressions (see <see cref="ExpressionTemplate"/>): a whole <c>${...}</c> gives
    /// its typed value as <see cref="Evaluate"/> does; text with <c>${...}</c> in it gives the text with each expression
    /// replaced by its value; other text (also one whose <c>${</c> never closes) is returned as it is.
    /// </summary>
    /// <exception cref="ExpressionException">An expression is invalid or fails.</exception>
    public object? EvaluateTemplate(string text, IVariableReader variables)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(variables);
        if (IsExpression(text))
        {
            return Evaluate(text, variables);
        }

        if (!ExpressionTemplate.ContainsExpression(text) || !ExpressionTemplate.TryParse(text, out var parts))
        {
            return text;
        }

        return ExpressionTemplate.Render(parts, expression => Evaluate(expression, variables));
    }

    /// <summary>
    /// Runs a script (statements, strict mode). It reads variables as globals, and may call
    /// <c>execution.getVariable(name)</c>, <c>execution.hasVariable(name)</c> and
    /// <c>execution.setVariable(name, value)</c>; <c>getVariable</c> sees values set earlier by the same script, the
    /// globals do not change. Returns the completion value of the script (the value of its last expression
    /// statement), normalized, or null when that value is not data (a function, say), plus the variables set, in the
    /// order they were first set, each with its last value.
    /// </summary>
    /// <exception cref="ExpressionException">The script is invalid, throws or exceeds a limit.</exception>
    public ScriptResult RunScript(string script, IVariableReader variables)
    {
        ArgumentNullException.ThrowIfNull(script);
        ArgumentNullException.ThrowIfNull(variables);
        var compiled = CompiledCode.ForScript(script);
        if (compiled.SyntaxError is not null)
        {
            throw new ExpressionException(compiled.SyntaxError, script, ExpressionFailure.Syntax);
        }

        return Run(compiled, script, variables, isScript: true, static (result, state) =>
        {
            object? value;
            try
            {
                value = JsConversion.FromJs(result);
            }
            catch (ValueConversionException)
            {
                value = null;
            }

            return new ScriptResult(value, state.SetVariables());
        });
    }

    /// <summary>
    /// Checks syntax only (for deploy-time validation). Returns null when the code is valid, otherwise a sentence
    /// naming the problem with its line and column. An expression must be exactly one JavaScript expression.
    /// </summary>
    public string? CheckSyntax(string expressionOrScript, bool isScript)
    {
        ArgumentNullException.ThrowIfNull(expressionOrScript);
        var compiled = isScript ? CompiledCode.ForScript(expressionOrScript) : CompiledCode.ForExpression(expressionOrScript);
        return compiled.SyntaxError;
    }

    /// <summary>True if the text, ignoring surrounding white space, is exactly one <c>${...}</c> or <c>#{...}</c>.</summary>
    public static bool IsExpression(string text)
    {
        if (text is null)
        {
            return false;
        }

        var span = text.AsSpan().Trim();
        return span.Length >= 3
            && span[0] is '$' or '#'
            && span[1] == '{'
            && span[^1] == '}'
            && FindClosingBrace(span, 2) == span.Length - 1;
    }

    /// <summary>"${a > 1}" gives "a > 1" (likewise "#{...}"); any other text is returned as it is.</summary>
    public static string StripDelimiters(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (!IsExpression(text))
        {
            return text;
        }

        var trimmed = text.Trim();
        return trimmed[2..^1];
    }

    /// <summary>Evaluates on the Jint path even when the fast path could answer (for tests).</summary>
    internal object? EvaluateWithJint(string expression, IVariableReader variables) =>
        EvaluateInJint(Compile(expression), expression, variables);

    /// <summary>Evaluates a condition on the Jint path even when the fast path could answer (for tests).</summary>
    internal bool EvaluateConditionWithJint(string expression, IVariableReader variables) =>
        EvaluateConditionInJint(Compile(expression), expression, variables);

    /// <summary>True if the expression has a fast-path form (it may still fall back for some variable values).</summary>
    internal static bool HasFastPath(string expression) => CompiledCode.ForExpression(expression).Fast is not null;

    /// <summary>Fast path only; false when it cannot answer (for tests).</summary>
    internal static bool TryEvaluateFast(string expression, IVariableReader variables, out object? value)
    {
        value = null;
        return CompiledCode.ForExpression(expression).Fast is { } fast && fast.TryEvaluate(variables, out value);
    }

    /// <summary>Fast path only; false when it cannot answer (for tests).</summary>
    internal static bool TryEvaluateConditionFast(string expression, IVariableReader variables, out bool value)
    {
        value = false;
        return CompiledCode.ForExpression(expression).Fast is { } fast && fast.TryEvaluateCondition(variables, out value);
    }

    /// <summary>A message with a full stop at the end.</summary>
    internal static string Sentence(string message)
    {
        message = message.Trim();
        return message.Length == 0 ? "unknown error." : message.EndsWith('.') || message.EndsWith('!') || message.EndsWith('?') ? message : message + ".";
    }

    private static CompiledCode Compile(string expression)
    {
        var compiled = CompiledCode.ForExpression(expression);
        if (compiled.SyntaxError is not null)
        {
            throw new ExpressionException(compiled.SyntaxError, expression, ExpressionFailure.Syntax);
        }

        return compiled;
    }

    private object? EvaluateInJint(CompiledCode compiled, string expression, IVariableReader variables) =>
        Run(compiled, expression, variables, isScript: false, (result, _) =>
        {
            try
            {
                return JsConversion.FromJs(result);
            }
            catch (ValueConversionException ex)
            {
                throw new ExpressionException(
                    $"{compiled.Subject} produced a value that cannot be used as a variable value: {Sentence(ex.Message)}",
                    expression);
            }
        });

    private bool EvaluateConditionInJint(CompiledCode compiled, string expression, IVariableReader variables) =>
        Run(compiled, expression, variables, isScript: false, static (result, _) => TypeConverter.ToBoolean(result));

    /// <summary>Runs compiled code in a fresh engine and hands the completion value to <paramref name="read"/>.</summary>
    private T Run<T>(CompiledCode compiled, string original, IVariableReader variables, bool isScript, Func<JsValue, ExecutionState, T> read)
    {
        var program = compiled.GetProgram();
        using var engine = new JintEngine(_jintOptions);
        var state = new ExecutionState(engine, variables, isScript);

        // Expressions get only the names they mention (cheap, and all they can reach); scripts get everything.
        Func<string, bool>? wanted = isScript || program.UsesGlobalObject ? null : program.References;
        var sandbox = new ExpressionSandbox(engine, wanted);
        foreach (var functions in _functions)
        {
            functions.Register(sandbox);
        }

        if (wanted is null || wanted(ExecutionObjectName))
        {
            engine.SetValue(ExecutionObjectName, state.CreateExecutionObject());
        }

        string? current = null;
        try
        {
            if (wanted is null)
            {
                foreach (var (name, value) in variables.AllVariables())
                {
                    current = name;
                    Install(engine, name, value);
                }
            }
            else
            {
                foreach (var name in program.Globals)
                {
                    if (variables.TryGetVariable(name, out var value))
                    {
                        current = name;
                        Install(engine, name, value);
                    }
                }
            }
        }
        catch (Exception ex) when (ex is ArgumentException or ValueConversionException)
        {
            throw new ExpressionException(
                $"{compiled.Subject} could not be given variable '{current}': {Sentence(ex.Message)}", original, ex);
        }

        try
        {
            var result = engine.Evaluate(program.Script);
            return read(result, state);
        }
        catch (ExpressionException)
        {
            throw;
        }
        catch (Exception ex)
        {
            throw Translate(ex, compiled, original, isScript);
        }
    }

    private static void Install(JintEngine engine, string name, object? value)
    {
        if (!ProtectedGlobals.Contains(name))
        {
            engine.SetValue(name, JsConversion.ToJs(engine, value));
        }
    }

    private ExpressionException Translate(Exception ex, CompiledCode compiled, string original, bool isScript)
    {
        var subject = compiled.Subject;
        switch (ex)
        {
            case TimeoutException: // includes RegexMatchTimeoutException
                return new ExpressionException(
                    $"{subject} exceeded its time limit of {FormatDuration(_options.Timeout)} and was stopped.",
                    original, ExpressionFailure.Timeout, ex);
            case StatementsCountOverflowException:
                return new ExpressionException(
                    $"{subject} exceeded its limit of {_options.MaxStatements.ToString("N0", CultureInfo.InvariantCulture)} statements and was stopped.",
                    original, ExpressionFailure.StatementLimit, ex);
            case MemoryLimitExceededException:
            case OutOfMemoryException:
                return new ExpressionException(
                    $"{subject} exceeded its memory limit of {FormatBytes(_options.MemoryLimitBytes)} and was stopped.",
                    original, ExpressionFailure.MemoryLimit, ex);
            case RecursionDepthOverflowException:
                return new ExpressionException(
                    $"{subject} exceeded the recursion limit of {_options.RecursionLimit} nested calls and was stopped.",
                    original, ExpressionFailure.RecursionLimit, ex);
            case InsufficientExecutionStackException:
            case JavaScriptException js when js.Message.Contains("call stack size exceeded", StringComparison.OrdinalIgnoreCase):
                return new ExpressionException(
                    $"{subject} recursed too deeply (the call stack ran out) and was stopped.",
                    original, ExpressionFailure.RecursionLimit, ex);
            case JavaScriptException js:
                var location = js.Location.Start;
                return new ExpressionException(
                    isScript && location.Line > 0
                        ? $"Script failed at line {location.Line}, column {location.Column + 1}: {Sentence(js.Message)}"
                        : $"{subject} failed: {Sentence(js.Message)}",
                    original, ExpressionFailure.Runtime, ex);
            default:
                return new ExpressionException($"{subject} failed: {Sentence(ex.Message)}", original, ExpressionFailure.Runtime, ex);
        }
    }

    private static Options CreateJintOptions(ExpressionOptions options)
    {
        var jint = new Options
        {
            Strict = true,
            Culture = CultureInfo.InvariantCulture,
            TimeZone = TimeZoneInfo.Utc,
            AgentCanSuspend = false, // Atomics.wait would block the thread where no limit can reach it
        };
        jint.Interop.Enabled = false;
        jint.Interop.AllowGetType = false;
        jint.Interop.AllowSystemReflection = false;
        jint.DisableStringCompilation(true);
        jint.TimeoutInterval(options.Timeout);
        jint.MaxStatements(options.MaxStatements);
        jint.LimitMemory(options.MemoryLimitBytes);
        jint.LimitRecursion(options.RecursionLimit);
        jint.Constraints.StackOverflowGuard = true;
        if (options.Timeout > TimeSpan.Zero)
        {
            jint.Constraints.RegexTimeout = options.Timeout;
        }

        return jint;
    }

    private static string FormatDuration(TimeSpan duration)
    {
        if (duration.Ticks % TimeSpan.TicksPerSecond == 0 && duration >= TimeSpan.FromSeconds(1))
        {
            return $"{(long)duration.TotalSeconds} s";
        }

        return duration.TotalMilliseconds.ToString("0.###", CultureInfo.InvariantCulture) + " ms";
    }

    private static string FormatBytes(long bytes)
    {
        const long Mb = 1024 * 1024;
        if (bytes >= Mb && bytes % Mb == 0)
        {
            return $"{bytes / Mb} MB";
        }

        return bytes >= 1024 && bytes % 1024 == 0
            ? $"{bytes / 1024} KB"
            : bytes.ToString("N0", CultureInfo.InvariantCulture) + " bytes";
    }

    /// <summary>
    /// Index of the brace closing the one opened just before <paramref name="start"/>, skipping braces inside
    /// string and template literals and comments; -1 if it is never closed.
    /// </summary>
    internal static int FindClosingBrace(ReadOnlySpan<char> text, int start)
    {
        var depth = 1;
        var i = start;
        while (i < text.Length)
        {
            var c = text[i];
            switch (c)
            {
                case '\'':
                case '"':
                    i = SkipString(text, i, c);
                    if (i < 0)
                    {
                        return -1;
                    }

                    continue;
                case '`':
                    i = SkipTemplate(text, i);
                    if (i < 0)
                    {
                        return -1;
                    }

                    continue;
                case '/' when i + 1 < text.Length && text[i + 1] == '/':
                    var lineEnd = text[i..].IndexOfAny('\n', '\r');
                    if (lineEnd < 0)
                    {
                        return -1;
                    }

                    i += lineEnd;
                    continue;
                case '/' when i + 1 < text.Length && text[i + 1] == '*':
                    var commentEnd = text[(i + 2)..].IndexOf("*/", StringComparison.Ordinal);
                    if (commentEnd < 0)
                    {
                        return -1;
                    }

                    i += commentEnd + 4;
                    continue;
                case '{':
                    depth++;
                    break;
                case '}':
                    depth--;
                    if (depth == 0)
                    {
                        return i;
                    }

                    break;
            }

            i++;
        }

        return -1;
    }

    /// <summary>Index just after the string literal starting at <paramref name="start"/>, or -1.</summary>
    private static int SkipString(ReadOnlySpan<char> text, int start, char quote)
    {
        for (var i = start + 1; i < text.Length; i++)
        {
            if (text[i] == '\\')
            {
                i++;
            }
            else if (text[i] == quote)
            {
                return i + 1;
            }
        }

        return -1;
    }

    /// <summary>Index just after the template literal starting at <paramref name="start"/>, or -1.</summary>
    private static int SkipTemplate(ReadOnlySpan<char> text, int start)
    {
        for (var i = start + 1; i < text.Length; i++)
        {
            if (text[i] == '\\')
            {
                i++;
            }
            else if (text[i] == '`')
            {
                return i + 1;
            }
            else if (text[i] == '$' && i + 1 < text.Length && text[i + 1] == '{')
            {
                var close = FindClosingBrace(text, i + 2);
                if (close < 0)
                {
                    return -1;
                }

                i = close;
            }
        }

        return -1;
    }
}
