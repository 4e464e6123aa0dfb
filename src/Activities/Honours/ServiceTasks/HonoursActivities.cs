using Workflows.Engine.Activities;

namespace Workflows.Activities.Honours.ServiceTasks;

/// <summary>
/// The <c>honours.*</c> activities: their descriptors (Chinese and English, for the designer and deploy-time
/// validation) and their registration in an <see cref="ActivityRegistry"/>. They run inside the engine's command, with
/// their own short transactions on the honours database; the steps that write (notices, objections, decision,
/// registry) are idempotent, because a command that conflicts is run again.
/// <code>
/// HonoursActivities.Register(registry, () => honoursServices);
/// </code>
/// </summary>
public static class HonoursActivities
{
    /// <summary>The designer's category of these activities.</summary>
    public const string Category = "honours";

    /// <summary>Every descriptor, in the order of the procedure.</summary>
    public static IReadOnlyList<ActivityDescriptor> Descriptors { get; } =
    [
        CheckEligibilityActivity.Descriptor,
        RequestOpinionsActivity.Descriptor,
        NoticePeriodActivity.Descriptor,
        OpenNoticeActivity.Descriptor,
        RecordObjectionActivity.Descriptor,
        CloseNoticeActivity.Descriptor,
        CheckQuotaActivity.Descriptor,
        CheckCompositionActivity.Descriptor,
        PassOnActivity.Descriptor,
        FormCommitteeActivity.Descriptor,
        UpdateNominationActivity.Descriptor,
        PublishDecisionActivity.Descriptor,
        RegisterHonoursActivity.Descriptor,
        NotifyActivity.Descriptor,
    ];

    /// <summary>Registers every <c>honours.*</c> activity; <paramref name="services"/> is called when an activity is created (lazily, so the registry can be built before the database).</summary>
    public static ActivityRegistry Register(ActivityRegistry registry, Func<HonoursServices> services)
    {
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentNullException.ThrowIfNull(services);
        return registry
            .Register(CheckEligibilityActivity.Descriptor, () => new CheckEligibilityActivity(services().Eligibility))
            .Register(RequestOpinionsActivity.Descriptor, () => new RequestOpinionsActivity(services().Opinions))
            .Register(NoticePeriodActivity.Descriptor, () => new NoticePeriodActivity(services().Calendar, services().Database))
            .Register(OpenNoticeActivity.Descriptor, () => new OpenNoticeActivity(services().Notices))
            .Register(RecordObjectionActivity.Descriptor, () => new RecordObjectionActivity(services().Notices))
            .Register(CloseNoticeActivity.Descriptor, () => new CloseNoticeActivity(services().Notices))
            .Register(CheckQuotaActivity.Descriptor, () => new CheckQuotaActivity(services().Lists))
            .Register(CheckCompositionActivity.Descriptor, () => new CheckCompositionActivity(services().Lists))
            .Register(PassOnActivity.Descriptor, () => new PassOnActivity(services().Nominations, services().Submissions))
            .Register(FormCommitteeActivity.Descriptor, () => new FormCommitteeActivity(services().Committees))
            .Register(UpdateNominationActivity.Descriptor, () => new UpdateNominationActivity(services().Nominations, services().Database))
            .Register(PublishDecisionActivity.Descriptor, () => new PublishDecisionActivity(services().Decisions))
            .Register(RegisterHonoursActivity.Descriptor, () => new RegisterHonoursActivity(services().Registry))
            .Register(NotifyActivity.Descriptor, () => new NotifyActivity(services().Database));
    }

    /// <summary>With an <c>errorCode</c> input, a failed check raises that BPMN error (a boundary error event can catch it) carrying the messages.</summary>
    internal static void RaiseIfFailed(ActivityContext context, bool passed, IReadOnlyList<string> messages)
    {
        if (!passed && ActivityInputs.Text(context, "errorCode") is { } code)
        {
            throw new BpmnErrorException(code, string.Join("\n", messages));
        }
    }
}
