using System.Text.Json;
using System.Text.Json.Nodes;
using Workflows.Engine.Expressions;

namespace Workflows.Engine.Tests.Expressions;

public class VariableValuesTests
{
    [Fact]
    public void Json_element_becomes_normalized_values()
    {
        using var document = JsonDocument.Parse(
            """
            { "id": 42, "big": 9223372036854775807, "ratio": 0.25, "whole": 2.0, "huge": 1e300,
              "name": "Ada", "ok": true, "none": null,
              "lines": [ { "qty": 1 }, "x", [] ] }
            """);

        var value = VariableValues.Normalize(document.RootElement);

        var dictionary = value.Should().BeOfType<Dictionary<string, object?>>().Subject;
        dictionary["id"].Should().Be(42L);
        dictionary["big"].Should().Be(long.MaxValue);
        dictionary["ratio"].Should().Be(0.25);
        dictionary["whole"].Should().Be(2L);
        dictionary["huge"].Should().Be(1e300);
        dictionary["name"].Should().Be("Ada");
        dictionary["ok"].Should().Be(true);
        dictionary["none"].Should().BeNull();
        dictionary["lines"].Should().BeEquivalentTo(new List<object?>
        {
            new Dictionary<string, object?> { ["qty"] = 1L }, "x", new List<object?>(),
        });
        dictionary.Comparer.Should().Be(StringComparer.Ordinal);
    }

    [Fact]
    public void Json_scalars_and_nodes_are_normalized()
    {
        VariableValues.Normalize(JsonDocument.Parse("3").RootElement).Should().Be(3L);
        VariableValues.Normalize(JsonDocument.Parse("\"s\"").RootElement).Should().Be("s");
        VariableValues.Normalize(JsonDocument.Parse("null").RootElement).Should().BeNull();
        VariableValues.Normalize(JsonNode.Parse("""{"a":[1,2.5,null]}"""))
            .Should().BeEquivalentTo(new Dictionary<string, object?> { ["a"] = new List<object?> { 1L, 2.5, null } });
        VariableValues.Normalize(JsonValue.Create(7)).Should().Be(7L);
        VariableValues.Normalize(new JsonObject { ["x"] = "y" })
            .Should().BeEquivalentTo(new Dictionary<string, object?> { ["x"] = "y" });
    }

    [Fact]
    public void Clr_primitives_are_normalized()
    {
        VariableValues.Normalize(5).Should().Be(5L);
        VariableValues.Normalize((short)5).Should().Be(5L);
        VariableValues.Normalize((byte)5).Should().Be(5L);
        VariableValues.Normalize(5u).Should().Be(5L);
        VariableValues.Normalize(ulong.MaxValue).Should().Be((decimal)ulong.MaxValue);
        VariableValues.Normalize(0.1f).Should().Be(0.1);
        VariableValues.Normalize(2.5).Should().Be(2.5);
        VariableValues.Normalize(2.5m).Should().Be(2.5m);
        VariableValues.Normalize('c').Should().Be("c");
        VariableValues.Normalize(DayOfWeek.Monday).Should().Be("Monday");
        VariableValues.Normalize(TimeSpan.FromMinutes(90)).Should().Be("PT1H30M");
        VariableValues.Normalize(new DateOnly(2024, 2, 29)).Should().Be("2024-02-29");
        VariableValues.Normalize(new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc))
            .Should().Be(new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero));
        VariableValues.Normalize(Guid.Empty).Should().Be("00000000-0000-0000-0000-000000000000");
        VariableValues.Normalize(null).Should().BeNull();
    }

    [Fact]
    public void Collections_and_objects_are_normalized()
    {
        VariableValues.Normalize(new[] { 1, 2 }).Should().BeEquivalentTo(new List<object?> { 1L, 2L });
        VariableValues.Normalize(new Dictionary<string, int> { ["a"] = 1 })
            .Should().BeEquivalentTo(new Dictionary<string, object?> { ["a"] = 1L });
        VariableValues.Normalize(new Dictionary<int, string> { [1] = "x" })
            .Should().BeEquivalentTo(new Dictionary<string, object?> { ["1"] = "x" });
        VariableValues.Normalize(new { Name = "Ada", Tags = new[] { "a" } })
            .Should().BeEquivalentTo(new Dictionary<string, object?> { ["Name"] = "Ada", ["Tags"] = new List<object?> { "a" } });
    }

    [Fact]
    public void Containers_are_copied()
    {
        var list = new List<object?> { 1L };

        var copy = VariableValues.Normalize(list);

        copy.Should().NotBeSameAs(list).And.BeEquivalentTo(list);
    }

    [Fact]
    public void Cycles_are_rejected()
    {
        var list = new List<object?>();
        list.Add(list);

        var act = () => VariableValues.Normalize(list);

        act.Should().Throw<ArgumentException>().WithMessage("*nested more than 64 levels deep or refers to itself*");
    }
}
