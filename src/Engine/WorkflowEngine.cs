using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Workflows.Engine.Activities;
using Workflows.Engine.Expressions;
using Workflows.Engine.Model;
using Workflows.Engine.Parsing;
using Workflows.Engine.Persistence;
using Workflows.Engine.Runtime;
using Workflows.Engine.Runtime.Behaviours;
using Workflows.Engine.Time;

namespace Workflows.Engine;

/// <summary>Settings of the engine.</summary>
public sealed class WorkflowEngineOptions
{
    /// <summary>Steps one command may run before it is stopped as a cycle without wait states.</summary>
    public int MaxStepsPerCommand { get; set; } = 10_000;

    /// <summary>Largest multi-instance count.</summary>
    public int MaxMultiInstanceCount { get; set; } = 10_000;

    /// <summary>How often a command is retried after a concurrent change of its instance.</summary>
    public int MaxConcurrencyRetries { get; set; } = 10;

    /// <summary>Write history events (on by default; the bench measures with it on).</summary>
    public bool History { get; set; } = true;

    public BpmnReaderOptions Bpmn { get; set; } = new();

    /// <summary>The working-day calendar for <c>PnWD</c> durations and the expression helpers (Monday–Friday if not set).</summary>
    public IWorkingCalendar? Calendar { get; set; }

    /// <summary>The zone in which dates of the working-day calendar are read (China Standard Time by default).</summary>
    public TimeZoneInfo? TimeZone { get; set; }

    /// <summary>How early a job may be fired before its due time (clock skew between nodes).</summary>
    public TimeSpan JobEarlyTolerance { get; set; } = TimeSpan.FromSeconds(1);
    public ExpressionOptions Expressions { get; set; } = new();

    /// <summary>Bounds on the variables of one instance.</summary>
    public VariableLimits Variables { get; set; } = new();
}

/// <summary>
/// The BPMN engine: deploys definitions and runs commands against instances. Every command runs its
/// behaviours to the next wait states and commits the instance, its wait rows, history and outbox in one
/// transaction; a concurrent change of the same instance retries the command; a repeated request id is
/// answered with the first answer.
/// </summary>
public sealed partial class WorkflowEngine
{
    private readonly ConcurrentDictionary<Guid, ProcessModel> _models = new();
    private readonly BpmnReader _reader;

    public WorkflowEngine(IWorkflowStore store, ActivityRegistry? activities = null, WorkflowEngineOptions? options = null,
        TimeProvider? time = null, IEnumerable<IExpressionFunctions>? functions = null)
    {
        Store = store;
        Activities = activities ?? new ActivityRegistry();
        Options = options ?? new WorkflowEngineOptions();
        Time = time ?? TimeProvider.System;
        WorkingDays = new WorkingDays(Options.Calendar ?? WeekdayCalendar.Instance, Options.TimeZone ?? WorkingDays.ChinaStandardTime);
        Expressions = new ExpressionEvaluator(Options.Expressions, [new BuiltInFunctions(this), .. functions ?? []]);
        Options.Bpmn.SyntaxCheck ??= Expressions.CheckSyntax;
        Options.Bpmn.IsKnownActivityType ??= Activities.Contains;
        _reader = new BpmnReader(Options.Bpmn);
    }

    /// <summary>The variable that holds who started an instance (set by the engine at start; a caller may not give it).</summary>
    public const string InitiatorVariable = "initiator";

    /// <summary>The variable that holds the initiator's organisation path (set by the engine at start; a caller may not give it).</summary>
    public const string InitiatorOrgVariable = "initiatorOrg";

    public IWorkflowStore Store { get; }
    public ActivityRegistry Activities { get; }
    public WorkflowEngineOptions Options { get; }
    public TimeProvider Time { get; }
    public ExpressionEvaluator Expressions { get; }

    /// <summary>Working-day arithmetic on the configured calendar.</summary>
    public WorkingDays WorkingDays { get; }

    /// <summary>
    /// Told, after a command committed, about the job rows it created, so that a scheduler (Hangfire in the
    /// host) can run them on time. The rows are the truth: a reconciler schedules whatever this missed.
    /// </summary>
    public Action<IReadOnlyList<JobRecord>>? JobsCreated { get; set; }

    /// <summary>Test hook: runs after the behaviours of a command, before its commit.</summary>
    internal Func<ChangeSet, ValueTask>? BeforeCommit { get; set; }

    // ======================= definitions =======================

