using System.Collections.Frozen;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using Fluid;
using Fluid.Ast;
using Fluid.Values;
using Workflows.Engine.Time;

namespace Workflows.Host.Mail;

/// <summary>A rendered mail: a one-line subject, a plain-text body and an HTML body.</summary>
public sealed record RenderedMail(string Subject, string Text, string Html);

/// <summary>
/// The mail templates: Liquid (Fluid) files embedded from <c>src/Host/Mail/Templates/*.liquid</c>, and the Liquid
/// subjects and bodies that a <c>mail.send</c> task gives. A template file captures three parts:
/// <c>{% capture subject %}</c>, <c>{% capture text %}</c> and <c>{% capture html %}</c>. The subject and text are
/// rendered without encoding, the HTML part with HTML encoding of every value (a value can never add markup; the
/// filter <c>text_to_html</c> turns plain text into escaped HTML with line breaks). Dates render in China Standard
/// Time.
/// <para>
/// Templates of tasks are written by modellers, so rendering is bounded: at most <see cref="MaxSteps"/> steps, ranges
/// of at most <see cref="MaxRangeLength"/> numbers, and no text (a filter's result, a capture, the output) longer than
/// <see cref="MaxTextLength"/> characters — a template that would exhaust the host's memory fails instead.
/// </para>
/// </summary>
public sealed class MailTemplates
{
    /// <summary>The template a <c>mail.send</c> task without a template name is laid out with.</summary>
    public const string Generic = "generic";

    public const string TaskReminder = "task-reminder";

    public const string TaskCopy = "task-copy";

    public const int MaxSteps = 100_000;

    public const int MaxRangeLength = 10_000;

    public const int MaxTextLength = 1_000_000;

    private const string ResourcePrefix = "Workflows.Host.Mail.Templates.";
    private const string ResourceSuffix = ".liquid";

    private static readonly FluidParser Parser = new();

    // Chinese stays readable in the HTML source; only what HTML needs is escaped.
    private static readonly HtmlEncoder Html = HtmlEncoder.Create(UnicodeRanges.All);

    // The embedded templates are parsed and guarded once per process, and a task's text once per distinct text: the
    // guard walks the whole syntax tree, and hosts (and the test hosts of one process) are built many times.
    private static readonly Lazy<FrozenDictionary<string, IFluidTemplate>> Embedded = new(LoadEmbedded);
    private const int TextCacheLimit = 512;
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, IFluidTemplate> Texts = new(StringComparer.Ordinal);

    private readonly TemplateOptions _options;
    private readonly FrozenDictionary<string, IFluidTemplate> _templates;

    public MailTemplates()
    {
        _options = new TemplateOptions
        {
            MaxSteps = MaxSteps,
            MaxRecursion = 32,
            TimeZone = WorkingDays.ChinaStandardTime,
            CultureInfo = System.Globalization.CultureInfo.InvariantCulture,

            // {% include %} and {% render %} read no files: a template is self-contained.
            FileProvider = new Microsoft.Extensions.FileProviders.NullFileProvider(),
        };
        _options.Filters.AddFilter("text_to_html", static (input, _, _) => new ValueTask<FluidValue>(new StringValue(TextToHtml(input.ToStringValue()), false)));
        foreach (var (filterName, filter) in _options.Filters.ToList())
        {
            _options.Filters.AddFilter(filterName, Bounded(filterName, filter));
        }

        _templates = Embedded.Value;
    }

    private static FrozenDictionary<string, IFluidTemplate> LoadEmbedded()
    {
        var assembly = typeof(MailTemplates).Assembly;
        var templates = new Dictionary<string, IFluidTemplate>(StringComparer.Ordinal);
        foreach (var resource in assembly.GetManifestResourceNames())
        {
            if (!resource.StartsWith(ResourcePrefix, StringComparison.Ordinal) || !resource.EndsWith(ResourceSuffix, StringComparison.Ordinal))
            {
                continue;
            }

            var name = resource[ResourcePrefix.Length..^ResourceSuffix.Length];
            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var reader = new StreamReader(stream, Encoding.UTF8);
            var source = reader.ReadToEnd();
            if (!Parser.TryParse(source, out var template, out var error))
            {
                throw new InvalidOperationException($"The mail template '{name}' does not parse: {error}");
            }

            templates[name] = new RangeGuard().VisitTemplate(template);
        }

        return templates.ToFrozenDictionary(StringComparer.Ordinal);
    }

