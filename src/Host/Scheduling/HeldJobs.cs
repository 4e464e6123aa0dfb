using System.Globalization;
using Hangfire.Common;
using Hangfire.States;
using Hangfire.Storage;

namespace Workflows.Host.Scheduling;

/// <summary>
/// What Hangfire holds: a sorted set in Hangfire's own storage with one member <c>{rowId}:{hangfireJobId}</c> for every
/// live Hangfire job that fires a job row, scored with the time by which that Hangfire job should have run (plus
/// <see cref="StaleAfter"/>). <see cref="HeldJobAttribute"/> keeps it in step with Hangfire's state changes in the
/// same storage transaction, so the set answers "does Hangfire hold this row?" for whichever storage is used: with
/// in-memory storage it is empty after a restart exactly like the jobs, with PostgreSQL every node sees the same set.
/// A member whose score has passed is stale: its Hangfire job should have fired long ago (the storage lost it, an
/// administrator's change went wrong), so the reconciler no longer counts it and schedules the row again. A node that
/// dies while running the job is not this case: its fetched job is fetched again by another node after
/// <see cref="SchedulerSettings.LeaseSeconds"/> (same Hangfire job, same member).
/// </summary>
public static class HeldJobs
{
    /// <summary>The set's key in Hangfire's storage.</summary>
    public const string SetKey = "workflows:held-jobs";

    /// <summary>
    /// How long after its planned run a Hangfire job may still be waiting before the reconciler schedules its row
    /// again. Generous: a queue of 10,000 timers due in the same second drains well within it, and firing is
    /// idempotent, so the only cost of a premature re-schedule is one more Hangfire job answering "gone".
    /// </summary>
    public static readonly TimeSpan StaleAfter = TimeSpan.FromMinutes(3);

    /// <summary>Most members read in one pass.</summary>
    public const int MaxMembers = 1_000_000;

    public static string Member(Guid rowId, string hangfireJobId) => rowId.ToString("N") + ":" + hangfireJobId;

    public static double Score(DateTimeOffset plannedRun) => (plannedRun + StaleAfter).ToUnixTimeMilliseconds() / 1000.0;

    /// <summary>The job row a member stands for, or null for a member of another shape.</summary>
    public static Guid? RowOf(string member)
    {
        var colon = member.IndexOf(':', StringComparison.Ordinal);
        return colon > 0 && Guid.TryParseExact(member.AsSpan(0, colon), "N", out var id) ? id : null;
    }

    /// <summary>The job row a Hangfire job fires, when it is a <see cref="TimerJob"/>.</summary>
    public static Guid? RowOf(Job? job) =>
        job is { Type: var type, Args: [Guid rowId, ..] } && type == typeof(TimerJob) ? rowId : null;

    /// <summary>Reads the set: the rows held by a live member, and the stale members.</summary>
    public static (HashSet<Guid> Held, List<string> Stale) Read(IStorageConnection connection, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var all = connection.GetAllItemsFromSet(SetKey);
        var stale = all.Count == 0 ? []
            : connection is JobStorageConnection batched
                ? batched.GetFirstByLowestScoreFromSet(SetKey, 0, now.ToUnixTimeMilliseconds() / 1000.0, MaxMembers) ?? []
                : [];
        var staleSet = stale.ToHashSet(StringComparer.Ordinal);
        var held = new HashSet<Guid>();
        foreach (var member in all)
        {
            if (!staleSet.Contains(member) && RowOf(member) is { } row)
            {
                held.Add(row);
            }
        }

        return (held, stale);
    }

    /// <summary>Removes members (stale ones) in one storage transaction.</summary>
    public static void Remove(IStorageConnection connection, IReadOnlyCollection<string> members)
    {
        ArgumentNullException.ThrowIfNull(connection);
        if (members.Count == 0)
        {
            return;
        }

        using var transaction = connection.CreateWriteTransaction();
        foreach (var member in members)
        {
            transaction.RemoveFromSet(SetKey, member);
        }

        transaction.Commit();
    }

    internal static string Describe(DateTimeOffset at) => at.ToString("O", CultureInfo.InvariantCulture);
}

/// <summary>
/// Hangfire state filter on <see cref="TimerJob.FireTimerJob"/>: adds the job's member to <see cref="HeldJobs.SetKey"/>
/// when it is scheduled or enqueued, and removes it when it succeeded, failed or was deleted (also by an
/// administrator in the dashboard: the row then gets a new Hangfire job from the reconciler, because the row is the truth).
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class HeldJobAttribute : JobFilterAttribute, IApplyStateFilter
{
    public void OnStateApplied(ApplyStateContext context, IWriteOnlyTransaction transaction)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(transaction);
        if (HeldJobs.RowOf(context.BackgroundJob.Job) is not { } rowId)
        {
            return;
        }

        var member = HeldJobs.Member(rowId, context.BackgroundJob.Id);
        switch (context.NewState)
        {
            case ScheduledState scheduled:
                transaction.AddToSet(HeldJobs.SetKey, member, HeldJobs.Score(new DateTimeOffset(DateTime.SpecifyKind(scheduled.EnqueueAt, DateTimeKind.Utc))));
                break;
            case EnqueuedState or AwaitingState:
                transaction.AddToSet(HeldJobs.SetKey, member, HeldJobs.Score(DateTimeOffset.UtcNow));
                break;
            case ProcessingState:
                // Keeps the member it got when scheduled or enqueued (one statement less per job).
                break;
            default:
                // Succeeded, Deleted, Failed: this Hangfire job no longer holds the row.
                transaction.RemoveFromSet(HeldJobs.SetKey, member);
                break;
        }
    }

    public void OnStateUnapplied(ApplyStateContext context, IWriteOnlyTransaction transaction)
    {
        // The next state's OnStateApplied decides.
    }
}
