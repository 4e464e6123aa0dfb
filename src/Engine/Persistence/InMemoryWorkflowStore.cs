namespace Workflows.Engine.Persistence;

/// <summary>
/// <see cref="IWorkflowStore"/> in process memory: dictionaries behind one lock. Same contract as the database
/// store: a commit is validated completely (request id, instance versions, task existence, duplicate ids)
/// before anything is applied, and applied in the same order as the SQL transaction.
/// <para>
/// Isolation: the store keeps its own copies of what it is given and hands out copies of what it keeps
/// (records are cheap to copy: strings are immutable, candidate lists are copied). Mutating a record that was
/// read, or a change set after its commit, never changes stored state. History ids are assigned by the store
/// (ascending, in commit order) on its copies only.
/// </para>
/// </summary>
public sealed partial class InMemoryWorkflowStore : IWorkflowStore, ITransactionalStore, IAsyncDisposable, IDisposable
{
    private readonly Lock _gate = new();
    private readonly Func<ChangeSet, Task>? _beforeCommit;
    private readonly SemaphoreSlim _hookedCommits = new(1, 1);

    private readonly Dictionary<Guid, DefinitionRecord> _definitions = [];
    private readonly Dictionary<Guid, InstanceRecord> _instances = [];
    private readonly Dictionary<Guid, TaskRecord> _tasks = [];
    private readonly Dictionary<Guid, SubscriptionRecord> _subscriptions = [];
    private readonly Dictionary<Guid, JobRecord> _jobs = [];
    private readonly Dictionary<Guid, OutboxMessage> _outbox = [];
    private readonly HashSet<Guid> _pendingOutbox = [];
    private readonly Dictionary<string, ProcessedRequest> _requests = new(StringComparer.Ordinal);
    private readonly Dictionary<Guid, List<HistoryEvent>> _history = [];
    private readonly Dictionary<string, List<HistoryEvent>> _historyByActor = new(StringComparer.Ordinal);
    private readonly Dictionary<Guid, CopyRecord> _copies = [];
    private readonly Dictionary<string, HashSet<Guid>> _copiesByReader = new(StringComparer.Ordinal);

    private readonly Dictionary<Guid, HashSet<Guid>> _tasksByInstance = [];
    private readonly Dictionary<Guid, HashSet<Guid>> _subscriptionsByInstance = [];
    private readonly Dictionary<Guid, HashSet<Guid>> _jobsByInstance = [];
    private readonly Dictionary<(string Message, string? Key), HashSet<Guid>> _subscriptionsByMessage = [];
    private readonly SortedSet<(long DueTicks, Guid Id)> _jobsByDue = [];
    private long _historySequence;
    private long _historyCount;

    /// <param name="beforeCommit">Test hook: runs after a commit was validated and before it is applied; if it throws, nothing is applied.</param>
    public InMemoryWorkflowStore(Func<ChangeSet, Task>? beforeCommit = null) => _beforeCommit = beforeCommit;

    // ------------------------------------------------------------------ definitions

    public Task AddDefinitionsAsync(IReadOnlyList<DefinitionRecord> definitions, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(definitions);
        lock (_gate)
        {
            var copies = new List<DefinitionRecord>(definitions.Count);
            var taken = new HashSet<(string, int)>();
            var next = new Dictionary<string, int>(StringComparer.Ordinal);
            foreach (var def in definitions)
            {
                if (_definitions.ContainsKey(def.Id) || copies.Any(c => c.Id == def.Id))
                {
                    throw new InvalidOperationException($"Definition {def.Id} already exists.");
                }

                var copy = def.Copy();
                if (copy.Version is null && copy.State == DefinitionState.Published)
                {
                    var n = next.TryGetValue(copy.Key, out var v) ? v : MaxVersion(copy.Key) + 1;
                    copy.Version = n;
                    next[copy.Key] = n + 1;
                }

                if (copy.Version is { } version && (!taken.Add((copy.Key, version)) || VersionTaken(copy.Key, version)))
                {
                    throw new InvalidOperationException($"Version {version} of '{copy.Key}' already exists.");
                }

                if (copy.Version is { } assigned)
                {
                    next[copy.Key] = Math.Max(next.GetValueOrDefault(copy.Key), assigned + 1);
                }

                copies.Add(copy);
            }

            for (var i = 0; i < copies.Count; i++)
            {
                _definitions[copies[i].Id] = copies[i];
                definitions[i].Version = copies[i].Version;
            }
        }

        return Task.CompletedTask;
    }

