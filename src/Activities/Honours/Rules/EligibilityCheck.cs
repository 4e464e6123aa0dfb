using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Workflows.Activities.Persistence;

namespace Workflows.Activities.Honours.Rules;

/// <summary>Why a nominee may not be nominated: a code (<c>veto:SafetyAccident</c>, <c>duplicate-nomination</c>, <c>prerequisite</c>, <c>nominee-kind</c>) and a Chinese sentence.</summary>
public sealed record EligibilityProblem(string Code, string MessageZh, Guid? IncidentId = null, Guid? NominationId = null);

/// <summary>The eligibility of a nominee in a campaign: eligible when there is no problem.</summary>
public sealed record EligibilityResult(Guid CampaignId, Guid NomineeId, string NomineeName, IReadOnlyList<EligibilityProblem> Problems)
{
    public bool Eligible => Problems.Count == 0;

    public IReadOnlyList<string> MessagesZh => [.. Problems.Select(p => p.MessageZh)];
}

/// <summary>
/// Eligibility and vetoes (资格审查、一票否决) of a nominee in a campaign:
/// <list type="bullet">
/// <item>the honour type's nominee kind (a medal goes to a person, a certificate to a unit, a pioneer title to a team);</item>
/// <item>a safety accident, serious occupational disease or mass incident less than <see cref="Campaign.VetoYears"/>
/// (3) years before the campaign's reference date bars the unit where it happened, the teams and units under it, its
/// head, and a person it is recorded against (two years ago: refused; four years ago: accepted);</item>
/// <item>wage arrears, unpaid social insurance and serious pollution bar while not settled at the reference date;</item>
/// <item>one nomination per nominee per campaign (a withdrawn one does not count);</item>
/// <item>the prerequisite honours of the type from the registry (not revoked, recent enough).</item>
/// </list>
/// Returns every problem; never throws for a refusal. Thread-safe.
/// </summary>
public sealed class EligibilityCheck(HonoursDatabase database)
{
    /// <summary>The eligibility of the nominee of <paramref name="nominationId"/> in its campaign (the nomination itself is not a duplicate of itself).</summary>
    /// <exception cref="HonoursException">Unknown nomination.</exception>
    public async Task<EligibilityResult> CheckNominationAsync(Guid nominationId, CancellationToken ct = default)
    {
        await using var db = database.CreateDbContext();
        var nomination = await db.Nominations.AsNoTracking().FirstOrDefaultAsync(n => n.Id == nominationId, ct).ConfigureAwait(false)
            ?? throw HonoursException.Missing($"推荐 {nominationId} 不存在。");
        return await CheckAsync(db, nomination.CampaignId, nomination.NomineeId, nominationId, ct).ConfigureAwait(false);
    }

    /// <summary>The eligibility of <paramref name="nomineeId"/> for a new nomination in <paramref name="campaignId"/>.</summary>
    /// <exception cref="HonoursException">Unknown campaign or nominee.</exception>
    public async Task<EligibilityResult> CheckAsync(Guid campaignId, Guid nomineeId, Guid? exceptNominationId = null, CancellationToken ct = default)
    {
        await using var db = database.CreateDbContext();
        return await CheckAsync(db, campaignId, nomineeId, exceptNominationId, ct).ConfigureAwait(false);
    }

    internal static async Task<EligibilityResult> CheckAsync(HonoursDbContext db, Guid campaignId, Guid nomineeId, Guid? exceptNominationId, CancellationToken ct)
    {
        var campaign = await db.Campaigns.AsNoTracking().Include(c => c.HonourType).FirstOrDefaultAsync(c => c.Id == campaignId, ct).ConfigureAwait(false)
            ?? throw HonoursException.Missing($"评选活动 {campaignId} 不存在。");
        var nominee = await db.Nominees.AsNoTracking().FirstOrDefaultAsync(n => n.Id == nomineeId, ct).ConfigureAwait(false)
            ?? throw HonoursException.Missing($"被推荐对象 {nomineeId} 不存在。");
        var type = campaign.HonourType!;
        var problems = new List<EligibilityProblem>();

        if (type.NomineeKind != nominee.Kind)
        {
            problems.Add(new EligibilityProblem("nominee-kind", $"「{type.NameZh}」授予{KindZh(type.NomineeKind)}，不能推荐{KindZh(nominee.Kind)}「{nominee.Name}」。"));
        }

        var incidents = await IncidentsOfAsync(db, nominee, ct).ConfigureAwait(false);
        var names = await OrganisationNamesAsync(db, incidents, ct).ConfigureAwait(false);
        problems.AddRange(Vetoes(campaign, nominee, incidents, names));

        var others = await db.Nominations.AsNoTracking()
            .Where(n => n.CampaignId == campaignId && n.NomineeId == nomineeId && n.State != NominationState.Withdrawn && n.Id != exceptNominationId)
            .OrderBy(n => n.CreatedAt).ToListAsync(ct).ConfigureAwait(false);
        foreach (var other in others)
        {
            problems.Add(new EligibilityProblem("duplicate-nomination",
                $"「{nominee.Name}」在本次评选中已有一项推荐（{other.FiledByOrganisationPath}，{Day(other.CreatedAt)} 填报），每个对象每次评选只能推荐一次。",
                NominationId: other.Id));
        }

        if (type.PrerequisiteHonourCodes.Count > 0 && await PrerequisiteProblemAsync(db, campaign, type, nominee, ct).ConfigureAwait(false) is { } prerequisite)
        {
            problems.Add(prerequisite);
        }

        return new EligibilityResult(campaignId, nomineeId, nominee.Name, problems);
    }

