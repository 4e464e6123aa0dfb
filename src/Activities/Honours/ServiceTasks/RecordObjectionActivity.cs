using System.Security.Cryptography;
using System.Text;
using Workflows.Activities.Honours.Notices;
using Workflows.Engine.Activities;

namespace Workflows.Activities.Honours.ServiceTasks;

/// <summary>
/// <c>honours.recordObjection</c> (登记异议及核实结果): with <c>objectionId</c> and <c>upheld</c> it records the outcome of
/// an investigation (an upheld objection rejects the nomination); with only the <c>objectionId</c> of an objection still
/// under investigation (the public notice page recorded it and sent the message) it takes that one; otherwise it
/// records a new objection to a listed nomination while the notice runs (real name, contact, content; a unit's with its
/// sealed letter). Running the same step again with the same objection does not record it twice.
/// </summary>
public sealed class RecordObjectionActivity(PublicNoticeService notices) : IWorkflowActivity
{
    public const string ActivityType = "honours.recordObjection";

    public static ActivityDescriptor Descriptor { get; } = new()
    {
        Type = ActivityType,
        Category = HonoursActivities.Category,
        DisplayNameZh = "登记异议及核实结果",
        DisplayNameEn = "Record an objection or its investigation",
        DescriptionZh = "公示期内登记实名异议（姓名或单位名称、联系方式、异议内容；单位提出的须附盖章材料）；或给出异议编号和核实结论，登记调查核实结果，异议成立的推荐不予通过。",
        DescriptionEn = "Records a named objection during a notice (name, contact, content; a unit's with its sealed letter); or, given an objection id and an outcome, records the investigation: an upheld objection rejects the nomination.",
        Inputs =
        [
            new ActivityPort("noticeId", "string", "公示编号", "Notice id"),
            new ActivityPort("nominationId", "string", "被异议的推荐", "Nomination objected to"),
            new ActivityPort("objectorName", "string", "异议人姓名或单位名称", "Objector's name"),
            new ActivityPort("objectorContact", "string", "联系方式", "Contact"),
            new ActivityPort("content", "string", "异议内容", "Objection"),
            new ActivityPort("byUnit", "boolean", "是否以单位名义", "Raised by a unit"),
            new ActivityPort("sealAttachmentId", "string", "盖章材料（附件）", "Sealed letter (attachment)"),
            new ActivityPort("objectionId", "string", "异议编号（登记核实结果时）", "Objection id (to record its investigation)"),
            new ActivityPort("upheld", "boolean", "异议是否成立", "Whether the objection is upheld"),
            new ActivityPort("findings", "string", "调查核实情况", "Findings"),
        ],
        Outputs =
        [
            new ActivityPort("objectionId", "string", "异议编号", "Objection id"),
            new ActivityPort("objectionState", "string", "异议状态：investigating / upheld / dismissed", "State: investigating / upheld / dismissed"),
            new ActivityPort("nominationRejected", "boolean", "推荐是否因异议成立而不予通过", "Whether the nomination was rejected"),
        ],
    };

    public async ValueTask<IReadOnlyDictionary<string, object?>> ExecuteAsync(ActivityContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        Objection objection;
        if (ActivityInputs.Guid(context, ActivityType, "objectionId") is { } objectionId
            && ActivityInputs.Bool(context, ActivityType, "upheld") is { } upheld)
        {
            objection = await notices.ConcludeAsync(objectionId, upheld, ActivityInputs.Text(context, "findings") ?? "", ActivityInputs.Actor(context), cancellationToken).ConfigureAwait(false);
        }
        else if (await RecordedAsync(context, cancellationToken).ConfigureAwait(false) is { } recorded)
        {
            objection = recorded;
        }
        else
        {
            var nominationId = ActivityInputs.RequireGuid(context, ActivityType, "nominationId");
            var name = ActivityInputs.Text(context, "objectorName") ?? "";
            var content = ActivityInputs.Text(context, "content") ?? "";
            objection = await notices.RecordObjectionAsync(new ObjectionInput
            {
                NoticeId = ActivityInputs.RequireGuid(context, ActivityType, "noticeId"),
                NominationId = nominationId,
                ObjectorName = name,
                ObjectorContact = ActivityInputs.Text(context, "objectorContact") ?? "",
                Content = content,
                ByUnit = ActivityInputs.Bool(context, ActivityType, "byUnit") ?? false,
                SealAttachmentId = ActivityInputs.Guid(context, ActivityType, "sealAttachmentId"),

                // The same objection recorded again by this step (a retried command) is found by this key; another
                // objection in a loop of the same step differs in its text.
                SourceKey = ActivityInputs.SourceKey(context) + ":" + Convert.ToHexStringLower(
                    SHA256.HashData(Encoding.UTF8.GetBytes($"{nominationId}|{name}|{content}")))[..16],
            }, cancellationToken).ConfigureAwait(false);
        }

        return Outputs(objection);
    }

    /// <summary>
    /// The objection named by <c>objectionId</c> when it is still under investigation and about this nomination: one
    /// the public page recorded. A concluded one is a leftover of an earlier round of the same notice.
    /// </summary>
    private async Task<Objection?> RecordedAsync(ActivityContext context, CancellationToken ct)
    {
        if (ActivityInputs.Guid(context, ActivityType, "objectionId") is not { } id || await notices.FindObjectionAsync(id, ct).ConfigureAwait(false) is not { } objection)
        {
            return null;
        }

        var nominationId = ActivityInputs.Guid(context, ActivityType, "nominationId");
        return objection.State == ObjectionState.Investigating && (nominationId is null || nominationId == objection.NominationId) ? objection : null;
    }

    private static Dictionary<string, object?> Outputs(Objection objection) =>
        new()
        {
            ["objectionId"] = objection.Id.ToString(),
            ["objectionState"] = objection.State.ToString().ToLowerInvariant(),
            ["nominationRejected"] = objection.State == ObjectionState.Upheld,
        };
}
