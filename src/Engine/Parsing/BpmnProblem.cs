namespace Workflows.Engine.Parsing;

/// <summary>One thing wrong with a BPMN file: which element, on which line, and what to change.</summary>
public sealed record BpmnProblem(string? ElementId, int Line, string Message)
{
    public override string ToString() => ElementId is null ? $"line {Line}: {Message}" : $"'{ElementId}' (line {Line}): {Message}";
}

/// <summary>Raised when a BPMN file cannot be deployed; lists every problem found.</summary>
public sealed class BpmnValidationException(IReadOnlyList<BpmnProblem> problems)
    : Exception("The BPMN file cannot be deployed: " + string.Join("; ", problems.Take(5)) + (problems.Count > 5 ? $" (and {problems.Count - 5} more)" : ""))
{
    public IReadOnlyList<BpmnProblem> Problems { get; } = problems;
}
