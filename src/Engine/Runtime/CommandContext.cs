using System.Text.Json;
using Workflows.Engine.Expressions;
using Workflows.Engine.Model;
using Workflows.Engine.Persistence;
using Workflows.Engine.Runtime.Behaviours;

namespace Workflows.Engine.Runtime;

/// <summary>
/// The unit of work of one command: the instances it loaded, the agenda of operations the behaviours
/// schedule, and the <see cref="ChangeSet"/> it will commit. Nothing reaches the store before the
/// agenda has run to the end, so a failure anywhere leaves the database as it was.
/// </summary>
internal sealed class CommandContext(WorkflowEngine engine, string? actor, CancellationToken cancellationToken)
{
    private readonly Queue<Func<ValueTask>> _agenda = new();
    private readonly Dictionary<Guid, InstanceRuntime> _instances = [];
    private readonly HashSet<Guid> _insertedTasks = [];
    private readonly HashSet<Guid> _insertedSubscriptions = [];
    private readonly HashSet<Guid> _insertedJobs = [];
    private int _steps;

    public WorkflowEngine Engine { get; } = engine;
    public string? Actor { get; } = actor;
    public CancellationToken CancellationToken { get; } = cancellationToken;
    public ChangeSet Changes { get; } = new();
    public DateTimeOffset Now { get; } = engine.Time.GetUtcNow();
    public ExpressionEvaluator Expressions => Engine.Expressions;

    public IEnumerable<InstanceRuntime> Instances => _instances.Values;

    // ---------------- instances ----------------

    public async ValueTask<InstanceRuntime> LoadInstanceAsync(Guid id)
    {
        if (_instances.TryGetValue(id, out var loaded))
        {
            return loaded;
        }

        var record = await Engine.Store.GetInstanceAsync(id, CancellationToken)
            ?? throw new WorkflowException($"Process instance {id} does not exist.", WorkflowErrorKind.NotFound);
        var state = JsonSerializer.Deserialize<InstanceState>(record.StateJson, EngineJson.Options) ?? new InstanceState();
        var model = await Engine.GetModelAsync(record.DefinitionId, CancellationToken);
        var runtime = new InstanceRuntime(record, state, model, isNew: false);
        _instances[id] = runtime;
        return runtime;
    }

    /// <summary>
    /// A new instance. Its initiator is the actor unless <paramref name="startedBy"/> says otherwise (a called
    /// instance inherits its caller's initiator, organisation and campaign).
    /// </summary>
    public InstanceRuntime CreateInstance(DefinitionRecord definition, ProcessModel model, string? businessKey, Guid? parentInstanceId, string? parentExecutionId,
        string? organizationPath = null, string? campaign = null, string? startedBy = null)
    {
        if (TextRules.HasControlCharacters(businessKey))
        {
            throw new WorkflowException("The business key contains control characters (NUL, line breaks, tabs). 业务编号不能含控制字符。", WorkflowErrorKind.Invalid);
        }

        var record = new InstanceRecord
        {
            Id = Guid.CreateVersion7(),
            DefinitionId = definition.Id,
            DefinitionKey = definition.Key,
            DefinitionVersion = definition.Version ?? 0,
            BusinessKey = businessKey,
            Status = InstanceStatus.Active,
            Version = 1,
            ParentInstanceId = parentInstanceId,
            ParentExecutionId = parentExecutionId,
            StartedBy = startedBy ?? Actor,
            OrganizationPath = organizationPath,
            Campaign = campaign,
            StartedAt = Now,
        };
        var runtime = new InstanceRuntime(record, new InstanceState(), model, isNew: true) { Dirty = true };
        _instances[record.Id] = runtime;
        return runtime;
    }

    // ---------------- agenda ----------------

    public void Schedule(Func<ValueTask> operation) => _agenda.Enqueue(operation);

    /// <summary>Runs operations until every token waits or ends; then fires inclusive joins that nothing can reach any more.</summary>
    public async ValueTask RunAgendaAsync()
    {
        while (true)
        {
            while (_agenda.TryDequeue(out var operation))
            {
                await operation();
            }

            if (!InclusiveGatewayBehaviour.FireReadyJoins(this))
            {
                return;
            }
        }
    }

    // ---------------- the core movements ----------------

