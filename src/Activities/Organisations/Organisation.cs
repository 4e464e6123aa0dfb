using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Workflows.Activities.Organisations;

/// <summary>What an <see cref="Organisation"/> is; stored as its name (text).</summary>
public enum OrganisationKind
{
    /// <summary>广东省总工会 — the root.</summary>
    Province,

    /// <summary>地级市总工会 (21 of them).</summary>
    CityUnion,

    /// <summary>省产业工会 (industry union), directly under the province.</summary>
    IndustryUnion,

    /// <summary>县(区)总工会.</summary>
    District,

    /// <summary>An enterprise (企业).</summary>
    Enterprise,

    /// <summary>The union of an enterprise (企业工会、基层工会).</summary>
    EnterpriseUnion,

    /// <summary>A joint-review department (联审部门: 人社、市场监管、税务 …).</summary>
    Department,

    /// <summary>A review committee (评审委员会); its members are in <see cref="Committee"/>.</summary>
    Committee,
}

/// <summary>
/// A node of the organisation tree: province → city unions and industry unions → districts → enterprises and their
/// unions (joint-review departments and committees hang under the province). <see cref="Path"/> is the
/// materialized path of codes from the root (<c>/gd/gz/th/ent-001</c>): a subtree is every path that starts with
/// <c>path + "/"</c>, the ancestors are the prefixes of the path.
/// </summary>
public sealed class Organisation
{
    public Guid Id { get; set; }

    /// <summary>The code of this node, unique among its siblings (a path segment: letters, digits, <c>-</c>).</summary>
    public string Code { get; set; } = "";

    /// <summary>The name in Chinese (广州市总工会).</summary>
    public string Name { get; set; } = "";

    public OrganisationKind Kind { get; set; }

    public Guid? ParentId { get; set; }

    /// <summary>The materialized path (<c>/gd/gz</c>), unique; also the organisation part of a group key.</summary>
    public string Path { get; set; } = "";

    /// <summary>
    /// When an administrator closed the organisation (撤销); null while it is open. A closed organisation keeps its row
    /// and path (history and finished items name it) but takes no new children, members or roles.
    /// </summary>
    public DateTimeOffset? ClosedAt { get; set; }

    /// <summary>True once closed.</summary>
    public bool IsClosed => ClosedAt is not null;

    /// <summary>The paths of the ancestors of <paramref name="path"/>, root first (<c>/gd/gz/th</c> → <c>/gd</c>, <c>/gd/gz</c>).</summary>
    public static IReadOnlyList<string> AncestorPaths(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var result = new List<string>();
        for (var i = path.IndexOf('/', 1); i > 0; i = path.IndexOf('/', i + 1))
        {
            result.Add(path[..i]);
        }

        return result;
    }

    /// <summary>The path of a child with <paramref name="code"/> under <paramref name="parentPath"/> (null: a root).</summary>
    public static string ChildPath(string? parentPath, string code) => (parentPath ?? "") + "/" + code;
}

/// <summary>A role a user holds in an organisation (<c>city-reviewer</c> of 广州市总工会).</summary>
public sealed class RoleAssignment
{
    public Guid Id { get; set; }

    /// <summary>The Identity user id.</summary>
    public string UserId { get; set; } = "";

    /// <summary>One of <see cref="Roles"/>.</summary>
    public string Role { get; set; } = "";

    public Guid OrganisationId { get; set; }

    public Organisation? Organisation { get; set; }
}

/// <summary>A review committee (评审委员会), attached to an organisation node of kind <see cref="OrganisationKind.Committee"/>.</summary>
public sealed class Committee
{
    public Guid Id { get; set; }

    /// <summary>The committee's node in the organisation tree (its path names the committee in group keys).</summary>
    public Guid OrganisationId { get; set; }

    public Organisation? Organisation { get; set; }

    public string Name { get; set; } = "";

    public List<CommitteeMember> Members { get; } = [];
}

/// <summary>A user's seat on a committee.</summary>
public sealed class CommitteeMember
{
    public Guid CommitteeId { get; set; }

    public string UserId { get; set; } = "";

    /// <summary>The chair (主任委员) of the committee.</summary>
    public bool IsChair { get; set; }
}

/// <summary>The role names of <see cref="RoleAssignment.Role"/>; a group key is <c>role@orgPath</c>.</summary>
public static class Roles
{
    public const string EnterpriseFiler = "enterprise-filer";
    public const string DistrictReviewer = "district-reviewer";
    public const string CityReviewer = "city-reviewer";
    public const string IndustryReviewer = "industry-reviewer";
    public const string ProvinceReviewer = "province-reviewer";
    public const string DepartmentReviewer = "department-reviewer";
    public const string CommitteeMember = "committee-member";
    public const string Admin = "admin";

