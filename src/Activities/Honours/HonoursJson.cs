using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Workflows.Activities.Honours;

/// <summary>
/// JSON of the honours domain: camelCase, enums as camelCase text, Chinese written as is (not <c>\uXXXX</c>). Lists of
/// small records (form fields, required materials, opinion rules) are stored as one JSON text column each.
/// </summary>
public static class HonoursJson
{
    /// <summary>The serializer options of the domain's JSON columns and outputs.</summary>
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    internal static ValueConverter<List<T>, string> ListConverter<T>() => new(
        list => JsonSerializer.Serialize(list, Options),
        text => string.IsNullOrEmpty(text) ? new List<T>() : JsonSerializer.Deserialize<List<T>>(text, Options) ?? new List<T>());

    internal static ValueComparer<List<T>> ListComparer<T>() => new(
        (a, b) => JsonSerializer.Serialize(a, Options) == JsonSerializer.Serialize(b, Options),
        list => JsonSerializer.Serialize(list, Options).GetHashCode(StringComparison.Ordinal),
        list => JsonSerializer.Deserialize<List<T>>(JsonSerializer.Serialize(list, Options), Options) ?? new List<T>());
}
