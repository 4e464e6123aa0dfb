using Workflows.Activities.Honours.Attachments;
using Workflows.Activities.Honours.Campaigns;
using Workflows.Activities.Honours.Incidents;
using Workflows.Activities.Honours.Nominations;
using Workflows.Activities.Honours.Notices;
using Workflows.Activities.Honours.Opinions;
using Workflows.Activities.Honours.Registry;
using Workflows.Activities.Honours.Rules;
using Workflows.Activities.Honours.Submission;
using Workflows.Activities.Persistence;
using Workflows.Activities.Privacy;
using Workflows.Engine.Time;

namespace Workflows.Activities.Honours;

/// <summary>
/// The services of the honours domain on one database, made together (the host registers each as a singleton; tests
/// and tools make this bundle). All are thread-safe.
/// <code>
/// var honours = new HonoursServices(database, calendar);
/// var result = await honours.Submissions.SubmitBatchAsync(campaignId, "/gd/gz", ids, "city-reviewer");
/// </code>
/// </summary>
public sealed class HonoursServices
{
    /// <param name="database">The honours database.</param>
    /// <param name="calendar">The official working-day calendar (notice periods).</param>
    /// <param name="time">The clock; the system's when null.</param>
    /// <param name="identifierKey">The key of nominee identifier hashes (configuration <c>Workflows:Honours:IdentifierKey</c>).</param>
    /// <param name="personalData">Seals personal data at rest (the host's data-protection key ring); a key ring of the process when null (tests).</param>
    public HonoursServices(HonoursDatabase database, IWorkingCalendar calendar, TimeProvider? time = null, string? identifierKey = null, PersonalDataProtector? personalData = null)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(calendar);
        var clock = time ?? TimeProvider.System;
        Database = database;
        Calendar = calendar;
        Time = clock;
        Identity = new NomineeIdentity(identifierKey);
        PersonalDataProtector = personalData ?? PersonalDataProtector.Ephemeral();
        Campaigns = new CampaignService(database, clock);
        Nominations = new NominationService(database, Identity, clock, PersonalDataProtector);
        Attachments = new AttachmentService(database, clock);
        Lists = new LevelListChecks(database);
        Eligibility = new EligibilityCheck(database);
        Submissions = new LevelSubmissionService(database, clock);
        Notices = new PublicNoticeService(database, calendar, clock, PersonalDataProtector);
        Registry = new HonourRegistry(database, clock);
        Decisions = new DecisionService(database, clock);
        Incidents = new IncidentService(database, clock);
        Opinions = new OpinionRouting(database);
        PersonalData = new PersonalDataService(database, PersonalDataProtector, clock);
        Committees = new CampaignCommittee(database);
    }

    public HonoursDatabase Database { get; }

    public IWorkingCalendar Calendar { get; }

    public TimeProvider Time { get; }

    public NomineeIdentity Identity { get; }

    /// <summary>Seals and opens personal data.</summary>
    public PersonalDataProtector PersonalDataProtector { get; }

    /// <summary>Personal data in full (reveal, access log), the retention sweep and the upgrade of clear rows.</summary>
    public PersonalDataService PersonalData { get; }

    public CampaignService Campaigns { get; }

    public NominationService Nominations { get; }

    public AttachmentService Attachments { get; }

    /// <summary>Quota and composition checks of a level's list (without submitting).</summary>
    public LevelListChecks Lists { get; }

    public EligibilityCheck Eligibility { get; }

    public LevelSubmissionService Submissions { get; }

    public PublicNoticeService Notices { get; }

    public HonourRegistry Registry { get; }

    public DecisionService Decisions { get; }

    public IncidentService Incidents { get; }

    public OpinionRouting Opinions { get; }

    /// <summary>Who votes on a campaign's nominations: its committee's members.</summary>
    public CampaignCommittee Committees { get; }
}
