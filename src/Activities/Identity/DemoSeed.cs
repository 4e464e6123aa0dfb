using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Workflows.Activities.Organisations;
using Workflows.Activities.Persistence;

namespace Workflows.Activities.Identity;

/// <summary>A demo sign-in (listed in the README and printed by the host when the demo seed is on).</summary>
public sealed record DemoAccount(string UserName, string Password, string DisplayName, string Role, string OrganisationPath, string Description);

/// <summary>What <see cref="DemoSeed.SeedAsync"/> added (all zero on a database that is already seeded).</summary>
public sealed record DemoSeedResult(int Organisations, int Users, int RoleAssignments, int CommitteeMembers)
{
    public bool Changed => Organisations + Users + RoleAssignments + CommitteeMembers > 0;
}

/// <summary>
/// The demo data of the embedded default configuration (<c>Workflows:Seed:Demo</c> = true; a production
/// configuration seeds nothing): the organisation tree of Guangdong (province, the 21 city unions, some industry
/// unions, 天河区总工会 with two enterprises and their unions, the joint-review departments, a review committee of five)
/// and one user per kind of user (<see cref="Accounts"/>). Idempotent: rows that exist (same path, same user name,
/// same assignment) are left alone, so seeding twice changes nothing.
/// </summary>
public static class DemoSeed
{
    public const string AdminPassword = "Admin#2026";
    public const string DemoPassword = "Demo#2026";

    public const string ProvincePath = "/gd";
    public const string GuangzhouPath = "/gd/gz";
    public const string ShenzhenPath = "/gd/sz";
    public const string TianhePath = "/gd/gz/th";
    public const string Enterprise1Path = "/gd/gz/th/ent-001";
    public const string Enterprise1UnionPath = "/gd/gz/th/ent-001/union";
    public const string Enterprise2Path = "/gd/gz/th/ent-002";
    public const string Enterprise2UnionPath = "/gd/gz/th/ent-002/union";
    public const string HumanResourcesPath = "/gd/dept-rs";
    public const string PublicityPath = "/gd/dept-xcb";
    public const string CommitteePath = "/gd/committee";

    /// <summary>The 21 prefecture-level cities of Guangdong: code and city union name.</summary>
    public static IReadOnlyList<(string Code, string Name)> CityUnions { get; } =
    [
        ("gz", "广州市总工会"), ("sz", "深圳市总工会"), ("zh", "珠海市总工会"), ("st", "汕头市总工会"), ("fs", "佛山市总工会"),
        ("sg", "韶关市总工会"), ("hy", "河源市总工会"), ("mz", "梅州市总工会"), ("hz", "惠州市总工会"), ("sw", "汕尾市总工会"),
        ("dg", "东莞市总工会"), ("zs", "中山市总工会"), ("jm", "江门市总工会"), ("yj", "阳江市总工会"), ("zj", "湛江市总工会"),
        ("mm", "茂名市总工会"), ("zq", "肇庆市总工会"), ("qy", "清远市总工会"), ("cz", "潮州市总工会"), ("jy", "揭阳市总工会"),
        ("yf", "云浮市总工会"),
    ];

    /// <summary>Some provincial industry unions (省产业工会).</summary>
    public static IReadOnlyList<(string Code, string Name)> IndustryUnions { get; } =
    [
        ("ind-jkww", "广东省教科文卫工会"), ("ind-jxyj", "广东省机械冶金建材工会"), ("ind-jr", "广东省金融工会"), ("ind-jt", "广东省交通运输工会"),
    ];

    /// <summary>The joint-review departments (联审部门).</summary>
    public static IReadOnlyList<(string Code, string Name)> Departments { get; } =
    [
        ("dept-rs", "广东省人力资源和社会保障厅"), ("dept-scjg", "广东省市场监督管理局"), ("dept-sw", "国家税务总局广东省税务局"),
        ("dept-yjgl", "广东省应急管理厅"), ("dept-sthj", "广东省生态环境厅"), ("dept-sj", "广东省审计厅"), ("dept-jjjc", "广东省纪委监委"),
    ];

