using System.Data.Common;
using Workflows.Engine.Persistence.Sql;

namespace Workflows.Engine.Persistence;

/// <summary>Incidents on SQLite and PostgreSQL: failed attempts recorded on the job row, listed and retried.</summary>
public sealed partial class EfWorkflowStore
{
    /// <inheritdoc/>
    public async Task<bool> RecordJobFailureAsync(Guid id, string error, DateTimeOffset at, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(error);
        var d = _backend.Dialect;
        object[] args = [OutboxError(error), d.Time(at), d.Guid(id)];
        return await _backend.WriteAsync((run, token) => run.ExecuteAsync(Statements.RecordJobFailure, args, token), ct).ConfigureAwait(false) == 1;
    }

    /// <inheritdoc/>
    public Task<IReadOnlyList<JobRecord>> QueryIncidentsAsync(IncidentQuery query, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var take = Math.Max(0, query.Take);
        return query.InstanceId is { } instanceId
            ? _backend.ReadAsync(Statements.SelectIncidentsOfInstance, [_backend.Dialect.Guid(instanceId), take], ReadIncidents, ct)
            : _backend.ReadAsync(Statements.SelectIncidents, [take], ReadIncidents, ct);
    }

    /// <inheritdoc/>
    public async Task<bool> RetryJobAsync(Guid id, DateTimeOffset dueAt, CancellationToken ct = default)
    {
        var d = _backend.Dialect;
        return await _backend.WriteAsync((run, token) => run.ExecuteAsync(Statements.RetryJob, [d.Time(dueAt), d.Guid(id)], token), ct).ConfigureAwait(false) == 1;
    }

    private static Task<IReadOnlyList<JobRecord>> ReadIncidents(DbDataReader r, SqlDialect d, CancellationToken ct) =>
        RecordReaders.ListAsync(r, d, RecordReaders.Job, ct);
}
