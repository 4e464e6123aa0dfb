using Workflows.Engine.Persistence;
using Workflows.Host.Mail;

namespace Workflows.Host.Api;

/// <summary>How many instances of one process (definition key) are in each status, and how many have incidents.</summary>
/// <param name="DefinitionKey">The process.</param>
/// <param name="Name">The name of its newest version.</param>
/// <param name="Version">The newest published version (or the newest version when none is published).</param>
/// <param name="Active">Instances running (运行中).</param>
/// <param name="Completed">Instances completed (已完成).</param>
/// <param name="Terminated">Instances terminated (已终止).</param>
/// <param name="Cancelled">Instances cancelled (已取消).</param>
/// <param name="WithIncidents">Instances with at least one incident (有异常).</param>
public sealed record MonitorProcessCountsDto(
    string DefinitionKey, string? Name, int? Version, int Active, int Completed, int Terminated, int Cancelled, int WithIncidents);

/// <summary>The monitor's table: one row per process, and the total of incidents.</summary>
public sealed record MonitorSummaryDto(IReadOnlyList<MonitorProcessCountsDto> Processes, int Incidents);

/// <summary>An instance in the monitor's list: the summary and whether it has incidents.</summary>
public sealed record MonitorInstanceDto(InstanceSummaryDto Instance, string? Campaign, int Incidents);

/// <summary>
/// An incident: a job (timer, reminder, timeout) whose firing failed; it is tried again with back-off, and an
/// administrator can retry it at once (<c>POST /api/monitor/incidents/{jobId}/retry</c>).
/// </summary>
public sealed record IncidentDto(
    Guid JobId, Guid InstanceId, string ElementId, string Kind, DateTimeOffset DueAt, int Attempts, string? LastError, DateTimeOffset? LastErrorAt)
{
    public static IncidentDto From(JobRecord job)
    {
        ArgumentNullException.ThrowIfNull(job);
        return new(job.Id, job.InstanceId, job.ElementId, job.Kind, job.DueAt, job.Attempts, job.LastError, job.LastErrorAt);
    }
}

/// <summary>
/// One instance as the monitor shows it: the instance (variables, open tasks), its tokens per element (the active
/// executions waiting at each), its incidents and its mails that failed for the last time.
/// </summary>
public sealed record MonitorInstanceDetailDto(
    InstanceDto Instance,
    string? Campaign,
    string? StartedBy,
    IReadOnlyDictionary<string, int> Tokens,
    IReadOnlyList<IncidentDto> Incidents,
    IReadOnlyList<OutboxMessageDto> FailedMails);
