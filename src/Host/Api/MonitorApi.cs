using Microsoft.AspNetCore.Http.HttpResults;
using Workflows.Engine;
using Workflows.Engine.Persistence;
using Workflows.Host.Errors;
using Workflows.Host.Identity;
using Workflows.Host.Mail;

namespace Workflows.Host.Api;

/// <summary>
/// <c>/api/monitor</c>: the administrators' monitor — instances counted by process and status, a filterable instance
/// list (also "with incidents"), one instance with its tokens, incidents and failed mails, and the retry of an incident.
/// Administrators only; cancelling stays <c>POST /api/instances/{id}/cancel</c>.
/// </summary>
public static class MonitorApi
{
    /// <summary>The status filter value that selects instances with incidents (有异常).</summary>
    public const string IncidentStatus = "incident";

    /// <summary>Most incidents looked at for counts and for the "with incidents" list.</summary>
    public const int MaxIncidents = 10_000;

    public static IEndpointRouteBuilder MapMonitorApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/monitor").WithTags("Monitor")
            .RequireAuthorization(IdentityServices.Policies.Admin);

        group.MapGet("/summary", SummaryAsync)
            .WithName("GetMonitorSummary")
            .WithSummary("Counts instances per process and status (active, completed, terminated, cancelled) and those with incidents")
            .ProducesProblem(StatusCodes.Status403Forbidden);