    /// <summary>
    /// The leader of an organisation (单位负责人: the head of an enterprise, the chair of a union) who signs off what the
    /// organisation submits; <c>leaderOf(path)</c> in expressions names the holder.
    /// </summary>
    public const string Leader = "org-leader";

    /// <summary>
    /// An account of another system (the nominations portal, a registry) that delivers BPMN messages to the engine
    /// (<c>POST /api/messages</c>); it holds no review rights.
    /// </summary>
    public const string Integration = "integration";

    /// <summary>Every known role.</summary>
    public static IReadOnlyList<string> All { get; } =
        [EnterpriseFiler, DistrictReviewer, CityReviewer, IndustryReviewer, ProvinceReviewer, DepartmentReviewer, CommitteeMember, Leader, Integration, Admin];

    /// <summary>The roles that review nominations level by level or give an opinion.</summary>
    public static IReadOnlyList<string> Reviewers { get; } =
        [DistrictReviewer, CityReviewer, IndustryReviewer, ProvinceReviewer, DepartmentReviewer];

    /// <summary>The group key of <paramref name="role"/> in the organisation at <paramref name="organisationPath"/>: <c>city-reviewer@/gd/gz</c>.</summary>
    public static string GroupKey(string role, string organisationPath) => role + "@" + organisationPath;
}

/// <summary>Column sizes of the organisation tables.</summary>
public static class OrganisationLimits
{
    public const int CodeLength = 64;
    public const int NameLength = 200;
    public const int PathLength = 512;
    public const int RoleLength = 64;
    public const int KindLength = 32;
    public const int UserIdLength = 450;
}

internal sealed class OrganisationConfiguration : IEntityTypeConfiguration<Organisation>
{
    public void Configure(EntityTypeBuilder<Organisation> builder)
    {
        builder.ToTable("organisations");
        builder.HasKey(x => x.Id);
        builder.Property(x => x.Code).HasMaxLength(OrganisationLimits.CodeLength);
        builder.Property(x => x.Name).HasMaxLength(OrganisationLimits.NameLength);
        builder.Property(x => x.Kind).HasConversion<string>().HasMaxLength(OrganisationLimits.KindLength);
        builder.Property(x => x.Path).HasMaxLength(OrganisationLimits.PathLength);
        builder.HasIndex(x => x.Path).IsUnique();
        builder.HasIndex(x => x.ParentId);
        builder.HasIndex(x => x.Kind);
        builder.Ignore(x => x.IsClosed);
        builder.HasOne<Organisation>().WithMany().HasForeignKey(x => x.ParentId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class RoleAssignmentConfiguration : IEntityTypeConfiguration<RoleAssignment>
{
    public void Configure(EntityTypeBuilder<RoleAssignment> builder)
    {
        builder.ToTable("role_assignments");
        builder.HasKey(x => x.Id);
        builder.Property(x => x.UserId).HasMaxLength(OrganisationLimits.UserIdLength);
        builder.Property(x => x.Role).HasMaxLength(OrganisationLimits.RoleLength);
        builder.HasIndex(x => new { x.UserId, x.Role, x.OrganisationId }).IsUnique();
        builder.HasIndex(x => new { x.Role, x.OrganisationId });
        builder.HasOne(x => x.Organisation).WithMany().HasForeignKey(x => x.OrganisationId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Identity.WorkflowUser>().WithMany().HasForeignKey(x => x.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class CommitteeConfiguration : IEntityTypeConfiguration<Committee>
{
    public void Configure(EntityTypeBuilder<Committee> builder)
    {
        builder.ToTable("committees");
        builder.HasKey(x => x.Id);
        builder.Property(x => x.Name).HasMaxLength(OrganisationLimits.NameLength);
        builder.HasIndex(x => x.OrganisationId).IsUnique();
        builder.HasOne(x => x.Organisation).WithMany().HasForeignKey(x => x.OrganisationId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(x => x.Members).WithOne().HasForeignKey(x => x.CommitteeId).OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(x => x.Members).AutoInclude();
    }
}

internal sealed class CommitteeMemberConfiguration : IEntityTypeConfiguration<CommitteeMember>
{
    public void Configure(EntityTypeBuilder<CommitteeMember> builder)
    {
        builder.ToTable("committee_members");
        builder.HasKey(x => new { x.CommitteeId, x.UserId });
        builder.Property(x => x.UserId).HasMaxLength(OrganisationLimits.UserIdLength);
        builder.HasIndex(x => x.UserId);
        builder.HasOne<Identity.WorkflowUser>().WithMany().HasForeignKey(x => x.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
