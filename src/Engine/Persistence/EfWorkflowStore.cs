using System.Data.Common;
using System.Runtime.CompilerServices;
using Workflows.Engine.Persistence.Sql;

namespace Workflows.Engine.Persistence;

/// <summary>
/// The durable <see cref="IWorkflowStore"/> on SQLite or PostgreSQL. The schema is the EF Core model of
/// <see cref="WorkflowDbContext"/> (migrations per provider, applied by <see cref="MigrateAsync"/>). Reads and
/// writes do not go through EF's change tracking: they are prepared ADO.NET statements on the provider's
/// connections (EF's per-query overhead was most of a command's cost); <see cref="CreateDbContext"/> gives a
/// pooled no-tracking context for ad-hoc LINQ queries on the same database.
/// <para>
/// Records returned are fresh objects; change sets are not modified by a commit (history ids are assigned by
/// the database and not written back). Timestamps come back in UTC (offset zero); PostgreSQL keeps microseconds.
/// Candidate lists come back without duplicates, in ordinal order.
/// </para>
/// </summary>
public sealed partial class EfWorkflowStore : IWorkflowStore, ITransactionalStore, IAsyncDisposable, IDisposable
{
    private const int PublishAttempts = 10;

    private readonly StoreBackend _backend;
    private readonly Func<ChangeSet, Task>? _beforeCommit;

    /// <param name="options">Provider (<see cref="WorkflowStoreProvider.Sqlite"/> or <see cref="WorkflowStoreProvider.PostgreSql"/>) and connection string.</param>
    /// <param name="beforeCommit">
    /// Test hook for crash safety: runs inside <see cref="CommitAsync"/> after every statement of the transaction
    /// ran and before it commits. If it throws, the transaction rolls back and the exception propagates.
    /// </param>
    public EfWorkflowStore(WorkflowStoreOptions options, Func<ChangeSet, Task>? beforeCommit = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _backend = options.Provider switch
        {
            WorkflowStoreProvider.Sqlite => new SqliteBackend(options.ConnectionString),
            WorkflowStoreProvider.PostgreSql => new PostgresBackend(options.ConnectionString),
            _ => throw new ArgumentException($"{nameof(EfWorkflowStore)} supports Sqlite and PostgreSql, not {options.Provider}.", nameof(options)),
        };
        Provider = options.Provider;
        _beforeCommit = beforeCommit;
    }

    /// <summary>A store on a given backend (tests tune the SQLite checkpointing through it).</summary>
    internal EfWorkflowStore(StoreBackend backend, WorkflowStoreProvider provider, Func<ChangeSet, Task>? beforeCommit = null)
    {
        _backend = backend;
        Provider = provider;
        _beforeCommit = beforeCommit;
    }

    public WorkflowStoreProvider Provider { get; }

    /// <summary>Applies the pending migrations of the provider's context (creates the database schema).</summary>
    public Task MigrateAsync(CancellationToken ct = default) => _backend.MigrateAsync(ct);

    /// <summary>A pooled no-tracking context on the store's database, for ad-hoc queries; dispose it after use.</summary>
    public WorkflowDbContext CreateDbContext() => _backend.CreateContext();

    // ------------------------------------------------------------------ definitions

    public async Task AddDefinitionsAsync(IReadOnlyList<DefinitionRecord> definitions, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(definitions);
        if (definitions.Count == 0)
        {
            return;
        }

        var d = _backend.Dialect;
        var versions = await WithPublishRetryAsync(
            () => _backend.WriteAsync(
                async (run, token) =>
                {
                    var assigned = new int?[definitions.Count];
                    for (var i = 0; i < definitions.Count; i++)
                    {
                        var def = definitions[i];
                        var value = await run.ScalarAsync(
                            Statements.InsertDefinition,
                            [
                                d.Guid(def.Id), def.Key, SqlDialect.Text(def.Name), def.Version is { } v ? v : DBNull.Value, def.State.ToString(),
                                def.Xml, def.ContentHash, d.Time(def.CreatedAt), d.Time(def.PublishedAt), d.Time(def.RetiredAt),
                            ],
                            token).ConfigureAwait(false);
                        assigned[i] = value is null ? null : Convert.ToInt32(value, System.Globalization.CultureInfo.InvariantCulture);
                    }

                    return assigned;
                },
                ct),
            ct).ConfigureAwait(false);

        for (var i = 0; i < definitions.Count; i++)
        {
            definitions[i].Version = versions[i];
        }
    }

