using Workflows.Engine.Model;
using Workflows.Engine.Runtime.Behaviours;

namespace Workflows.Engine.Runtime;

/// <summary>
/// The variables the engine sets itself and a caller may not give (start, completion, message, resolve, reject):
/// who started the instance and where (<c>initiator</c>, <c>initiatorOrg</c>: from the command's actor and
/// organisation), the multi-instance counters (<c>nrOfInstances</c>, <c>nrOfActiveInstances</c>,
/// <c>nrOfCompletedInstances</c>, <c>loopCounter</c>), the ballot counters (<c>votesFor</c>, <c>votesAgainst</c>,
/// <c>votesAbstain</c>) and each approval vote's tally variable (<c>wf:tallyVariable</c>, e.g. <c>committeeTally</c>).
/// A caller that names one gets a <see cref="WorkflowErrorKind.Unprocessable"/> error naming it, and nothing changes.
/// </summary>
public static class OwnedVariables
{
    /// <summary>The names the engine owns in every process.</summary>
    public static IReadOnlyList<string> Always { get; } =
    [
        WorkflowEngine.InitiatorVariable,
        WorkflowEngine.InitiatorOrgVariable,
        MultiInstanceBehaviour.NrOfInstances,
        MultiInstanceBehaviour.NrOfActiveInstances,
        MultiInstanceBehaviour.NrOfCompletedInstances,
        MultiInstanceBehaviour.LoopCounter,
        ApprovalVoting.VotesFor,
        ApprovalVoting.VotesAgainst,
        ApprovalVoting.VotesAbstain,
    ];

    /// <summary>The names the engine owns in <paramref name="model"/>: <see cref="Always"/> and the tally variables of its votes.</summary>
    public static IEnumerable<string> Of(ProcessModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        return Always.Concat(model.NodesById.Values.OfType<UserTaskNode>()
            .Where(n => n.ApprovalMethod != ApprovalMethod.Single)
            .Select(n => n.TallyVariable));
    }

    /// <summary>Throws when <paramref name="variables"/> names a variable the engine owns in <paramref name="model"/>.</summary>
    public static void Refuse(ProcessModel model, IReadOnlyDictionary<string, object?>? variables)
    {
        if (variables is null || variables.Count == 0)
        {
            return;
        }

        var owned = Of(model).Where(variables.ContainsKey).Distinct(StringComparer.Ordinal).ToList();
        if (owned.Count == 0)
        {
            return;
        }

        var names = string.Join(", ", owned.Select(n => $"'{n}'"));
        throw new WorkflowException(
            $"The variable {names} is set by the engine and cannot be given by the caller: initiator and initiatorOrg come from the signed-in user and their organisation, counters and tallies from the process. Leave it out. 变量 {names} 由流程引擎设置，不能由调用方提供，请去掉。",
            WorkflowErrorKind.Unprocessable);
    }
}
