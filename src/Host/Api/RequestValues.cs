using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Workflows.Activities.Application;
using Workflows.Engine.Expressions;
using Workflows.Host.Errors;

namespace Workflows.Host.Api;

/// <summary>Helpers that turn request parts into engine values.</summary>
internal static class RequestValues
{
    public const string IdempotencyKeyHeader = "Idempotency-Key";
    public const string RequestIdHeader = "X-Request-Id";
    private const int MaxRequestIdLength = 200;
    public const int MaxTake = 1000;
    public const int DefaultTake = 100;

    /// <summary>
    /// The client's request id from <c>Idempotency-Key</c> (or <c>X-Request-Id</c>): a command repeated with the same
    /// id is answered with the first answer instead of being applied again.
    /// </summary>
    public static string? RequestId(HttpRequest request)
    {
        var value = request.Headers[IdempotencyKeyHeader].ToString();
        var header = IdempotencyKeyHeader;
        if (string.IsNullOrWhiteSpace(value))
        {
            value = request.Headers[RequestIdHeader].ToString();
            header = RequestIdHeader;
        }

        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        value = value.Trim();
        if (value.Length > MaxRequestIdLength || value.Contains(','))
        {
            throw ApiProblemException.BadRequest($"The {header} header must be one value of at most {MaxRequestIdLength} characters.");
        }

        return value;
    }

    /// <summary>
    /// The request key of a command (<see cref="RequestKey"/>): the Idempotency-Key, the signed-in user, and the
    /// fingerprint of what was asked — the method, the route template, the route values (the target) and the SHA-256
    /// of the body as bound (<paramref name="body"/>). Null without a key.
    /// </summary>
    public static RequestKey? Key(HttpRequest request, string? actor, object? body = null)
    {
        if (RequestId(request) is not { } id)
        {
            return null;
        }

        return new RequestKey(id, actor ?? "", Fingerprint(request, body));
    }

    /// <summary>The fingerprint of a request (see <see cref="Key"/>), also for engine commands (<c>RequestFingerprint</c>).</summary>
    public static string Fingerprint(HttpRequest request, object? body = null)
    {
        var text = new StringBuilder();
        text.Append(request.Method).Append('\n');
        text.Append((request.HttpContext.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText ?? request.Path.Value).Append('\n');
        foreach (var (name, value) in request.RouteValues.OrderBy(v => v.Key, StringComparer.Ordinal))
        {
            text.Append(name).Append('=').Append(Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture)).Append('\n');
        }

        var json = body is null ? "" : JsonSerializer.Serialize(body, body.GetType());
        text.Append(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(json))));
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }

    /// <summary>Converts JSON variables to the engine's normalized values.</summary>
    public static IReadOnlyDictionary<string, object?>? Variables(Dictionary<string, JsonElement>? variables)
    {
        if (variables is null)
        {
            return null;
        }

        var result = new Dictionary<string, object?>(variables.Count, StringComparer.Ordinal);
        foreach (var (name, value) in variables)
        {
            if (string.IsNullOrWhiteSpace(name))
            {
                throw ApiProblemException.BadRequest("A variable name is empty.");
            }

            try
            {
                result[name] = VariableValues.Normalize(value);
            }
            catch (ArgumentException ex)
            {
                throw ApiProblemException.BadRequest($"The variable '{name}' cannot be used: {ex.Message}");
            }
        }

        return result;
    }

    /// <summary>Checks paging values: skip ≥ 0, 1 ≤ take ≤ <see cref="MaxTake"/>.</summary>
    public static (int Skip, int Take) Page(int? skip, int? take)
    {
        var s = skip ?? 0;
        var t = take ?? DefaultTake;
        if (s < 0)
        {
            throw ApiProblemException.BadRequest("skip must be 0 or more.");
        }

        if (t is < 1 or > MaxTake)
        {
            throw ApiProblemException.BadRequest($"take must be between 1 and {MaxTake}.");
        }

        return (s, t);
    }

    public static string Required(string? value, string name) =>
        string.IsNullOrWhiteSpace(value) ? throw ApiProblemException.BadRequest($"'{name}' is required.") : value;

    public static string? Optional(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
