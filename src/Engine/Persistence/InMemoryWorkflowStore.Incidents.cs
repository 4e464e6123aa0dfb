namespace Workflows.Engine.Persistence;

/// <summary>Incidents in memory: failed attempts recorded on the job row, listed and retried.</summary>
public sealed partial class InMemoryWorkflowStore
{
    /// <inheritdoc/>
    public Task<bool> RecordJobFailureAsync(Guid id, string error, DateTimeOffset at, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(error);
        lock (_gate)
        {
            if (!_jobs.TryGetValue(id, out var job))
            {
                return Task.FromResult(false);
            }

            job.Attempts++;
            job.LastError = EfWorkflowStore.OutboxError(error);
            job.LastErrorAt = at;
            return Task.FromResult(true);
        }
    }

    /// <inheritdoc/>
    public Task<IReadOnlyList<JobRecord>> QueryIncidentsAsync(IncidentQuery query, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        lock (_gate)
        {
            IEnumerable<JobRecord> jobs = query.InstanceId is { } instanceId
                ? _jobsByInstance.TryGetValue(instanceId, out var ids) ? ids.Select(id => _jobs[id]) : []
                : _jobs.Values;
            IReadOnlyList<JobRecord> list = jobs
                .Where(j => j.LastError is not null)
                .OrderByDescending(j => j.LastErrorAt)
                .ThenBy(j => j.Id)
                .Take(Math.Max(0, query.Take))
                .Select(j => j.Copy())
                .ToList();
            return Task.FromResult(list);
        }
    }

    /// <inheritdoc/>
    public Task<bool> RetryJobAsync(Guid id, DateTimeOffset dueAt, CancellationToken ct = default)
    {
        lock (_gate)
        {
            if (!_jobs.TryGetValue(id, out var job) || job.LastError is null)
            {
                return Task.FromResult(false);
            }

            _jobsByDue.Remove((job.DueAt.UtcTicks, id));
            job.DueAt = dueAt;
            _jobsByDue.Add((job.DueAt.UtcTicks, id));
            return Task.FromResult(true);
        }
    }
}
