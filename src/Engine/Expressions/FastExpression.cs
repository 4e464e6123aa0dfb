using System.Globalization;

namespace Workflows.Engine.Expressions;

/// <summary>
/// The fast path: the handful of expression shapes that make up most BPMN conditions, evaluated directly on the
/// normalized CLR values without a JavaScript engine. The shapes are
/// <list type="bullet">
/// <item>a literal: <c>true</c>, <c>false</c>, <c>null</c>, a decimal number (optionally negative), a string
/// without escapes;</item>
/// <item>an identifier, possibly negated one or more times: <c>approved</c>, <c>!approved</c>;</item>
/// <item>an identifier compared with a literal (either side): <c>==</c>, <c>!=</c>, <c>===</c>, <c>!==</c> against
/// any literal, <c>&lt;</c>, <c>&lt;=</c>, <c>&gt;</c>, <c>&gt;=</c> against a number.</item>
/// </list>
/// Every answer is the one JavaScript gives for the value the variable would have in the sandbox. Whenever that
/// is not certain (the variable is missing, holds an object compared loosely, a string compared with a number...),
/// <c>TryEvaluate</c> returns <see langword="false"/> and the caller runs the expression in Jint instead.
/// </summary>
internal sealed class FastExpression
{
    private static readonly object BoxedTrue = true;
    private static readonly object BoxedFalse = false;

    /// <summary>Names the fast path never treats as plain variables: keywords, and globals the sandbox owns.</summary>
    private static readonly HashSet<string> ReservedNames = new(StringComparer.Ordinal)
    {
        "break", "case", "catch", "class", "const", "continue", "debugger", "default", "delete", "do", "else",
        "enum", "export", "extends", "finally", "for", "function", "if", "import", "in", "instanceof", "new",
        "return", "super", "switch", "this", "throw", "try", "typeof", "var", "void", "while", "with", "yield",
        "let", "static", "implements", "interface", "package", "private", "protected", "public", "await",
        "arguments", "eval", "undefined", "NaN", "Infinity", "globalThis", ExpressionEvaluator.ExecutionObjectName,
    };

    private readonly Shape _shape;
    private readonly string _name = string.Empty;
    private readonly int _negations;
    private readonly Operator _operator;
    private readonly Literal _literal;

    private FastExpression(Literal literal)
    {
        _shape = Shape.Literal;
        _literal = literal;
    }

    private FastExpression(string name, int negations)
    {
        _shape = Shape.Identifier;
        _name = name;
        _negations = negations;
    }

    private FastExpression(string name, Operator op, Literal literal)
    {
        _shape = Shape.Comparison;
        _name = name;
        _operator = op;
        _literal = literal;
    }

    private enum Shape
    {
        Literal,
        Identifier,
        Comparison,
    }

    private enum Operator
    {
        LooseEqual,
        LooseNotEqual,
        StrictEqual,
        StrictNotEqual,
        Less,
        LessOrEqual,
        Greater,
        GreaterOrEqual,
    }

    private enum Kind
    {
        Null,
        Boolean,
        Number,
        String,
        Object,
        Unknown,
    }

    /// <summary>The variable the expression reads, if any.</summary>
    public string? VariableName => _shape == Shape.Literal ? null : _name;

    /// <summary>Recognizes one of the fast shapes in already stripped code; null if the code is anything else.</summary>
    public static FastExpression? TryParse(string code)
    {
        var tokens = new List<Token>(4);
        if (!Tokenize(code, tokens) || tokens.Count == 0)
        {
            return null;
        }

        // [!]* identifier
        var bangs = 0;
        while (bangs < tokens.Count && tokens[bangs].Type == TokenType.Bang)
        {
            bangs++;
        }

        if (bangs > 0)
        {
            return bangs == tokens.Count - 1 && IsVariable(tokens[^1]) ? new FastExpression(tokens[^1].Text, bangs) : null;
        }

        var position = 0;
        if (!TryOperand(tokens, ref position, out var first))
        {
            return null;
        }

        if (position == tokens.Count)
        {
            return first.IsLiteral ? new FastExpression(first.Literal) : new FastExpression(first.Name, 0);
        }

        if (tokens[position].Type != TokenType.Operator)
        {
            return null;
        }

        var op = tokens[position].Operator;
        position++;
        if (!TryOperand(tokens, ref position, out var second) || position != tokens.Count)
        {
            return null;
        }

        if (first.IsLiteral == second.IsLiteral)
        {
            return null; // literal op literal, or identifier op identifier: leave to Jint
        }

        var literal = first.IsLiteral ? first.Literal : second.Literal;
        var name = first.IsLiteral ? second.Name : first.Name;
        if (op >= Operator.Less)
        {
            if (literal.Kind != Kind.Number)
            {
                return null;
            }

            if (first.IsLiteral)
            {
                op = Mirror(op); // 5 < x  is  x > 5
            }
        }

        return new FastExpression(name, op, literal);
    }

