using Workflows.Engine.Persistence;

namespace Workflows.Engine;

/// <summary>
/// Incidents (有异常): a job whose firing failed (its command threw and was rolled back) keeps its row and is tried
/// again by the scheduler; each failure is recorded on the row, so that administrators see it and can retry it at once.
/// </summary>
public sealed partial class WorkflowEngine
{
    /// <summary>
    /// Records a failed attempt to fire job <paramref name="jobId"/> (call it after <see cref="FireJobAsync"/> threw).
    /// False when the row is gone (fired or removed meanwhile). Never throws for a store error of its own: the
    /// caller is already handling a failure, so the record is best effort and the result says whether it was kept.
    /// </summary>
    public async Task<bool> RecordJobFailureAsync(Guid jobId, Exception error, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(error);
        try
        {
            return await Store.RecordJobFailureAsync(jobId, Describe(error), Time.GetUtcNow(), ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return false;
        }
    }

    /// <summary>Jobs whose last attempt failed, most recent failure first.</summary>
    public Task<IReadOnlyList<JobRecord>> QueryIncidentsAsync(IncidentQuery query, CancellationToken ct = default) =>
        Store.QueryIncidentsAsync(query, ct);

    /// <summary>
    /// An administrator's retry of an incident: the job becomes due now. Returns the job (to hand to the scheduler,
    /// see <see cref="JobsCreated"/>), or null when <paramref name="jobId"/> is not an incident (unknown, fired, or never failed).
    /// </summary>
    public async Task<JobRecord?> RetryIncidentAsync(Guid jobId, CancellationToken ct = default)
    {
        var now = Time.GetUtcNow();
        if (!await Store.RetryJobAsync(jobId, now, ct))
        {
            return null;
        }

        var job = await Store.GetJobAsync(jobId, ct);
        if (job is not null)
        {
            NotifyJobsCreated([job]);
        }

        return job;
    }

    /// <summary>The text kept for a failure: the exception type and message, and those of its inner exceptions.</summary>
    internal static string Describe(Exception error)
    {
        var parts = new List<string>();
        for (var e = error; e is not null && parts.Count < 4; e = e.InnerException)
        {
            parts.Add($"{e.GetType().Name}: {e.Message}");
        }

        return string.Join(" → ", parts);
    }
}