    /// <summary>The demo sign-ins, one per kind of user.</summary>
    public static IReadOnlyList<DemoAccount> Accounts { get; } =
    [
        new("admin", AdminPassword, "省总工会管理员", Roles.Admin, ProvincePath, "provincial administrator 省总工会管理员"),
        new("filer", DemoPassword, "陈申报", Roles.EnterpriseFiler, Enterprise1UnionPath, "enterprise filer 企业工会申报人"),
        new("filer2", DemoPassword, "李申报", Roles.EnterpriseFiler, Enterprise2UnionPath, "enterprise filer of another enterprise 另一企业工会申报人"),
        new("leader", DemoPassword, "郑厂长", Roles.Leader, Enterprise1Path, "enterprise leader 企业负责人 (leaderOf)"),
        new("district-reviewer", DemoPassword, "林区审", Roles.DistrictReviewer, TianhePath, "district reviewer 天河区总工会审核人"),
        new("city-reviewer", DemoPassword, "黄市审", Roles.CityReviewer, GuangzhouPath, "city reviewer 广州市总工会审核人"),
        new("sz-reviewer", DemoPassword, "何深审", Roles.CityReviewer, ShenzhenPath, "city reviewer of another city 深圳市总工会审核人"),
        new("province-reviewer", DemoPassword, "周省审", Roles.ProvinceReviewer, ProvincePath, "provincial reviewer 省总工会审核人"),
        new("dept-reviewer", DemoPassword, "吴人社", Roles.DepartmentReviewer, HumanResourcesPath, "department reviewer 人社厅联审人"),
        new("xcb-reviewer", DemoPassword, "许宣审", Roles.DepartmentReviewer, PublicityPath, "publicity department reviewer 省委宣传部（南粤工匠专家评审）"),
        new("committee1", DemoPassword, "评委一", Roles.CommitteeMember, CommitteePath, "committee member (chair) 评审委员会主任委员"),
        new("committee2", DemoPassword, "评委二", Roles.CommitteeMember, CommitteePath, "committee member 评审委员"),
        new("committee3", DemoPassword, "评委三", Roles.CommitteeMember, CommitteePath, "committee member 评审委员"),
        new("committee4", DemoPassword, "评委四", Roles.CommitteeMember, CommitteePath, "committee member 评审委员"),
        new("committee5", DemoPassword, "评委五", Roles.CommitteeMember, CommitteePath, "committee member 评审委员"),
    ];

    private static IEnumerable<(string? Parent, string Code, string Name, OrganisationKind Kind)> Tree()
    {
        yield return (null, "gd", "广东省总工会", OrganisationKind.Province);
        foreach (var (code, name) in CityUnions)
        {
            yield return (ProvincePath, code, name, OrganisationKind.CityUnion);
        }

        foreach (var (code, name) in IndustryUnions)
        {
            yield return (ProvincePath, code, name, OrganisationKind.IndustryUnion);
        }

        yield return (GuangzhouPath, "th", "天河区总工会", OrganisationKind.District);
        yield return (TianhePath, "ent-001", "广州天河智联软件有限公司", OrganisationKind.Enterprise);
        yield return (Enterprise1Path, "union", "广州天河智联软件有限公司工会", OrganisationKind.EnterpriseUnion);
        yield return (TianhePath, "ent-002", "广州珠江精密电气有限公司", OrganisationKind.Enterprise);
        yield return (Enterprise2Path, "union", "广州珠江精密电气有限公司工会", OrganisationKind.EnterpriseUnion);
        foreach (var (code, name) in Departments)
        {
            yield return (ProvincePath, code, name, OrganisationKind.Department);
        }

        // Not a joint-review department: 宣传部 runs the expert review and interview of 南粤工匠.
        yield return (ProvincePath, "dept-xcb", "中共广东省委宣传部", OrganisationKind.Department);
        yield return (ProvincePath, "committee", "广东省总工会荣誉评审委员会", OrganisationKind.Committee);
    }

    /// <summary>
    /// Marks demo accounts that still have their published password (<see cref="PasswordState.Demo"/>), for a database
    /// seeded before the password state existed; a host that accepts remote clients then asks for a change at their
    /// first sign-in. Answers how many were marked. Verifies one hash per account: run it only when remote clients are allowed.
    /// </summary>
    public static async Task<int> MarkDemoPasswordsAsync(HonoursDatabase database, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(database);
        await using var db = database.CreateDbContext();
        var names = Accounts.Select(a => a.UserName.ToUpperInvariant()).ToList();
        var users = await db.Users.Where(u => names.Contains(u.NormalizedUserName!) && u.PasswordState == PasswordState.Own).ToListAsync(ct).ConfigureAwait(false);
        var hasher = new PasswordHasher<WorkflowUser>();
        var marked = 0;
        foreach (var user in users)
        {
            var account = Accounts.First(a => a.UserName.Equals(user.UserName, StringComparison.OrdinalIgnoreCase));
            if (user.PasswordHash is { } hash && hasher.VerifyHashedPassword(user, hash, account.Password) != PasswordVerificationResult.Failed)
            {
                user.PasswordState = PasswordState.Demo;
                marked++;
            }
        }

        await db.SaveChangesAsync(ct).ConfigureAwait(false);
        return marked;
    }

