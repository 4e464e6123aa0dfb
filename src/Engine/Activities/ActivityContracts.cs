using Workflows.Engine.Expressions;
using Workflows.Engine.Runtime;

namespace Workflows.Engine.Activities;

/// <summary>A typed input or output of an activity, shown in the designer.</summary>
public sealed record ActivityPort(string Name, string Type, string DisplayNameZh, string DisplayNameEn, bool Required = false);

/// <summary>
/// Describes an activity type for the designer, deploy-time validation and documentation,
/// in Chinese and English.
/// </summary>
public sealed record ActivityDescriptor
{
    /// <summary>The name a service task uses in <c>wf:activityType</c>.</summary>
    public required string Type { get; init; }
    public required string Category { get; init; }
    public required string DisplayNameZh { get; init; }
    public required string DisplayNameEn { get; init; }
    public string DescriptionZh { get; init; } = "";
    public string DescriptionEn { get; init; } = "";
    public IReadOnlyList<ActivityPort> Inputs { get; init; } = [];
    public IReadOnlyList<ActivityPort> Outputs { get; init; } = [];
}

/// <summary>What an activity sees when a service task runs it, inside the command's transaction.</summary>
public sealed class ActivityContext
{
    internal ActivityContext(Guid instanceId, string elementId, string? businessKey, IReadOnlyDictionary<string, object?> inputs, IVariableReader variables, TimeProvider time, Action<string, string, string> addOutbox)
    {
        InstanceId = instanceId;
        ElementId = elementId;
        BusinessKey = businessKey;
        Inputs = inputs;
        Variables = variables;
        Time = time;
        _addOutbox = addOutbox;
    }

    private readonly Action<string, string, string> _addOutbox;

    public Guid InstanceId { get; }
    public string ElementId { get; }
    public string? BusinessKey { get; }

    /// <summary>The task's input parameters, evaluated.</summary>
    public IReadOnlyDictionary<string, object?> Inputs { get; }

    /// <summary>Every variable visible at the task.</summary>
    public IVariableReader Variables { get; }
    public TimeProvider Time { get; }

    /// <summary>Adds a side effect to the outbox; it is written only if the command commits.</summary>
    public void AddOutbox(string kind, string payloadJson, string idempotencyKey) => _addOutbox(kind, payloadJson, idempotencyKey);

    /// <summary>An input by name, or the variable of that name.</summary>
    public object? Get(string name) =>
        Inputs.TryGetValue(name, out var value) ? value : Variables.TryGetVariable(name, out var v) ? v : null;
}

/// <summary>An activity that a service task runs. It must not block for long: it runs inside a command.</summary>
public interface IWorkflowActivity
{
    /// <summary>Runs the activity; the returned outputs become process variables (or are mapped by output parameters).</summary>
    ValueTask<IReadOnlyDictionary<string, object?>> ExecuteAsync(ActivityContext context, CancellationToken cancellationToken);
}

/// <summary>Thrown by an activity to raise a BPMN error that a boundary error event can catch.</summary>
public sealed class BpmnErrorException(string errorCode, string? message = null) : Exception(message ?? $"BPMN error '{errorCode}'.")
{
    public string ErrorCode { get; } = errorCode;
}

/// <summary>The catalog of activity types: descriptors and how to create each activity.</summary>
public sealed class ActivityRegistry
{
    private readonly Dictionary<string, (ActivityDescriptor Descriptor, Func<IWorkflowActivity> Factory)> _activities = new(StringComparer.Ordinal);

    public ActivityRegistry Register(ActivityDescriptor descriptor, Func<IWorkflowActivity> factory)
    {
        _activities[descriptor.Type] = (descriptor, factory);
        return this;
    }

    public bool Contains(string type) => _activities.ContainsKey(type);

    public IReadOnlyList<ActivityDescriptor> Descriptors => _activities.Values.Select(a => a.Descriptor).OrderBy(d => d.Category).ThenBy(d => d.Type).ToList();

    public IWorkflowActivity Create(string type) =>
        _activities.TryGetValue(type, out var entry) ? entry.Factory() : throw new WorkflowException($"The activity type '{type}' is not registered.");
}
