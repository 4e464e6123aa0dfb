using System.Xml.Linq;

namespace Workflows.Engine.Parsing;

/// <summary>XML namespaces the reader understands.</summary>
public static class BpmnNamespaces
{
    public static readonly XNamespace Model = "http://www.omg.org/spec/BPMN/20100524/MODEL";
    public static readonly XNamespace Camunda = "http://camunda.org/schema/1.0/bpmn";

    /// <summary>Our own extension namespace, for what Camunda lacks (prefix <c>wf</c>).</summary>
    public static readonly XNamespace Workflows = "urn:gd-workflows:bpmn";
    public static readonly XNamespace Xsi = "http://www.w3.org/2001/XMLSchema-instance";
}
