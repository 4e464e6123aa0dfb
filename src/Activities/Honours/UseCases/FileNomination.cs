using Workflows.Activities.Application;
using Workflows.Activities.Honours.Nominations;
using Workflows.Engine;

namespace Workflows.Activities.Honours.UseCases;

/// <summary>推荐申报: a filer's nomination with its nominee, and the process that carries it.</summary>
public sealed record FileNominationCommand
{
    public required Guid CampaignId { get; init; }

    public required NomineeInput Nominee { get; init; }

    /// <summary>The filing organisation (an enterprise union of the filer).</summary>
    public required string FiledBy { get; init; }

    /// <summary>The filer's user name (the process's initiator) and user id.</summary>
    public required string UserName { get; init; }

    public required string UserId { get; init; }

    public string FormData { get; init; } = "{}";

    public RequestKey? Request { get; init; }
}

/// <summary>The nomination filed and its process.</summary>
public sealed record FiledNomination(Guid NominationId, Guid InstanceId);

/// <summary>
/// Files a nomination in one transaction: the nominee registered, the nomination row, its process started (instance,
/// tasks, history, outbox) and attached — all committed together or not at all, so a crash leaves either a complete
/// filing or nothing (and the filer files again). A retry of the same request gets the first filing.
/// </summary>
public sealed class FileNomination(UseCaseRunner runner, HonoursServices honours, Func<string, string?> designKeyOfHonourType)
{
    public const string Name = "file-nomination";

    /// <summary>The first answer of a retried request, or null (look it up before reading anything).</summary>
    public Task<FiledNomination?> AnsweredAsync(RequestKey? request, CancellationToken ct = default) => runner.AnsweredAsync<FiledNomination>(Name, request, ct);

    public Task<FiledNomination> RunAsync(FileNominationCommand command, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(command);
        return runner.RunAsync(Name, command.Request, async token =>
        {
            var campaign = await honours.Campaigns.FindAsync(command.CampaignId, token).ConfigureAwait(false)
                ?? throw HonoursException.Missing($"评选活动 {command.CampaignId} 不存在。 / Campaign {command.CampaignId} does not exist.");
            var designKey = designKeyOfHonourType(campaign.HonourTypeCode)
                ?? throw new HonoursException($"表彰项目「{campaign.HonourTypeCode}」没有评选流程，不能在线申报。");
            var nominee = await honours.Nominations.RegisterNomineeAsync(command.Nominee, token).ConfigureAwait(false);
            var nomination = await honours.Nominations.FileAsync(new NominationInput
            {
                CampaignId = campaign.Id,
                NomineeId = nominee.Id,
                FiledByOrganisationPath = command.FiledBy,
                FiledByUserId = command.UserId,
                FormData = command.FormData,
            }, token).ConfigureAwait(false);

            var variables = new Dictionary<string, object?>(StringComparer.Ordinal)
            {
                ["campaignId"] = campaign.Id.ToString(),
                ["nominationId"] = nomination.Id.ToString(),
                ["honourType"] = campaign.HonourTypeCode,
                ["nomineeName"] = nominee.Name,
                ["nomineeKind"] = nominee.Kind.ToString().ToLowerInvariant(),
                ["nomineeCategories"] = NomineeCategoryNames.Codes(nominee.AllCategories).Cast<object?>().ToList(),
            };
            var view = await runner.Engine.StartAsync(new StartInstanceCommand(designKey, nomination.Id.ToString(), variables)
            {
                Actor = command.UserName,
                OrganizationPath = command.FiledBy,
                Campaign = campaign.Id.ToString(),
            }, token).ConfigureAwait(false);
            await honours.Nominations.AttachProcessAsync(nomination.Id, view.Id, designKey, token).ConfigureAwait(false);
            return new FiledNomination(nomination.Id, view.Id);
        }, ct);
    }
}
