using System.Globalization;
using Workflows.Engine.Model;

namespace Workflows.Engine.Runtime.Behaviours;

/// <summary>
/// Several approvers on one node (会签 / 或签 / 依次). The node runs as a multi-instance user task, one task
/// per approver; each completion carries a vote (<c>vote</c>: for / against / abstain, 同意 / 反对 / 弃权, or the
/// outcome variable as a boolean). The body keeps the tally, the process shows it in the tally variable, and
/// the node ends as soon as the outcome is certain: for a pass ratio of 2/3 of five members, four votes in
/// favour approve, and a second vote against rejects.
/// </summary>
internal static class ApprovalVoting
{
    internal const string VotesFor = "votesFor";
    internal const string VotesAgainst = "votesAgainst";
    internal const string VotesAbstain = "votesAbstain";
    private const string For = VotesFor;
    private const string Against = VotesAgainst;
    private const string Abstain = VotesAbstain;

    public static bool Applies(FlowNode node) => node is UserTaskNode { ApprovalMethod: not ApprovalMethod.Single };

    /// <summary>Takes the vote out of a completing approver's variables and counts it. Returns the other variables.</summary>
    public static IReadOnlyDictionary<string, object?>? RecordVote(CommandContext context, InstanceRuntime instance, Execution child, UserTaskNode node, IReadOnlyDictionary<string, object?>? variables)
    {
        var body = instance.Parent(child)!;
        var rest = variables is null ? new Dictionary<string, object?>() : new Dictionary<string, object?>(variables);
        var vote = ReadVote(rest, node);
        rest.Remove("vote");
        rest.Remove(node.OutcomeVariable);
        var key = vote switch { true => For, false => Against, _ => Abstain };
        InstanceRuntime.SetLocal(body, key, Count(body, key) + 1);
        InstanceRuntime.SetLocal(child, "vote", vote switch { true => "for", false => "against", _ => "abstain" });
        instance.SetVariable(null, node.TallyVariable, Tally(body, node, decided: null));
        return rest;
    }

    /// <summary>After an approver finished: null while undecided, else whether the node approved.</summary>
    public static bool? Decide(Execution body, UserTaskNode node)
    {
        var total = Count(body, MultiInstanceBehaviour.NrOfInstances);
        var done = Count(body, MultiInstanceBehaviour.NrOfCompletedInstances);
        var inFavour = Count(body, For);
        var against = Count(body, Against);
        var need = Need(node, total);
        switch (node.ApprovalMethod)
        {
            case ApprovalMethod.Anyone:
                if (inFavour > 0)
                {
                    return true;
                }

                return against > 0 ? false : done >= total ? false : null;
            case ApprovalMethod.Sequential when against > 0:
                return false;
            default:
                if (inFavour >= need)
                {
                    return true;
                }

                return inFavour + (total - done) < need ? false : null;
        }
    }

    /// <summary>Sets the outcome and the final tally on the process.</summary>
    public static void Conclude(InstanceRuntime instance, Execution body, UserTaskNode node, bool approved)
    {
        instance.SetVariable(null, node.OutcomeVariable, approved);
        instance.SetVariable(null, node.TallyVariable, Tally(body, node, approved));
    }

    /// <summary>Shows the tally again after the number of approvers changed (加签 / 减签): the total and the votes needed.</summary>
    public static void Refresh(InstanceRuntime instance, Execution body, UserTaskNode node) =>
        instance.SetVariable(null, node.TallyVariable, Tally(body, node, decided: null));

    private static long Need(UserTaskNode node, long total) =>
        node.ApprovalMethod == ApprovalMethod.Anyone ? 1 : Math.Max(1, (long)Math.Ceiling(node.PassRatio * total - 1e-9));

    private static Dictionary<string, object?> Tally(Execution body, UserTaskNode node, bool? decided)
    {
        var total = Count(body, MultiInstanceBehaviour.NrOfInstances);
        return new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["method"] = node.ApprovalMethod.ToString().ToLowerInvariant(),
            ["for"] = Count(body, For),
            ["against"] = Count(body, Against),
            ["abstain"] = Count(body, Abstain),
            ["total"] = total,
            ["needed"] = Need(node, total),
            ["passRatio"] = node.PassRatio,
            ["decided"] = decided is not null,
            ["approved"] = decided,
        };
    }

    private static bool? ReadVote(Dictionary<string, object?> variables, UserTaskNode node)
    {
        if (variables.TryGetValue("vote", out var vote) && vote is string text)
        {
            return text.Trim().ToLowerInvariant() switch
            {
                "for" or "approve" or "approved" or "yes" or "同意" or "赞成" => true,
                "against" or "reject" or "rejected" or "no" or "反对" or "不同意" or "驳回" => false,
                "abstain" or "弃权" => null,
                _ => throw new WorkflowException($"The vote '{text}' is not for, against or abstain (同意, 反对, 弃权).", WorkflowErrorKind.Invalid) { ElementId = node.Id },
            };
        }

        if (variables.TryGetValue(node.OutcomeVariable, out var outcome) && outcome is bool b)
        {
            return b;
        }

        throw new WorkflowException($"Task '{node.Id}' is a vote: complete it with vote = for, against or abstain (or {node.OutcomeVariable} = true/false).", WorkflowErrorKind.Invalid) { ElementId = node.Id };
    }

    private static long Count(Execution body, string key) =>
        body.Variables is not null && body.Variables.TryGetValue(key, out var v) && v is not null ? Convert.ToInt64(v, CultureInfo.InvariantCulture) : 0;
}
