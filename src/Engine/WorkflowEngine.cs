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
    public ExpressionOptions Expressions { get; set; } = new();
}

/// <summary>
/// The BPMN engine: deploys definitions and runs commands against instances. Every command runs its
/// behaviours to the next wait states and commits the instance, its wait rows, history and outbox in one
/// transaction; a concurrent change of the same instance retries the command; a repeated request id is
/// answered with the first answer.
/// </summary>
public sealed class WorkflowEngine
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
        Expressions = new ExpressionEvaluator(Options.Expressions, functions);
        Options.Bpmn.SyntaxCheck ??= Expressions.CheckSyntax;
        Options.Bpmn.IsKnownActivityType ??= Activities.Contains;
        _reader = new BpmnReader(Options.Bpmn);
    }

    public IWorkflowStore Store { get; }
    public ActivityRegistry Activities { get; }
    public WorkflowEngineOptions Options { get; }
    public TimeProvider Time { get; }
    public ExpressionEvaluator Expressions { get; }

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
            throw new BpmnValidationException([new BpmnProblem(null, 0, "The file contains no executable process.")]);
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
        ExecuteAsync("start", command.RequestId, command.Actor, async context =>
        {
            var definition = await Store.GetLatestPublishedAsync(command.DefinitionKey, ct)
                ?? throw new WorkflowException($"No published process has the key '{command.DefinitionKey}'. Deploy and publish it first.", WorkflowErrorKind.NotFound);
            var model = await GetModelAsync(definition.Id, ct);
            if (model.NoneStartEvents.Count == 0)
            {
                throw new WorkflowException($"The process '{command.DefinitionKey}' starts only by message; send the message instead.", WorkflowErrorKind.Invalid);
            }

            var instance = context.CreateInstance(definition, model, command.BusinessKey, null, null);
            StartInstance(context, instance, command.Variables, startEvent: null);
            await context.RunAgendaAsync();
            return View(instance);
        }, ct);

    /// <summary>Completes an open user task with variables.</summary>
    public Task<InstanceView> CompleteTaskAsync(CompleteTaskCommand command, CancellationToken ct = default) =>
        ExecuteAsync("complete-task", command.RequestId, command.Actor, async context =>
        {
            var task = await Store.GetTaskAsync(command.TaskId, ct)
                ?? throw new WorkflowException($"Task {command.TaskId} does not exist or is already completed.", WorkflowErrorKind.NotFound);
            var instance = await context.LoadInstanceAsync(task.InstanceId);
            var execution = instance.Find(task.ExecutionId);
            if (execution is null || execution.TaskId != task.Id || !instance.IsActive)
            {
                throw new WorkflowException($"Task {command.TaskId} is already completed.", WorkflowErrorKind.Conflict);
            }

            var node = instance.Model.GetNode(task.ElementId);
            execution.Waiting = false;
            UserTaskBehaviour.Complete(context, instance, execution, node, task, command.Variables, command.Comment);
            await context.RunAgendaAsync();
            return View(instance);
        }, ct);

    /// <summary>
    /// Correlates a message: to every subscription waiting for this name and key, or, if none waits, to a
    /// published process with a message start event of that name.
    /// </summary>
    public Task<CorrelationResult> CorrelateMessageAsync(CorrelateMessageCommand command, CancellationToken ct = default) =>
        ExecuteAsync("correlate", command.RequestId, command.Actor, async context =>
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
        ExecuteAsync("cancel", command.RequestId, command.Actor, async context =>
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
        context.History(instance, HistoryTypes.InstanceStarted, null, null,
            JsonSerializer.Serialize(new { definitionKey = instance.Record.DefinitionKey, version = instance.Record.DefinitionVersion }));
        var start = startEvent ?? instance.Model.NoneStartEvents.FirstOrDefault()
            ?? throw new WorkflowException($"The process '{instance.Model.Key}' has no none start event.", WorkflowErrorKind.Invalid);
        var execution = instance.CreateExecution(null, start.Id);
        context.Schedule(() =>
        {
            context.Enter(instance, execution, start, null);
            return ValueTask.CompletedTask;
        });
    }

    private async Task<Guid?> StartByMessageAsync(CommandContext context, CorrelateMessageCommand command, CancellationToken ct)
    {
        foreach (var definition in await Store.ListDefinitionsAsync(null, ct))
        {
            if (definition.State != DefinitionState.Published)
            {
                continue;
            }

            var latest = await Store.GetLatestPublishedAsync(definition.Key, ct);
            if (latest?.Id != definition.Id)
            {
                continue;
            }

            var model = await GetModelAsync(definition.Id, ct);
            var start = model.MessageStartEvents.FirstOrDefault(s => s.EventDefinition is MessageEventDefinition m && m.MessageName == command.MessageName);
            if (start is null)
            {
                continue;
            }

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

    private async Task<T> ExecuteAsync<T>(string commandName, string? requestId, string? actor, Func<CommandContext, Task<T>> body, CancellationToken ct)
    {
        if (requestId is not null && await Store.GetProcessedRequestAsync(requestId, ct) is { } done)
        {
            return Answer<T>(done, commandName);
        }

        for (var attempt = 0; ; attempt++)
        {
            var context = new CommandContext(this, actor, ct);
            var result = await body(context);
            context.Flush();
            if (requestId is not null)
            {
                context.Changes.Request = new ProcessedRequest
                {
                    RequestId = requestId,
                    Command = commandName,
                    ResponseJson = JsonSerializer.Serialize(result, EngineJson.Options),
                    At = context.Now,
                };
            }

            try
            {
                if (BeforeCommit is { } hook)
                {
                    await hook(context.Changes);
                }

                await Store.CommitAsync(context.Changes, ct);
                return result;
            }
            catch (ConcurrencyConflictException) when (attempt < Options.MaxConcurrencyRetries)
            {
                await Task.Delay(Random.Shared.Next(1, 5 * (attempt + 1)), ct);
            }
            catch (ConcurrencyConflictException ex)
            {
                throw new WorkflowException($"The command '{commandName}' kept conflicting with concurrent changes after {attempt + 1} attempts; try again.", WorkflowErrorKind.Conflict, ex);
            }
            catch (DuplicateRequestException) when (requestId is not null)
            {
                var first = await Store.GetProcessedRequestAsync(requestId, ct);
                return Answer<T>(first!, commandName);
            }
        }
    }

    private static T Answer<T>(ProcessedRequest done, string commandName)
    {
        if (done.Command != commandName)
        {
            throw new WorkflowException($"The request id '{done.RequestId}' was already used for a different command ({done.Command}). Use a new request id.", WorkflowErrorKind.Conflict);
        }

        return JsonSerializer.Deserialize<T>(done.ResponseJson, EngineJson.Options)!;
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