    /// <summary>
    /// The vetoes among <paramref name="incidents"/> (those recorded against the nominee or its organisation) for a
    /// campaign; <paramref name="organisationNames"/> names the organisations in messages (the path when missing).
    /// </summary>
    public static IReadOnlyList<EligibilityProblem> Vetoes(Campaign campaign, Nominee nominee, IEnumerable<Incident> incidents, IReadOnlyDictionary<string, string>? organisationNames = null)
    {
        ArgumentNullException.ThrowIfNull(campaign);
        ArgumentNullException.ThrowIfNull(nominee);
        ArgumentNullException.ThrowIfNull(incidents);
        var problems = new List<EligibilityProblem>();
        var reference = campaign.ReferenceDate;
        var barredSince = reference.AddYears(-campaign.VetoYears);
        foreach (var incident in incidents.Where(i => Concerns(nominee, i)).OrderBy(i => i.OccurredOn))
        {
            var subject = incident.NomineeId == nominee.Id ? $"「{nominee.Name}」"
                : organisationNames?.GetValueOrDefault(incident.OrganisationPath) is { } name ? name
                : incident.OrganisationPath;
            var what = Incident.KindZh(incident.Kind) + (incident.Description.Length > 0 ? $"（{incident.Description}）" : "");
            if (Incident.IsTimeBarred(incident.Kind))
            {
                if (incident.OccurredOn > barredSince)
                {
                    problems.Add(new EligibilityProblem("veto:" + incident.Kind,
                        $"一票否决：{subject}于 {Day(incident.OccurredOn)} 发生{what}，距评选基准日 {Day(reference)} 不满 {campaign.VetoYears} 年，"
                        + $"{Day(incident.OccurredOn.AddYears(campaign.VetoYears))} 前不得推荐。",
                        incident.Id));
                }
            }
            else if (incident.ResolvedOn is null || (incident.OccurredOn <= reference && incident.ResolvedOn > reference))
            {
                var state = incident.ResolvedOn is null ? "尚未解决" : $"至评选基准日 {Day(reference)} 仍未解决";
                problems.Add(new EligibilityProblem("veto:" + incident.Kind,
                    $"一票否决：{subject}存在{what}，{Day(incident.OccurredOn)} 发生，{state}，不得推荐。",
                    incident.Id));
            }
        }

        return problems;
    }

    /// <summary>True when the incident is recorded against the nominee, or against its organisation (or one under it) and the nominee answers for it.</summary>
    public static bool Concerns(Nominee nominee, Incident incident)
    {
        ArgumentNullException.ThrowIfNull(nominee);
        ArgumentNullException.ThrowIfNull(incident);
        if (incident.NomineeId == nominee.Id)
        {
            return true;
        }

        return nominee.AnswersForOrganisation
            && incident.OrganisationPath.Length > 0
            && nominee.OrganisationPath.Length > 0
            && (incident.OrganisationPath == nominee.OrganisationPath || incident.OrganisationPath.StartsWith(nominee.OrganisationPath + "/", StringComparison.Ordinal));
    }

    private static async Task<List<Incident>> IncidentsOfAsync(HonoursDbContext db, Nominee nominee, CancellationToken ct)
    {
        var path = nominee.OrganisationPath;
        var prefix = path + "/";
        var byOrganisation = nominee.AnswersForOrganisation && path.Length > 0;
        return await db.Incidents.AsNoTracking()
            .Where(i => i.NomineeId == nominee.Id || (byOrganisation && (i.OrganisationPath == path || i.OrganisationPath.StartsWith(prefix))))
            .ToListAsync(ct).ConfigureAwait(false);
    }

    private static async Task<Dictionary<string, string>> OrganisationNamesAsync(HonoursDbContext db, List<Incident> incidents, CancellationToken ct)
    {
        var paths = incidents.Select(i => i.OrganisationPath).Where(p => p.Length > 0).Distinct().ToList();
        if (paths.Count == 0)
        {
            return [];
        }

        return await db.Organisations.AsNoTracking().Where(o => paths.Contains(o.Path)).ToDictionaryAsync(o => o.Path, o => o.Name, ct).ConfigureAwait(false);
    }

    private static async Task<EligibilityProblem?> PrerequisiteProblemAsync(HonoursDbContext db, Campaign campaign, HonourType type, Nominee nominee, CancellationToken ct)
    {
        var codes = type.PrerequisiteHonourCodes;
        var earliest = type.PrerequisiteWithinYears is { } years ? campaign.Year - years : int.MinValue;
        var held = await db.HonourRecords.AsNoTracking()
            .AnyAsync(r => r.NomineeId == nominee.Id && codes.Contains(r.HonourTypeCode) && r.RevokedAt == null && r.Year >= earliest && r.Year <= campaign.Year, ct)
            .ConfigureAwait(false);
        if (held)
        {
            return null;
        }

        var names = await db.HonourTypes.AsNoTracking().Where(t => codes.Contains(t.Code)).Select(t => t.NameZh).ToListAsync(ct).ConfigureAwait(false);
        var which = string.Join("或", (names.Count > 0 ? names : codes).Select(n => $"「{n}」"));
        var when = type.PrerequisiteWithinYears switch
        {
            null => "",
            0 => $"（须为 {campaign.Year} 年度获得）",
            { } y => $"（须为 {campaign.Year - y}—{campaign.Year} 年度获得）",
        };
        return new EligibilityProblem("prerequisite", $"「{type.NameZh}」须从{which}获得者中推荐{when}，荣誉库中没有「{nominee.Name}」的有效获奖记录。");
    }

    internal static string KindZh(NomineeKind kind) => kind switch
    {
        NomineeKind.Individual => "个人",
        NomineeKind.Unit => "单位",
        _ => "班组",
    };

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Day(DateTimeOffset at) => Day(DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(at, Engine.Time.WorkingDays.ChinaStandardTime).DateTime));
}
