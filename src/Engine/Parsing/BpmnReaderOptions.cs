namespace Workflows.Engine.Parsing;

/// <summary>Options of the BPMN reader.</summary>
public sealed class BpmnReaderOptions
{
    /// <summary>Largest accepted document, in characters (10 MB by default).</summary>
    public long MaxDocumentCharacters { get; set; } = 10 * 1024 * 1024;

    /// <summary>Deepest element nesting accepted (<see cref="BpmnLimits.DefaultMaxNestingDepth"/> by default).</summary>
    public int MaxNestingDepth { get; set; } = BpmnLimits.DefaultMaxNestingDepth;

    /// <summary>Most elements accepted in one document (<see cref="BpmnLimits.DefaultMaxElements"/> by default).</summary>
    public int MaxElements { get; set; } = BpmnLimits.DefaultMaxElements;

    /// <summary>Checks the syntax of an expression or script; returns an error message or null.</summary>
    public Func<string, bool, string?>? SyntaxCheck { get; set; }

    /// <summary>Tells whether an activity type is known to the registry; null accepts any name.</summary>
    public Func<string, bool>? IsKnownActivityType { get; set; }
}
