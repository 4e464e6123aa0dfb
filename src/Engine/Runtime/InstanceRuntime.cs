using System.Text.Json;
using Workflows.Engine.Expressions;
using Workflows.Engine.Model;
using Workflows.Engine.Persistence;

namespace Workflows.Engine.Runtime;

/// <summary>
/// An instance loaded into a command: its row, its deserialized state and its model. Behaviours change
/// it; the command writes it back once, at the end, with the version it was read at.
/// </summary>
internal sealed class InstanceRuntime
{
    private readonly Dictionary<string, Execution> _byId;

    public InstanceRuntime(InstanceRecord record, InstanceState state, ProcessModel model, bool isNew)
    {
        Record = record;
        State = state;
        Model = model;
        IsNew = isNew;
        ReadVersion = record.Version;
        _byId = new Dictionary<string, Execution>(StringComparer.Ordinal);
        foreach (var execution in state.Executions)
        {
            _byId[execution.Id] = execution;
        }
    }

    public InstanceRecord Record { get; }
    public InstanceState State { get; }
    public ProcessModel Model { get; }
    public bool IsNew { get; }
    public long ReadVersion { get; }
    public bool Dirty { get; set; }

    public Guid Id => Record.Id;
    public bool IsActive => Record.Status == InstanceStatus.Active;

    public Execution? Find(string id) => _byId.TryGetValue(id, out var e) && !e.Removed ? e : null;

    public Execution Get(string id) => Find(id) ?? throw new WorkflowException($"Execution '{id}' of instance {Id} does not exist.", WorkflowErrorKind.Conflict);

    public Execution? Parent(Execution execution) => execution.ParentId is null ? null : Find(execution.ParentId);

    public IEnumerable<Execution> Children(string? parentId)
    {
        foreach (var e in State.Executions)
        {
            if (!e.Removed && e.ParentId == parentId)
            {
                yield return e;
            }
        }
    }

    public Execution CreateExecution(string? parentId, string elementId)
    {
        var execution = new Execution { Id = "e" + State.NextId++, ParentId = parentId, ElementId = elementId };
        State.Executions.Add(execution);
        _byId[execution.Id] = execution;
        Dirty = true;
        return execution;
    }

    /// <summary>Marks an execution removed; the caller has already cleaned its wait rows and children.</summary>
    public void Remove(Execution execution)
    {
        execution.Removed = true;
        Dirty = true;
    }

    /// <summary>Drops removed executions before the state is serialized.</summary>
    public void Compact()
    {
        if (State.Executions.Exists(e => e.Removed))
        {
            State.Executions.RemoveAll(e => e.Removed);
        }
    }

    /// <summary>The flow scope (process or sub-process) that an execution's children run in.</summary>
    public IFlowScope ScopeOf(Execution? scopeExecution) =>
        scopeExecution is null ? Model : (IFlowScope)Model.GetNode(scopeExecution.ElementId);

    /// <summary>Reads a variable from the innermost scope outwards.</summary>
    public bool TryGetVariable(Execution? execution, string name, out object? value)
    {
        for (var e = execution; e is not null; e = Parent(e))
        {
            if (e.Variables is not null && e.Variables.TryGetValue(name, out value))
            {
                return true;
            }
        }

        return State.Variables.TryGetValue(name, out value);
    }

    /// <summary>
    /// Sets a variable where it already lives (innermost scope first), else on the process: the rule
    /// Camunda uses, so that a task inside a sub-process can update a process variable.
    /// </summary>
    public void SetVariable(Execution? execution, string name, object? value)
    {
        Dirty = true;
        for (var e = execution; e is not null; e = Parent(e))
        {
            if (e.Variables is not null && e.Variables.ContainsKey(name))
            {
                e.Variables[name] = value;
                return;
            }
        }

        State.Variables[name] = value;
    }

    public static void SetLocal(Execution execution, string name, object? value)
    {
        execution.Variables ??= new Dictionary<string, object?>(StringComparer.Ordinal);
        execution.Variables[name] = value;
    }

    public IVariableReader Reader(Execution? execution) => new ExecutionVariables(this, execution);

    /// <summary>Distinct ids of the elements where the instance stands now.</summary>
    public List<string> ActiveElementIds() =>
        State.Executions.Where(e => !e.Removed).Select(e => e.ElementId).Distinct(StringComparer.Ordinal).ToList();

    public string Serialize()
    {
        Compact();
        return JsonSerializer.Serialize(State, EngineJson.Options);
    }

    private sealed class ExecutionVariables(InstanceRuntime instance, Execution? execution) : IVariableReader
    {
        public bool TryGetVariable(string name, out object? value)
        {
            if (instance.TryGetVariable(execution, name, out value))
            {
                return true;
            }

            switch (name)
            {
                case "businessKey":
                    value = instance.Record.BusinessKey;
                    return true;
                case "processInstanceId":
                    value = instance.Id.ToString();
                    return true;
                default:
                    return false;
            }
        }

        public IEnumerable<KeyValuePair<string, object?>> AllVariables()
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            for (var e = execution; e is not null; e = instance.Parent(e))
            {
                if (e.Variables is null)
                {
                    continue;
                }

                foreach (var pair in e.Variables)
                {
                    if (seen.Add(pair.Key))
                    {
                        yield return pair;
                    }
                }
            }

            foreach (var pair in instance.State.Variables)
            {
                if (seen.Add(pair.Key))
                {
                    yield return pair;
                }
            }

            if (seen.Add("businessKey"))
            {
                yield return new("businessKey", instance.Record.BusinessKey);
            }

            if (seen.Add("processInstanceId"))
            {
                yield return new("processInstanceId", instance.Id.ToString());
            }
        }
    }
}