    /// <summary>The value of the expression, exactly as the Jint path would return it.</summary>
    public bool TryEvaluate(IVariableReader variables, out object? value)
    {
        switch (_shape)
        {
            case Shape.Literal:
                value = _literal.Value;
                return true;
            case Shape.Identifier when _negations == 0:
                if (variables.TryGetVariable(_name, out var raw) && TryRoundTrip(raw, out value))
                {
                    return true;
                }

                value = null;
                return false;
            default:
                if (TryEvaluateCondition(variables, out var result))
                {
                    value = result ? BoxedTrue : BoxedFalse;
                    return true;
                }

                value = null;
                return false;
        }
    }

    /// <summary>The truthiness of the expression's value.</summary>
    public bool TryEvaluateCondition(IVariableReader variables, out bool result)
    {
        result = false;
        if (_shape == Shape.Literal)
        {
            return TryTruthy(_literal.Value, out result);
        }

        if (!variables.TryGetVariable(_name, out var raw))
        {
            return false; // let Jint raise the ReferenceError
        }

        if (_shape == Shape.Identifier)
        {
            if (!TryTruthy(raw, out var truthy))
            {
                return false;
            }

            result = (_negations & 1) == 0 ? truthy : !truthy;
            return true;
        }

        return TryCompare(raw, out result);
    }

    private bool TryCompare(object? raw, out bool result)
    {
        result = false;
        var kind = Classify(raw, out var boolean, out var number, out var text);
        if (kind == Kind.Unknown)
        {
            return false;
        }

        switch (_operator)
        {
            case Operator.Less:
            case Operator.LessOrEqual:
            case Operator.Greater:
            case Operator.GreaterOrEqual:
                if (kind != Kind.Number)
                {
                    return false; // null, strings, booleans and objects are coerced: leave to Jint
                }

                var limit = _literal.Number;
                result = _operator switch
                {
                    Operator.Less => number < limit,
                    Operator.LessOrEqual => number <= limit,
                    Operator.Greater => number > limit,
                    _ => number >= limit,
                };
                return true;
        }

        var strict = _operator is Operator.StrictEqual or Operator.StrictNotEqual;
        if (!TryEquals(kind, boolean, number, text, strict, out var equal))
        {
            return false;
        }

        result = _operator is Operator.LooseEqual or Operator.StrictEqual ? equal : !equal;
        return true;
    }

    /// <summary>
    /// <c>value == literal</c> or <c>value === literal</c>. Same types compare directly. Across types strict equality
    /// is false; loose equality is decided here only where no string or object coercion is involved.
    /// </summary>
    private bool TryEquals(Kind kind, bool boolean, double number, string? text, bool strict, out bool equal)
    {
        equal = false;
        switch (_literal.Kind)
        {
            case Kind.Null:
                equal = kind == Kind.Null; // loose: only null and undefined equal null; objects never do
                return true;
            case Kind.Boolean:
                if (kind == Kind.Boolean)
                {
                    equal = boolean == _literal.Boolean;
                    return true;
                }

                if (strict || kind == Kind.Null)
                {
                    return true;
                }

                if (kind == Kind.Number)
                {
                    equal = number == (_literal.Boolean ? 1 : 0);
                    return true;
                }

                return false;
            case Kind.Number:
                if (kind == Kind.Number)
                {
                    equal = number == _literal.Number;
                    return true;
                }

                if (strict || kind == Kind.Null)
                {
                    return true;
                }

                if (kind == Kind.Boolean)
                {
                    equal = (boolean ? 1 : 0) == _literal.Number;
                    return true;
                }

                return false;
            default: // string literal
                if (kind == Kind.String)
                {
                    equal = string.Equals(text, _literal.Text, StringComparison.Ordinal);
                    return true;
                }

                return strict || kind == Kind.Null;
        }
    }

