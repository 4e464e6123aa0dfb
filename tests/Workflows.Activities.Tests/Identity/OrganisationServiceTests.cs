using Microsoft.EntityFrameworkCore;
using Workflows.Activities.Identity;
using Workflows.Activities.Organisations;
using Workflows.Activities.Persistence;
using Workflows.Activities.Tests.Persistence;

namespace Workflows.Activities.Tests.Identity;

public sealed class OrganisationServiceTests(TestDatabases databases) : IClassFixture<TestDatabases>
{
    private async Task<(HonoursDatabase Database, OrganisationService Service)> SeededAsync(DatabaseKind kind)
    {
        var database = await databases.CreateMigratedAsync(kind);
        await DemoSeed.SeedAsync(database);
        return (database, new OrganisationService(database));
    }

    [Theory, MemberData(nameof(TestDatabases.AllKinds), MemberType = typeof(TestDatabases))]
    public async Task Seed_builds_the_tree_of_Guangdong(DatabaseKind kind)
    {
        var (database, service) = await SeededAsync(kind);
        var province = await service.FindByPathAsync("/gd");
        province!.Name.Should().Be("广东省总工会");
        province.Kind.Should().Be(OrganisationKind.Province);

        var children = await service.ChildrenAsync(province.Id);
        var cities = children.Where(o => o.Kind == OrganisationKind.CityUnion).ToList();
        cities.Should().HaveCount(21);
        cities.Select(c => c.Name).Should().Contain(["广州市总工会", "深圳市总工会", "珠海市总工会", "东莞市总工会", "云浮市总工会"]);
        children.Should().Contain(o => o.Kind == OrganisationKind.IndustryUnion);
        children.Where(o => o.Kind == OrganisationKind.Department).Should().HaveCount(8, "seven joint-review departments and 宣传部");
        children.Should().Contain(o => o.Path == "/gd/dept-xcb" && o.Name == "中共广东省委宣传部");
        children.Should().ContainSingle(o => o.Kind == OrganisationKind.Committee);

        await using var db = database.CreateDbContext();
        (await db.Committees.SingleAsync()).Members.Should().HaveCount(5);
    }

    [Theory, MemberData(nameof(TestDatabases.AllKinds), MemberType = typeof(TestDatabases))]
    public async Task Ancestors_subtree_and_AncestorOfKind(DatabaseKind kind)
    {
        var (_, service) = await SeededAsync(kind);
        var union = await service.FindByPathAsync(DemoSeed.Enterprise1UnionPath);
        union!.Kind.Should().Be(OrganisationKind.EnterpriseUnion);

        var ancestors = await service.AncestorsAsync(union.Id);
        ancestors.Select(o => o.Path).Should().Equal("/gd", "/gd/gz", "/gd/gz/th", "/gd/gz/th/ent-001");

        var city = await service.AncestorOfKindAsync(union.Id, OrganisationKind.CityUnion);
        city!.Name.Should().Be("广州市总工会");
        city.Path.Should().Be("/gd/gz");
        (await service.AncestorOfKindAsync(union.Id, OrganisationKind.District))!.Name.Should().Be("天河区总工会");
        (await service.AncestorOfKindAsync(city.Id, OrganisationKind.CityUnion))!.Id.Should().Be(city.Id, "an organisation of the kind is its own answer");
        (await service.AncestorOfKindAsync(union.Id, OrganisationKind.IndustryUnion)).Should().BeNull();

        var tianhe = await service.FindByPathAsync(DemoSeed.TianhePath);
        var subtree = await service.SubtreeAsync(tianhe!.Id);
        subtree.Select(o => o.Path).Should().Equal(
            "/gd/gz/th", "/gd/gz/th/ent-001", "/gd/gz/th/ent-001/union", "/gd/gz/th/ent-002", "/gd/gz/th/ent-002/union");
    }

    [Theory, MemberData(nameof(TestDatabases.AllKinds), MemberType = typeof(TestDatabases))]
    public async Task Group_keys_name_role_and_organisation_path(DatabaseKind kind)
    {
        var (database, service) = await SeededAsync(kind);
        await using var db = database.CreateDbContext();
        var ids = await db.Users.ToDictionaryAsync(u => u.UserName!, u => u.Id);

        (await service.GroupKeysAsync(ids["city-reviewer"])).Should().Equal("city-reviewer@/gd/gz");
        (await service.GroupKeysAsync(ids["district-reviewer"])).Should().Equal("district-reviewer@/gd/gz/th");
        (await service.GroupKeysAsync(ids["filer"])).Should().Equal("enterprise-filer@/gd/gz/th/ent-001/union");
        (await service.GroupKeysAsync(ids["dept-reviewer"])).Should().Equal("department-reviewer@/gd/dept-rs");
        (await service.GroupKeysAsync(ids["admin"])).Should().Equal("admin@/gd");
        (await service.GroupKeysAsync(ids["committee3"])).Should().Equal("committee-member@/gd/committee");

        var roles = await service.RolesOfAsync(ids["city-reviewer"]);
        roles.Should().ContainSingle().Which.OrganisationName.Should().Be("广州市总工会");

        (await service.MembersOfAsync(Roles.CityReviewer, "/gd/gz")).Should().Equal(ids["city-reviewer"]);
        (await service.MembersOfAsync(Roles.CommitteeMember, DemoSeed.CommitteePath)).Should().HaveCount(5);
    }

    [Theory, MemberData(nameof(TestDatabases.AllKinds), MemberType = typeof(TestDatabases))]
    public async Task Seeding_twice_changes_nothing(DatabaseKind kind)
    {
        var database = await databases.CreateMigratedAsync(kind);
        var first = await DemoSeed.SeedAsync(database);
        first.Changed.Should().BeTrue();
        first.Users.Should().Be(DemoSeed.Accounts.Count);

        string[] hashes;
        await using (var db = database.CreateDbContext())
        {
            hashes = [.. (await db.Users.OrderBy(u => u.UserName).ToListAsync()).Select(u => u.PasswordHash + u.SecurityStamp)];
        }

        var second = await DemoSeed.SeedAsync(database);
        second.Should().Be(new DemoSeedResult(0, 0, 0, 0));

        await using var check = database.CreateDbContext();
        (await check.Organisations.CountAsync()).Should().Be(first.Organisations);
        (await check.RoleAssignments.CountAsync()).Should().Be(first.RoleAssignments);
        (await check.CommitteeMembers.CountAsync()).Should().Be(5);
        (await check.Users.OrderBy(u => u.UserName).ToListAsync()).Select(u => u.PasswordHash + u.SecurityStamp).Should().Equal(hashes);
    }

    [Fact]
    public void Ancestor_paths_are_the_prefixes()
    {
        Organisation.AncestorPaths("/gd/gz/th").Should().Equal("/gd", "/gd/gz");
        Organisation.AncestorPaths("/gd").Should().BeEmpty();
        Roles.GroupKey(Roles.CityReviewer, "/gd/gz").Should().Be("city-reviewer@/gd/gz");
    }
}
