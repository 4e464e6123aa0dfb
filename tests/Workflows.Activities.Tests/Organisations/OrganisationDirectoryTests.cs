using Workflows.Activities.Identity;
using Workflows.Activities.Organisations;
using Workflows.Activities.Persistence;
using Workflows.Activities.Tests.Persistence;
using Workflows.Engine;
using Workflows.Engine.Expressions;
using Workflows.Engine.Persistence;

namespace Workflows.Activities.Tests.Organisations;

/// <summary>
/// The organisation directory on the demo tree (SQLite, PostgreSQL, in memory) and the expression functions it backs:
/// cityOf the demo enterprise is Guangzhou, leaderOf it is the demo leader, membersOf the committee are its five seats.
/// </summary>
public sealed class OrganisationDirectoryTests(TestDatabases databases) : IClassFixture<TestDatabases>
{
    private async Task<(HonoursDatabase Database, OrganisationDirectory Directory)> SeededAsync(DatabaseKind kind)
    {
        var database = await databases.CreateMigratedAsync(kind);
        await DemoSeed.SeedAsync(database);
        var directory = new OrganisationDirectory(database);
        await directory.ReloadAsync();
        return (database, directory);
    }

    [Theory, MemberData(nameof(TestDatabases.AllKinds), MemberType = typeof(TestDatabases))]
    public async Task The_directory_holds_the_demo_tree_and_its_role_holders(DatabaseKind kind)
    {
        var (_, directory) = await SeededAsync(kind);
        directory.IsLoaded.Should().BeTrue();
        directory.Count.Should().Be(1 + 21 + DemoSeed.IndustryUnions.Count + 5 + DemoSeed.Departments.Count + 1 + 1, "the province, cities, industry unions, 天河 and its enterprises, the joint-review departments, 宣传部 and the committee");

        var enterprise = directory.Find(DemoSeed.Enterprise1Path)!;
        enterprise.Name.Should().Be("广州天河智联软件有限公司");
        enterprise.Kind.Should().Be(OrganisationKind.Enterprise);
        directory.Find(DemoSeed.Enterprise1Path + "/").Should().Be(enterprise, "a trailing slash names the same organisation");
        directory.Find("/gd/nowhere").Should().BeNull();
        directory.Find("gd/gz").Should().BeNull("a path starts with /");

        directory.AncestorOfKind(DemoSeed.Enterprise1UnionPath, OrganisationKind.CityUnion)!.Path.Should().Be("/gd/gz");
        directory.AncestorOfKind(DemoSeed.Enterprise1UnionPath, OrganisationKind.District)!.Name.Should().Be("天河区总工会");
        directory.AncestorOfKind(DemoSeed.Enterprise1UnionPath, OrganisationKind.Enterprise)!.Path.Should().Be(DemoSeed.Enterprise1Path);
        directory.AncestorOfKind("/gd/gz", OrganisationKind.CityUnion)!.Path.Should().Be("/gd/gz", "an organisation of the kind is its own answer");
        directory.AncestorOfKind("/gd/gz", OrganisationKind.District).Should().BeNull("nothing above a city union is a district");
        directory.AncestorOfKind("/gd/nowhere", OrganisationKind.Province).Should().BeNull();

        directory.MembersOf(Roles.CityReviewer, "/gd/gz").Should().Equal("city-reviewer");
        directory.MembersOf(Roles.Leader, DemoSeed.Enterprise1Path).Should().Equal("leader");
        directory.MembersOf(Roles.CommitteeMember, DemoSeed.CommitteePath).Should().Equal("committee1", "committee2", "committee3", "committee4", "committee5");
        directory.MembersOf(Roles.CityReviewer, "/gd/zh").Should().BeEmpty();
    }

    [Theory, MemberData(nameof(TestDatabases.DurableKinds), MemberType = typeof(TestDatabases))]
    public async Task A_reload_brings_changes_an_old_snapshot_does_not_have(DatabaseKind kind)
    {
        var (database, directory) = await SeededAsync(kind);
        var loadedAt = directory.LoadedAt;
        await using (var db = database.CreateDbContext())
        {
            var zhuhai = db.Organisations.Single(o => o.Path == "/gd/zh");
            var reviewer = db.Users.Single(u => u.UserName == "city-reviewer");
            db.Organisations.Add(new Organisation { Id = Guid.CreateVersion7(), Code = "xz", Name = "香洲区总工会", Kind = OrganisationKind.District, ParentId = zhuhai.Id, Path = "/gd/zh/xz" });
            db.RoleAssignments.Add(new RoleAssignment { Id = Guid.CreateVersion7(), UserId = reviewer.Id, Role = Roles.CityReviewer, OrganisationId = zhuhai.Id });
            await db.SaveChangesAsync();
        }

        directory.Find("/gd/zh/xz").Should().BeNull("the snapshot is read only by a reload");
        directory.MembersOf(Roles.CityReviewer, "/gd/zh").Should().BeEmpty();

        await directory.ReloadAsync();
        directory.Find("/gd/zh/xz")!.Kind.Should().Be(OrganisationKind.District);
        directory.AncestorOfKind("/gd/zh/xz", OrganisationKind.CityUnion)!.Name.Should().Be("珠海市总工会");
        directory.MembersOf(Roles.CityReviewer, "/gd/zh").Should().Equal("city-reviewer");
        directory.LoadedAt.Should().BeOnOrAfter(loadedAt!.Value);
    }