    /// <summary>A token arrives at a node (optionally by a flow) and the node's behaviour takes over.</summary>
    public void Enter(InstanceRuntime instance, Execution execution, FlowNode node, SequenceFlow? via)
    {
        if (++_steps > Engine.Options.MaxStepsPerCommand)
        {
            throw new WorkflowException(
                $"The process ran {Engine.Options.MaxStepsPerCommand:N0} steps in one command without reaching a wait state; it cycles without waiting (last element '{node.Id}'). Add a wait state to the loop or fix its exit condition.")
            { ElementId = node.Id };
        }

        execution.ElementId = node.Id;
        execution.Waiting = false;
        execution.ArrivedVia = via?.Id;
        execution.Signers = null; // signers belong to the node they were added to
        if (node.Kind != NodeKind.UserTask || node.MultiInstance is not null)
        {
            execution.AssignTo = null; // meant for the task of a single user task only
        }
        instance.Dirty = true;
        History(instance, HistoryTypes.ElementStarted, node, execution, data: via is null ? null : FlowData(via.Id));

        if (node.MultiInstance is not null && execution.Role == ExecutionRole.Token && !IsMultiInstanceChild(instance, execution, node))
        {
            MultiInstanceBehaviour.Enter(this, instance, execution, node);
            return;
        }

        EnterBehaviour(instance, execution, node);
    }

    /// <summary>Runs a node's own behaviour (also for the instances of a multi-instance body).</summary>
    public void EnterBehaviour(InstanceRuntime instance, Execution execution, FlowNode node)
    {
        if (node.Boundaries.Count > 0 && !IsMultiInstanceChild(instance, execution, node))
        {
            BoundaryEventBehaviour.Subscribe(this, instance, execution, node);
        }

        Behaviour.For(node).Enter(this, instance, execution, node);
    }

    public static bool IsMultiInstanceChild(InstanceRuntime instance, Execution execution, FlowNode node)
    {
        var parent = instance.Parent(execution);
        return parent is not null && parent.Role == ExecutionRole.MultiInstanceBody && parent.ElementId == node.Id;
    }

    /// <summary>
    /// A node is done with a token: take the outgoing flows (conditions evaluated, default when none
    /// holds) or, without any, end the token as an implicit end event.
    /// </summary>
    public void Leave(InstanceRuntime instance, Execution execution, FlowNode node)
    {
        CompleteElement(instance, execution, node);
        if (IsMultiInstanceChild(instance, execution, node))
        {
            MultiInstanceBehaviour.ChildCompleted(this, instance, execution, node);
            return;
        }

        var flows = SelectOutgoing(instance, execution, node);
        TakeFlows(instance, execution, flows);
    }

    /// <summary>Records that the node finished and drops the wait rows it held.</summary>
    public void CompleteElement(InstanceRuntime instance, Execution execution, FlowNode node)
    {
        ReleaseWaitRows(instance, execution);
        History(instance, HistoryTypes.ElementCompleted, node, execution);
    }

    public void TakeFlows(InstanceRuntime instance, Execution execution, IReadOnlyList<SequenceFlow> flows)
    {
        if (flows.Count == 0)
        {
            EndToken(instance, execution);
            return;
        }

        for (var i = 1; i < flows.Count; i++)
        {
            var sibling = instance.CreateExecution(execution.ParentId, flows[i].Target.Id);
            var flow = flows[i];
            Schedule(() => { Enter(instance, sibling, flow.Target, flow); return ValueTask.CompletedTask; });
        }

        var first = flows[0];
        Schedule(() => { Enter(instance, execution, first.Target, first); return ValueTask.CompletedTask; });
    }

    /// <summary>Outgoing flows of an activity or event: conditional ones that hold, unconditional ones, else the default.</summary>
    public IReadOnlyList<SequenceFlow> SelectOutgoing(InstanceRuntime instance, Execution execution, FlowNode node)
    {
        var outgoing = node.Outgoing;
        if (outgoing.Count == 1 && outgoing[0].Condition is null)
        {
            return outgoing;
        }

        List<SequenceFlow>? taken = null;
        foreach (var flow in outgoing)
        {
            if (flow.IsDefault)
            {
                continue;
            }

            if (flow.Condition is null || EvaluateCondition(instance, execution, flow.Condition, flow.Id))
            {
                (taken ??= []).Add(flow);
            }
        }

        if (taken is null && node.DefaultFlow is not null)
        {
            return [node.DefaultFlow];
        }

        return taken ?? (IReadOnlyList<SequenceFlow>)[];
    }