    /// <summary>The names of the templates (file names without <c>.liquid</c>).</summary>
    public IReadOnlyCollection<string> Names => _templates.Keys;

    public bool Exists(string name) => _templates.ContainsKey(name);

    /// <summary>Null when <paramref name="liquid"/> parses as a Liquid template, else the parser's message.</summary>
    public static string? Check(string liquid)
    {
        ArgumentNullException.ThrowIfNull(liquid);
        return Parser.TryParse(liquid, out _, out var error) ? null : error;
    }

    /// <summary>Renders a Liquid text (a subject or body of a task) without encoding.</summary>
    /// <exception cref="MailTemplateException">The text does not parse or its rendering fails.</exception>
    public string RenderText(string liquid, IReadOnlyDictionary<string, object?> model)
    {
        ArgumentNullException.ThrowIfNull(liquid);
        return Render(ParseText(liquid), model, NullEncoder.Default, null);
    }

    private static IFluidTemplate ParseText(string liquid)
    {
        if (Texts.TryGetValue(liquid, out var cached))
        {
            return cached;
        }

        if (!Parser.TryParse(liquid, out var template, out var error))
        {
            throw new MailTemplateException($"The template text does not parse: {error}");
        }

        var guarded = new RangeGuard().VisitTemplate(template);
        if (Texts.Count >= TextCacheLimit)
        {
            Texts.Clear();
        }

        Texts[liquid] = guarded;
        return guarded;
    }

    /// <summary>Renders the named template's three parts.</summary>
    /// <exception cref="MailTemplateException">There is no such template, or rendering fails.</exception>
    public RenderedMail Render(string name, IReadOnlyDictionary<string, object?> model)
    {
        if (!_templates.TryGetValue(name, out var template))
        {
            throw new MailTemplateException($"There is no mail template named '{name}'. Known: {string.Join(", ", _templates.Keys.Order(StringComparer.Ordinal))}.");
        }

        var plain = new Dictionary<string, string>(StringComparer.Ordinal);
        Render(template, model, NullEncoder.Default, plain);
        var html = new Dictionary<string, string>(StringComparer.Ordinal);
        Render(template, model, Html, html);

        var subject = OneLine(plain.GetValueOrDefault("subject") ?? "");
        if (subject.Length == 0)
        {
            throw new MailTemplateException($"The mail template '{name}' gives an empty subject.");
        }

        return new RenderedMail(subject, (plain.GetValueOrDefault("text") ?? "").Trim('\r', '\n'), (html.GetValueOrDefault("html") ?? "").Trim());
    }

    private string Render(IFluidTemplate template, IReadOnlyDictionary<string, object?> model, TextEncoder encoder, Dictionary<string, string>? captures)
    {
        var context = new TemplateContext(_options);
        foreach (var (key, value) in model)
        {
            context.SetValue(key, FluidValue.Create(value, _options));
        }

        context.Captured = (name, value, _) =>
        {
            var text = value.ToStringValue();
            CheckLength(text.Length, $"the capture '{name}'");
            if (captures is not null)
            {
                captures[name] = text;
            }

            return new ValueTask<FluidValue>(value);
        };

        try
        {
            using var writer = new BoundedWriter();
            template.RenderAsync(writer, encoder, context).AsTask().GetAwaiter().GetResult();
            return writer.ToString();
        }
        catch (MailTemplateException)
        {
            throw;
        }
        catch (Exception ex) when (ex is InvalidOperationException or ParseException or ArgumentException or FormatException or OverflowException or IOException)
        {
            throw new MailTemplateException($"The mail template failed: {ex.Message}", ex);
        }
    }

