using System.Net;
using System.Text.Json;

namespace Workflows.Host.Tests.Administration;

/// <summary>
/// A moved enterprise's open items stay where they were started: the instance and its task keep the old path and the
/// candidate group of the old city, the old city's reviewer still sees and completes it, and the enterprise's leader
/// is still found through the old path (the directory keeps the former path); the reviewer of the new city does not
/// see it. An item started after the move follows the new place.
/// </summary>
public sealed class MovedEnterpriseScopeTests(HostFactory factory) : IClassFixture<HostFactory>
{
    private const string Key = "movedEnterpriseScope";

    private static readonly string Xml = Models.Document(Key, $"""
        <startEvent id="start" />
        <userTask id="cityReview" name="市级审核" camunda:candidateGroups="${"{"}'city-reviewer@' + cityOf(initiatorOrg){"}"}" />
        <userTask id="leaderSignOff" name="单位负责人审批" camunda:assignee="${"{"}leaderOf(enterpriseOf(initiatorOrg)){"}"}" />
        <endEvent id="end" />
        {Models.Flow("f1", "start", "cityReview")}
        {Models.Flow("f2", "cityReview", "leaderSignOff")}
        {Models.Flow("f3", "leaderSignOff", "end")}
        """, "迁移后的范围");

    [Fact]
    public async Task Open_items_of_a_moved_enterprise_stay_with_the_old_city_and_new_items_follow_the_new_one()
    {
        using var admin = factory.CreateClient();
        await admin.DeployAndPublishAsync(Xml);

        using (var filer = factory.CreateClientAs("filer"))
        {
            var before = await filer.StartAsync(Key, "MOVE-OLD");
            var task = before.GetProperty("tasks").EnumerateArray().Single();
            AdminApi.Strings(task.GetProperty("candidateGroups")).Should().Equal("city-reviewer@/gd/gz");
        }

        await admin.AddOrganisationAsync("/gd/sz", "ns", "南山区总工会", "district");
        var moved = await admin.MoveAsync("/gd/gz/th/ent-001", "/gd/sz/ns");
        moved.GetProperty("path").GetString().Should().Be("/gd/sz/ns/ent-001");

        // The open item stays with 广州: its reviewer sees and completes it; 深圳's reviewer does not see it.
        var oldTask = await OpenTaskAsync(admin, "MOVE-OLD");
        (await InitiatorOrgAsync(admin, oldTask.GetProperty("instanceId").GetString()!)).Should().Be("/gd/gz/th/ent-001/union", "the instance keeps the path it was started with");
        using (var shenzhen = factory.CreateClientAs("sz-reviewer"))
        {
            using var hidden = await shenzhen.GetAsync($"/api/tasks/{oldTask.GetProperty("id").GetString()}");
            hidden.StatusCode.Should().BeOneOf(HttpStatusCode.NotFound, HttpStatusCode.Forbidden);
        }

        using (var guangzhou = factory.CreateClientAs("city-reviewer"))
        {
            using var completed = await guangzhou.CompleteAsync(oldTask.GetProperty("id").GetString()!, new { approved = true });
            var body = await completed.Content.ReadAsStringAsync();
            completed.StatusCode.Should().Be(HttpStatusCode.OK, body);
            var next = (await completed.JsonAsync()).GetProperty("tasks").EnumerateArray().Single();
            next.GetProperty("elementId").GetString().Should().Be("leaderSignOff");
            next.GetProperty("assignee").GetString().Should().Be("leader", "leaderOf(the enterprise's former path) still finds its leader");
        }

        // The filer signs in again (the sign-in carries the new path) and starts a new item: it goes to 深圳.
        using (var filer = factory.CreateClientAs("filer"))
        {
            var after = await filer.StartAsync(Key, "MOVE-NEW");
            var task = after.GetProperty("tasks").EnumerateArray().Single();
            AdminApi.Strings(task.GetProperty("candidateGroups")).Should().Equal("city-reviewer@/gd/sz");
            (await InitiatorOrgAsync(admin, after.GetProperty("id").GetString()!)).Should().Be("/gd/sz/ns/ent-001/union");
            using var oldInstance = await filer.GetAsync($"/api/instances/{oldTask.GetProperty("instanceId").GetString()}");
            oldInstance.StatusCode.Should().Be(HttpStatusCode.OK, "the filer still reads what the enterprise filed before the move");
        }

        var newTask = await OpenTaskAsync(admin, "MOVE-NEW");
        using (var guangzhou = factory.CreateClientAs("city-reviewer"))
        {
            using var hidden = await guangzhou.GetAsync($"/api/tasks/{newTask.GetProperty("id").GetString()}");
            hidden.StatusCode.Should().BeOneOf(HttpStatusCode.NotFound, HttpStatusCode.Forbidden);
        }

        using (var shenzhen = factory.CreateClientAs("sz-reviewer"))
        {
            using var completed = await shenzhen.CompleteAsync(newTask.GetProperty("id").GetString()!, new { approved = true });
            completed.StatusCode.Should().Be(HttpStatusCode.OK, await completed.Content.ReadAsStringAsync());
        }
    }

    private static async Task<string?> InitiatorOrgAsync(HttpClient admin, string instanceId) =>
        (await admin.GetJsonAsync($"/api/instances/{instanceId}")).GetProperty("variables").GetProperty("initiatorOrg").GetString();

    private static async Task<JsonElement> OpenTaskAsync(HttpClient admin, string businessKey) =>
        (await admin.GetJsonAsync($"/api/tasks?businessKey={businessKey}")).GetProperty("items").EnumerateArray().Single();
}