    /// <summary>A token ends (end event or a node without outgoing flows); its scope completes when it was the last.</summary>
    public void EndToken(InstanceRuntime instance, Execution execution)
    {
        var parentId = execution.ParentId;
        ReleaseWaitRows(instance, execution);
        instance.Remove(execution);
        if (instance.Children(parentId).Any())
        {
            return;
        }

        CompleteScope(instance, parentId is null ? null : instance.Find(parentId));
    }

    /// <summary>A scope has no tokens left: a sub-process leaves, the process completes.</summary>
    public void CompleteScope(InstanceRuntime instance, Execution? scope)
    {
        if (scope is null)
        {
            CompleteInstance(instance, InstanceStatus.Completed);
            return;
        }

        var node = instance.Model.GetNode(scope.ElementId);
        scope.Role = ExecutionRole.Token;
        Schedule(() => { Leave(instance, scope, node); return ValueTask.CompletedTask; });
    }

    public void CompleteInstance(InstanceRuntime instance, InstanceStatus status)
    {
        if (!instance.IsActive)
        {
            return;
        }

        foreach (var remaining in instance.State.Executions.Where(e => !e.Removed).ToList())
        {
            ReleaseWaitRows(instance, remaining);
            instance.Remove(remaining);
        }

        instance.Record.Status = status;
        instance.Record.EndedAt = Now;
        instance.Dirty = true;
        History(instance, status switch
        {
            InstanceStatus.Completed => HistoryTypes.InstanceCompleted,
            InstanceStatus.Terminated => HistoryTypes.InstanceTerminated,
            _ => HistoryTypes.InstanceCancelled,
        }, null, null);

        if (instance.Record.ParentInstanceId is { } parentId && status is InstanceStatus.Completed or InstanceStatus.Terminated)
        {
            Schedule(async () =>
            {
                var parent = await LoadInstanceAsync(parentId);
                if (parent.IsActive && instance.Record.ParentExecutionId is { } executionId && parent.Find(executionId) is { } waiting)
                {
                    CallActivityBehaviour.ChildCompleted(this, parent, waiting, instance);
                }
            });
        }
    }

    /// <summary>
    /// Cancels an execution and everything under it: tasks, subscriptions, jobs and called instances.
    /// Used by interrupting events, terminate, completion conditions and cancel.
    /// </summary>
    public void CancelTree(InstanceRuntime instance, Execution execution, bool removeSelf)
    {
        foreach (var child in instance.Children(execution.Id).ToList())
        {
            CancelTree(instance, child, removeSelf: true);
        }

        if (instance.Model.NodesById.TryGetValue(execution.ElementId, out var node))
        {
            History(instance, HistoryTypes.ElementCancelled, node, execution);
        }

        ReleaseWaitRows(instance, execution);
        if (execution.ChildInstanceId is { } childId)
        {
            execution.ChildInstanceId = null;
            Schedule(async () =>
            {
                var child = await LoadInstanceAsync(childId);
                CancelInstanceTree(child, InstanceStatus.Cancelled);
            });
        }

        if (removeSelf)
        {
            instance.Remove(execution);
        }
    }

    /// <summary>Cancels a whole instance and its called instances.</summary>
    public void CancelInstanceTree(InstanceRuntime instance, InstanceStatus status)
    {
        if (!instance.IsActive)
        {
            return;
        }

        foreach (var top in instance.Children(null).ToList())
        {
            CancelTree(instance, top, removeSelf: true);
        }

        CompleteInstance(instance, status);
    }

    // ---------------- wait rows ----------------

    public void ReleaseWaitRows(InstanceRuntime instance, Execution execution)
    {
        if (execution.TaskId is { } taskId)
        {
            DeleteTask(taskId);
            execution.TaskId = null;
            instance.Dirty = true;
        }

        if (execution.SubscriptionIds is { Count: > 0 } subscriptions)
        {
            foreach (var id in subscriptions)
            {
                DeleteSubscription(id);
            }

            execution.SubscriptionIds = null;
            instance.Dirty = true;
        }

        if (execution.JobIds is { Count: > 0 } jobs)
        {
            foreach (var id in jobs)
            {
                DeleteJob(id);
            }

            execution.JobIds = null;
            instance.Dirty = true;
        }
    }

