using Microsoft.EntityFrameworkCore;
using Workflows.Activities.Persistence;

namespace Workflows.Activities.Honours.Incidents;

/// <summary>An incident to record (see <see cref="Incident"/>).</summary>
public sealed record IncidentInput
{
    public required IncidentKind Kind { get; init; }

    public required DateOnly OccurredOn { get; init; }

    /// <summary>The organisation it happened in; empty when it concerns a nominee only.</summary>
    public string OrganisationPath { get; init; } = "";

    public Guid? NomineeId { get; init; }

    public DateOnly? ResolvedOn { get; init; }

    public string Description { get; init; } = "";

    public required string RecordedBy { get; init; }
}

/// <summary>
/// Records the incidents that veto nominations (reported by 应急管理, 人社, 生态环境 … or found in review) and marks
/// arrears and the like as settled. <see cref="Rules.EligibilityCheck"/> reads them. Thread-safe.
/// </summary>
public sealed class IncidentService(HonoursDatabase database, TimeProvider? time = null)
{
    private readonly TimeProvider _time = time ?? TimeProvider.System;

    /// <summary>Records an incident.</summary>
    /// <exception cref="HonoursException">Neither an organisation nor a nominee, a date in the future, or an unknown nominee.</exception>
    public async Task<Incident> RecordAsync(IncidentInput input, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        var problems = new List<string>();
        var path = input.OrganisationPath?.Trim() ?? "";
        if (path.Length == 0 && input.NomineeId is null)
        {
            problems.Add("须注明发生事件的单位或相关人员。");
        }

        if (path.Length > 0 && !path.StartsWith('/'))
        {
            problems.Add($"单位「{path}」须为组织路径（如 /gd/gz/th/ent-001）。");
        }

        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(_time.GetUtcNow(), Engine.Time.WorkingDays.ChinaStandardTime).DateTime);
        if (input.OccurredOn > today)
        {
            problems.Add("发生日期不能晚于今天。");
        }

        if (input.ResolvedOn is { } resolved && resolved < input.OccurredOn)
        {
            problems.Add("解决日期不能早于发生日期。");
        }

        if (input.Description.Length > HonoursLimits.ReasonLength)
        {
            problems.Add($"情况说明不得超过 {HonoursLimits.ReasonLength} 字。");
        }

        HonoursException.ThrowIfAny(problems);
        await using var db = database.CreateDbContext();
        if (input.NomineeId is { } nomineeId && !await db.Nominees.AnyAsync(n => n.Id == nomineeId, ct).ConfigureAwait(false))
        {
            throw HonoursException.Missing($"被推荐对象 {nomineeId} 不存在。");
        }

        var incident = new Incident
        {
            Id = Guid.CreateVersion7(),
            Kind = input.Kind,
            OrganisationPath = path,
            NomineeId = input.NomineeId,
            OccurredOn = input.OccurredOn,
            ResolvedOn = input.ResolvedOn,
            Description = input.Description.Trim(),
            RecordedBy = input.RecordedBy,
            RecordedAt = _time.GetUtcNow(),
        };
        db.Incidents.Add(incident);
        await db.SaveChangesAsync(ct).ConfigureAwait(false);
        return incident;
    }

    /// <summary>Marks an incident settled on <paramref name="resolvedOn"/> (arrears paid, pollution remedied).</summary>
    /// <exception cref="HonoursException">Unknown incident or a date before it happened.</exception>
    public async Task<Incident> ResolveAsync(Guid incidentId, DateOnly resolvedOn, CancellationToken ct = default)
    {
        await using var db = database.CreateDbContext();
        var incident = await db.Incidents.FirstOrDefaultAsync(i => i.Id == incidentId, ct).ConfigureAwait(false)
            ?? throw HonoursException.Missing($"事件记录 {incidentId} 不存在。");
        if (resolvedOn < incident.OccurredOn)
        {
            throw new HonoursException("解决日期不能早于发生日期。");
        }

        incident.ResolvedOn = resolvedOn;
        await db.SaveChangesAsync(ct).ConfigureAwait(false);
        return incident;
    }
}