    /// <summary>Saves a definition; one that becomes published without a version gets max(version of its key) + 1 (written back).</summary>
    public Task UpdateDefinitionAsync(DefinitionRecord definition, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(definition);
        lock (_gate)
        {
            if (!_definitions.TryGetValue(definition.Id, out var stored))
            {
                throw new KeyNotFoundException($"Definition {definition.Id} does not exist.");
            }

            var copy = definition.Copy();
            copy.Version = stored.Version ?? (copy.State == DefinitionState.Published ? MaxVersion(copy.Key) + 1 : null);
            _definitions[copy.Id] = copy;
            definition.Version = copy.Version;
        }

        return Task.CompletedTask;
    }

    public Task<DefinitionRecord?> GetDefinitionAsync(Guid id, CancellationToken ct = default)
    {
        lock (_gate)
        {
            return Task.FromResult(_definitions.TryGetValue(id, out var d) ? d.Copy() : null);
        }
    }

    public Task<DefinitionRecord?> GetLatestPublishedAsync(string key, CancellationToken ct = default)
    {
        lock (_gate)
        {
            DefinitionRecord? best = null;
            foreach (var d in _definitions.Values)
            {
                if (d.Key == key && d.State == DefinitionState.Published && (best is null || d.Version > best.Version))
                {
                    best = d;
                }
            }

            return Task.FromResult(best?.Copy());
        }
    }

    public Task<int> GetMaxVersionAsync(string key, CancellationToken ct = default)
    {
        lock (_gate)
        {
            return Task.FromResult(MaxVersion(key));
        }
    }

    public Task<IReadOnlyList<DefinitionRecord>> ListDefinitionsAsync(string? key, CancellationToken ct = default)
    {
        lock (_gate)
        {
            var list = _definitions.Values.Where(d => key is null || d.Key == key).Select(d => d.Copy()).ToList();
            return Task.FromResult(SortDefinitions(list));
        }
    }

    /// <summary>The order of definition lists in every store: key (ordinal), version (drafts last), creation, id.</summary>
    internal static IReadOnlyList<DefinitionRecord> SortDefinitions(List<DefinitionRecord> list)
    {
        list.Sort(static (a, b) =>
        {
            var c = string.CompareOrdinal(a.Key, b.Key);
            if (c != 0)
            {
                return c;
            }

            c = (a.Version ?? int.MaxValue).CompareTo(b.Version ?? int.MaxValue);
            if (c != 0)
            {
                return c;
            }

            c = a.CreatedAt.CompareTo(b.CreatedAt);
            return c != 0 ? c : a.Id.CompareTo(b.Id);
        });
        return list;
    }

    private int MaxVersion(string key)
    {
        var max = 0;
        foreach (var d in _definitions.Values)
        {
            if (d.Key == key && d.Version is { } v && v > max)
            {
                max = v;
            }
        }

        return max;
    }

    private bool VersionTaken(string key, int version) =>
        _definitions.Values.Any(d => d.Key == key && d.Version == version);

    // ------------------------------------------------------------------ command reads

    public Task<InstanceRecord?> GetInstanceAsync(Guid id, CancellationToken ct = default)
    {
        lock (_gate)
        {
            return Task.FromResult(_instances.TryGetValue(id, out var i) ? i.Copy() : null);
        }
    }

    public Task<TaskRecord?> GetTaskAsync(Guid id, CancellationToken ct = default)
    {
        lock (_gate)
        {
            return Task.FromResult(_tasks.TryGetValue(id, out var t) ? t.Copy() : null);
        }
    }

    public Task<IReadOnlyList<TaskRecord>> GetTasksOfInstanceAsync(Guid instanceId, CancellationToken ct = default)
    {
        lock (_gate)
        {
            return Task.FromResult(Collect(_tasksByInstance, instanceId, _tasks, CompareTasks, RecordCopies.Copy));
        }
    }

    public Task<IReadOnlyList<SubscriptionRecord>> GetSubscriptionsOfInstanceAsync(Guid instanceId, CancellationToken ct = default)
    {
        lock (_gate)
        {
            return Task.FromResult(Collect(_subscriptionsByInstance, instanceId, _subscriptions, CompareSubscriptions, RecordCopies.Copy));
        }
    }

    public Task<IReadOnlyList<JobRecord>> GetJobsOfInstanceAsync(Guid instanceId, CancellationToken ct = default)
    {
        lock (_gate)
        {
            return Task.FromResult(Collect(_jobsByInstance, instanceId, _jobs, CompareJobs, RecordCopies.Copy));
        }
    }

    public Task<JobRecord?> GetJobAsync(Guid id, CancellationToken ct = default)
    {
        lock (_gate)
        {
            return Task.FromResult(_jobs.TryGetValue(id, out var j) ? j.Copy() : null);
        }
    }

