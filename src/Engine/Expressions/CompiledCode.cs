using System.Collections.Concurrent;
using Acornima;
using Acornima.Ast;
using Jint;

using JintEngine = Jint.Engine;

namespace Workflows.Engine.Expressions;

/// <summary>
/// One expression or script, parsed once and shared by every evaluation (and every thread): either the syntax
/// error it has, or the fast-path form and/or the prepared Jint program.
/// </summary>
internal sealed class CompiledCode
{
    private const int MaxCacheEntries = 10_000;

    private static readonly ConcurrentDictionary<string, CompiledCode> Expressions = new(StringComparer.Ordinal);
    private static readonly ConcurrentDictionary<string, CompiledCode> Scripts = new(StringComparer.Ordinal);

    private static readonly ScriptPreparationOptions Preparation = new() { CollectReferencedGlobals = true };

    private readonly bool _isScript;
    private PreparedProgram? _program;

    private CompiledCode(string code, bool isScript)
    {
        Code = code;
        _isScript = isScript;
    }

    /// <summary>The JavaScript source: for an expression, the text inside the delimiters.</summary>
    public string Code { get; }

    /// <summary>A complete sentence describing the syntax error, or null if the code is valid.</summary>
    public string? SyntaxError { get; private set; }

    /// <summary>The fast-path form, for expressions that have one.</summary>
    public FastExpression? Fast { get; private set; }

    /// <summary>Parses (or finds in the cache) an expression given as <c>${...}</c>, <c>#{...}</c> or bare text.</summary>
    public static CompiledCode ForExpression(string expression)
    {
        if (Expressions.TryGetValue(expression, out var cached))
        {
            return cached;
        }

        return Add(Expressions, expression, CompileExpression(expression));
    }

    /// <summary>Parses (or finds in the cache) a script.</summary>
    public static CompiledCode ForScript(string script)
    {
        if (Scripts.TryGetValue(script, out var cached))
        {
            return cached;
        }

        var compiled = new CompiledCode(script, isScript: true);
        try
        {
            compiled._program = PreparedProgram.Create(JintEngine.PrepareScript(script, null, true, Preparation), script);
        }
        catch (ScriptPreparationException ex)
        {
            compiled.SyntaxError = "Script " + DescribeSyntaxError(ex.InnerException as ParseErrorException, ex);
        }

        return Add(Scripts, script, compiled);
    }

    /// <summary>The prepared Jint program; built on first use for expressions that normally take the fast path.</summary>
    public PreparedProgram GetProgram()
    {
        if (SyntaxError is not null)
        {
            throw new InvalidOperationException(SyntaxError);
        }

        return _program ??= PrepareExpression(Code, out _) ?? throw new InvalidOperationException("The expression could not be prepared.");
    }

    /// <summary>How an expression or script is named at the start of a message: "Script" or "Expression 'a > 1'".</summary>
    public string Subject => _isScript ? "Script" : $"Expression '{Abbreviate(Code)}'";

    private static CompiledCode Add(ConcurrentDictionary<string, CompiledCode> cache, string key, CompiledCode compiled)
    {
        if (cache.Count >= MaxCacheEntries)
        {
            cache.Clear(); // crude but bounded; real workloads use far fewer distinct texts
        }

        return cache.GetOrAdd(key, compiled);
    }

    private static CompiledCode CompileExpression(string expression)
    {
        var code = ExpressionEvaluator.StripDelimiters(expression).Trim();
        var compiled = new CompiledCode(code, isScript: false);
        if (code.Length == 0)
        {
            compiled.SyntaxError = "Expression is empty.";
            return compiled;
        }

        compiled.Fast = FastExpression.TryParse(code);
        if (compiled.Fast is null)
        {
            compiled._program = PrepareExpression(code, out var error);
            compiled.SyntaxError = error;
        }

        return compiled;
    }

    /// <summary>
    /// Prepares code that must be exactly one JavaScript expression. Code that parses as a lone expression statement
    /// is used as it is; code that only parses as an expression (an object literal, a function expression) is
    /// wrapped in parentheses; anything else is a syntax error located in the original text.
    /// </summary>
    private static PreparedProgram? PrepareExpression(string code, out string? error)
    {
        error = null;
        try
        {
            var prepared = JintEngine.PrepareScript(code, null, true, Preparation);
            if (prepared.Program?.Body is { Count: 1 } body && body[0] is ExpressionStatement)
            {
                return PreparedProgram.Create(prepared, code);
            }
        }
        catch (ScriptPreparationException)
        {
            // fall through: the expression parser gives the error relative to an expression
        }

        try
        {
            new Parser().ParseExpression(code, null, true);
            return PreparedProgram.Create(JintEngine.PrepareScript("(" + code + "\n)", null, true, Preparation), code);
        }
        catch (ParseErrorException ex)
        {
            error = $"Expression '{Abbreviate(code)}' " + DescribeSyntaxError(ex, ex);
        }
        catch (ScriptPreparationException ex)
        {
            error = $"Expression '{Abbreviate(code)}' " + DescribeSyntaxError(ex.InnerException as ParseErrorException, ex);
        }

        return null;
    }

    private static string DescribeSyntaxError(ParseErrorException? parseError, Exception fallback)
    {
        if (parseError is null)
        {
            return "has a syntax error: " + ExpressionEvaluator.Sentence(fallback.Message);
        }

        return $"has a syntax error at line {parseError.LineNumber}, column {parseError.Column + 1}: "
            + ExpressionEvaluator.Sentence(parseError.Description);
    }

    /// <summary>Code shortened to one line of at most 100 characters, for messages.</summary>
    internal static string Abbreviate(string code)
    {
        var line = string.Join(' ', code.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        return line.Length <= 100 ? line : string.Concat(line.AsSpan(0, 97), "...");
    }
}

/// <summary>A prepared Jint program plus the global names it mentions.</summary>
internal sealed class PreparedProgram
{
    private readonly HashSet<string> _globals;

    private PreparedProgram(in Prepared<Script> script, HashSet<string> globals, bool usesGlobalObject)
    {
        Script = script;
        _globals = globals;
        UsesGlobalObject = usesGlobalObject;
    }

    public Prepared<Script> Script { get; }

    /// <summary>The free identifiers of the program: the only variables and functions it can reach by name.</summary>
    public IReadOnlyCollection<string> Globals => _globals;

    /// <summary>True when the code may reach globals without naming them (<c>globalThis</c>, <c>this</c>).</summary>
    public bool UsesGlobalObject { get; }

    public bool References(string name) => UsesGlobalObject || _globals.Contains(name);

    public static PreparedProgram Create(in Prepared<Script> script, string code)
    {
        var globals = new HashSet<string>(StringComparer.Ordinal);
        if (script.ReferencedGlobals is { } referenced)
        {
            foreach (var name in referenced)
            {
                globals.Add(name);
            }
        }

        var usesGlobalObject = script.ReferencedGlobals is null || globals.Contains("globalThis") || code.Contains("this", StringComparison.Ordinal);
        return new PreparedProgram(script, globals, usesGlobalObject);
    }
}