    public void AddTask(TaskRecord task)
    {
        Changes.InsertedTasks.Add(task);
        _insertedTasks.Add(task.Id);
    }

    /// <summary>Writes a changed open task (assignment, candidates, due time).</summary>
    public void UpdateTask(TaskRecord task)
    {
        if (_insertedTasks.Contains(task.Id))
        {
            return; // the inserted row is this same object
        }

        Changes.UpdatedTasks.RemoveAll(t => t.Id == task.Id);
        Changes.UpdatedTasks.Add(task);
    }

    public void DeleteTask(Guid id)
    {
        if (_insertedTasks.Remove(id))
        {
            Changes.InsertedTasks.RemoveAll(t => t.Id == id);
        }
        else
        {
            Changes.UpdatedTasks.RemoveAll(t => t.Id == id);
            Changes.DeletedTaskIds.Add(id);
        }
    }

    public SubscriptionRecord AddSubscription(InstanceRuntime instance, Execution execution, FlowNode catchingNode, MessageEventDefinition message)
    {
        var key = message.CorrelationKey is null
            ? instance.Record.BusinessKey
            : Convert.ToString(Evaluate(instance, execution, message.CorrelationKey, catchingNode.Id), System.Globalization.CultureInfo.InvariantCulture);
        var subscription = new SubscriptionRecord
        {
            Id = Guid.CreateVersion7(),
            InstanceId = instance.Id,
            ExecutionId = execution.Id,
            ElementId = catchingNode.Id,
            MessageName = message.MessageName,
            CorrelationKey = key,
            CreatedAt = Now,
        };
        Changes.InsertedSubscriptions.Add(subscription);
        _insertedSubscriptions.Add(subscription.Id);
        (execution.SubscriptionIds ??= []).Add(subscription.Id);
        instance.Dirty = true;
        return subscription;
    }

    public void DeleteSubscription(Guid id)
    {
        if (_insertedSubscriptions.Remove(id))
        {
            Changes.InsertedSubscriptions.RemoveAll(s => s.Id == id);
        }
        else
        {
            Changes.DeletedSubscriptionIds.Add(id);
        }
    }

    public void AddJob(JobRecord job)
    {
        Changes.InsertedJobs.Add(job);
        _insertedJobs.Add(job.Id);
    }

    public void DeleteJob(Guid id)
    {
        if (_insertedJobs.Remove(id))
        {
            Changes.InsertedJobs.RemoveAll(j => j.Id == id);
        }
        else
        {
            Changes.DeletedJobIds.Add(id);
        }
    }

    /// <summary>A copy of a task to a reader (抄送), written with the command.</summary>
    public void AddCopy(InstanceRuntime instance, TaskRecord task, string reader, string? comment) =>
        Changes.InsertedCopies.Add(new CopyRecord
        {
            Id = Guid.CreateVersion7(),
            InstanceId = instance.Id,
            TaskId = task.Id,
            ElementId = task.ElementId,
            TaskName = task.Name,
            DefinitionKey = instance.Record.DefinitionKey,
            BusinessKey = instance.Record.BusinessKey,
            OrganizationPath = instance.Record.OrganizationPath,
            Campaign = instance.Record.Campaign,
            Reader = reader,
            CopiedBy = Actor,
            Comment = comment,
            CopiedAt = Now,
        });

    public void AddOutbox(Guid? instanceId, string kind, string payload, string idempotencyKey) =>
        Changes.Outbox.Add(new OutboxMessage
        {
            Id = Guid.CreateVersion7(),
            Kind = kind,
            Payload = payload,
            IdempotencyKey = idempotencyKey,
            InstanceId = instanceId,
            CreatedAt = Now,
        });

    // ---------------- expressions ----------------

    public object? Evaluate(InstanceRuntime instance, Execution? execution, string expression, string elementId)
    {
        try
        {
            return Expressions.Evaluate(expression, instance.Reader(execution));
        }
        catch (ExpressionException ex)
        {
            throw new WorkflowException($"Element '{elementId}': {ex.Message}", WorkflowErrorKind.ProcessFailure, ex) { ElementId = elementId };
        }
    }

