namespace Workflows.Engine.Persistence;

/// <summary>
/// A row of <c>task_candidates</c>: one candidate user or group of an open task
/// (<see cref="TaskRecord.CandidateUsers"/>, <see cref="TaskRecord.CandidateGroups"/>), indexed by (kind, value).
/// </summary>
public sealed class TaskCandidate
{
    /// <summary><see cref="Kind"/> of a candidate user.</summary>
    public const string UserKind = "user";

    /// <summary><see cref="Kind"/> of a candidate group.</summary>
    public const string GroupKind = "group";

    public Guid TaskId { get; set; }

    /// <summary><see cref="UserKind"/> or <see cref="GroupKind"/>.</summary>
    public string Kind { get; set; } = "";
    public string Value { get; set; } = "";
}