    /// <summary>
    /// Saves a definition. When it becomes <see cref="DefinitionState.Published"/> without a version yet, it gets
    /// max(version of its key) + 1, written back to <paramref name="definition"/>; a version once assigned never
    /// changes (the stored one wins). Concurrent publishes of one key are serialized by the unique (key, version)
    /// index and retried.
    /// </summary>
    public async Task UpdateDefinitionAsync(DefinitionRecord definition, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var d = _backend.Dialect;
        var (found, version) = await WithPublishRetryAsync(
            () => _backend.WriteAsync(
                async (run, token) =>
                {
                    var value = await run.ScalarAsync(
                        Statements.UpdateDefinition,
                        [
                            definition.Key, SqlDialect.Text(definition.Name), definition.State.ToString(), definition.Xml, definition.ContentHash,
                            d.Time(definition.CreatedAt), d.Time(definition.PublishedAt), d.Time(definition.RetiredAt), d.Guid(definition.Id),
                        ],
                        token).ConfigureAwait(false);

                    // RETURNING gives no row when the id is unknown, a null when still unnumbered.
                    if (value is null)
                    {
                        var exists = await run.ScalarAsync(SelectDefinitionExists, [d.Guid(definition.Id)], token).ConfigureAwait(false);
                        return (exists is not null, (int?)null);
                    }

                    return (true, (int?)Convert.ToInt32(value, System.Globalization.CultureInfo.InvariantCulture));
                },
                ct),
            ct).ConfigureAwait(false);

        if (!found)
        {
            throw new KeyNotFoundException($"Definition {definition.Id} does not exist.");
        }

        definition.Version = version;
    }

    private static readonly Stmt[] CountStatements = [.. Statements.Tables.Select(t => new Stmt($"SELECT COUNT(*) FROM {t}"))];

    private static readonly Stmt SelectDefinitionExists = new("SELECT 1 FROM definitions WHERE id = @id", "id");

