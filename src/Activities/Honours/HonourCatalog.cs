using Microsoft.EntityFrameworkCore;
using Workflows.Activities.Persistence;

namespace Workflows.Activities.Honours;

/// <summary>
/// The honour types shipped with the product and their nomination forms (administrators may change them in the
/// database; <see cref="SeedAsync"/> only adds the types that are missing). Every form carries the deeds in a
/// 500-character and a 2,000-character version (事迹摘要, 主要事迹), as the notices ask.
/// </summary>
public static class HonourCatalog
{
    public const string LabourMedal = "labour-medal";
    public const string LabourCertificate = "labour-certificate";
    public const string PioneerTeam = "pioneer-team";
    public const string ModelWorker = "model-worker";
    public const string Craftsman = "craftsman";
    public const string LoveliestWorker = "loveliest-worker";

    /// <summary>The form key of the 500-character deeds (事迹摘要).</summary>
    public const string DeedsSummaryField = "deedsSummary";

    /// <summary>The form key of the 2,000-character deeds (主要事迹).</summary>
    public const string DeedsField = "deeds";

    public const int DeedsSummaryMaxLength = 500;
    public const int DeedsMaxLength = 2000;

    private static readonly HonourFormField DeedsSummary = new()
    {
        Key = DeedsSummaryField, LabelZh = "事迹摘要", Required = true, MaxLength = DeedsSummaryMaxLength,
    };

    private static readonly HonourFormField Deeds = new()
    {
        Key = DeedsField, LabelZh = "主要事迹", Required = true, MaxLength = DeedsMaxLength,
    };

    private static List<HonourFormField> PersonForm(params HonourFormField[] extra) =>
    [
        new() { Key = "position", LabelZh = "职务/职称", Required = true, MaxLength = 50 },
        new() { Key = "politicalStatus", LabelZh = "政治面貌", MaxLength = 20 },
        new() { Key = "education", LabelZh = "学历", MaxLength = 20 },
        new() { Key = "workStartDate", LabelZh = "参加工作时间", Kind = FormFieldKind.Date },
        new() { Key = "honoursReceived", LabelZh = "曾获荣誉", MaxLength = 500 },
        .. extra,
        DeedsSummary,
        Deeds,
    ];

    /// <summary>The shipped honour types.</summary>
    public static IReadOnlyList<HonourType> Defaults() =>
    [
        new()
        {
            Code = LabourMedal, NameZh = "广东省五一劳动奖章", NameEn = "Guangdong May Day Labour Medal",
            NomineeKind = NomineeKind.Individual, Cycle = HonourCycle.Yearly, CertificatePrefix = "GDLM", FormFields = PersonForm(),
        },
        new()
        {
            Code = LabourCertificate, NameZh = "广东省五一劳动奖状", NameEn = "Guangdong May Day Labour Certificate",
            NomineeKind = NomineeKind.Unit, Cycle = HonourCycle.Yearly, CertificatePrefix = "GDLC",
            FormFields =
            [
                new() { Key = "unitType", LabelZh = "单位性质", Kind = FormFieldKind.Choice, Required = true, Options = ["企业", "事业单位", "机关", "社会组织"] },
                new() { Key = "legalRepresentative", LabelZh = "法定代表人", Required = true, MaxLength = 50 },
                new() { Key = "employeeCount", LabelZh = "职工人数", Kind = FormFieldKind.Number, Required = true },
                DeedsSummary,
                Deeds,
            ],
        },
        new()
        {
            Code = PioneerTeam, NameZh = "广东省工人先锋号", NameEn = "Guangdong Workers' Pioneer Team",
            NomineeKind = NomineeKind.Team, Cycle = HonourCycle.Yearly, CertificatePrefix = "GDPT",
            FormFields =
            [
                new() { Key = "leader", LabelZh = "班组负责人", Required = true, MaxLength = 50 },
                new() { Key = "teamSize", LabelZh = "班组人数", Kind = FormFieldKind.Number, Required = true },
                DeedsSummary,
                Deeds,
            ],
        },
        new()
        {
            Code = ModelWorker, NameZh = "广东省劳动模范", NameEn = "Guangdong Model Worker",
            NomineeKind = NomineeKind.Individual, Cycle = HonourCycle.FiveYearly, CertificatePrefix = "GDMW", FormFields = PersonForm(),
        },
        new()
        {
            Code = Craftsman, NameZh = "南粤工匠", NameEn = "Nanyue Craftsman",
            NomineeKind = NomineeKind.Individual, Cycle = HonourCycle.Yearly, CertificatePrefix = "NYGJ",
            FormFields = PersonForm(
                new HonourFormField { Key = "skillField", LabelZh = "技能领域", Required = true, MaxLength = 100 },
                new HonourFormField { Key = "skillLevel", LabelZh = "职业技能等级", MaxLength = 50 }),
        },
        new()
        {
            Code = LoveliestWorker, NameZh = "南粤最美职工", NameEn = "Nanyue Loveliest Worker",
            NomineeKind = NomineeKind.Individual, Cycle = HonourCycle.Yearly, CertificatePrefix = "NYZM", FormFields = PersonForm(),
            PrerequisiteHonourCodes = [LabourMedal], PrerequisiteWithinYears = 0,
        },
    ];

    /// <summary>Adds the shipped honour types the database lacks (existing ones are left as administrators set them). Returns the codes added.</summary>
    public static async Task<IReadOnlyList<string>> SeedAsync(HonoursDatabase database, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(database);
        await using var db = database.CreateDbContext();
        var existing = await db.HonourTypes.Select(t => t.Code).ToListAsync(ct).ConfigureAwait(false);
        var added = new List<string>();
        foreach (var type in Defaults().Where(t => !existing.Contains(t.Code)))
        {
            db.HonourTypes.Add(type);
            added.Add(type.Code);
        }

        if (added.Count > 0)
        {
            try
            {
                await db.SaveChangesAsync(ct).ConfigureAwait(false);
            }
            catch (DbUpdateException)
            {
                // Another node seeded them at the same time: fine. Anything else: report it.
                if (!await AllPresentAsync(database, added, ct).ConfigureAwait(false))
                {
                    throw;
                }

                return [];
            }
        }

        return added;
    }

    private static async Task<bool> AllPresentAsync(HonoursDatabase database, List<string> codes, CancellationToken ct)
    {
        await using var db = database.CreateDbContext();
        return await db.HonourTypes.CountAsync(t => codes.Contains(t.Code), ct).ConfigureAwait(false) == codes.Count;
    }
}