    /// <inheritdoc cref="EfWorkflowStore.GetDueJobsAsync"/>
    public Task<IReadOnlyList<JobRecord>> GetDueJobsAsync(DateTimeOffset dueBy, int max, CancellationToken ct = default)
    {
        lock (_gate)
        {
            var list = new List<JobRecord>();
            foreach (var (due, id) in _jobsByDue)
            {
                if (due > dueBy.UtcTicks || list.Count >= max)
                {
                    break;
                }

                list.Add(_jobs[id].Copy());
            }

            return Task.FromResult<IReadOnlyList<JobRecord>>(list);
        }
    }

    public Task<IReadOnlyList<SubscriptionRecord>> FindSubscriptionsAsync(string messageName, string? correlationKey, CancellationToken ct = default)
    {
        lock (_gate)
        {
            return Task.FromResult(Collect(_subscriptionsByMessage, (messageName, correlationKey), _subscriptions, CompareSubscriptions, RecordCopies.Copy));
        }
    }

    public Task<ProcessedRequest?> GetProcessedRequestAsync(string requestId, CancellationToken ct = default) => GetProcessedRequestAsync("", requestId, ct);

    public Task<ProcessedRequest?> GetProcessedRequestAsync(string actor, string requestId, CancellationToken ct = default)
    {
        lock (_gate)
        {
            return Task.FromResult(_requests.TryGetValue(RequestKey(actor, requestId), out var r) ? r.Copy() : null);
        }
    }

    private static string RequestKey(string actor, string requestId) => actor + "\u0000" + requestId;

    private static IReadOnlyList<T> Collect<TKey, T>(
        Dictionary<TKey, HashSet<Guid>> index, TKey key, Dictionary<Guid, T> rows, Comparison<T> order, Func<T, T> copy)
        where TKey : notnull
    {
        if (!index.TryGetValue(key, out var ids) || ids.Count == 0)
        {
            return [];
        }

        var list = new List<T>(ids.Count);
        foreach (var id in ids)
        {
            list.Add(copy(rows[id]));
        }

        if (list.Count > 1)
        {
            list.Sort(order);
        }

        return list;
    }

    private static int CompareTasks(TaskRecord a, TaskRecord b)
    {
        var c = a.CreatedAt.CompareTo(b.CreatedAt);
        return c != 0 ? c : a.Id.CompareTo(b.Id);
    }

    private static int CompareSubscriptions(SubscriptionRecord a, SubscriptionRecord b)
    {
        var c = a.CreatedAt.CompareTo(b.CreatedAt);
        return c != 0 ? c : a.Id.CompareTo(b.Id);
    }

    private static int CompareJobs(JobRecord a, JobRecord b)
    {
        var c = a.DueAt.CompareTo(b.DueAt);
        if (c == 0)
        {
            c = a.CreatedAt.CompareTo(b.CreatedAt);
        }

        return c != 0 ? c : a.Id.CompareTo(b.Id);
    }

    // ------------------------------------------------------------------ commit

    /// <inheritdoc cref="EfWorkflowStore.CommitAsync"/>
    public Task CommitAsync(ChangeSet changes, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(changes);
        if (CommandTransaction.Current is { } transaction && ReferenceEquals(transaction.Owner, this))
        {
            return transaction.EnlistAsync(changes, ct);
        }

        if (_beforeCommit is null)
        {
            lock (_gate)
            {
                Validate(changes);
                Apply(changes);
            }

            return Task.CompletedTask;
        }

        return CommitWithHookAsync(changes, ct);
    }