    private async Task<T> WithPublishRetryAsync<T>(Func<Task<T>> write, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await write().ConfigureAwait(false);
            }
            catch (DbException e) when (attempt < PublishAttempts && _backend.Dialect.IsUniqueViolation(e, "definitions") && IsVersionConflict(e))
            {
                // Another publish of the same key took the number: compute it again.
                await Task.Delay(Random.Shared.Next(1, 5 * attempt), ct).ConfigureAwait(false);
            }
        }
    }

    private static bool IsVersionConflict(DbException e) =>
        e.Message.Contains("version", StringComparison.OrdinalIgnoreCase)
        || (e is Npgsql.PostgresException pg && pg.ConstraintName == "ix_definitions_key_version");

    public Task<DefinitionRecord?> GetDefinitionAsync(Guid id, CancellationToken ct = default) =>
        _backend.ReadAsync(Statements.SelectDefinition, [_backend.Dialect.Guid(id)], (r, d, t) => RecordReaders.SingleAsync(r, d, RecordReaders.Definition, t), ct);

    public Task<DefinitionRecord?> GetLatestPublishedAsync(string key, CancellationToken ct = default) =>
        _backend.ReadAsync(Statements.SelectLatestPublished, [key], (r, d, t) => RecordReaders.SingleAsync(r, d, RecordReaders.Definition, t), ct);

    public Task<int> GetMaxVersionAsync(string key, CancellationToken ct = default) =>
        _backend.ReadAsync(Statements.SelectMaxVersion, [key], async (r, d, t) => await r.ReadAsync(t).ConfigureAwait(false) ? Convert.ToInt32(r.GetValue(0), System.Globalization.CultureInfo.InvariantCulture) : 0, ct);

    /// <summary>All definitions (of a key), by key (ordinal), then version (drafts last), creation, id.</summary>
    public async Task<IReadOnlyList<DefinitionRecord>> ListDefinitionsAsync(string? key, CancellationToken ct = default)
    {
        var list = key is null
            ? await _backend.ReadAsync(Statements.SelectAllDefinitions, [], (r, d, t) => RecordReaders.ListAsync(r, d, RecordReaders.Definition, t), ct).ConfigureAwait(false)
            : await _backend.ReadAsync(Statements.SelectDefinitionsOfKey, [key], (r, d, t) => RecordReaders.ListAsync(r, d, RecordReaders.Definition, t), ct).ConfigureAwait(false);
        return InMemoryWorkflowStore.SortDefinitions([.. list]);
    }

    // ------------------------------------------------------------------ command reads

    public Task<InstanceRecord?> GetInstanceAsync(Guid id, CancellationToken ct = default) =>
        _backend.ReadAsync(Statements.SelectInstance, [_backend.Dialect.Guid(id)], ReadSingleInstance, ct);

    public async Task<TaskRecord?> GetTaskAsync(Guid id, CancellationToken ct = default)
    {
        var tasks = await _backend.ReadAsync(Statements.SelectTask, [_backend.Dialect.Guid(id)], RecordReaders.TasksAsync, ct).ConfigureAwait(false);
        return tasks.Count == 0 ? null : tasks[0];
    }

    public async Task<IReadOnlyList<TaskRecord>> GetTasksOfInstanceAsync(Guid instanceId, CancellationToken ct = default) =>
        await _backend.ReadAsync(Statements.SelectTasksOfInstance, [_backend.Dialect.Guid(instanceId)], RecordReaders.TasksAsync, ct).ConfigureAwait(false);

    public Task<IReadOnlyList<SubscriptionRecord>> GetSubscriptionsOfInstanceAsync(Guid instanceId, CancellationToken ct = default) =>
        _backend.ReadAsync(Statements.SelectSubscriptionsOfInstance, [_backend.Dialect.Guid(instanceId)], ReadSubscriptions, ct);

    public Task<IReadOnlyList<JobRecord>> GetJobsOfInstanceAsync(Guid instanceId, CancellationToken ct = default) =>
        _backend.ReadAsync(Statements.SelectJobsOfInstance, [_backend.Dialect.Guid(instanceId)], ReadJobs, ct);

    public Task<JobRecord?> GetJobAsync(Guid id, CancellationToken ct = default) =>
        _backend.ReadAsync(Statements.SelectJob, [_backend.Dialect.Guid(id)], ReadSingleJob, ct);

    /// <summary>Jobs due at or before <paramref name="dueBy"/>, earliest first, at most <paramref name="max"/>.</summary>
    public Task<IReadOnlyList<JobRecord>> GetDueJobsAsync(DateTimeOffset dueBy, int max, CancellationToken ct = default) =>
        _backend.ReadAsync(Statements.SelectDueJobs, [_backend.Dialect.Time(dueBy), Math.Max(0, max)], ReadJobs, ct);

    public Task<IReadOnlyList<SubscriptionRecord>> FindSubscriptionsAsync(string messageName, string? correlationKey, CancellationToken ct = default) =>
        correlationKey is null
            ? _backend.ReadAsync(Statements.SelectSubscriptionsWithoutKey, [messageName], ReadSubscriptions, ct)
            : _backend.ReadAsync(Statements.SelectSubscriptionsByKey, [messageName, correlationKey], ReadSubscriptions, ct);

    public Task<ProcessedRequest?> GetProcessedRequestAsync(string requestId, CancellationToken ct = default) => GetProcessedRequestAsync("", requestId, ct);

    public Task<ProcessedRequest?> GetProcessedRequestAsync(string actor, string requestId, CancellationToken ct = default) =>
        _backend.ReadAsync(Statements.SelectRequest, [actor, requestId], ReadSingleRequest, ct);

    // ------------------------------------------------------------------ commit

    /// <summary>
    /// Applies <paramref name="changes"/> in one transaction: processed request, instances inserted, instances
    /// updated (<c>WHERE id = @id AND version = @expected</c>; only business key, status, state, version and end
    /// are written — the other columns, organisation path and campaign included, are fixed at insert),
    /// tasks/subscriptions/jobs inserted, updated (a task: every column), deleted, history, copies, outbox. Throws <see cref="DuplicateRequestException"/> when the request id is already recorded and
    /// <see cref="ConcurrencyConflictException"/> when an updated instance's version moved, an updated task is
    /// gone or a deleted job is gone (a job fires once); either way nothing is written.
    /// </summary>
    public Task CommitAsync(ChangeSet changes, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(changes);
        if (CommandTransaction.Current is { } transaction && ReferenceEquals(transaction.Owner, this))
        {
            return transaction.EnlistAsync(changes, ct);
        }

        return changes.IsEmpty && _beforeCommit is null ? Task.CompletedTask : _backend.CommitAsync(changes, _beforeCommit, ct);
    }

    /// <inheritdoc/>
    public async Task<CommandTransaction> BeginTransactionAsync(CancellationToken ct = default)
    {
        var transaction = await _backend.BeginTransactionAsync(ct).ConfigureAwait(false);
        transaction.Owner = this;
        return transaction;
    }

    // ------------------------------------------------------------------ queries

    /// <summary>
    /// Tasks matching all given filters, in <see cref="TaskQuery.OrderBy"/> (default oldest first: created_at, id).
    /// <see cref="TaskQuery.CandidateUser"/> and <see cref="TaskQuery.CandidateGroups"/> together match a task where
    /// the user OR one of the groups is a candidate (the tasks a user may claim); an empty group list alone matches
    /// nothing. <see cref="TaskQuery.Handler"/> selects a user's to-do list (assigned to the user, or unassigned with
    /// the user or one of the groups as candidate). <see cref="TaskQuery.OrganizationScopes"/> follow
    /// <see cref="OrganizationScope"/> (an empty list matches nothing; a null or empty scope is an
    /// <see cref="ArgumentException"/>); <see cref="TaskQuery.DueBefore"/> excludes tasks without a due date.
    /// </summary>
    public async Task<IReadOnlyList<TaskRecord>> QueryTasksAsync(TaskQuery query, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (QueryStatements.Tasks(query, _backend.Dialect, out var pageInMemory) is not var (stmt, args))
        {
            return [];
        }

        var tasks = await _backend.ReadAsync(stmt, args, RecordReaders.TasksAsync, ct).ConfigureAwait(false);
        if (pageInMemory && (query.Skip > 0 || query.Take < tasks.Count))
        {
            return [.. tasks.Skip(Math.Max(0, query.Skip)).Take(Math.Max(0, query.Take))];
        }

        return tasks;
    }

    /// <summary>How many tasks match the filters of <paramref name="query"/> (Skip, Take and order ignored).</summary>
    public async Task<int> CountTasksAsync(TaskQuery query, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (QueryStatements.CountTasks(query, _backend.Dialect) is not var (stmt, args))
        {
            return 0;
        }

        return checked((int)await _backend.ReadAsync(stmt, args, ReadLong, ct).ConfigureAwait(false));
    }

    /// <summary>
    /// The page of <see cref="QueryTasksAsync"/> with the total of <see cref="CountTasksAsync"/>, from one statement:
    /// the matching tasks are found once, counted by a window function, and only the page's rows are read.
    /// </summary>
    public async Task<TaskPage> QueryTaskPageAsync(TaskQuery query, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (QueryStatements.TaskPage(query, _backend.Dialect) is not var (stmt, args))
        {
            return new TaskPage([], 0);
        }

        var total = new StrongBox<long>();
        var tasks = await _backend.ReadAsync(stmt, args, (r, d, t) => RecordReaders.TasksAsync(r, d, total, t), ct).ConfigureAwait(false);
        if (tasks.Count == 0)
        {
            // No row carried the total: nothing matches, or the page lies past the end.
            return new TaskPage(tasks, query.Skip > 0 || query.Take <= 0 ? await CountTasksAsync(query, ct).ConfigureAwait(false) : 0);
        }

        return new TaskPage(tasks, checked((int)total.Value));
    }

    /// <summary>
    /// Instances matching all given filters (organisation scopes as in <see cref="OrganizationScope"/>), in
    /// <see cref="InstanceQuery.OrderBy"/>: newest first (started_at desc, id desc) unless set.
    /// </summary>
    public async Task<IReadOnlyList<InstanceRecord>> QueryInstancesAsync(InstanceQuery query, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (QueryStatements.Instances(query) is not var (stmt, args))
        {
            return [];
        }

        return await _backend.ReadAsync(stmt, args, ReadInstances, ct).ConfigureAwait(false);
    }

    /// <summary>The page of <see cref="QueryInstancesAsync"/> with the total of the filters, from one statement (a window count).</summary>
    public async Task<InstancePage> QueryInstancePageAsync(InstanceQuery query, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var (items, total) = await PageAsync(
            QueryStatements.InstancePage(query), () => QueryStatements.CountInstances(query), RecordReaders.Instance, RecordReaders.InstanceTotalOrdinal,
            query.Skip, query.Take, ct).ConfigureAwait(false);
        return new InstancePage(items, total);
    }

    /// <summary>
    /// The done list (已办): history events of <see cref="DoneTaskQuery.Actor"/> whose type is one of
    /// <see cref="DoneTaskQuery.Actions"/> (<see cref="Runtime.HistoryTypes.DoneActions"/> when null; an empty list
    /// matches nothing) with their instance, newest first (at desc, id desc), and the total.
    /// </summary>
    public async Task<DoneTaskPage> QueryDoneTasksAsync(DoneTaskQuery query, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var (items, total) = await PageAsync(
            QueryStatements.Done(query, count: false), () => QueryStatements.Done(query, count: true), RecordReaders.DoneTask, RecordReaders.DoneTotalOrdinal,
            query.Skip, query.Take, ct).ConfigureAwait(false);
        return new DoneTaskPage(items, total);
    }

    /// <summary>The copies (抄送) of <see cref="CopyQuery.Reader"/>, newest first (copied_at desc, id desc), and the total.</summary>
    public async Task<CopyPage> QueryCopiesAsync(CopyQuery query, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var (items, total) = await PageAsync(
            QueryStatements.Copies(query, count: false), () => QueryStatements.Copies(query, count: true), RecordReaders.Copy, RecordReaders.CopyTotalOrdinal,
            query.Skip, query.Take, ct).ConfigureAwait(false);
        return new CopyPage(items, total);
    }

    public Task<CopyRecord?> GetCopyAsync(Guid id, CancellationToken ct = default) =>
        _backend.ReadAsync(Statements.SelectCopy, [_backend.Dialect.Guid(id)], (r, d, t) => RecordReaders.SingleAsync(r, d, RecordReaders.Copy, t), ct);

    /// <summary>
    /// Sets <see cref="CopyRecord.ReadAt"/> of a copy of <paramref name="reader"/> unless it is set already (the first
    /// reading counts). True when the copy is the reader's (read now or before), false when unknown or another reader's.
    /// </summary>
    public async Task<bool> MarkCopyReadAsync(Guid id, string reader, DateTimeOffset at, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var d = _backend.Dialect;
        object[] args = [d.Time(at), d.Guid(id), reader];
        return await _backend.WriteAsync((run, token) => run.ExecuteAsync(Statements.MarkCopyRead, args, token), ct).ConfigureAwait(false) == 1;
    }

    /// <summary>
    /// Reads a page whose rows carry the window total at <paramref name="totalOrdinal"/>; when no row comes back
    /// and the page may lie past the end (or is empty by request), the total is counted separately.
    /// </summary>
    private async Task<(IReadOnlyList<T> Items, int Total)> PageAsync<T>(
        (Stmt Stmt, object[] Args)? page, Func<(Stmt Stmt, object[] Args)?> count, Func<DbDataReader, SqlDialect, T> row, int totalOrdinal,
        int skip, int take, CancellationToken ct)
    {
        if (page is not var (stmt, args))
        {
            return ([], 0);
        }

        var total = new StrongBox<long>();
        var items = await _backend.ReadAsync(stmt, args, (r, d, t) => RecordReaders.PageAsync(r, d, row, totalOrdinal, total, t), ct).ConfigureAwait(false);
        if (items.Count > 0)
        {
            return (items, checked((int)total.Value));
        }

        if ((skip <= 0 && take > 0) || count() is not var (countStmt, countArgs))
        {
            return (items, 0);
        }

        return (items, checked((int)await _backend.ReadAsync(countStmt, countArgs, ReadLong, ct).ConfigureAwait(false)));
    }

    /// <summary>The instance's history in the order it was committed.</summary>
    public Task<IReadOnlyList<HistoryEvent>> GetHistoryAsync(Guid instanceId, CancellationToken ct = default) =>
        _backend.ReadAsync(Statements.SelectHistory, [_backend.Dialect.Guid(instanceId)], (r, d, t) => RecordReaders.ListAsync(r, d, RecordReaders.History, t), ct);

    // ------------------------------------------------------------------ outbox

    /// <summary>Outbox messages neither dispatched nor failed, oldest first (created_at, id).</summary>
    public Task<IReadOnlyList<OutboxMessage>> GetPendingOutboxAsync(int take, CancellationToken ct = default) =>
        _backend.ReadAsync(Statements.SelectPendingOutbox, [Math.Max(0, take)], ReadOutbox, ct);

    /// <inheritdoc/>
    public Task<IReadOnlyList<OutboxMessage>> GetPendingOutboxAsync(int take, DateTimeOffset now, CancellationToken ct = default) =>
        _backend.ReadAsync(Statements.SelectDueOutbox, [_backend.Dialect.Time(now), Math.Max(0, take)], ReadOutbox, ct);

    public Task<OutboxMessage?> GetOutboxAsync(Guid id, CancellationToken ct = default) =>
        _backend.ReadAsync(Statements.SelectOutbox, [_backend.Dialect.Guid(id)], (r, d, t) => RecordReaders.SingleAsync(r, d, RecordReaders.Outbox, t), ct);

    /// <inheritdoc/>
    public async Task<DateTimeOffset?> ClaimOutboxAsync(Guid id, DateTimeOffset now, DateTimeOffset leaseUntil, DateTimeOffset? held = null, CancellationToken ct = default)
    {
        var d = _backend.Dialect;
        var lease = OutboxLease(leaseUntil);
        var rows = await _backend.WriteAsync(
            (run, token) => held is { } h
                ? run.ExecuteAsync(Statements.RenewOutboxClaim, [d.Time(lease), d.Guid(id), d.Time(h)], token)
                : run.ExecuteAsync(Statements.ClaimDueOutbox, [d.Time(lease), d.Guid(id), d.Time(now)], token),
            ct).ConfigureAwait(false);
        return rows == 1 ? lease : null;
    }

    public Task MarkOutboxDispatchedAsync(Guid id, DateTimeOffset at, CancellationToken ct = default)
    {
        var d = _backend.Dialect;
        return _backend.WriteAsync((run, token) => run.ExecuteAsync(Statements.MarkOutboxDispatched, [d.Time(at), d.Guid(id)], token), ct);
    }

    /// <inheritdoc/>
    public async Task<bool> RecordOutboxFailureAsync(Guid id, string error, DateTimeOffset? nextAttemptAt, bool failed, DateTimeOffset at, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(error);
        var d = _backend.Dialect;
        object[] args = [OutboxError(error), failed ? DBNull.Value : d.Time(nextAttemptAt), failed ? d.Time(at) : DBNull.Value, d.Guid(id)];
        return await _backend.WriteAsync((run, token) => run.ExecuteAsync(Statements.RecordOutboxFailure, args, token), ct).ConfigureAwait(false) == 1;
    }

    /// <inheritdoc/>
    public Task<IReadOnlyList<OutboxMessage>> GetFailedOutboxAsync(int take, CancellationToken ct = default) =>
        _backend.ReadAsync(Statements.SelectFailedOutbox, [Math.Max(0, take)], ReadOutbox, ct);

    /// <inheritdoc/>
    public async Task<bool> RetryOutboxAsync(Guid id, CancellationToken ct = default)
    {
        var d = _backend.Dialect;
        return await _backend.WriteAsync((run, token) => run.ExecuteAsync(Statements.RetryOutbox, [d.Guid(id)], token), ct).ConfigureAwait(false) == 1;
    }

    /// <summary>Longest error text kept on an outbox row.</summary>
    internal const int MaxOutboxErrorLength = 4000;

    /// <summary>A lease as both databases store it exactly (whole milliseconds, UTC), so that it can be compared on renewal.</summary>
    internal static DateTimeOffset OutboxLease(DateTimeOffset value) =>
        new(value.UtcTicks - (value.UtcTicks % TimeSpan.TicksPerMillisecond), TimeSpan.Zero);

    internal static string OutboxError(string error) =>
        error.Length <= MaxOutboxErrorLength ? error
        : error[..(char.IsHighSurrogate(error[MaxOutboxErrorLength - 1]) ? MaxOutboxErrorLength - 1 : MaxOutboxErrorLength)];

    private static Task<IReadOnlyList<OutboxMessage>> ReadOutbox(DbDataReader r, SqlDialect d, CancellationToken ct) =>
        RecordReaders.ListAsync(r, d, RecordReaders.Outbox, ct);

    // ------------------------------------------------------------------ diagnostics

    /// <summary>Row count of every table (tests compare them before and after a failed commit).</summary>
    internal async Task<IReadOnlyDictionary<string, long>> CountRowsAsync(CancellationToken ct = default)
    {
        var result = new Dictionary<string, long>(StringComparer.Ordinal);
        for (var i = 0; i < Statements.Tables.Length; i++)
        {
            result[Statements.Tables[i]] = await _backend.ReadAsync(CountStatements[i], [], ReadLong, ct).ConfigureAwait(false);
        }

        return result;
    }

    public ValueTask DisposeAsync() => _backend.DisposeAsync();

    public void Dispose() => _backend.DisposeAsync().AsTask().GetAwaiter().GetResult();

    // ------------------------------------------------------------------ row readers

    private static async Task<InstanceRecord?> ReadSingleInstance(DbDataReader r, SqlDialect d, CancellationToken ct) =>
        await r.ReadAsync(ct).ConfigureAwait(false) ? RecordReaders.Instance(r, d) : null;

    private static async Task<JobRecord?> ReadSingleJob(DbDataReader r, SqlDialect d, CancellationToken ct) =>
        await r.ReadAsync(ct).ConfigureAwait(false) ? RecordReaders.Job(r, d) : null;

    private static async Task<IReadOnlyList<InstanceRecord>> ReadInstances(DbDataReader r, SqlDialect d, CancellationToken ct)
    {
        var list = new List<InstanceRecord>();
        while (await r.ReadAsync(ct).ConfigureAwait(false))
        {
            list.Add(RecordReaders.Instance(r, d));
        }

        return list;
    }

    private static async Task<ProcessedRequest?> ReadSingleRequest(DbDataReader r, SqlDialect d, CancellationToken ct) =>
        await r.ReadAsync(ct).ConfigureAwait(false) ? RecordReaders.Request(r, d) : null;

    private static async Task<IReadOnlyList<SubscriptionRecord>> ReadSubscriptions(DbDataReader r, SqlDialect d, CancellationToken ct)
    {
        var list = new List<SubscriptionRecord>();
        while (await r.ReadAsync(ct).ConfigureAwait(false))
        {
            list.Add(RecordReaders.Subscription(r, d));
        }

        return list;
    }

    private static async Task<IReadOnlyList<JobRecord>> ReadJobs(DbDataReader r, SqlDialect d, CancellationToken ct)
    {
        var list = new List<JobRecord>();
        while (await r.ReadAsync(ct).ConfigureAwait(false))
        {
            list.Add(RecordReaders.Job(r, d));
        }

        return list;
    }

    private static async Task<long> ReadLong(DbDataReader r, SqlDialect d, CancellationToken ct) =>
        await r.ReadAsync(ct).ConfigureAwait(false) ? Convert.ToInt64(r.GetValue(0), System.Globalization.CultureInfo.InvariantCulture) : 0;
}
