using System.Globalization;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Workflows.Activities.Honours;
using Workflows.Activities.Identity;
using Workflows.Activities.Organisations;
using Workflows.Activities.Persistence;

namespace Workflows.FilingBench;

/// <summary>
/// The bench's enterprise users, written with the identity store before the run: N enterprises under 天河区
/// (<c>/gd/gz/th/bench-0001</c> …), each with its union and one enterprise filer (<c>bench-filer-0001</c> …) holding the
/// role at the union, all with one password (hashed once: PBKDF2 is slow on purpose). The organisation directory is
/// reloaded afterwards so that the host knows the new enterprises.
/// </summary>
public static class BenchUsers
{
    public const string Password = "Bench#2026";

    public const string DistrictPath = DemoSeed.TianhePath;

    public static string UserName(int i) => $"bench-filer-{i:0000}";

    public static string EnterprisePath(int i) => $"{DistrictPath}/bench-{i:0000}";

    public static string UnionPath(int i) => EnterprisePath(i) + "/union";

    public static async Task CreateAsync(IServiceProvider services, int count, CancellationToken ct = default)
    {
        await using (var db = services.GetRequiredService<HonoursDatabase>().CreateDbContext())
        {
            var district = await db.Organisations.SingleAsync(o => o.Path == DistrictPath, ct);
            var hash = new PasswordHasher<WorkflowUser>().HashPassword(new WorkflowUser(), Password);
            for (var i = 1; i <= count; i++)
            {
                var enterprise = Organisation(district.Id, EnterprisePath(i), $"bench-{i:0000}", $"天河测试企业{i:0000}有限公司", OrganisationKind.Enterprise);
                var union = Organisation(enterprise.Id, UnionPath(i), "union", $"天河测试企业{i:0000}有限公司工会", OrganisationKind.EnterpriseUnion);
                var name = UserName(i);
                var user = new WorkflowUser
                {
                    Id = Guid.CreateVersion7().ToString(),
                    UserName = name,
                    NormalizedUserName = name.ToUpperInvariant(),
                    Email = name + "@bench.local",
                    NormalizedEmail = (name + "@bench.local").ToUpperInvariant(),
                    EmailConfirmed = true,
                    DisplayName = "申报人" + i.ToString("0000", CultureInfo.InvariantCulture),
                    OrganisationId = union.Id,
                    LockoutEnabled = true,
                    SecurityStamp = Guid.NewGuid().ToString("N").ToUpperInvariant(),
                    ConcurrencyStamp = Guid.NewGuid().ToString(),
                    PasswordHash = hash,
                };
                db.Organisations.AddRange(enterprise, union);
                db.Users.Add(user);
                db.RoleAssignments.Add(new RoleAssignment { Id = Guid.CreateVersion7(), UserId = user.Id, Role = Roles.EnterpriseFiler, OrganisationId = union.Id });
            }

            await db.SaveChangesAsync(ct);
        }

        await services.GetRequiredService<OrganisationDirectory>().ReloadAsync(ct);
    }

    /// <summary>A valid 18-digit ID number (广州越秀区), distinct for each <paramref name="i"/> (and each round).</summary>
    public static string IdNumber(int i, int round)
    {
        var birth = new DateOnly(1970, 1, 1).AddDays((i * 7) + (round * 3));
        var first17 = "440104" + birth.ToString("yyyyMMdd", CultureInfo.InvariantCulture) + ((i % 500 * 2) + 1).ToString("000", CultureInfo.InvariantCulture);
        return first17 + NomineeIdentity.IdCheckCharacter(first17);
    }

    private static Organisation Organisation(Guid parent, string path, string code, string name, OrganisationKind kind) =>
        new() { Id = Guid.CreateVersion7(), Code = code, Name = name, Kind = kind, ParentId = parent, Path = path };
}