    /// <summary>Validates a BPMN file without deploying it.</summary>
    public BpmnParseResult Validate(string xml) => _reader.Read(xml);

    /// <summary>Deploys every executable process of a BPMN file as a draft. Throws <see cref="BpmnValidationException"/> listing every problem.</summary>
    public async Task<IReadOnlyList<DefinitionRecord>> DeployAsync(string xml, CancellationToken ct = default)
    {
        var result = _reader.Read(xml);
        if (!result.IsValid)
        {
            throw new BpmnValidationException(result.Problems);
        }

        if (result.Processes.Count == 0)
        {
            throw new BpmnValidationException([new BpmnProblem(null, 1, "The file contains no executable process. Add a <process> with flow nodes.")]);
        }

        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(xml)));
        var now = Time.GetUtcNow();
        var records = result.Processes.Select(p => new DefinitionRecord
        {
            Id = Guid.CreateVersion7(),
            Key = p.Key,
            Name = p.Name,
            State = DefinitionState.Draft,
            Xml = xml,
            ContentHash = hash,
            CreatedAt = now,
        }).ToList();
        await Store.AddDefinitionsAsync(records, ct);
        for (var i = 0; i < records.Count; i++)
        {
            _models[records[i].Id] = result.Processes[i];
        }

        return records;
    }

    /// <summary>Publishes a draft as the next immutable version of its key. Running instances keep their own version.</summary>
    public async Task<DefinitionRecord> PublishAsync(Guid definitionId, CancellationToken ct = default)
    {
        var definition = await GetDefinitionOrThrowAsync(definitionId, ct);
        if (definition.State != DefinitionState.Draft)
        {
            throw new WorkflowException($"Definition {definitionId} is {definition.State.ToString().ToLowerInvariant()}; only a draft can be published. Deploy the XML again to make a new draft.", WorkflowErrorKind.Conflict);
        }

        definition.State = DefinitionState.Published;
        definition.PublishedAt = Time.GetUtcNow();
        await Store.UpdateDefinitionAsync(definition, ct);
        if ((await GetModelAsync(definition.Id, ct)).TimerStartEvents.Count > 0 || (await Store.GetJobsOfInstanceAsync(Guid.Empty, ct)).Count > 0)
        {
            await EnsureStartTimersAsync(ct);
        }

        return definition;
    }

    /// <summary>Retires a published version: it starts no new instances; running ones go on.</summary>
    public async Task<DefinitionRecord> RetireAsync(Guid definitionId, CancellationToken ct = default)
    {
        var definition = await GetDefinitionOrThrowAsync(definitionId, ct);
        if (definition.State != DefinitionState.Published)
        {
            throw new WorkflowException($"Definition {definitionId} is {definition.State.ToString().ToLowerInvariant()}; only a published version can be retired.", WorkflowErrorKind.Conflict);
        }

        definition.State = DefinitionState.Retired;
        definition.RetiredAt = Time.GetUtcNow();
        await Store.UpdateDefinitionAsync(definition, ct);
        await EnsureStartTimersAsync(ct);
        return definition;
    }

    public async Task<DefinitionRecord> GetDefinitionOrThrowAsync(Guid definitionId, CancellationToken ct = default) =>
        await Store.GetDefinitionAsync(definitionId, ct)
        ?? throw new WorkflowException($"Definition {definitionId} does not exist.", WorkflowErrorKind.NotFound);

    /// <summary>The compiled model of a definition, compiled once and cached.</summary>
    public async Task<ProcessModel> GetModelAsync(Guid definitionId, CancellationToken ct = default)
    {
        if (_models.TryGetValue(definitionId, out var model))
        {
            return model;
        }

        var definition = await GetDefinitionOrThrowAsync(definitionId, ct);
        var result = _reader.Read(definition.Xml);
        model = result.Processes.FirstOrDefault(p => p.Key == definition.Key)
            ?? throw new WorkflowException($"Definition {definitionId} no longer compiles: {string.Join("; ", result.Problems)}");
        return _models.GetOrAdd(definitionId, model);
    }

    // ======================= commands =======================

    /// <summary>Starts an instance of the newest published version of a key at its none start event.</summary>
    public Task<InstanceView> StartAsync(StartInstanceCommand command, CancellationToken ct = default) =>
        ExecuteAsync("start", command.RequestId, command.RequestFingerprint, command.Actor, async context =>
        {
            var definition = await Store.GetLatestPublishedAsync(command.DefinitionKey, ct)
                ?? throw new WorkflowException($"No published process has the key '{command.DefinitionKey}'. Deploy and publish it first.", WorkflowErrorKind.NotFound);
            var model = await GetModelAsync(definition.Id, ct);
            if (model.NoneStartEvents.Count == 0)
            {
                throw new WorkflowException($"The process '{command.DefinitionKey}' starts only by message; send the message instead.", WorkflowErrorKind.Invalid);
            }

            OwnedVariables.Refuse(model, command.Variables);
            StartPermissions.Require(model, command);

            var instance = context.CreateInstance(definition, model, command.BusinessKey, null, null, command.OrganizationPath, command.Campaign);
            StartInstance(context, instance, command.Variables, startEvent: null);
            await context.RunAgendaAsync();
            return View(instance);
        }, ct);

    /// <summary>
    /// Completes an open user task with variables. With <see cref="CompleteTaskCommand.ActorGroups"/> the actor must be
    /// the assignee or, while unassigned, a candidate. A task with a signer added after (后加签) goes to that signer
    /// first; a task held by a signer added before (前加签) goes back to its owner with the signer's opinion recorded.
    /// </summary>
    public Task<InstanceView> CompleteTaskAsync(CompleteTaskCommand command, CancellationToken ct = default) =>
        ExecuteAsync("complete-task", command.RequestId, command.RequestFingerprint, command.Actor, async context =>
        {
            var (task, instance, execution) = await OpenTaskAsync(context, command.TaskId, ct);
            var node = (UserTaskNode)instance.Model.GetNode(task.ElementId);
            TaskPermissions.RequireHandler(task, command);
            RequireNotDelegated(task);
            RequireComment(node, command.Comment, rejecting: false);
            OwnedVariables.Refuse(instance.Model, command.Variables);
            AddedSigners.Complete(context, instance, execution, node, task, command.Variables, command.Comment);
            await context.RunAgendaAsync();
            return View(instance);
        }, ct);

    /// <summary>
    /// Correlates a message: to every subscription waiting for this name and key, or, if none waits, to a
    /// published process with a message start event of that name.
    /// </summary>
    public Task<CorrelationResult> CorrelateMessageAsync(CorrelateMessageCommand command, CancellationToken ct = default) =>
        ExecuteAsync("correlate", command.RequestId, command.RequestFingerprint, command.Actor, async context =>
        {
            var subscriptions = await Store.FindSubscriptionsAsync(command.MessageName, command.CorrelationKey, ct);
            var touched = new List<Guid>();
            foreach (var subscription in subscriptions)
            {
                var instance = await context.LoadInstanceAsync(subscription.InstanceId);
                var execution = instance.Find(subscription.ExecutionId);
                if (!instance.IsActive || execution is null || execution.SubscriptionIds?.Contains(subscription.Id) != true)
                {
                    continue;
                }

                OwnedVariables.Refuse(instance.Model, command.Variables);
                Deliver(context, instance, execution, subscription, command.Variables);
                touched.Add(instance.Id);
            }

            Guid? started = null;
            if (touched.Count == 0)
            {
                started = await StartByMessageAsync(context, command, ct);
            }

            if (touched.Count == 0 && started is null)
            {
                throw new WorkflowException(
                    $"No instance waits for the message '{command.MessageName}'" + (command.CorrelationKey is null ? "" : $" with the correlation key '{command.CorrelationKey}'")
                    + ", and no published process starts with it.", WorkflowErrorKind.NotFound);
            }

            await context.RunAgendaAsync();
            return new CorrelationResult(touched.Distinct().ToList(), started);
        }, ct);

    /// <summary>Cancels an active instance and every instance it called.</summary>
    public Task<InstanceView> CancelAsync(CancelInstanceCommand command, CancellationToken ct = default) =>
        ExecuteAsync("cancel", command.RequestId, command.RequestFingerprint, command.Actor, async context =>
        {
            var instance = await context.LoadInstanceAsync(command.InstanceId);
            if (!instance.IsActive)
            {
                throw new WorkflowException($"Instance {command.InstanceId} is already {instance.Record.Status.ToString().ToLowerInvariant()}.", WorkflowErrorKind.Conflict);
            }

            context.CancelInstanceTree(instance, InstanceStatus.Cancelled);
            if (command.Reason is not null)
            {
                context.History(instance, HistoryTypes.InstanceCancelled, null, null, comment: command.Reason);
            }

            await context.RunAgendaAsync();
            return View(instance);
        }, ct);

    /// <summary>
    /// Fires a job (a timer) if its row still exists and it is due: checked and deleted in the firing
    /// command's transaction, so a job fires once however often the scheduler calls this.
    /// </summary>
    public Task<JobFireResult> FireJobAsync(Guid jobId, CancellationToken ct = default) =>
        ExecuteAsync("fire-job", null, null, "system:timer", async context =>
        {
            var job = await Store.GetJobAsync(jobId, ct);
            if (job is null)
            {
                return new JobFireResult(JobFireOutcome.Gone, null, null);
            }

            if (job.DueAt > context.Now + Options.JobEarlyTolerance)
            {
                return new JobFireResult(JobFireOutcome.NotDue, job.InstanceId, job.DueAt);
            }

            context.DeleteJob(job.Id);
            var data = TimerJobs.ReadData(job);
            if (job.InstanceId == Guid.Empty)
            {
                var started = await FireStartTimerAsync(context, job, data, ct);
                await context.RunAgendaAsync();
                return new JobFireResult(JobFireOutcome.Fired, started, job.DueAt);
            }

            var instance = await context.LoadInstanceAsync(job.InstanceId);
            var execution = instance.Find(job.ExecutionId);
            if (!instance.IsActive || execution?.JobIds?.Remove(job.Id) != true)
            {
                return new JobFireResult(JobFireOutcome.Gone, job.InstanceId, job.DueAt); // orphan row: deleted
            }

            instance.Dirty = true;
            var node = instance.Model.GetNode(job.ElementId);
            if (job.Kind is TaskDeadlines.ReminderKind or TaskDeadlines.TimeoutKind)
            {
                var task = execution.TaskId is { } taskId ? await Store.GetTaskAsync(taskId, ct) : null;
                if (task is null)
                {
                    return new JobFireResult(JobFireOutcome.Gone, job.InstanceId, job.DueAt);
                }

                if (job.Kind == TaskDeadlines.ReminderKind)
                {
                    TaskDeadlines.FireReminder(context, instance, execution, (UserTaskNode)node, task, job);
                }
                else
                {
                    TaskDeadlines.FireTimeout(context, instance, execution, (UserTaskNode)node, task);
                }
            }
            else if (node is BoundaryEventNode boundary)
            {
                if (!boundary.CancelActivity && TimerJobs.Repeat(context, job, data, instance.Id, execution.Id) is { } next)
                {
                    execution.JobIds.Add(next.Id);
                }

                context.History(instance, HistoryTypes.TimerFired, node, execution, JsonSerializer.Serialize(new { dueAt = job.DueAt }));
                BoundaryEventBehaviour.Trigger(context, instance, execution, boundary, null);
            }
            else
            {
                context.History(instance, HistoryTypes.TimerFired, node, execution, JsonSerializer.Serialize(new { dueAt = job.DueAt }));
                var at = instance.Model.GetNode(execution.ElementId);
                execution.Waiting = false;
                if (at.Kind == NodeKind.EventBasedGateway)
                {
                    EventBasedGatewayBehaviour.Trigger(context, instance, execution, at, node, null);
                }
                else
                {
                    context.Leave(instance, execution, node);
                }
            }

            await context.RunAgendaAsync();
            return new JobFireResult(JobFireOutcome.Fired, instance.Id, job.DueAt);
        }, ct);

    /// <summary>Fires every job due by now, oldest first (an embedded scheduler and tests use it). Returns how many fired.</summary>
    public async Task<int> FireDueJobsAsync(int max = 1000, CancellationToken ct = default)
    {
        var fired = 0;
        foreach (var job in await Store.GetDueJobsAsync(Time.GetUtcNow() + Options.JobEarlyTolerance, max, ct))
        {
            if ((await FireJobAsync(job.Id, ct)).Outcome == JobFireOutcome.Fired)
            {
                fired++;
            }
        }

        return fired;
    }

    /// <summary>
    /// Makes the timer start events of every key's newest published version have their job, and drops those of
    /// older or retired versions. Runs after publish and retire, and at host start-up.
    /// </summary>
    public Task EnsureStartTimersAsync(CancellationToken ct = default) => EnsureStartTimersAsync(0, ct);

    private async Task EnsureStartTimersAsync(int attempt, CancellationToken ct)
    {
        var existing = await Store.GetJobsOfInstanceAsync(Guid.Empty, ct);
        var wanted = new HashSet<(Guid, string)>();
        var changes = new ChangeSet();
        var now = Time.GetUtcNow();
        foreach (var latest in await LatestPublishedPerKeyAsync(ct))
        {
            var model = await GetModelAsync(latest.Id, ct);
            foreach (var start in model.TimerStartEvents)
            {
                wanted.Add((latest.Id, start.Id));
                if (existing.Any(j => j.ElementId == start.Id && TimerJobs.ReadData(j).DefinitionId == latest.Id))
                {
                    continue;
                }

                var timer = (TimerEventDefinition)start.EventDefinition!;
                var text = (timer.TimeDate ?? timer.TimeDuration ?? timer.TimeCycle)!;
                var schedule = timer.TimeDate is not null ? TimerSchedule.Date(text) : timer.TimeDuration is not null ? TimerSchedule.ForDuration(text) : TimerSchedule.Cycle(text);
                var due = schedule.FirstDue(now, WorkingDays);
                changes.InsertedJobs.Add(new JobRecord
                {
                    Id = StartTimerJobId(latest.Id, start.Id, due),
                    InstanceId = Guid.Empty,
                    ExecutionId = "",
                    ElementId = start.Id,
                    Kind = TimerJobs.Kind,
                    DueAt = due,
                    CreatedAt = now,
                    Data = JsonSerializer.Serialize(new TimerJobData(schedule.IsCycle ? text : null, schedule.Repetitions, latest.Id), EngineJson.Options),
                });
            }
        }

        foreach (var job in existing)
        {
            if (TimerJobs.ReadData(job).DefinitionId is not { } definitionId || !wanted.Contains((definitionId, job.ElementId)))
            {
                changes.DeletedJobIds.Add(job.Id);
            }
        }

        if (!changes.IsEmpty)
        {
            try
            {
                await Store.CommitAsync(changes, ct);
            }
            catch (Exception ex) when (ex is ConcurrencyConflictException or System.Data.Common.DbException or InvalidOperationException)
            {
                // Another node published or retired at the same moment: start-timer rows have ids derived from
                // (definition, element, due time), so its rows and ours collide instead of doubling; read again.
                if (attempt < 3)
                {
                    await EnsureStartTimersAsync(attempt + 1, ct);
                    return;
                }

                throw;
            }

            NotifyJobsCreated(changes.InsertedJobs);
        }
    }

    /// <summary>A deterministic id for a start-timer row, so that two nodes creating the same occurrence collide.</summary>
    internal static Guid StartTimerJobId(Guid definitionId, string elementId, DateTimeOffset due)
    {
        var bytes = SHA256.HashData(Encoding.UTF8.GetBytes($"{definitionId:N}|{elementId}|{due.UtcTicks}"));
        return new Guid(bytes.AsSpan(0, 16));
    }

    /// <summary>Tells the scheduler about new job rows; its failure never fails a committed command (the reconciler catches up).</summary>
    private void NotifyJobsCreated(List<JobRecord> jobs)
    {
        if (jobs.Count == 0 || JobsCreated is not { } notify)
        {
            return;
        }

        try
        {
            notify(jobs);
        }
        catch (Exception)
        {
            // The rows are the truth: the reconciler schedules whatever the notification missed.
        }
    }

    private async Task<Guid?> FireStartTimerAsync(CommandContext context, JobRecord job, TimerJobData data, CancellationToken ct)
    {
        if (data.DefinitionId is not { } definitionId)
        {
            return null;
        }

        var definition = await Store.GetDefinitionAsync(definitionId, ct);
        if (definition?.State != DefinitionState.Published)
        {
            return null;
        }

        var model = await GetModelAsync(definitionId, ct);
        var start = model.GetNode(job.ElementId);
        TimerJobs.Repeat(context, job, data, Guid.Empty, "");
        var instance = context.CreateInstance(definition, model, null, null, null);
        StartInstance(context, instance, null, start);
        return instance.Id;
    }

    // ======================= reads =======================

    public async Task<InstanceView?> GetInstanceAsync(Guid id, CancellationToken ct = default)
    {
        var record = await Store.GetInstanceAsync(id, ct);
        if (record is null)
        {
            return null;
        }

        var state = JsonSerializer.Deserialize<InstanceState>(record.StateJson, EngineJson.Options) ?? new InstanceState();
        return ViewOf(record, state);
    }

    public Task<IReadOnlyList<HistoryEvent>> GetHistoryAsync(Guid instanceId, CancellationToken ct = default) => Store.GetHistoryAsync(instanceId, ct);

    public Task<IReadOnlyList<TaskRecord>> QueryTasksAsync(TaskQuery query, CancellationToken ct = default) => Store.QueryTasksAsync(query, ct);

    // ======================= internals =======================

    internal void StartInstance(CommandContext context, InstanceRuntime instance, IReadOnlyDictionary<string, object?>? variables, FlowNode? startEvent)
    {
        context.SetVariables(instance, null, variables);
        if (instance.Record.StartedBy is { } initiator)
        {
            instance.SetVariable(null, InitiatorVariable, initiator);
        }

        if (instance.Record.OrganizationPath is { } organization)
        {
            instance.SetVariable(null, InitiatorOrgVariable, organization);
        }

        context.History(instance, HistoryTypes.InstanceStarted, null, null,
            "{\"definitionKey\":" + JsonSerializer.Serialize(instance.Record.DefinitionKey) + ",\"version\":" + instance.Record.DefinitionVersion.ToString(System.Globalization.CultureInfo.InvariantCulture) + "}");
        var start = startEvent ?? instance.Model.NoneStartEvents.FirstOrDefault()
            ?? throw new WorkflowException($"The process '{instance.Model.Key}' has no none start event.", WorkflowErrorKind.Invalid);
        var execution = instance.CreateExecution(null, start.Id);
        context.Schedule(() =>
        {
            context.Enter(instance, execution, start, null);
            return ValueTask.CompletedTask;
        });
    }

    /// <summary>The newest published version of every key, from one listing (no query per key).</summary>
    private async Task<List<DefinitionRecord>> LatestPublishedPerKeyAsync(CancellationToken ct) =>
        (await Store.ListDefinitionsAsync(null, ct))
            .Where(d => d.State == DefinitionState.Published)
            .GroupBy(d => d.Key, StringComparer.Ordinal)
            .Select(g => g.MaxBy(d => d.Version ?? 0)!)
            .ToList();

    private async Task<Guid?> StartByMessageAsync(CommandContext context, CorrelateMessageCommand command, CancellationToken ct)
    {
        foreach (var definition in await LatestPublishedPerKeyAsync(ct))
        {
            var model = await GetModelAsync(definition.Id, ct);
            var start = model.MessageStartEvents.FirstOrDefault(s => s.EventDefinition is MessageEventDefinition m && m.MessageName == command.MessageName);
            if (start is null)
            {
                continue;
            }

            OwnedVariables.Refuse(model, command.Variables);
            var instance = context.CreateInstance(definition, model, command.CorrelationKey, null, null);
            StartInstance(context, instance, command.Variables, start);
            return instance.Id;
        }

        return null;
    }

    private static void Deliver(CommandContext context, InstanceRuntime instance, Execution execution, SubscriptionRecord subscription, IReadOnlyDictionary<string, object?>? variables)
    {
        var caught = instance.Model.GetNode(subscription.ElementId);
        context.History(instance, HistoryTypes.MessageCorrelated, caught, execution, JsonSerializer.Serialize(new { subscription.MessageName, subscription.CorrelationKey }));
        if (caught is BoundaryEventNode boundary)
        {
            BoundaryEventBehaviour.Trigger(context, instance, execution, boundary, variables);
            return;
        }

        var at = instance.Model.GetNode(execution.ElementId);
        execution.Waiting = false;
        if (at.Kind == NodeKind.EventBasedGateway)
        {
            EventBasedGatewayBehaviour.Trigger(context, instance, execution, at, caught, variables);
            return;
        }

        MessageCatchBehaviour.Trigger(context, instance, execution, caught, variables);
    }

    private static InstanceView View(InstanceRuntime instance)
    {
        instance.Compact();
        return ViewOf(instance.Record, instance.State);
    }

    private static InstanceView ViewOf(InstanceRecord record, InstanceState state) => new(
        record.Id,
        record.DefinitionId,
        record.DefinitionKey,
        record.DefinitionVersion,
        record.BusinessKey,
        record.Status,
        state.Executions.Where(e => !e.Removed).Select(e => e.ElementId).Distinct(StringComparer.Ordinal).ToList(),
        new Dictionary<string, object?>(state.Variables, StringComparer.Ordinal),
        record.StartedAt,
        record.EndedAt,
        record.ParentInstanceId);
}
