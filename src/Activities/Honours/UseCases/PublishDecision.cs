using Workflows.Activities.Application;
using Workflows.Activities.Honours.Registry;
using Workflows.Engine;
using Workflows.Engine.Runtime;

namespace Workflows.Activities.Honours.UseCases;

/// <summary>表彰决定: the campaign's decision, published by <see cref="Actor"/>; the default title when none is given.</summary>
public sealed record PublishDecisionCommand(Guid CampaignId, string Actor, string? Title = null, string? DocumentNumber = null)
{
    public RequestKey? Request { get; init; }
}

/// <summary>The decision published (or published already), its roll, and the nominees' processes it reached.</summary>
public sealed record DecisionPublished(HonourDecision Decision, IReadOnlyList<HonourRollEntry> Roll, IReadOnlyList<Guid> InstancesReached);

/// <summary>
/// Publishes a campaign's decision in one transaction: the decision row, the nominations and campaign published, and
/// the message <see cref="MessageName"/> delivered to every nominee's process that waits for it commit together or not
/// at all. Publishing again answers the decision published already and delivers it to processes that wait for it now;
/// a process that has registered its nominee no longer waits. Refused (a conflict) while nominations are under way.
/// </summary>
public sealed class PublishDecision(UseCaseRunner runner, HonoursServices honours)
{
    public const string Name = "publish-decision";

    /// <summary>The engine message a nominee's process waits for before it registers the honour.</summary>
    public const string MessageName = "decisionPublished";

    /// <summary>The first answer of a retried request, or null (look it up before reading anything).</summary>
    public Task<DecisionPublished?> AnsweredAsync(RequestKey? request, CancellationToken ct = default) => runner.AnsweredAsync<DecisionPublished>(Name, request, ct);

    public Task<DecisionPublished> RunAsync(PublishDecisionCommand command, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(command);
        return runner.RunAsync(Name, command.Request, async token =>
        {
            var published = await honours.Decisions.PublishAsync(command.CampaignId, command.Title, command.DocumentNumber, command.Actor, token).ConfigureAwait(false);
            IReadOnlyList<Guid> reached = [];
            try
            {
                var result = await runner.Engine.CorrelateMessageAsync(new CorrelateMessageCommand(MessageName, command.CampaignId.ToString(), new Dictionary<string, object?>
                {
                    ["decisionId"] = published.Decision.Id.ToString(),
                    ["decisionTitle"] = published.Decision.Title,
                    ["documentNumber"] = published.Decision.DocumentNumber,
                }) { Actor = command.Actor }, token).ConfigureAwait(false);
                reached = result.CorrelatedInstanceIds;
            }
            catch (WorkflowException ex) when (ex.Kind == WorkflowErrorKind.NotFound)
            {
                // No nominee's process waits (all registered already, or the nominations were filed outside a process).
            }

            return new DecisionPublished(published.Decision, published.Roll, reached);
        }, ct);
    }
}
