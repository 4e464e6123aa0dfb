using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using Workflows.Activities.Calendar;
using Workflows.Activities.Honours;
using Workflows.Activities.Honours.Campaigns;
using Workflows.Activities.Honours.Nominations;
using Workflows.Activities.Identity;
using Workflows.Activities.Persistence;
using Workflows.Activities.Tests.Persistence;

namespace Workflows.Activities.Tests.Honours;

/// <summary>
/// A migrated honours database with the demo organisation tree, the honours services on a fake clock (Tuesday
/// 10 March 2026, 09:00 in Guangzhou) and the shipped calendar, and helpers that build campaigns, nominees and
/// nominations through the real services.
/// </summary>
public sealed class HonoursWorld
{
    /// <summary>09:00 on 10 March 2026 in Guangzhou.</summary>
    public static readonly DateTimeOffset Now = new(2026, 3, 10, 9, 0, 0, TimeSpan.FromHours(8));

    public const string Filer = "filer-user";
    public const string CityPath = DemoSeed.GuangzhouPath;

    private static int _sequence;

    private HonoursWorld(HonoursDatabase database, FakeTimeProvider time, string filerUserId)
    {
        Database = database;
        Time = time;
        FilerUserId = filerUserId;
        Services = new HonoursServices(database, OfficialCalendar.ShippedOnly(), time, "test-key");
    }

    public HonoursDatabase Database { get; }

    public FakeTimeProvider Time { get; }

    public HonoursServices Services { get; }

    /// <summary>The user id of the demo filer (陈申报, <c>filer@honours.gdftu.local</c>), who files every nomination of the helpers.</summary>
    public string FilerUserId { get; }

    public static async Task<HonoursWorld> CreateAsync(TestDatabases databases, DatabaseKind kind)
    {
        var database = await databases.CreateMigratedAsync(kind);
        await DemoSeed.SeedAsync(database);
        await using var db = database.CreateDbContext();
        var filer = await db.Users.AsNoTracking().SingleAsync(u => u.UserName == "filer");
        return new HonoursWorld(database, new FakeTimeProvider(Now), filer.Id);
    }

    /// <summary>An open campaign of <paramref name="honourType"/> for 2026 with the given quotas and rules (reference date 1 March 2026).</summary>
    public async Task<Campaign> OpenCampaignAsync(
        string honourType = HonourCatalog.LabourMedal,
        IReadOnlyList<QuotaInput>? quotas = null,
        IReadOnlyList<CompositionRuleInput>? rules = null,
        int provincialNoticeDays = 5,
        bool provincialInWorkingDays = true)
    {
        var campaign = await Services.Campaigns.CreateAsync(new CampaignInput
        {
            HonourTypeCode = honourType,
            Year = 2026,
            Title = "2026年广东省五一劳动奖章评选",
            NoticeText = "各地级以上市总工会、各产业工会：……",
            WindowOpensAt = new DateTimeOffset(2026, 3, 1, 9, 0, 0, TimeSpan.FromHours(8)),
            WindowClosesAt = new DateTimeOffset(2026, 3, 31, 17, 0, 0, TimeSpan.FromHours(8)),
            Deadline = new DateTimeOffset(2026, 4, 10, 17, 0, 0, TimeSpan.FromHours(8)),
            ReferenceDate = new DateOnly(2026, 3, 1),
            ProvincialNoticeDays = provincialNoticeDays,
            ProvincialNoticeInWorkingDays = provincialInWorkingDays,
            RequiredMaterials =
            [
                new RequiredMaterial { Code = "approval-form", NameZh = "推荐审批表" },
                new RequiredMaterial { Code = "household-register", NameZh = "户口簿", OnlyForCategories = NomineeCategories.MigrantWorker },
            ],
            Quotas = quotas ?? [],
            CompositionRules = rules ?? [],
            CreatedBy = "admin",
        });
        return await Services.Campaigns.OpenAsync(campaign.Id);
    }

    /// <summary>A person with a valid, unique ID number.</summary>
    public Task<Nominee> PersonAsync(string name, NomineeCategories categories, Gender gender = Gender.Male, string organisationPath = DemoSeed.Enterprise1Path, string ethnicity = "汉族") =>
        Services.Nominations.RegisterNomineeAsync(new NomineeInput
        {
            Kind = NomineeKind.Individual,
            Name = name,
            Identifier = NewIdNumber(gender),
            OrganisationPath = organisationPath,
            Ethnicity = ethnicity,
            Categories = categories,
            Position = "高级技师",
        });