    public bool EvaluateCondition(InstanceRuntime instance, Execution? execution, string expression, string elementId)
    {
        try
        {
            return Expressions.EvaluateCondition(expression, instance.Reader(execution));
        }
        catch (ExpressionException ex)
        {
            throw new WorkflowException($"Element '{elementId}': {ex.Message}", WorkflowErrorKind.ProcessFailure, ex) { ElementId = elementId };
        }
    }

    /// <summary>
    /// Evaluates <c>${...}</c> text as an expression (typed value), text with <c>${...}</c> in it as a template (text),
    /// and returns other text unchanged.
    /// </summary>
    public object? EvaluateIfExpression(InstanceRuntime instance, Execution? execution, string text, string elementId)
    {
        if (ExpressionEvaluator.IsExpression(text))
        {
            return Evaluate(instance, execution, text, elementId);
        }

        if (!ExpressionTemplate.ContainsExpression(text))
        {
            return text;
        }

        try
        {
            return Expressions.EvaluateTemplate(text, instance.Reader(execution));
        }
        catch (ExpressionException ex)
        {
            throw new WorkflowException($"Element '{elementId}': {ex.Message}", WorkflowErrorKind.ProcessFailure, ex) { ElementId = elementId };
        }
    }

    public void SetVariables(InstanceRuntime instance, Execution? execution, IReadOnlyDictionary<string, object?>? variables)
    {
        if (variables is null || variables.Count == 0)
        {
            return;
        }

        foreach (var (name, value) in variables)
        {
            if (string.IsNullOrWhiteSpace(name) || TextRules.HasControlCharacters(name))
            {
                throw new WorkflowException("A variable name is empty or contains control characters (NUL, line breaks, tabs). 变量名不能为空或含控制字符。", WorkflowErrorKind.Invalid);
            }

            instance.SetVariable(execution, name, VariableValues.Normalize(value));
        }
    }

    // ---------------- history ----------------

    public void History(InstanceRuntime instance, string type, FlowNode? node, Execution? execution, string? data = null, Guid? taskId = null, string? comment = null)
    {
        if (!Engine.Options.History)
        {
            return;
        }

        Changes.History.Add(new HistoryEvent
        {
            InstanceId = instance.Id,
            At = Now,
            Type = type,
            ElementId = node?.Id,
            ElementName = node?.Name,
            ExecutionId = execution?.Id,
            TaskId = taskId,
            Actor = Actor,
            Comment = comment,
            Data = data,
        });
    }

    // Written for every flow taken: ids are XML names (no quotes, backslashes or control characters), so they
    // need no JSON escaping; anything else goes through the serializer.
    private static string FlowData(string flowId) =>
        flowId.AsSpan().IndexOfAny(JsonUnsafe) < 0 ? "{\"flow\":\"" + flowId + "\"}" : "{\"flow\":" + JsonSerializer.Serialize(flowId) + "}";

    private static readonly System.Buffers.SearchValues<char> JsonUnsafe = System.Buffers.SearchValues.Create(
        "\"\\<>&'+`\u0000\u0001\u0002\u0003\u0004\u0005\u0006\u0007\u0008\u0009\u000a\u000b\u000c\u000d\u000e\u000f\u0010\u0011\u0012\u0013\u0014\u0015\u0016\u0017\u0018\u0019\u001a\u001b\u001c\u001d\u001e\u001f");

    // ---------------- finishing ----------------

    /// <summary>Turns the loaded instances into the change set's instance rows.</summary>
    public void Flush()
    {
        foreach (var instance in _instances.Values)
        {
            if (!instance.Dirty && !instance.IsNew)
            {
                continue;
            }

            instance.Record.StateJson = instance.Serialize();
            Engine.Options.Variables.Check(instance, instance.Record.StateJson);
            if (instance.IsNew)
            {
                Changes.InsertedInstances.Add(instance.Record);
            }
            else
            {
                instance.Record.Version = instance.ReadVersion + 1;
                Changes.UpdatedInstances.Add((instance.Record, instance.ReadVersion));
            }
        }
    }
}
