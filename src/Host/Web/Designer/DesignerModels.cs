namespace Workflows.Host.Web.Designer;

/// <summary>A definition as the designer script passes it on from <c>GET /api/definitions</c>.</summary>
public sealed record DefinitionView(
    Guid Id,
    string Key,
    string? Name,
    int? Version,
    string State,
    DateTimeOffset CreatedAt,
    DateTimeOffset? PublishedAt,
    DateTimeOffset? RetiredAt);

/// <summary>A BPMN problem found by the engine, with its Chinese text; <see cref="OnDiagram"/> when it is marked on an element.</summary>
public sealed record DesignerProblem(string? ElementId, int Line, string Message, bool OnDiagram);

/// <summary>What the designer script answers after opening, validating or saving a diagram.</summary>
public sealed record DesignerResult
{
    public bool Ok { get; init; }
    public string Key { get; init; } = "";
    public string Name { get; init; } = "";
    public int ActivityTypes { get; init; }
    public int Warnings { get; init; }
    public string? Error { get; init; }
    public bool Cancelled { get; init; }
    public string? FileName { get; init; }
    public int Status { get; init; }
    public string? Detail { get; init; }
    public IReadOnlyList<DesignerProblem> Problems { get; init; } = [];
    public IReadOnlyList<DefinitionView> Definitions { get; init; } = [];

    /// <summary>The published definition (after publishing).</summary>
    public DefinitionView? Definition { get; init; }
}

/// <summary>The answer of publishing a draft.</summary>
public sealed record PublishResult(bool Ok, int Status, DefinitionView? Definition, string? Detail);

/// <summary>The versions and drafts of one key.</summary>
public sealed record VersionsResult(bool Ok, int Status, string? Detail, IReadOnlyList<DefinitionView> Definitions);

/// <summary>One attribute that differs between two versions.</summary>
public sealed record AttributeChange(string Name, string OldValue, string NewValue);

/// <summary>One element that differs between two versions: kind is added, removed, changed or layout.</summary>
public sealed record DiagramChange(string Id, string Name, string Type, string Kind, IReadOnlyList<AttributeChange> Attributes);

/// <summary>The outcome of comparing two versions.</summary>
public sealed record CompareResult(bool Ok, string? Error, IReadOnlyList<DiagramChange> Changes);