    /// <summary>Adds the missing demo rows (see the class summary).</summary>
    public static async Task<DemoSeedResult> SeedAsync(HonoursDatabase database, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(database);
        await using var db = database.CreateDbContext();
        await using var tx = await db.Database.BeginTransactionAsync(ct).ConfigureAwait(false);

        // Organisations (parents come first in Tree()).
        var byPath = await db.Organisations.ToDictionaryAsync(o => o.Path, StringComparer.Ordinal, ct).ConfigureAwait(false);
        var organisations = 0;
        foreach (var (parent, code, name, kind) in Tree())
        {
            var path = Organisation.ChildPath(parent, code);
            if (byPath.ContainsKey(path))
            {
                continue;
            }

            var node = new Organisation
            {
                Id = Guid.CreateVersion7(),
                Code = code,
                Name = name,
                Kind = kind,
                ParentId = parent is null ? null : byPath[parent].Id,
                Path = path,
            };
            db.Organisations.Add(node);
            byPath[path] = node;
            organisations++;
        }

        var committee = await db.Committees.FirstOrDefaultAsync(c => c.OrganisationId == byPath[CommitteePath].Id, ct).ConfigureAwait(false);
        if (committee is null)
        {
            committee = new Committee { Id = Guid.CreateVersion7(), OrganisationId = byPath[CommitteePath].Id, Name = byPath[CommitteePath].Name };
            db.Committees.Add(committee);
        }

        // Users: hash each distinct password once (PBKDF2 is slow on purpose).
        var hasher = new PasswordHasher<WorkflowUser>();
        var hashes = new Dictionary<string, string>(StringComparer.Ordinal);
        var names = Accounts.Select(a => a.UserName.ToUpperInvariant()).ToList();
        var users = await db.Users.Where(u => names.Contains(u.NormalizedUserName!))
            .ToDictionaryAsync(u => u.NormalizedUserName!, StringComparer.Ordinal, ct).ConfigureAwait(false);
        var assignments = await db.RoleAssignments.Select(r => new { r.UserId, r.Role, r.OrganisationId }).ToListAsync(ct).ConfigureAwait(false);
        var addedUsers = 0;
        var addedRoles = 0;
        var addedSeats = 0;
        foreach (var account in Accounts)
        {
            var organisation = byPath[account.OrganisationPath];
            if (!users.TryGetValue(account.UserName.ToUpperInvariant(), out var user))
            {
                user = new WorkflowUser
                {
                    Id = Guid.CreateVersion7().ToString(),
                    UserName = account.UserName,
                    NormalizedUserName = account.UserName.ToUpperInvariant(),
                    Email = account.UserName + "@honours.gdftu.local",
                    NormalizedEmail = (account.UserName + "@honours.gdftu.local").ToUpperInvariant(),
                    EmailConfirmed = true,
                    DisplayName = account.DisplayName,
                    OrganisationId = account.Role == Roles.CommitteeMember ? byPath[ProvincePath].Id : organisation.Id,
                    LockoutEnabled = true,
                    PasswordState = PasswordState.Demo, // changed at first sign-in when the host allows remote clients
                    SecurityStamp = Guid.NewGuid().ToString("N").ToUpperInvariant(),
                    ConcurrencyStamp = Guid.NewGuid().ToString(),
                };
                if (!hashes.TryGetValue(account.Password, out var hash))
                {
                    hash = hasher.HashPassword(user, account.Password);
                    hashes[account.Password] = hash;
                }

                user.PasswordHash = hash;
                db.Users.Add(user);
                users[user.NormalizedUserName] = user;
                addedUsers++;
            }

            if (account.Role == Roles.CommitteeMember)
            {
                if (!committee.Members.Any(m => m.UserId == user.Id))
                {
                    committee.Members.Add(new CommitteeMember { CommitteeId = committee.Id, UserId = user.Id, IsChair = account.UserName == "committee1" });
                    addedSeats++;
                }

                continue;
            }

            if (!assignments.Any(r => r.UserId == user.Id && r.Role == account.Role && r.OrganisationId == organisation.Id))
            {
                db.RoleAssignments.Add(new RoleAssignment { Id = Guid.CreateVersion7(), UserId = user.Id, Role = account.Role, OrganisationId = organisation.Id });
                addedRoles++;
            }
        }

        await db.SaveChangesAsync(ct).ConfigureAwait(false);
        await tx.CommitAsync(ct).ConfigureAwait(false);
        return new DemoSeedResult(organisations, addedUsers, addedRoles, addedSeats);
    }
}
