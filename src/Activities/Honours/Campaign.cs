using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Workflows.Activities.Honours;

/// <summary>Where a campaign stands.</summary>
public enum CampaignState
{
    /// <summary>Being prepared by the administrators; nobody can file yet.</summary>
    Draft,

    /// <summary>Notice out: nominations are filed and reviewed.</summary>
    Open,

    /// <summary>No more filing; review, notice and approval go on.</summary>
    Closed,

    /// <summary>The decision (表彰决定) is published.</summary>
    Published,
}

/// <summary>A material a nomination must carry (推荐审批表, 事迹材料, 职代会会议纪要, 公示照片 …), stored as JSON in the campaign.</summary>
public sealed record RequiredMaterial
{
    /// <summary>The code attachments name (<c>approval-form</c>).</summary>
    public required string Code { get; init; }

    /// <summary>推荐审批表（A3）.</summary>
    public required string NameZh { get; init; }

    public bool Required { get; init; } = true;

    /// <summary>Only for nominees of these categories (e.g. 户口簿 for 农民工); none: everybody.</summary>
    public NomineeCategories OnlyForCategories { get; init; }
}

/// <summary>
/// Which joint-review departments (联审部门) give an opinion on which nominees, stored as JSON in the campaign: a nominee
/// of <see cref="NomineeKind"/> (when set) who has every flag of <see cref="WhenCategories"/> needs the opinion of each
/// department in <see cref="DepartmentCodes"/> (organisation codes of kind Department, e.g. <c>dept-scjg</c>).
/// </summary>
public sealed record OpinionRule
{
    public NomineeKind? NomineeKind { get; init; }

    public NomineeCategories WhenCategories { get; init; }

    public List<string> DepartmentCodes { get; init; } = [];

    /// <summary>
    /// The rules of domain.md: an enterprise head needs 市场监管, 税务, 人社, 应急管理, 生态环境, a state-owned one also 审计
    /// and 纪检监察; a party and government cadre 纪检监察; a unit the same five as an enterprise head. Front-line workers
    /// and farmers need none (the unit's own form).
    /// </summary>
    public static IReadOnlyList<OpinionRule> Defaults { get; } =
    [
        new() { WhenCategories = NomineeCategories.EnterpriseHead, DepartmentCodes = ["dept-scjg", "dept-sw", "dept-rs", "dept-yjgl", "dept-sthj"] },
        new() { WhenCategories = NomineeCategories.EnterpriseHead | NomineeCategories.StateOwnedEnterprise, DepartmentCodes = ["dept-sj", "dept-jjjc"] },
        new() { WhenCategories = NomineeCategories.PartyGovernmentCadre, DepartmentCodes = ["dept-jjjc"] },
        new() { NomineeKind = Honours.NomineeKind.Unit, DepartmentCodes = ["dept-scjg", "dept-sw", "dept-rs", "dept-yjgl", "dept-sthj"] },
    ];
}

/// <summary>
/// A selection campaign (评选表彰活动) opened by the province: one honour type in one year, with its notice, filing
/// window and deadline, the quotas per allocation unit and category, the composition rules, the required materials,
/// the veto period and the notice lengths. Every rule is data here, never a constant in code. Table <c>campaigns</c>.
/// </summary>
public sealed class Campaign
{
    public Guid Id { get; set; }

    public string HonourTypeCode { get; set; } = "";

    public HonourType? HonourType { get; set; }

    public int Year { get; set; }

    /// <summary>关于评选2026年广东省五一劳动奖章的通知.</summary>
    public string Title { get; set; } = "";

    /// <summary>The notice text (通知正文).</summary>
    public string NoticeText { get; set; } = "";

    /// <summary>The organisation that runs the campaign (<c>/gd</c>).</summary>
    public string OrganisationPath { get; set; } = "/gd";

    /// <summary>Filing opens.</summary>
    public DateTimeOffset WindowOpensAt { get; set; }

    /// <summary>Filing closes (units can no longer file).</summary>
    public DateTimeOffset WindowClosesAt { get; set; }

    /// <summary>The deadline for the allocation units' lists to reach the province (报送截止).</summary>
    public DateTimeOffset Deadline { get; set; }

    /// <summary>The day vetoes are counted back from (评选基准日): an accident less than <see cref="VetoYears"/> years before it bars.</summary>
    public DateOnly ReferenceDate { get; set; }

    /// <summary>How long a safety accident, serious occupational disease or mass incident bars a unit and its head (3 years).</summary>
    public int VetoYears { get; set; } = 3;

    /// <summary>Working days of the unit notice (单位公示), at least 5.</summary>
    public int UnitNoticeWorkingDays { get; set; } = 5;

    /// <summary>Length of the provincial notice (省级公示) in days: 5 working days or 7 calendar days as the notice says.</summary>
    public int ProvincialNoticeDays { get; set; } = 5;

    /// <summary>True when <see cref="ProvincialNoticeDays"/> counts working days, false when calendar days.</summary>
    public bool ProvincialNoticeInWorkingDays { get; set; } = true;

    public CampaignState State { get; set; }

    public List<RequiredMaterial> RequiredMaterials { get; set; } = [];

    /// <summary>Which departments give opinions on which nominees (<see cref="OpinionRule.Defaults"/> unless set).</summary>
    public List<OpinionRule> OpinionRules { get; set; } = [];

    public List<Quota> Quotas { get; set; } = [];

    public List<CompositionRule> CompositionRules { get; set; } = [];

    public DateTimeOffset CreatedAt { get; set; }

    public string CreatedBy { get; set; } = "";

    /// <summary>Optimistic concurrency: changed by every update.</summary>
    public Guid ConcurrencyStamp { get; set; }
}

internal sealed class CampaignConfiguration : IEntityTypeConfiguration<Campaign>
{
    public void Configure(EntityTypeBuilder<Campaign> builder)
    {
        builder.ToTable("campaigns");
        builder.HasKey(x => x.Id);
        builder.Property(x => x.HonourTypeCode).HasMaxLength(HonoursLimits.CodeLength);
        builder.Property(x => x.Title).HasMaxLength(HonoursLimits.TitleLength);
        builder.Property(x => x.NoticeText).HasMaxLength(HonoursLimits.NoticeTextLength);
        builder.Property(x => x.OrganisationPath).HasMaxLength(HonoursLimits.PathLength);
        builder.Property(x => x.State).HasConversion<string>().HasMaxLength(HonoursLimits.EnumLength);
        builder.Property(x => x.CreatedBy).HasMaxLength(HonoursLimits.UserLength);
        builder.Property(x => x.ConcurrencyStamp).IsConcurrencyToken();
        builder.Property(x => x.RequiredMaterials).HasConversion(HonoursJson.ListConverter<RequiredMaterial>(), HonoursJson.ListComparer<RequiredMaterial>());
        builder.Property(x => x.OpinionRules).HasConversion(HonoursJson.ListConverter<OpinionRule>(), HonoursJson.ListComparer<OpinionRule>());
        builder.HasOne(x => x.HonourType).WithMany().HasForeignKey(x => x.HonourTypeCode).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(x => x.Quotas).WithOne().HasForeignKey(x => x.CampaignId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(x => x.CompositionRules).WithOne().HasForeignKey(x => x.CampaignId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(x => new { x.HonourTypeCode, x.Year });
        builder.HasIndex(x => x.State);
    }
}