    [Fact]
    public async Task The_functions_answer_in_expressions_on_the_demo_tree()
    {
        var (_, directory) = await SeededAsync(DatabaseKind.Sqlite);
        var engine = EngineWith(directory);
        var variables = new Variables(new() { ["initiatorOrg"] = DemoSeed.Enterprise1Path, ["unionOrg"] = DemoSeed.Enterprise1UnionPath });

        engine.Expressions.Evaluate("${cityOf(initiatorOrg)}", variables).Should().Be("/gd/gz");
        engine.Expressions.Evaluate("${districtOf(initiatorOrg)}", variables).Should().Be("/gd/gz/th");
        engine.Expressions.Evaluate("${provinceOf(initiatorOrg)}", variables).Should().Be("/gd");
        engine.Expressions.Evaluate("${enterpriseOf(unionOrg)}", variables).Should().Be(DemoSeed.Enterprise1Path);
        engine.Expressions.Evaluate("${orgOfKind(unionOrg, 'city')}", variables).Should().Be("/gd/gz");
        engine.Expressions.Evaluate("${orgOfKind(unionOrg, 'CityUnion')}", variables).Should().Be("/gd/gz");
        engine.Expressions.Evaluate("${orgOfKind(unionOrg, 'district')}", variables).Should().Be("/gd/gz/th");
        engine.Expressions.Evaluate("${'city-reviewer@' + cityOf(initiatorOrg)}", variables).Should().Be("city-reviewer@/gd/gz");
        engine.Expressions.Evaluate("${orgOfKind('/gd/gz', 'district')}", variables).Should().BeNull("a city union has no district above it");
        engine.Expressions.Evaluate("${districtOf('/gd/gz') || cityOf('/gd/gz')}", variables).Should().Be("/gd/gz");
        engine.Expressions.Evaluate("${leaderOf(initiatorOrg)}", variables).Should().Be("leader");
        engine.Expressions.Evaluate("${membersOf('city-reviewer', cityOf(initiatorOrg))}", variables)
            .Should().BeEquivalentTo(new List<object?> { "city-reviewer" });
        engine.Expressions.Evaluate("${membersOf('committee-member@/gd/committee').length}", variables).Should().Be(5L);
        engine.Expressions.Evaluate("${membersOf('city-reviewer', '/gd/zh').length}", variables).Should().Be(0L);
    }

    [Fact]
    public async Task Wrong_paths_kinds_and_missing_leaders_are_errors_that_say_what_to_fix()
    {
        var (_, directory) = await SeededAsync(DatabaseKind.Sqlite);
        var engine = EngineWith(directory);
        var variables = new Variables(new() { ["initiatorOrg"] = DemoSeed.Enterprise2Path, ["unset"] = null });

        Fails(engine, "${cityOf('/gd/nowhere')}", variables).Should().Contain("cityOf()").And.Contain("no organisation has the path '/gd/nowhere'");
        Fails(engine, "${cityOf(unset)}", variables).Should().Contain("cityOf()").And.Contain("the organisation path is empty");
        Fails(engine, "${cityOf(undeclared)}", variables).Should().Contain("undeclared is not defined");
        Fails(engine, "${orgOfKind(initiatorOrg, 'town')}", variables).Should().Contain("'town' is not a kind of organisation").And.Contain("city");
        Fails(engine, "${leaderOf(initiatorOrg)}", variables).Should().Contain("广州珠江精密电气有限公司").And.Contain("has no leader").And.Contain(Roles.Leader);
        Fails(engine, "${membersOf('city-reviewer@/gd/gz', '/gd/gz')}", variables).Should().Contain("leave out the second argument");
        Fails(engine, "${membersOf('', '/gd/gz')}", variables).Should().Contain("the role is empty");

        var unloaded = EngineWith(new OrganisationDirectory(await databases.CreateMigratedAsync(DatabaseKind.Sqlite)));
        Fails(unloaded, "${cityOf('/gd/gz')}", variables).Should().Contain("not loaded yet");
    }

    [Theory]
    [InlineData("city", OrganisationKind.CityUnion)]
    [InlineData("CITY", OrganisationKind.CityUnion)]
    [InlineData("cityUnion", OrganisationKind.CityUnion)]
    [InlineData("union", OrganisationKind.EnterpriseUnion)]
    [InlineData("EnterpriseUnion", OrganisationKind.EnterpriseUnion)]
    [InlineData(" district ", OrganisationKind.District)]
    public void Kinds_are_read_by_short_word_or_name(string text, OrganisationKind kind)
    {
        OrganisationKinds.TryParse(text, out var parsed).Should().BeTrue();
        parsed.Should().Be(kind);
    }

    [Theory]
    [InlineData("town")]
    [InlineData("1")]
    [InlineData("-1")]
    [InlineData("")]
    [InlineData(null)]
    public void Other_kinds_are_refused(string? text) => OrganisationKinds.TryParse(text, out _).Should().BeFalse();

    private static WorkflowEngine EngineWith(OrganisationDirectory directory) => new(
        WorkflowStores.Create(new WorkflowStoreOptions { Provider = WorkflowStoreProvider.InMemory }),
        functions: [new OrganisationExpressionFunctions(directory)]);

    private static string Fails(WorkflowEngine engine, string expression, IVariableReader variables)
    {
        var act = () => engine.Expressions.Evaluate(expression, variables);
        return act.Should().Throw<ExpressionException>().Which.Message;
    }

    private sealed class Variables(Dictionary<string, object?> values) : IVariableReader
    {
        public bool TryGetVariable(string name, out object? value) => values.TryGetValue(name, out value);

        public IEnumerable<KeyValuePair<string, object?>> AllVariables() => values;
    }
}
