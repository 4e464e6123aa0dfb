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

        public override object? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => ReadValue(ref reader, 0);

        // Reads straight from the token stream (no JsonDocument per value): state is read on every command.
        private static object? ReadValue(ref Utf8JsonReader reader, int depth)
        {
            if (depth > VariableValues.MaxDepth)
            {
                throw new JsonException($"Variables nest deeper than {VariableValues.MaxDepth} levels.");
            }

            switch (reader.TokenType)
            {
                case JsonTokenType.Null:
                    return null;
                case JsonTokenType.True:
                    return true;
                case JsonTokenType.False:
                    return false;
                case JsonTokenType.String:
                    return reader.GetString();
                case JsonTokenType.Number:
                    if (reader.TryGetInt64(out var whole))
                    {
                        return whole;
                    }

                    return VariableValues.NormalizeNumber(reader.GetDouble());
                case JsonTokenType.StartArray:
                    {
                        var list = new List<object?>();
                        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                        {
                            list.Add(ReadValue(ref reader, depth + 1));
                        }

                        return list;
                    }

                case JsonTokenType.StartObject:
                    {
                        var map = new Dictionary<string, object?>(StringComparer.Ordinal);
                        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
                        {
                            var name = reader.GetString()!;
                            reader.Read();
                            map[name] = ReadValue(ref reader, depth + 1);
                        }

                        return map;
                    }

                default:
                    throw new JsonException($"Unexpected JSON token {reader.TokenType} in a variable value.");
            }
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