    /// <summary>How a normalized value looks in JavaScript. Unknown for anything not normalized.</summary>
    private static Kind Classify(object? value, out bool boolean, out double number, out string? text)
    {
        boolean = false;
        number = 0;
        text = null;
        switch (value)
        {
            case null:
                return Kind.Null;
            case bool b:
                boolean = b;
                return Kind.Boolean;
            case long l:
                number = l;
                return Kind.Number;
            case double d:
                number = d;
                return Kind.Number;
            case decimal m:
                number = (double)m;
                return Kind.Number;
            case string s:
                text = s;
                return Kind.String;
            case DateTimeOffset:
            case List<object?>:
            case Dictionary<string, object?>:
                return Kind.Object;
            default:
                return Kind.Unknown;
        }
    }

    private static bool TryTruthy(object? value, out bool truthy)
    {
        var kind = Classify(value, out var boolean, out var number, out var text);
        truthy = kind switch
        {
            Kind.Boolean => boolean,
            Kind.Number => number != 0 && !double.IsNaN(number),
            Kind.String => text!.Length > 0,
            Kind.Object => true,
            _ => false,
        };
        return kind != Kind.Unknown;
    }

    /// <summary>What the value becomes after a trip into JavaScript and back, for primitives only.</summary>
    private static bool TryRoundTrip(object? value, out object? result)
    {
        switch (value)
        {
            case null:
            case bool:
            case string:
                result = value;
                return true;
            case long l:
                result = Math.Abs(l) <= (long)VariableValues.MaxSafeInteger ? value : VariableValues.NormalizeNumber(l);
                return true;
            case double d:
                result = VariableValues.NormalizeNumber(d);
                return true;
            case decimal m:
                result = VariableValues.NormalizeNumber((double)m);
                return true;
            default:
                result = null;
                return false; // dates and containers: let Jint do the conversion
        }
    }

    private static Operator Mirror(Operator op) => op switch
    {
        Operator.Less => Operator.Greater,
        Operator.LessOrEqual => Operator.GreaterOrEqual,
        Operator.Greater => Operator.Less,
        Operator.GreaterOrEqual => Operator.LessOrEqual,
        _ => op,
    };

    private static bool IsVariable(Token token) => token.Type == TokenType.Identifier && !IsLiteralKeyword(token.Text);

    private static bool IsLiteralKeyword(string name) => name is "true" or "false" or "null";

    private static bool TryOperand(List<Token> tokens, ref int position, out Operand operand)
    {
        operand = default;
        if (position >= tokens.Count)
        {
            return false;
        }

        var token = tokens[position];
        switch (token.Type)
        {
            case TokenType.Identifier:
                position++;
                operand = token.Text switch
                {
                    "true" => new Operand(new Literal(Kind.Boolean, boolean: true)),
                    "false" => new Operand(new Literal(Kind.Boolean, boolean: false)),
                    "null" => new Operand(new Literal(Kind.Null)),
                    _ => new Operand(token.Text),
                };
                return true;
            case TokenType.Number:
                position++;
                operand = new Operand(new Literal(Kind.Number, number: token.Number));
                return true;
            case TokenType.String:
                position++;
                operand = new Operand(new Literal(Kind.String, text: token.Text));
                return true;
            case TokenType.Minus when position + 1 < tokens.Count && tokens[position + 1].Type == TokenType.Number:
                operand = new Operand(new Literal(Kind.Number, number: -tokens[position + 1].Number));
                position += 2;
                return true;
            default:
                return false;
        }
    }

    /// <summary>Splits the code into tokens of the tiny fast grammar; false at the first thing outside it.</summary>
    private static bool Tokenize(string code, List<Token> tokens)
    {
        var i = 0;
        while (i < code.Length)
        {
            var c = code[i];
            if (c is ' ' or '\t' or '\r' or '\n')
            {
                i++;
                continue;
            }

            if (tokens.Count >= 4)
            {
                return false;
            }

            if (IsIdentifierStart(c))
            {
                var start = i;
                while (i < code.Length && IsIdentifierPart(code[i]))
                {
                    i++;
                }

                if (i < code.Length && code[i] > 127)
                {
                    return false; // identifiers with non-ASCII parts: not worth it
                }

                var name = code[start..i];
                if (ReservedNames.Contains(name))
                {
                    return false;
                }

                tokens.Add(new Token(TokenType.Identifier, name));
                continue;
            }

            if (c is >= '0' and <= '9')
            {
                var start = i;
                while (i < code.Length && char.IsAsciiDigit(code[i]))
                {
                    i++;
                }

                if (i - start > 1 && code[start] == '0')
                {
                    return false; // legacy octal: a syntax error in strict mode, let Jint say so
                }

                if (i < code.Length && code[i] == '.')
                {
                    i++;
                    var fractionStart = i;
                    while (i < code.Length && char.IsAsciiDigit(code[i]))
                    {
                        i++;
                    }

                    if (i == fractionStart)
                    {
                        return false;
                    }
                }

                if (i < code.Length && (IsIdentifierPart(code[i]) || code[i] == '.' || code[i] > 127))
                {
                    return false; // exponents, separators, 1.2.3, 5in...
                }

                var number = double.Parse(code.AsSpan(start, i - start), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture);
                tokens.Add(new Token(number));
                continue;
            }

            if (c is '\'' or '"')
            {
                var end = code.IndexOf(c, i + 1);
                if (end < 0)
                {
                    return false;
                }

                var text = code.Substring(i + 1, end - i - 1);
                if (text.AsSpan().IndexOfAny('\\', '\n', '\r') >= 0)
                {
                    return false;
                }

                tokens.Add(new Token(TokenType.String, text));
                i = end + 1;
                continue;
            }

            if (!TryOperatorToken(code, ref i, tokens))
            {
                return false;
            }
        }

        return true;
    }