        group.MapGet("/instances", ListAsync)
            .WithName("ListMonitorInstances")
            .WithSummary("Lists instances, newest first, filtered by process, status (also 'incident'), campaign and business key")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden);

        group.MapGet("/instances/{id:guid}", DetailAsync)
            .WithName("GetMonitorInstance")
            .WithSummary("One instance with its variables, open tasks, tokens per element, incidents and failed mails")
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);

        group.MapGet("/incidents", IncidentsAsync)
            .WithName("ListIncidents")
            .WithSummary("Lists incidents (jobs whose last attempt failed), most recent failure first, optionally of one instance")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden);

        group.MapPost("/incidents/{jobId:guid}/retry", RetryAsync)
            .WithName("RetryIncident")
            .WithSummary("Makes an incident's job due now and hands it to the scheduler")
            .WithDescription("404 when the job does not exist or has no failure (it fired meanwhile, or never failed). The error stays on the job until it fires.")
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);

        return routes;
    }

    private static async Task<Ok<MonitorSummaryDto>> SummaryAsync(WorkflowEngine engine, CancellationToken ct)
    {
        var definitions = await engine.Store.ListDefinitionsAsync(null, ct);
        var incidents = await engine.QueryIncidentsAsync(new IncidentQuery { Take = MaxIncidents }, ct);
        var incidentKeys = (await InstancesWithIncidentsAsync(engine, incidents, ct))
            .GroupBy(r => r.DefinitionKey, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);

        var rows = new List<MonitorProcessCountsDto>();
        foreach (var byKey in definitions.GroupBy(d => d.Key, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var newest = byKey.Where(d => d.Version is not null).MaxBy(d => d.Version) ?? byKey.MaxBy(d => d.CreatedAt)!;
            var counts = new int[4];
            foreach (var status in Enum.GetValues<InstanceStatus>())
            {
                var page = await engine.Store.QueryInstancePageAsync(new InstanceQuery { DefinitionKey = byKey.Key, Status = status, Take = 0 }, ct);
                counts[(int)status] = page.Total;
            }

            rows.Add(new MonitorProcessCountsDto(
                byKey.Key, newest.Name, newest.Version, counts[(int)InstanceStatus.Active], counts[(int)InstanceStatus.Completed],
                counts[(int)InstanceStatus.Terminated], counts[(int)InstanceStatus.Cancelled], incidentKeys.GetValueOrDefault(byKey.Key)));
        }

        return TypedResults.Ok(new MonitorSummaryDto(rows, incidents.Count));
    }

    private static async Task<Ok<PageDto<MonitorInstanceDto>>> ListAsync(
        string? definitionKey, string? businessKey, string? campaign, string? status, int? skip, int? take, WorkflowEngine engine, CancellationToken ct)
    {
        var (s, t) = RequestValues.Page(skip, take);
        var incidents = await engine.QueryIncidentsAsync(new IncidentQuery { Take = MaxIncidents }, ct);
        var perInstance = incidents.GroupBy(i => i.InstanceId).ToDictionary(g => g.Key, g => g.Count());
        var key = RequestValues.Optional(definitionKey);
        var business = RequestValues.Optional(businessKey);
        var camp = RequestValues.Optional(campaign);

        if (string.Equals(RequestValues.Optional(status), IncidentStatus, StringComparison.OrdinalIgnoreCase))
        {
            var ordered = (await InstancesWithIncidentsAsync(engine, incidents, ct))
                .Where(r => (key is null || r.DefinitionKey == key) && (business is null || r.BusinessKey == business) && (camp is null || r.Campaign == camp))
                .OrderByDescending(r => r.StartedAt).ThenByDescending(r => r.Id).ToList();
            return TypedResults.Ok(new PageDto<MonitorInstanceDto>(
                [.. ordered.Skip(s).Take(t).Select(r => Item(r, perInstance))], s, t, ordered.Count));
        }

        var page = await engine.Store.QueryInstancePageAsync(new InstanceQuery
        {
            DefinitionKey = key,
            BusinessKey = business,
            Campaign = camp,
            Status = MyWorkApi.StatusOf(status),
            OrderBy = InstanceOrder.StartedDescending,
            Skip = s,
            Take = t,
        }, ct);
        return TypedResults.Ok(new PageDto<MonitorInstanceDto>([.. page.Instances.Select(r => Item(r, perInstance))], s, t, page.Total));
    }

    /// <summary>The instances that have incidents, each read once (the store has no read of several instances by id).</summary>
    private static async Task<List<InstanceRecord>> InstancesWithIncidentsAsync(WorkflowEngine engine, IEnumerable<JobRecord> incidents, CancellationToken ct)
    {
        var instances = new List<InstanceRecord>();
        foreach (var id in incidents.Select(i => i.InstanceId).Where(id => id != Guid.Empty).Distinct())
        {
            if (await engine.Store.GetInstanceAsync(id, ct) is { } instance)
            {
                instances.Add(instance);
            }
        }

        return instances;
    }

    private static MonitorInstanceDto Item(InstanceRecord r, Dictionary<Guid, int> incidents) =>
        new(InstanceSummaryDto.From(r), r.Campaign, incidents.GetValueOrDefault(r.Id));

    private static async Task<Ok<MonitorInstanceDetailDto>> DetailAsync(Guid id, WorkflowEngine engine, CancellationToken ct)
    {
        var record = await engine.Store.GetInstanceAsync(id, ct) ?? throw WorkAccess.InstanceNotFound(id);
        var view = await engine.GetInstanceAsync(id, ct) ?? throw WorkAccess.InstanceNotFound(id);
        var tasks = await engine.QueryTasksAsync(new TaskQuery { InstanceId = id, Take = RequestValues.MaxTake }, ct);
        var incidents = await engine.QueryIncidentsAsync(new IncidentQuery { InstanceId = id, Take = RequestValues.MaxTake }, ct);
        var failedMails = (await engine.Store.GetFailedOutboxAsync(OutboxAdminApi.MaxTake, ct)).Where(m => m.InstanceId == id);
        var tokens = view.ActiveElementIds.GroupBy(e => e, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        return TypedResults.Ok(new MonitorInstanceDetailDto(
            InstanceDto.From(view, tasks), record.Campaign, record.StartedBy, tokens,
            [.. incidents.Select(IncidentDto.From)], [.. failedMails.Select(OutboxMessageDto.From)]));
    }

    private static async Task<Ok<List<IncidentDto>>> IncidentsAsync(Guid? instanceId, int? take, WorkflowEngine engine, CancellationToken ct)
    {
        if (take is < 1 or > RequestValues.MaxTake)
        {
            throw ApiProblemException.BadRequest($"take must be between 1 and {RequestValues.MaxTake}.");
        }

        var incidents = await engine.QueryIncidentsAsync(new IncidentQuery { InstanceId = instanceId, Take = take ?? 100 }, ct);
        return TypedResults.Ok(incidents.Select(IncidentDto.From).ToList());
    }

    private static async Task<Ok<IncidentDto>> RetryAsync(Guid jobId, WorkflowEngine engine, CancellationToken ct)
    {
        var job = await engine.RetryIncidentAsync(jobId, ct)
            ?? throw ApiProblemException.NotFound($"There is no incident {jobId}: the job fired meanwhile, was removed, or never failed.");
        return TypedResults.Ok(IncidentDto.From(job));
    }
}
