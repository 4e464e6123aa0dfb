using Workflows.Engine.Runtime;

namespace Workflows.Engine.Persistence;

/// <summary>
/// The history types indexed for the done list (已办): <c>ix_history_events_actor_at_id</c> is a partial index over
/// the events of these types only. Every command writes several history events (elements entered and left, tasks
/// created …) and only about one of them is something a user did on a task; indexing all of them by actor doubled the
/// cost of history inserts once the index outgrew the cache, indexing these costs next to nothing.
/// <para>
/// The list is part of the schema (the filter of the index in the migrations): a history type added to
/// <see cref="HistoryTypes.DoneActions"/> needs a migration that widens the filter, or done lists with it are answered
/// by scanning the history (correct, but slow on a large history). A test keeps the two lists in step.
/// </para>
/// </summary>
internal static class DoneListIndex
{
    /// <summary>The indexed history types, in the order of the index filter.</summary>
    public static readonly IReadOnlyList<string> Types =
    [
        HistoryTypes.TaskCompleted, HistoryTypes.TaskReturned, HistoryTypes.TaskRejected, HistoryTypes.TaskTransferred,
        HistoryTypes.TaskDelegated, HistoryTypes.TaskResolved, HistoryTypes.InstanceWithdrawn, HistoryTypes.SignerCompleted,
    ];

    /// <summary>The filter of the index on history rows whose type column is <paramref name="column"/> (a query repeats it verbatim so that the planner can use the index).</summary>
    public static string Filter(string column = "\"type\"") => column + " IN (" + string.Join(", ", Types.Select(t => "'" + t + "'")) + ")";

    /// <summary>Whether every one of <paramref name="actions"/> is indexed.</summary>
    public static bool Covers(IEnumerable<string> actions) => actions.All(a => Types.Contains(a, StringComparer.Ordinal));
}