    private static bool TryOperatorToken(string code, ref int i, List<Token> tokens)
    {
        var c = code[i];
        var next = i + 1 < code.Length ? code[i + 1] : '\0';
        var afterNext = i + 2 < code.Length ? code[i + 2] : '\0';
        switch (c)
        {
            case '!' when next == '=' && afterNext == '=':
                tokens.Add(new Token(Operator.StrictNotEqual));
                i += 3;
                return true;
            case '!' when next == '=':
                tokens.Add(new Token(Operator.LooseNotEqual));
                i += 2;
                return true;
            case '!':
                tokens.Add(new Token(TokenType.Bang, "!"));
                i++;
                return true;
            case '=' when next == '=' && afterNext == '=':
                tokens.Add(new Token(Operator.StrictEqual));
                i += 3;
                return true;
            case '=' when next == '=':
                tokens.Add(new Token(Operator.LooseEqual));
                i += 2;
                return true;
            case '<' when next == '=':
                tokens.Add(new Token(Operator.LessOrEqual));
                i += 2;
                return true;
            case '<' when next != '<':
                tokens.Add(new Token(Operator.Less));
                i++;
                return true;
            case '>' when next == '=':
                tokens.Add(new Token(Operator.GreaterOrEqual));
                i += 2;
                return true;
            case '>' when next != '>':
                tokens.Add(new Token(Operator.Greater));
                i++;
                return true;
            case '-' when next != '-' && next != '=':
                tokens.Add(new Token(TokenType.Minus, "-"));
                i++;
                return true;
            default:
                return false;
        }
    }

    private static bool IsIdentifierStart(char c) => char.IsAsciiLetter(c) || c is '_' or '$';

    private static bool IsIdentifierPart(char c) => char.IsAsciiLetterOrDigit(c) || c is '_' or '$';

    private enum TokenType
    {
        Identifier,
        Number,
        String,
        Operator,
        Bang,
        Minus,
    }

    private readonly struct Token
    {
        public Token(TokenType type, string text)
        {
            Type = type;
            Text = text;
        }

        public Token(double number)
        {
            Type = TokenType.Number;
            Text = string.Empty;
            Number = number;
        }

        public Token(Operator op)
        {
            Type = TokenType.Operator;
            Text = string.Empty;
            Operator = op;
        }

        public TokenType Type { get; }

        public string Text { get; }

        public double Number { get; }

        public Operator Operator { get; }
    }

    private readonly struct Literal
    {
        public Literal(Kind kind, bool boolean = false, double number = 0, string? text = null)
        {
            Kind = kind;
            Boolean = boolean;
            Number = number;
            Text = text;
            Value = kind switch
            {
                Kind.Boolean => boolean ? BoxedTrue : BoxedFalse,
                Kind.Number => VariableValues.NormalizeNumber(number),
                Kind.String => text,
                _ => null,
            };
        }

        public Kind Kind { get; }

        public bool Boolean { get; }

        public double Number { get; }

        public string? Text { get; }

        /// <summary>The literal as a normalized value.</summary>
        public object? Value { get; }
    }

    private readonly struct Operand
    {
        public Operand(Literal literal)
        {
            IsLiteral = true;
            Literal = literal;
            Name = string.Empty;
        }

        public Operand(string name)
        {
            Name = name;
        }

        public bool IsLiteral { get; }

        public Literal Literal { get; }

        public string Name { get; }
    }
}