    private static void CheckLength(long length, string what)
    {
        if (length > MaxTextLength)
        {
            throw new MailTemplateException($"The mail template failed: {what} is longer than {MaxTextLength:N0} characters.");
        }
    }

    private static FilterDelegate Bounded(string name, FilterDelegate filter) => async (input, arguments, context) =>
    {
        var result = await filter(input, arguments, context);
        if (result is StringValue text)
        {
            CheckLength(text.ToStringValue().Length, $"the result of the filter '{name}'");
        }
        else if (result is ArrayValue array)
        {
            CheckLength(array.Values.Count, $"the result of the filter '{name}'");
        }

        return result;
    };

    /// <summary>Replaces every range <c>(a..b)</c> by one that refuses more than <see cref="MaxRangeLength"/> numbers before it is built.</summary>
    private sealed class RangeGuard : AstRewriter
    {
        protected override Expression VisitRangeExpression(RangeExpression rangeExpression) => new BoundedRange(rangeExpression);
    }

    private sealed class BoundedRange(RangeExpression range) : Expression
    {
        public override async ValueTask<FluidValue> EvaluateAsync(TemplateContext context)
        {
            var from = (await range.From.EvaluateAsync(context)).ToNumberValue();
            var to = (await range.To.EvaluateAsync(context)).ToNumberValue();
            if (Math.Abs(to - from) >= MaxRangeLength)
            {
                throw new MailTemplateException($"The mail template failed: the range ({from}..{to}) has more than {MaxRangeLength:N0} numbers.");
            }

            return await range.EvaluateAsync(context);
        }
    }

    /// <summary>The output of a template, refusing to grow past <see cref="MaxTextLength"/>.</summary>
    private sealed class BoundedWriter : StringWriter
    {
        public BoundedWriter()
            : base(System.Globalization.CultureInfo.InvariantCulture)
        {
        }

        public override void Write(char value)
        {
            Grow(1);
            base.Write(value);
        }

        public override void Write(char[] buffer, int index, int count)
        {
            Grow(count);
            base.Write(buffer, index, count);
        }

        public override void Write(string? value)
        {
            Grow(value?.Length ?? 0);
            base.Write(value);
        }

        public override void Write(ReadOnlySpan<char> buffer)
        {
            Grow(buffer.Length);
            base.Write(buffer);
        }

        public override Task WriteAsync(char value)
        {
            Write(value);
            return Task.CompletedTask;
        }

        public override Task WriteAsync(string? value)
        {
            Write(value);
            return Task.CompletedTask;
        }

        public override Task WriteAsync(char[] buffer, int index, int count)
        {
            Write(buffer, index, count);
            return Task.CompletedTask;
        }

        public override Task WriteAsync(ReadOnlyMemory<char> buffer, CancellationToken cancellationToken = default)
        {
            Write(buffer.Span);
            return Task.CompletedTask;
        }

        private void Grow(int count) => CheckLength((long)GetStringBuilder().Length + count, "the output");
    }

    /// <summary>A header is one line: line breaks and runs of white space become one space.</summary>
    public static string OneLine(string text)
    {
        var sb = new StringBuilder(text.Length);
        var space = false;
        foreach (var c in text)
        {
            if (char.IsWhiteSpace(c) || char.IsControl(c))
            {
                space = sb.Length > 0;
                continue;
            }

            if (space)
            {
                sb.Append(' ');
                space = false;
            }

            sb.Append(c);
        }

        return sb.ToString();
    }

    /// <summary>Plain text as HTML: escaped, line breaks as <c>&lt;br&gt;</c>.</summary>
    public static string TextToHtml(string text) =>
        Html.Encode(text.Replace("\r\n", "\n", StringComparison.Ordinal)).Replace("&#xA;", "<br>\n", StringComparison.Ordinal);
}

/// <summary>A mail template is missing, does not parse or fails to render: sending again does not help.</summary>
public sealed class MailTemplateException : Exception
{
    public MailTemplateException(string message)
        : base(message)
    {
    }

    public MailTemplateException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
