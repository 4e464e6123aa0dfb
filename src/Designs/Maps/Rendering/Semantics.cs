using System.Xml.Linq;
using Workflows.Engine.Parsing;

namespace Workflows.Designs.Maps.Rendering;

/// <summary>What the renderer needs to know about a semantic BPMN element: its name, triggers and markers.</summary>
internal static class Semantics
{
    private static readonly XNamespace Model = BpmnNamespaces.Model;

    public static readonly IReadOnlySet<string> Tasks = new HashSet<string>(StringComparer.Ordinal)
    {
        "task", "userTask", "serviceTask", "sendTask", "receiveTask", "scriptTask", "businessRuleTask", "manualTask",
    };

    public static readonly IReadOnlySet<string> SubProcesses = new HashSet<string>(StringComparer.Ordinal)
    {
        "subProcess", "transaction", "adHocSubProcess",
    };

    public static readonly IReadOnlySet<string> Events = new HashSet<string>(StringComparer.Ordinal)
    {
        "startEvent", "endEvent", "intermediateCatchEvent", "intermediateThrowEvent", "boundaryEvent", "implicitThrowEvent",
    };

    public static readonly IReadOnlySet<string> Gateways = new HashSet<string>(StringComparer.Ordinal)
    {
        "exclusiveGateway", "parallelGateway", "inclusiveGateway", "eventBasedGateway", "complexGateway",
    };

    public static readonly IReadOnlySet<string> Choreographies = new HashSet<string>(StringComparer.Ordinal)
    {
        "choreographyTask", "subChoreography", "callChoreography",
    };

    /// <summary>The activity kinds (they can carry loop and compensation markers and boundary events).</summary>
    public static bool IsActivity(string kind) => Tasks.Contains(kind) || SubProcesses.Contains(kind) || kind == "callActivity";

    /// <summary>The displayed name: <c>name</c>, the text of an annotation, a data object's state in brackets.</summary>
    public static string? Name(XElement? element, IReadOnlyDictionary<string, XElement> byId)
    {
        if (element is null)
        {
            return null;
        }

        switch (element.Name.LocalName)
        {
            case "textAnnotation":
                return element.Element(Model + "text")?.Value.Trim();
            case "group":
                return (string?)element.Attribute("categoryValueRef") is { } valueRef && byId.TryGetValue(valueRef, out var value)
                    ? (string?)value.Attribute("value")
                    : (string?)element.Attribute("name");
            case "participant" when string.IsNullOrWhiteSpace((string?)element.Attribute("name")):
                return (string?)element.Attribute("processRef") is { } processRef && byId.TryGetValue(processRef, out var process)
                    ? (string?)process.Attribute("name")
                    : null;
        }

        var name = ((string?)element.Attribute("name"))?.Trim();
        var state = (string?)element.Element(Model + "dataState")?.Attribute("name");
        if (!string.IsNullOrWhiteSpace(state))
        {
            name = string.IsNullOrEmpty(name) ? $"[{state}]" : $"{name}\n[{state}]";
        }

        return string.IsNullOrEmpty(name) ? null : name;
    }

    /// <summary>The triggers of an event: <c>message</c>, <c>timer</c>, <c>error</c> … (definitions and definition references).</summary>
    public static IReadOnlyList<string> Triggers(XElement element, IReadOnlyDictionary<string, XElement> byId)
    {
        var triggers = new List<string>();
        foreach (var child in element.Elements())
        {
            if (child.Name.Namespace != Model)
            {
                continue;
            }

            var local = child.Name.LocalName;
            if (local.EndsWith("EventDefinition", StringComparison.Ordinal))
            {
                triggers.Add(local[..^"EventDefinition".Length]);
            }
            else if (local == "eventDefinitionRef" && byId.TryGetValue(child.Value.Trim(), out var definition)
                && definition.Name.LocalName.EndsWith("EventDefinition", StringComparison.Ordinal))
            {
                triggers.Add(definition.Name.LocalName[..^"EventDefinition".Length]);
            }
        }

        return triggers;
    }

    /// <summary>True for events that throw (end, intermediate throw): their markers are filled.</summary>
    public static bool IsThrowing(string kind) => kind is "endEvent" or "intermediateThrowEvent" or "implicitThrowEvent";

    /// <summary>The loop marker of an activity: <c>loop</c>, <c>parallel</c>, <c>sequential</c>, or null.</summary>
    public static string? LoopMarker(XElement element)
    {
        if (element.Element(Model + "standardLoopCharacteristics") is not null)
        {
            return "loop";
        }

        return element.Element(Model + "multiInstanceLoopCharacteristics") is { } mi
            ? (string?)mi.Attribute("isSequential") == "true" ? "sequential" : "parallel"
            : null;
    }

    /// <summary>True when the element is a collection (data objects, their references, data inputs and outputs).</summary>
    public static bool IsCollection(XElement element, IReadOnlyDictionary<string, XElement> byId)
    {
        if ((string?)element.Attribute("isCollection") == "true")
        {
            return true;
        }

        return (string?)element.Attribute("dataObjectRef") is { } reference && byId.TryGetValue(reference, out var dataObject)
            && (string?)dataObject.Attribute("isCollection") == "true";
    }

    public static bool Is(XElement element, string attribute, string value) => (string?)element.Attribute(attribute) == value;

    /// <summary>True when <paramref name="element"/> lies (at any depth) inside <paramref name="container"/>.</summary>
    public static bool IsInside(XElement element, XElement container) => element.Ancestors().Contains(container);
}