    private async Task CommitWithHookAsync(ChangeSet changes, CancellationToken ct)
    {
        // Commits with a hook are serialized so that nothing can change between validation and application.
        await _hookedCommits.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            lock (_gate)
            {
                Validate(changes);
            }

            await _beforeCommit!(changes).ConfigureAwait(false);
            lock (_gate)
            {
                Validate(changes);
                Apply(changes);
            }
        }
        finally
        {
            _hookedCommits.Release();
        }
    }

    /// <summary>Throws what the database would, in the same order, without changing anything.</summary>
    private void Validate(ChangeSet c)
    {
        if (c.Request is { } req && _requests.ContainsKey(RequestKey(req.Actor, req.RequestId)))
        {
            throw new DuplicateRequestException(req.RequestId);
        }

        if (c.InsertedInstances.Count + c.UpdatedInstances.Count == 1)
        {
            // The common case without allocations.
            if (c.InsertedInstances.Count == 1)
            {
                var id = c.InsertedInstances[0].Id;
                if (_instances.ContainsKey(id))
                {
                    throw new InvalidOperationException($"Instance {id} already exists.");
                }
            }
            else
            {
                var (instance, expected) = c.UpdatedInstances[0];
                if (!_instances.TryGetValue(instance.Id, out var stored) || stored.Version != expected)
                {
                    throw VersionConflict(instance.Id, expected);
                }
            }
        }
        else if (c.InsertedInstances.Count + c.UpdatedInstances.Count > 1)
        {
            var versions = new Dictionary<Guid, long>();
            foreach (var i in c.InsertedInstances)
            {
                if (_instances.ContainsKey(i.Id) || !versions.TryAdd(i.Id, i.Version))
                {
                    throw new InvalidOperationException($"Instance {i.Id} already exists.");
                }
            }

            foreach (var (i, expected) in c.UpdatedInstances)
            {
                long? current = versions.TryGetValue(i.Id, out var v) ? v : _instances.TryGetValue(i.Id, out var s) ? s.Version : null;
                if (current != expected)
                {
                    throw VersionConflict(i.Id, expected);
                }

                versions[i.Id] = i.Version;
            }
        }

        CheckNew(c.InsertedTasks, static t => t.Id, _tasks, "Task");
        foreach (var t in c.UpdatedTasks)
        {
            if (!_tasks.ContainsKey(t.Id) && !c.InsertedTasks.Exists(x => x.Id == t.Id))
            {
                throw new ConcurrencyConflictException($"Task {t.Id} was completed or removed by another command.");
            }
        }

        CheckNew(c.InsertedSubscriptions, static s => s.Id, _subscriptions, "Subscription");
        CheckNew(c.InsertedJobs, static j => j.Id, _jobs, "Job");
        foreach (var id in c.DeletedJobIds)
        {
            if (!_jobs.ContainsKey(id) && !c.InsertedJobs.Exists(x => x.Id == id))
            {
                throw new ConcurrencyConflictException($"Job {id} was fired or removed by another command.");
            }
        }
        CheckNew(c.InsertedCopies, static x => x.Id, _copies, "Copy");
        CheckNew(c.Outbox, static o => o.Id, _outbox, "Outbox message");
    }

    private static ConcurrencyConflictException VersionConflict(Guid id, long expected) =>
        new($"Instance {id} was changed or removed by another command (expected version {expected}).");

    private static void CheckNew<T, TRow>(List<T> items, Func<T, Guid> id, Dictionary<Guid, TRow> existing, string what)
    {
        if (items.Count == 0)
        {
            return;
        }

        HashSet<Guid>? seen = items.Count > 1 ? [] : null;
        foreach (var item in items)
        {
            var key = id(item);
            if (existing.ContainsKey(key) || (seen is not null && !seen.Add(key)))
            {
                throw new InvalidOperationException($"{what} {key} already exists.");
            }
        }
    }

    private void Apply(ChangeSet c)
    {
        if (c.Request is { } req)
        {
            _requests.Add(RequestKey(req.Actor, req.RequestId), req.Copy());
        }

        foreach (var i in c.InsertedInstances)
        {
            _instances[i.Id] = i.Copy();
        }

        foreach (var (i, _) in c.UpdatedInstances)
        {
            // Like the SQL update: only what a command can change; the rest is fixed at insert.
            var stored = _instances[i.Id].Copy();
            stored.BusinessKey = i.BusinessKey;
            stored.Status = i.Status;
            stored.StateJson = i.StateJson;
            stored.Version = i.Version;
            stored.EndedAt = i.EndedAt;
            _instances[i.Id] = stored;
        }

        foreach (var t in c.InsertedTasks)
        {
            PutTask(t);
        }

        foreach (var t in c.UpdatedTasks)
        {
            RemoveTask(t.Id);
            PutTask(t);
        }

        foreach (var id in c.DeletedTaskIds)
        {
            RemoveTask(id);
        }

        foreach (var s in c.InsertedSubscriptions)
        {
            var copy = s.Copy();
            _subscriptions.Add(copy.Id, copy);
            AddToIndex(_subscriptionsByInstance, copy.InstanceId, copy.Id);
            AddToIndex(_subscriptionsByMessage, (copy.MessageName, copy.CorrelationKey), copy.Id);
        }

        foreach (var id in c.DeletedSubscriptionIds)
        {
            if (_subscriptions.Remove(id, out var s))
            {
                RemoveFromIndex(_subscriptionsByInstance, s.InstanceId, id);
                RemoveFromIndex(_subscriptionsByMessage, (s.MessageName, s.CorrelationKey), id);
            }
        }

        foreach (var j in c.InsertedJobs)
        {
            var copy = j.Copy();
            _jobs.Add(copy.Id, copy);
            AddToIndex(_jobsByInstance, copy.InstanceId, copy.Id);
            _jobsByDue.Add((copy.DueAt.UtcTicks, copy.Id));
        }

        foreach (var id in c.DeletedJobIds)
        {
            if (_jobs.Remove(id, out var j))
            {
                RemoveFromIndex(_jobsByInstance, j.InstanceId, id);
                _jobsByDue.Remove((j.DueAt.UtcTicks, id));
            }
        }

        foreach (var h in c.History)
        {
            var copy = h.Copy();
            copy.Id = ++_historySequence;
            if (!_history.TryGetValue(copy.InstanceId, out var list))
            {
                _history[copy.InstanceId] = list = [];
            }

            list.Add(copy);
            _historyCount++;
            if (copy.Actor is { } actor)
            {
                if (!_historyByActor.TryGetValue(actor, out var ofActor))
                {
                    _historyByActor[actor] = ofActor = [];
                }

                ofActor.Add(copy);
            }
        }

        foreach (var x in c.InsertedCopies)
        {
            var copy = x.Copy();
            _copies.Add(copy.Id, copy);
            AddToIndex(_copiesByReader, copy.Reader, copy.Id);
        }

        foreach (var o in c.Outbox)
        {
            var copy = o.Copy();
            _outbox.Add(copy.Id, copy);
            if (copy.DispatchedAt is null && copy.FailedAt is null)
            {
                _pendingOutbox.Add(copy.Id);
            }
        }
    }

    private void PutTask(TaskRecord t)
    {
        var copy = t.Copy();
        RecordCopies.NormalizeCandidates(copy);
        _tasks.Add(copy.Id, copy);
        AddToIndex(_tasksByInstance, copy.InstanceId, copy.Id);
    }

    private void RemoveTask(Guid id)
    {
        if (_tasks.Remove(id, out var t))
        {
            RemoveFromIndex(_tasksByInstance, t.InstanceId, id);
        }
    }

    private static void AddToIndex<TKey>(Dictionary<TKey, HashSet<Guid>> index, TKey key, Guid id)
        where TKey : notnull
    {
        if (!index.TryGetValue(key, out var set))
        {
            index[key] = set = [];
        }

        set.Add(id);
    }

    private static void RemoveFromIndex<TKey>(Dictionary<TKey, HashSet<Guid>> index, TKey key, Guid id)
        where TKey : notnull
    {
        if (index.TryGetValue(key, out var set) && set.Remove(id) && set.Count == 0)
        {
            index.Remove(key);
        }
    }

    // ------------------------------------------------------------------ queries

    /// <inheritdoc cref="EfWorkflowStore.QueryTasksAsync"/>
    public Task<IReadOnlyList<TaskRecord>> QueryTasksAsync(TaskQuery query, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        lock (_gate)
        {
            var list = MatchingTasks(query).ToList();
            list.Sort(TaskOrderComparison(query.OrderBy));
            IReadOnlyList<TaskRecord> page = [.. list.Skip(Math.Max(0, query.Skip)).Take(Math.Max(0, query.Take)).Select(t => t.Copy())];
            return Task.FromResult(page);
        }
    }

    /// <inheritdoc cref="EfWorkflowStore.CountTasksAsync"/>
    public Task<int> CountTasksAsync(TaskQuery query, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        lock (_gate)
        {
            return Task.FromResult(MatchingTasks(query).Count());
        }
    }

    /// <inheritdoc cref="EfWorkflowStore.QueryTaskPageAsync"/>
    public Task<TaskPage> QueryTaskPageAsync(TaskQuery query, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        lock (_gate)
        {
            var list = MatchingTasks(query).ToList();
            list.Sort(TaskOrderComparison(query.OrderBy));
            return Task.FromResult(new TaskPage([.. list.Skip(Math.Max(0, query.Skip)).Take(Math.Max(0, query.Take)).Select(t => t.Copy())], list.Count));
        }
    }

    /// <summary>The stored tasks (not copies) matching the filters of a query; call under the lock.</summary>
    private IEnumerable<TaskRecord> MatchingTasks(TaskQuery query)
    {
        IEnumerable<TaskRecord> rows = query.InstanceId is { } instanceId
            ? (_tasksByInstance.TryGetValue(instanceId, out var ids) ? ids.Select(id => _tasks[id]) : [])
            : _tasks.Values;
        var user = query.CandidateUser;
        var groups = query.CandidateGroups;
        var handler = query.Handler;
        if (handler is not null)
        {
            ArgumentNullException.ThrowIfNull(handler.User, nameof(TaskHandler.User));
        }

        var scopes = Scopes(query.OrganizationScopes, nameof(TaskQuery.OrganizationScopes));

        return rows.Where(t =>
            (query.ElementId is null || t.ElementId == query.ElementId)
            && (query.Assignee is null || t.Assignee == query.Assignee)
            && (query.DefinitionKey is null || t.DefinitionKey == query.DefinitionKey)
            && (query.BusinessKey is null || t.BusinessKey == query.BusinessKey)
            && (query.Campaign is null || t.Campaign == query.Campaign)
            && (query.DueBefore is null || (t.DueAt is { } due && due < query.DueBefore))
            && OrganizationScope.CoversAny(scopes, t.OrganizationPath)
            && MatchesCandidates(t, user, groups)
            && (handler is null || IsToDoOf(t, handler)));
    }

    /// <summary>The to-do rule: assigned to the user, or assigned to no one with the user or one of the groups as candidate.</summary>
    private static bool IsToDoOf(TaskRecord t, TaskHandler handler) =>
        t.Assignee is null
            ? t.CandidateUsers.Contains(handler.User) || (handler.Groups is { } groups && groups.Any(t.CandidateGroups.Contains))
            : t.Assignee == handler.User;

    /// <summary>The orders of <see cref="TaskOrder"/> as the databases sort them (ids compare like their text).</summary>
    private static Comparison<TaskRecord> TaskOrderComparison(TaskOrder order) => order switch
    {
        TaskOrder.CreatedDescending => static (a, b) => CompareTasks(b, a),
        TaskOrder.Due => static (a, b) =>
        {
            if (a.DueAt is { } x && b.DueAt is { } y)
            {
                var c = x.CompareTo(y);
                return c != 0 ? c : CompareTasks(a, b);
            }

            return (a.DueAt is null) == (b.DueAt is null) ? CompareTasks(a, b) : a.DueAt is null ? 1 : -1;
        },
        _ => CompareTasks,
    };

    private static bool MatchesCandidates(TaskRecord t, string? user, IReadOnlyList<string>? groups)
    {
        if (user is null && groups is null)
        {
            return true;
        }

        if (user is not null && t.CandidateUsers.Contains(user))
        {
            return true;
        }

        if (groups is not null)
        {
            foreach (var g in groups)
            {
                if (t.CandidateGroups.Contains(g))
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>The scopes of a query, checked like the database stores check them (null: no filter).</summary>
    private static string[]? Scopes(IReadOnlyList<string>? scopes, string parameterName) =>
        scopes is null ? null : scopes.Count == 0 ? [] : OrganizationScope.Distinct(scopes, parameterName);

    /// <inheritdoc cref="EfWorkflowStore.QueryInstancesAsync"/>
    public Task<IReadOnlyList<InstanceRecord>> QueryInstancesAsync(InstanceQuery query, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        lock (_gate)
        {
            var list = MatchingInstances(query);
            return Task.FromResult<IReadOnlyList<InstanceRecord>>(Page(list, query.Skip, query.Take, RecordCopies.Copy));
        }
    }

    /// <inheritdoc cref="EfWorkflowStore.QueryInstancePageAsync"/>
    public Task<InstancePage> QueryInstancePageAsync(InstanceQuery query, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        lock (_gate)
        {
            var list = MatchingInstances(query);
            return Task.FromResult(new InstancePage(Page(list, query.Skip, query.Take, RecordCopies.Copy), list.Count));
        }
    }

    /// <summary>The stored instances (not copies) matching a query, in its order; call under the lock.</summary>
    private List<InstanceRecord> MatchingInstances(InstanceQuery query)
    {
        var scopes = Scopes(query.OrganizationScopes, nameof(InstanceQuery.OrganizationScopes));
        var list = _instances.Values.Where(i =>
                (query.DefinitionKey is null || i.DefinitionKey == query.DefinitionKey)
                && (query.BusinessKey is null || i.BusinessKey == query.BusinessKey)
                && (query.Status is null || i.Status == query.Status)
                && (query.StartedBy is null || i.StartedBy == query.StartedBy)
                && (query.Campaign is null || i.Campaign == query.Campaign)
                && OrganizationScope.CoversAny(scopes, i.OrganizationPath))
            .ToList();
        Comparison<InstanceRecord> oldestFirst = static (a, b) =>
        {
            var c = a.StartedAt.CompareTo(b.StartedAt);
            return c != 0 ? c : a.Id.CompareTo(b.Id);
        };
        list.Sort(query.OrderBy == InstanceOrder.Started ? oldestFirst : (a, b) => oldestFirst(b, a));
        return list;
    }

    private static T[] Page<T>(List<T> list, int skip, int take, Func<T, T> copy) =>
        [.. list.Skip(Math.Max(0, skip)).Take(Math.Max(0, take)).Select(copy)];

    /// <inheritdoc cref="EfWorkflowStore.QueryDoneTasksAsync"/>
    public Task<DoneTaskPage> QueryDoneTasksAsync(DoneTaskQuery query, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(query.Actor, nameof(DoneTaskQuery.Actor));
        var actions = new HashSet<string>(query.Actions ?? Runtime.HistoryTypes.DoneActions, StringComparer.Ordinal);
        lock (_gate)
        {
            var list = new List<DoneTaskRecord>();
            if (_historyByActor.TryGetValue(query.Actor, out var events))
            {
                foreach (var h in events)
                {
                    if (actions.Contains(h.Type) && _instances.TryGetValue(h.InstanceId, out var i)
                        && (query.DefinitionKey is null || i.DefinitionKey == query.DefinitionKey)
                        && (query.Campaign is null || i.Campaign == query.Campaign)
                        && (query.InstanceStatus is null || i.Status == query.InstanceStatus))
                    {
                        list.Add(DoneTask(h, i));
                    }
                }
            }

            list.Sort(static (a, b) =>
            {
                var c = b.At.CompareTo(a.At);
                return c != 0 ? c : b.HistoryId.CompareTo(a.HistoryId);
            });
            return Task.FromResult(new DoneTaskPage(Page(list, query.Skip, query.Take, static x => x), list.Count));
        }
    }

    private static DoneTaskRecord DoneTask(HistoryEvent h, InstanceRecord i) => new()
    {
        HistoryId = h.Id,
        TaskId = h.TaskId,
        InstanceId = h.InstanceId,
        ElementId = h.ElementId,
        ElementName = h.ElementName,
        DefinitionKey = i.DefinitionKey,
        BusinessKey = i.BusinessKey,
        OrganizationPath = i.OrganizationPath,
        Campaign = i.Campaign,
        StartedBy = i.StartedBy,
        Action = h.Type,
        Actor = h.Actor ?? "",
        Comment = h.Comment,
        At = h.At,
        InstanceStatus = i.Status,
    };

    /// <inheritdoc cref="EfWorkflowStore.QueryCopiesAsync"/>
    public Task<CopyPage> QueryCopiesAsync(CopyQuery query, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(query.Reader, nameof(CopyQuery.Reader));
        lock (_gate)
        {
            var list = new List<CopyRecord>();
            if (_copiesByReader.TryGetValue(query.Reader, out var ids))
            {
                foreach (var id in ids)
                {
                    var x = _copies[id];
                    if ((query.DefinitionKey is null || x.DefinitionKey == query.DefinitionKey)
                        && (query.Campaign is null || x.Campaign == query.Campaign)
                        && (query.Unread is not { } unread || unread == (x.ReadAt is null)))
                    {
                        list.Add(x);
                    }
                }
            }

            list.Sort(static (a, b) =>
            {
                var c = b.CopiedAt.CompareTo(a.CopiedAt);
                return c != 0 ? c : b.Id.CompareTo(a.Id);
            });
            return Task.FromResult(new CopyPage(Page(list, query.Skip, query.Take, RecordCopies.Copy), list.Count));
        }
    }

    public Task<CopyRecord?> GetCopyAsync(Guid id, CancellationToken ct = default)
    {
        lock (_gate)
        {
            return Task.FromResult(_copies.TryGetValue(id, out var x) ? x.Copy() : null);
        }
    }

    /// <inheritdoc cref="EfWorkflowStore.MarkCopyReadAsync"/>
    public Task<bool> MarkCopyReadAsync(Guid id, string reader, DateTimeOffset at, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(reader);
        lock (_gate)
        {
            if (!_copies.TryGetValue(id, out var x) || x.Reader != reader)
            {
                return Task.FromResult(false);
            }

            x.ReadAt ??= at;
            return Task.FromResult(true);
        }
    }

    public Task<IReadOnlyList<HistoryEvent>> GetHistoryAsync(Guid instanceId, CancellationToken ct = default)
    {
        lock (_gate)
        {
            IReadOnlyList<HistoryEvent> list = _history.TryGetValue(instanceId, out var h) ? [.. h.Select(e => e.Copy())] : [];
            return Task.FromResult(list);
        }
    }

    // ------------------------------------------------------------------ outbox

    /// <inheritdoc cref="EfWorkflowStore.GetPendingOutboxAsync(int, CancellationToken)"/>
    public Task<IReadOnlyList<OutboxMessage>> GetPendingOutboxAsync(int take, CancellationToken ct = default) => PendingOutbox(take, null);

    /// <inheritdoc/>
    public Task<IReadOnlyList<OutboxMessage>> GetPendingOutboxAsync(int take, DateTimeOffset now, CancellationToken ct = default) => PendingOutbox(take, now);

    private Task<IReadOnlyList<OutboxMessage>> PendingOutbox(int take, DateTimeOffset? now)
    {
        lock (_gate)
        {
            var list = _pendingOutbox.Select(id => _outbox[id]).Where(o => now is null || o.NextAttemptAt is null || o.NextAttemptAt <= now).ToList();
            list.Sort(CompareOutbox);
            IReadOnlyList<OutboxMessage> page = [.. list.Take(Math.Max(0, take)).Select(o => o.Copy())];
            return Task.FromResult(page);
        }
    }

    private static int CompareOutbox(OutboxMessage a, OutboxMessage b)
    {
        var c = a.CreatedAt.CompareTo(b.CreatedAt);
        return c != 0 ? c : a.Id.CompareTo(b.Id);
    }

    public Task<OutboxMessage?> GetOutboxAsync(Guid id, CancellationToken ct = default)
    {
        lock (_gate)
        {
            return Task.FromResult(_outbox.TryGetValue(id, out var o) ? o.Copy() : null);
        }
    }

    /// <inheritdoc/>
    public Task<DateTimeOffset?> ClaimOutboxAsync(Guid id, DateTimeOffset now, DateTimeOffset leaseUntil, DateTimeOffset? held = null, CancellationToken ct = default)
    {
        var lease = EfWorkflowStore.OutboxLease(leaseUntil);
        lock (_gate)
        {
            if (!_pendingOutbox.Contains(id))
            {
                return Task.FromResult<DateTimeOffset?>(null);
            }

            var o = _outbox[id];
            var free = held is { } h ? o.NextAttemptAt == h : o.NextAttemptAt is null || o.NextAttemptAt <= now;
            if (!free)
            {
                return Task.FromResult<DateTimeOffset?>(null);
            }

            o.NextAttemptAt = lease;
            return Task.FromResult<DateTimeOffset?>(lease);
        }
    }

    public Task MarkOutboxDispatchedAsync(Guid id, DateTimeOffset at, CancellationToken ct = default)
    {
        lock (_gate)
        {
            if (_outbox.TryGetValue(id, out var o))
            {
                o.DispatchedAt = at;
                _pendingOutbox.Remove(id);
            }
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc/>
    public Task<bool> RecordOutboxFailureAsync(Guid id, string error, DateTimeOffset? nextAttemptAt, bool failed, DateTimeOffset at, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(error);
        lock (_gate)
        {
            if (!_pendingOutbox.Contains(id))
            {
                return Task.FromResult(false);
            }

            var o = _outbox[id];
            o.Attempts++;
            o.LastError = EfWorkflowStore.OutboxError(error);
            o.NextAttemptAt = failed ? null : nextAttemptAt;
            o.FailedAt = failed ? at : null;
            if (failed)
            {
                _pendingOutbox.Remove(id);
            }

            return Task.FromResult(true);
        }
    }

    /// <inheritdoc/>
    public Task<IReadOnlyList<OutboxMessage>> GetFailedOutboxAsync(int take, CancellationToken ct = default)
    {
        lock (_gate)
        {
            var list = _outbox.Values.Where(o => o.FailedAt is not null).ToList();
            list.Sort(static (a, b) =>
            {
                var c = b.FailedAt!.Value.CompareTo(a.FailedAt!.Value);
                return c != 0 ? c : a.Id.CompareTo(b.Id);
            });
            IReadOnlyList<OutboxMessage> page = [.. list.Take(Math.Max(0, take)).Select(o => o.Copy())];
            return Task.FromResult(page);
        }
    }

    /// <inheritdoc/>
    public Task<bool> RetryOutboxAsync(Guid id, CancellationToken ct = default)
    {
        lock (_gate)
        {
            if (!_outbox.TryGetValue(id, out var o) || o.DispatchedAt is not null || o.FailedAt is null)
            {
                return Task.FromResult(false);
            }

            o.FailedAt = null;
            o.NextAttemptAt = null;
            o.Attempts = 0;
            _pendingOutbox.Add(id);
            return Task.FromResult(true);
        }
    }

    /// <summary>Row count per table name of the database stores (tests compare them before and after a failed commit).</summary>
    internal IReadOnlyDictionary<string, long> CountRows()
    {
        lock (_gate)
        {
            return new Dictionary<string, long>(StringComparer.Ordinal)
            {
                ["definitions"] = _definitions.Count,
                ["instances"] = _instances.Count,
                ["tasks"] = _tasks.Count,
                ["task_candidates"] = _tasks.Values.Sum(t => (long)t.CandidateUsers.Count + t.CandidateGroups.Count),
                ["jobs"] = _jobs.Count,
                ["subscriptions"] = _subscriptions.Count,
                ["history_events"] = _historyCount,
                ["outbox"] = _outbox.Count,
                ["processed_requests"] = _requests.Count,
                ["task_copies"] = _copies.Count,
            };
        }
    }

    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }

    public void Dispose() => _hookedCommits.Dispose();
}