    /// <summary>A unit with a valid, unique credit code.</summary>
    public Task<Nominee> UnitAsync(string name, string organisationPath, NomineeCategories categories = NomineeCategories.None) =>
        Services.Nominations.RegisterNomineeAsync(new NomineeInput
        {
            Kind = NomineeKind.Unit,
            Name = name,
            Identifier = NewCreditCode(),
            OrganisationPath = organisationPath,
            Categories = categories,
        });

    /// <summary>Files a nomination of <paramref name="nominee"/> from enterprise 1's union with a valid form.</summary>
    public Task<Nomination> FileAsync(Campaign campaign, Nominee nominee, string filedBy = DemoSeed.Enterprise1UnionPath) =>
        Services.Nominations.FileAsync(new NominationInput
        {
            CampaignId = campaign.Id,
            NomineeId = nominee.Id,
            FiledByOrganisationPath = filedBy,
            FiledByUserId = FilerUserId,
            FormData = FormFor(campaign.HonourTypeCode),
        });

    /// <summary>
    /// Files one nomination per category given and passes them up to the city union through the real level
    /// submissions (enterprise union → 天河区 → 广州市).
    /// </summary>
    public async Task<List<Nomination>> AtCityAsync(Campaign campaign, params NomineeCategories[] categories)
    {
        var filed = new List<Nomination>();
        foreach (var category in categories)
        {
            var person = await PersonAsync("职工" + Interlocked.Increment(ref _sequence).ToString(CultureInfo.InvariantCulture), category);
            filed.Add(await FileAsync(campaign, person));
        }

        var ids = filed.Select(n => n.Id).ToList();
        var toDistrict = await Services.Submissions.SubmitBatchAsync(campaign.Id, DemoSeed.Enterprise1UnionPath, ids, Filer);
        toDistrict.Accepted.Should().BeTrue(toDistrict.MessageZh);
        var toCity = await Services.Submissions.SubmitBatchAsync(campaign.Id, DemoSeed.TianhePath, ids, "district-reviewer");
        toCity.Accepted.Should().BeTrue(toCity.MessageZh);
        toCity.NextLevelPath.Should().Be(CityPath);
        return filed;
    }

    /// <summary>A valid form of the honour type (deeds within their limits).</summary>
    public static string FormFor(string honourType) => honourType switch
    {
        HonourCatalog.LabourCertificate => Json(new { unitType = "企业", legalRepresentative = "李明", employeeCount = 860, deedsSummary = Deeds(120), deeds = Deeds(900) }),
        HonourCatalog.PioneerTeam => Json(new { leader = "王强", teamSize = 12, deedsSummary = Deeds(120), deeds = Deeds(900) }),
        HonourCatalog.Craftsman => Json(new { position = "高级技师", skillField = "数控加工", deedsSummary = Deeds(120), deeds = Deeds(900) }),
        _ => Json(new { position = "高级技师", politicalStatus = "中共党员", workStartDate = "2005-07-01", deedsSummary = Deeds(120), deeds = Deeds(900) }),
    };

    /// <summary>A deeds text of exactly <paramref name="characters"/> Chinese characters.</summary>
    public static string Deeds(int characters) => string.Concat(Enumerable.Repeat("爱岗敬业技术革新", (characters / 8) + 1))[..characters];

    public static string Json(object value) => JsonSerializer.Serialize(value);

    /// <summary>A valid 18-digit ID number (Guangzhou 越秀区), unique per call; an odd sequence digit for men, even for women.</summary>
    public static string NewIdNumber(Gender gender = Gender.Male)
    {
        var n = Interlocked.Increment(ref _sequence);
        var sequence = ((n % 499) * 2) + (gender == Gender.Male ? 1 : 0);
        var birth = new DateOnly(1970, 1, 1).AddDays(n % 10_000);
        var first17 = "440104" + birth.ToString("yyyyMMdd", CultureInfo.InvariantCulture) + sequence.ToString("000", CultureInfo.InvariantCulture);
        return first17 + NomineeIdentity.IdCheckCharacter(first17);
    }

    /// <summary>A valid unified social credit code, unique per call.</summary>
    public static string NewCreditCode()
    {
        var first17 = "9144010" + Interlocked.Increment(ref _sequence).ToString("0000000000", CultureInfo.InvariantCulture);
        return first17 + NomineeIdentity.CreditCodeCheckCharacter(first17);
    }

    /// <summary>Runs <paramref name="action"/> on a new context of the database.</summary>
    public async Task<T> WithDbAsync<T>(Func<HonoursDbContext, Task<T>> action)
    {
        await using var db = Database.CreateDbContext();
        return await action(db);
    }

    public Task<Nomination> ReloadAsync(Guid nominationId) =>
        WithDbAsync(db => db.Nominations.AsNoTracking().Include(n => n.Nominee).SingleAsync(n => n.Id == nominationId));
}
