using System.Text.Json;
using System.Text.Json.Serialization;
using Workflows.Engine.Expressions;

namespace Workflows.Engine.Runtime;

/// <summary>JSON settings for state, variables and stored answers: variables come back as normalized CLR values.</summary>
public static class EngineJson
{
    public static readonly JsonSerializerOptions Options = Create();

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        };
        options.Converters.Add(new JsonStringEnumConverter());
        options.Converters.Add(new NormalizedObjectConverter());
        return options;
    }

    /// <summary>Reads <c>object</c> values as normalized variable values instead of JsonElement.</summary>
    private sealed class NormalizedObjectConverter : JsonConverter<object>
    {
        public override bool HandleNull => true;

        public override object? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            using var document = JsonDocument.ParseValue(ref reader);
            return VariableValues.Normalize(document.RootElement.Clone());
        }

        public override void Write(Utf8JsonWriter writer, object? value, JsonSerializerOptions options)
        {
            if (value is null)
            {
                writer.WriteNullValue();
                return;
            }

            var type = value.GetType();
            if (type == typeof(object))
            {
                writer.WriteStartObject();
                writer.WriteEndObject();
                return;
            }

            JsonSerializer.Serialize(writer, value, type, options);
        }
    }
}
