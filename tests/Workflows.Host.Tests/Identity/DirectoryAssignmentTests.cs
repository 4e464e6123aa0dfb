using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Workflows.Host.Tests.Identity;

/// <summary>
/// Assignment from the organisation directory through the whole host: a process names its handlers relative to the
/// initiator's organisation (<c>leaderOf</c>, <c>cityOf</c>, <c>membersOf</c>), the demo users find and complete
/// their tasks with their own sign-in, and the history records who acted.
/// <para>
/// The engine reads <c>city-reviewer@${cityOf(initiatorOrg)}</c> (text around an expression) as plain text, and splits
/// candidate lists at commas before evaluating them, so this design writes one pure expression per attribute, without
/// commas: <c>${'city-reviewer@' + cityOf(initiatorOrg)}</c>, <c>membersOf('role@path')</c>. <c>initiatorOrg</c> is
/// the starter's organisation (the engine sets it; a caller may not).
/// </para>
/// </summary>
public sealed class DirectoryAssignmentTests(HostFactory factory) : IClassFixture<HostFactory>
{
    private const string Key = "directoryAssignment";

    private static readonly string Xml = Models.Document(Key, $"""
        <startEvent id="start" />
        <userTask id="leaderSignOff" name="单位负责人审批" camunda:assignee="${"{"}leaderOf(enterpriseOf(initiatorOrg)){"}"}" />
        <userTask id="cityReview" name="市级审核" camunda:candidateGroups="${"{"}'city-reviewer@' + cityOf(initiatorOrg){"}"}" />
        <userTask id="committeeReview" name="评审委员会评审" camunda:candidateUsers="${"{"}membersOf('committee-member@/gd/committee'){"}"}" />
        <endEvent id="end" />
        {Models.Flow("f1", "start", "leaderSignOff")}
        {Models.Flow("f2", "leaderSignOff", "cityReview")}
        {Models.Flow("f3", "cityReview", "committeeReview")}
        {Models.Flow("f4", "committeeReview", "end")}
        """, "按组织分派");

    private async Task EnsureDeployedAsync()
    {
        using var admin = factory.CreateClient();
        var definitions = await admin.GetJsonAsync($"/api/definitions?key={Key}");
        if (definitions.GetArrayLength() == 0)
        {
            await admin.DeployAndPublishAsync(Xml);
        }
    }

    [Fact]
    public async Task The_leader_then_the_city_reviewers_then_the_committee_of_the_initiator_s_organisation_get_the_tasks()
    {
        await EnsureDeployedAsync();
        using var filer = factory.CreateClientAs("filer");
        var businessKey = "DA-" + Guid.NewGuid().ToString("N")[..8];
        var started = await filer.StartAsync(Key, businessKey);
        var instanceId = started.GetProperty("id").GetString()!;
        var signOff = started.GetProperty("tasks").EnumerateArray().Single();
        signOff.GetProperty("elementId").GetString().Should().Be("leaderSignOff");
        signOff.GetProperty("assignee").GetString().Should().Be("leader", "leaderOf(/gd/gz/th/ent-001) is the demo enterprise's leader");

        using var leader = factory.CreateClientAs("leader");
        var mine = await leader.GetJsonAsync($"/api/me/todo?businessKey={businessKey}"); // the leader holds no organisation scope: their own to-do list
        mine.GetProperty("items").EnumerateArray().Should().ContainSingle();
        var afterLeader = await CompleteAsync(leader, signOff.GetProperty("id").GetString()!);
        var cityReview = afterLeader.GetProperty("tasks").EnumerateArray().Single();
        cityReview.GetProperty("elementId").GetString().Should().Be("cityReview");
        Strings(cityReview.GetProperty("candidateGroups")).Should().Equal("city-reviewer@/gd/gz");

        using var cityReviewer = factory.CreateClientAs("city-reviewer");
        var me = await cityReviewer.GetJsonAsync("/api/auth/me");
        var groups = Strings(me.GetProperty("groupKeys"));
        var found = await cityReviewer.GetJsonAsync($"/api/tasks?businessKey={businessKey}&candidateGroup={Uri.EscapeDataString(groups.Single()!)}");
        found.GetProperty("items").EnumerateArray().Single().GetProperty("id").GetString().Should().Be(cityReview.GetProperty("id").GetString());
        var afterCity = await CompleteAsync(cityReviewer, cityReview.GetProperty("id").GetString()!);
        var committee = afterCity.GetProperty("tasks").EnumerateArray().Single();
        Strings(committee.GetProperty("candidateUsers")).Should().Equal("committee1", "committee2", "committee3", "committee4", "committee5");

        using var admin = factory.CreateClient();
        var history = await admin.GetJsonAsync($"/api/instances/{instanceId}/history");
        history.EnumerateArray()
            .Where(e => e.GetProperty("type").GetString() == "TaskCompleted")
            .Select(e => (e.GetProperty("elementId").GetString(), e.GetProperty("actor").GetString()))
            .Should().Equal(("leaderSignOff", "leader"), ("cityReview", "city-reviewer"));
        var listed = await admin.GetJsonAsync($"/api/instances?businessKey={businessKey}");
        listed.GetProperty("items").EnumerateArray().Single().GetProperty("startedBy").GetString().Should().Be("filer", "the acting user is recorded as the starter");
    }

    [Fact]
    public async Task A_starter_cannot_give_the_initiator_organisation_the_engine_sets_it_from_the_sign_in()
    {
        await EnsureDeployedAsync();
        using var filer = factory.CreateClientAs("filer");
        using var response = await filer.PostAsJsonAsync("/api/instances", new { definitionKey = Key, variables = new { initiatorOrg = "/gd/gz/th/ent-002" } });
        (await response.ProblemAsync(HttpStatusCode.UnprocessableEntity)).GetProperty("detail").GetString()
            .Should().Contain("'initiatorOrg'");
    }

    private static async Task<JsonElement> CompleteAsync(HttpClient client, string taskId)
    {
        using var response = await client.CompleteAsync(taskId, new { approved = true });
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(HttpStatusCode.OK, body);
        return await response.JsonAsync();
    }

    private static List<string?> Strings(JsonElement array) => [.. array.EnumerateArray().Select(e => e.GetString())];
}
