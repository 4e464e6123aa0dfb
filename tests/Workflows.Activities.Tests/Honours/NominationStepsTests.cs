using System.Text.Json;
using Workflows.Activities.Calendar;
using Workflows.Activities.Honours;
using Workflows.Activities.Honours.Campaigns;
using Workflows.Activities.Honours.Notices;
using Workflows.Activities.Honours.ServiceTasks;
using Workflows.Activities.Identity;
using Workflows.Activities.Tests.Persistence;
using Workflows.Engine;
using Workflows.Engine.Activities;
using Workflows.Engine.Persistence;
using Workflows.Engine.Runtime;

namespace Workflows.Activities.Tests.Honours;

/// <summary>
/// The steps the shipped designs take on a nomination, run by the real engine against the honours database on SQLite
/// and PostgreSQL: a level passing it on (<c>honours.passOn</c>: a batch of one, or the confirmation of a batch), the
/// state recorded with the filer's mail (<c>honours.updateNomination</c>), an objection the public page recorded taken
/// by its id, the quota use of a campaign and a notice closed by its timer a moment early.
/// </summary>
public sealed class NominationStepsTests(TestDatabases databases) : IClassFixture<TestDatabases>
{
    private const string Header =
        """<?xml version="1.0" encoding="UTF-8"?><definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" xmlns:wf="urn:gd-workflows:bpmn" id="defs" targetNamespace="urn:honours-tests">""";

    /// <summary>A level's approval followed by its pass-on step and a gateway on <c>passedOn</c>.</summary>
    private static string PassOnProcess(string unitPath, string extraInputs = "") => $$"""
        <process id="passOn" isExecutable="true">
          <startEvent id="s" />
          <serviceTask id="pass" wf:activityType="honours.passOn">
            <extensionElements><camunda:inputOutput>
              <camunda:inputParameter name="unitPath">{{unitPath}}</camunda:inputParameter>{{extraInputs}}
            </camunda:inputOutput></extensionElements>
          </serviceTask>
          <exclusiveGateway id="ok" default="toAgain" />
          <userTask id="next" /><userTask id="again" /><endEvent id="e1" /><endEvent id="e2" />
          <sequenceFlow id="f1" sourceRef="s" targetRef="pass" /><sequenceFlow id="f2" sourceRef="pass" targetRef="ok" />
          <sequenceFlow id="toNext" sourceRef="ok" targetRef="next"><conditionExpression>${passedOn === true}</conditionExpression></sequenceFlow>
          <sequenceFlow id="toAgain" sourceRef="ok" targetRef="again" />
          <sequenceFlow id="f3" sourceRef="next" targetRef="e1" /><sequenceFlow id="f4" sourceRef="again" targetRef="e2" />
        </process>
        """;

    [Fact]
    public void The_new_steps_are_described_with_their_inputs_and_outputs()
    {
        PassOnActivity.Descriptor.Inputs.Select(p => p.Name).Should().Equal("nominationId", "unitPath", "nextLevelPath", "failOnRefusal");
        PassOnActivity.Descriptor.Outputs.Select(p => p.Name).Should().Equal("passedOn", "passedTo", "quotaPassed", "compositionPassed", "passOnMessages");
        UpdateNominationActivity.Descriptor.Inputs.Select(p => p.Name).Should().Equal("nominationId", "state", "reason", "notify");
        UpdateNominationActivity.StateCode(NominationState.UnderReview).Should().Be("underReview");
    }

    [Theory, MemberData(nameof(TestDatabases.DurableKinds), MemberType = typeof(TestDatabases))]
    public async Task The_filers_submission_passes_the_nomination_to_the_district_and_a_batch_already_passed_on_is_confirmed(DatabaseKind kind)
    {
        var world = await HonoursWorld.CreateAsync(databases, kind);
        var campaign = await world.OpenCampaignAsync();
        var nomination = await world.FileAsync(campaign, await world.PersonAsync("王师傅", NomineeCategories.IndustrialWorker));
        var engine = Engine(world);
        await PublishAsync(engine, PassOnProcess("${unit}"));

        // The filer's step: the enterprise (above the union that holds the draft) passes it to 天河区.
        var filed = await StartAsync(engine, campaign, nomination, new() { ["unit"] = DemoSeed.Enterprise1Path }, actor: "filer");
        filed.ActiveElementIds.Should().Equal("next");
        (filed.Variables["passedOn"], filed.Variables["passedTo"]).Should().Be((true, DemoSeed.TianhePath));
        var atDistrict = await world.ReloadAsync(nomination.Id);
        (atDistrict.State, atDistrict.LevelPath).Should().Be((NominationState.Submitted, DemoSeed.TianhePath));

        // 天河区 submits its list as a batch; the district's step then only confirms it.
        (await world.Services.Submissions.SubmitBatchAsync(campaign.Id, DemoSeed.TianhePath, [nomination.Id], "district-reviewer")).Accepted.Should().BeTrue();
        var confirmed = await StartAsync(engine, campaign, nomination, new() { ["unit"] = DemoSeed.TianhePath });
        (confirmed.Variables["passedOn"], confirmed.Variables["passedTo"]).Should().Be((true, HonoursWorld.CityPath));
        (await world.WithDbAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.CountAsync(db.LevelSubmissions)))
            .Should().Be(2, "the confirmation submits nothing again");
    }

    [Theory, MemberData(nameof(TestDatabases.DurableKinds), MemberType = typeof(TestDatabases))]
    public async Task A_city_that_approves_one_nominee_alone_is_sent_back_with_every_failing_rule(DatabaseKind kind)
    {
        var world = await HonoursWorld.CreateAsync(databases, kind);
        var campaign = await world.OpenCampaignAsync(
            quotas: [new QuotaInput(HonoursWorld.CityPath, NomineeCategories.None, 5)],
            rules: [new CompositionRuleInput("产业工人不少于35%", CompositionRuleKind.MinimumShare, NomineeCategories.IndustrialWorker, Percent: 35)]);
        var nomination = (await world.AtCityAsync(campaign, NomineeCategories.ScienceEducation)).Single();
        var engine = Engine(world);
        await PublishAsync(engine, PassOnProcess(HonoursWorld.CityPath));

        var refused = await StartAsync(engine, campaign, nomination);

        refused.ActiveElementIds.Should().Equal("again");
        (refused.Variables["passedOn"], refused.Variables["quotaPassed"], refused.Variables["compositionPassed"]).Should().Be((false, true, false));
        ((IEnumerable<object?>)refused.Variables["passOnMessages"]!).Should().Equal(
            "未达到「产业工人不少于35%」：名单共 1 名，产业工人 0 名（0.0%），按 35% 至少需要 1 名，还差 1 名。");
        (await world.ReloadAsync(nomination.Id)).LevelPath.Should().Be(HonoursWorld.CityPath, "a refused pass-on moves nothing");
    }

    [Theory, MemberData(nameof(TestDatabases.DurableKinds), MemberType = typeof(TestDatabases))]
    public async Task With_fail_on_refusal_the_step_fails_the_command_naming_the_reasons(DatabaseKind kind)
    {
        var world = await HonoursWorld.CreateAsync(databases, kind);
        var campaign = await world.OpenCampaignAsync();
        var nomination = await world.FileAsync(campaign, await world.PersonAsync("李师傅", NomineeCategories.IndustrialWorker));
        world.Time.SetUtcNow(new DateTimeOffset(2026, 4, 20, 9, 0, 0, TimeSpan.FromHours(8))); // after the deadline of 10 April
        var engine = Engine(world);
        await PublishAsync(engine, PassOnProcess(DemoSeed.Enterprise1UnionPath,
            """<camunda:inputParameter name="nextLevelPath">/gd</camunda:inputParameter><camunda:inputParameter name="failOnRefusal">${true}</camunda:inputParameter>"""));

        var failing = () => StartAsync(engine, campaign, nomination);

        var failure = (await failing.Should().ThrowAsync<WorkflowException>()).Which;
        failure.Kind.Should().Be(WorkflowErrorKind.ProcessFailure);
        failure.Message.Should().Contain("报送截止时间 2026-04-10 17:00 已过");
        var unchanged = await world.ReloadAsync(nomination.Id);
        (unchanged.State, unchanged.LevelPath).Should().Be((NominationState.Draft, DemoSeed.Enterprise1UnionPath));
    }

    [Theory, MemberData(nameof(TestDatabases.DurableKinds), MemberType = typeof(TestDatabases))]
    public async Task A_design_may_name_the_receiving_level_and_skip_the_district(DatabaseKind kind)
    {
        var world = await HonoursWorld.CreateAsync(databases, kind);
        var campaign = await world.OpenCampaignAsync();
        var nomination = await world.FileAsync(campaign, await world.PersonAsync("周师傅", NomineeCategories.IndustrialWorker));
        var engine = Engine(world);
        await PublishAsync(engine, PassOnProcess(DemoSeed.Enterprise1UnionPath, """<camunda:inputParameter name="nextLevelPath">/gd/gz</camunda:inputParameter>"""));

        var passed = await StartAsync(engine, campaign, nomination);

        passed.Variables["passedTo"].Should().Be(HonoursWorld.CityPath);
        (await world.ReloadAsync(nomination.Id)).LevelPath.Should().Be(HonoursWorld.CityPath);
        var wrong = await world.Services.Submissions.SubmitBatchAsync(campaign.Id, HonoursWorld.CityPath, [nomination.Id], "city-reviewer", "/gd/sz");
        wrong.Accepted.Should().BeFalse();
        wrong.Problems.Single().MessageZh.Should().Be("/gd/sz 不是广州市总工会的上级审核单位，不能向其报送。");
    }

    [Theory, MemberData(nameof(TestDatabases.DurableKinds), MemberType = typeof(TestDatabases))]
    public async Task Returned_rejected_and_approved_are_recorded_once_and_the_filer_is_told(DatabaseKind kind)
    {
        var world = await HonoursWorld.CreateAsync(databases, kind);
        var campaign = await world.OpenCampaignAsync();
        var nomination = (await world.AtCityAsync(campaign, NomineeCategories.IndustrialWorker)).Single();
        var engine = Engine(world);
        await PublishAsync(engine, """
            <process id="update" isExecutable="true">
              <startEvent id="s" />
              <serviceTask id="set" wf:activityType="honours.updateNomination" />
              <userTask id="done" /><endEvent id="e" />
              <sequenceFlow id="f1" sourceRef="s" targetRef="set" /><sequenceFlow id="f2" sourceRef="set" targetRef="done" /><sequenceFlow id="f3" sourceRef="done" targetRef="e" />
            </process>
            """);

        var returned = await StartAsync(engine, campaign, nomination, new() { ["state"] = "returned", ["reason"] = "请补充事迹材料" }, "update");
        (returned.Variables["nominationState"], returned.Variables["stateChanged"], returned.Variables["notifiedCount"]).Should().Be(("returned", true, 1L));
        var back = await world.ReloadAsync(nomination.Id);
        (back.State, back.LevelPath, back.StateReason).Should().Be((NominationState.Returned, DemoSeed.Enterprise1UnionPath, "请补充事迹材料"));
        var mail = (await engine.Store.GetPendingOutboxAsync(100)).Single(o => o.Kind == "mail");
        using (var payload = JsonDocument.Parse(mail.Payload))
        {
            payload.RootElement.GetProperty("subject").GetString().Should().Be("推荐退回补正：{{ nomineeName }}");
            payload.RootElement.GetProperty("model").GetProperty("reason").GetString().Should().Be("请补充事迹材料");
        }

        // Recorded again (a command run twice): nothing changes, the state stays.
        var again = await StartAsync(engine, campaign, nomination, new() { ["state"] = "returned", ["notify"] = false }, "update");
        (again.Variables["stateChanged"], again.Variables["notifiedCount"]).Should().Be((false, 0L));

        var refused = () => StartAsync(engine, campaign, nomination, new() { ["state"] = "approved" }, "update");
        (await refused.Should().ThrowAsync<WorkflowException>()).Which.Message.Should().Contain("不能改为「已审定」", "a returned nomination is not approved");
        var published = () => StartAsync(engine, campaign, nomination, new() { ["state"] = "published" }, "update");
        (await published.Should().ThrowAsync<WorkflowException>()).Which.Message.Should().Contain("not Published", "publishing is the decision's");
    }

    [Theory, MemberData(nameof(TestDatabases.DurableKinds), MemberType = typeof(TestDatabases))]
    public async Task An_objection_the_public_page_recorded_is_taken_by_its_id_and_a_concluded_one_is_not(DatabaseKind kind)
    {
        var world = await HonoursWorld.CreateAsync(databases, kind);
        var campaign = await world.OpenCampaignAsync();
        var nomination = await world.FileAsync(campaign, await world.PersonAsync("公示对象", NomineeCategories.IndustrialWorker));
        var notice = await world.Services.Notices.OpenAsync(new NoticeInput
        {
            CampaignId = campaign.Id, Level = NoticeLevel.Provincial, OrganisationPath = "/gd", NominationIds = [nomination.Id], OpenedBy = "admin",
        });
        var recorded = await world.Services.Notices.RecordObjectionAsync(new ObjectionInput
        {
            NoticeId = notice.Id, NominationId = nomination.Id, ObjectorName = "张三", ObjectorContact = "13900000000", Content = "事迹不实",
        });
        var engine = Engine(world);
        await PublishAsync(engine, """
            <process id="record" isExecutable="true">
              <startEvent id="s" />
              <serviceTask id="record" wf:activityType="honours.recordObjection" />
              <userTask id="done" /><endEvent id="e" />
              <sequenceFlow id="f1" sourceRef="s" targetRef="record" /><sequenceFlow id="f2" sourceRef="record" targetRef="done" /><sequenceFlow id="f3" sourceRef="done" targetRef="e" />
            </process>
            """);

        var taken = await StartAsync(engine, campaign, nomination, new() { ["noticeId"] = notice.Id.ToString(), ["objectionId"] = recorded.Id.ToString() }, "record");
        (taken.Variables["objectionId"], taken.Variables["objectionState"]).Should().Be((recorded.Id.ToString(), "investigating"));

        // Concluded, the id is a leftover of an earlier round: a new objection is recorded from its details.
        await world.Services.Notices.ConcludeAsync(recorded.Id, upheld: false, "经核实不成立", "province-reviewer");
        var second = await StartAsync(engine, campaign, nomination, new()
        {
            ["noticeId"] = notice.Id.ToString(), ["objectionId"] = recorded.Id.ToString(), ["objectorName"] = "李四", ["objectorContact"] = "13800000000", ["content"] = "另有举报",
        }, "record");
        second.Variables["objectionId"].Should().NotBe(recorded.Id.ToString());
        (await world.WithDbAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.CountAsync(db.Objections))).Should().Be(2);
    }

    [Theory, MemberData(nameof(TestDatabases.DurableKinds), MemberType = typeof(TestDatabases))]
    public async Task The_quota_use_of_every_allocation_unit_counts_what_it_passed_on_and_what_it_holds(DatabaseKind kind)
    {
        var world = await HonoursWorld.CreateAsync(databases, kind);
        var campaign = await world.OpenCampaignAsync(quotas:
        [
            new QuotaInput(HonoursWorld.CityPath, NomineeCategories.None, 3),
            new QuotaInput(HonoursWorld.CityPath, NomineeCategories.IndustrialWorker, 1),
            new QuotaInput(DemoSeed.ShenzhenPath, NomineeCategories.None, 2),
        ]);
        var atCity = await world.AtCityAsync(campaign, NomineeCategories.IndustrialWorker, NomineeCategories.ScienceEducation, NomineeCategories.MigrantWorker);
        (await world.Services.Submissions.SubmitBatchAsync(campaign.Id, HonoursWorld.CityPath, [atCity[0].Id, atCity[1].Id], "city-reviewer")).Accepted.Should().BeTrue();

        var use = await world.Services.Lists.QuotaUseAsync(campaign.Id);

        use.Select(u => u.UnitPath).Should().Equal(HonoursWorld.CityPath, DemoSeed.ShenzhenPath);
        var guangzhou = use[0];
        (guangzhou.UnitName, guangzhou.Held, guangzhou.Quota.ListSize).Should().Be(("广州市总工会", 1, 2));
        guangzhou.Quota.Lines.Select(l => (l.QuotaNameZh, l.Quota, l.Used)).Should().Equal(("总名额", 3, 2), ("「产业工人」名额", 1, 1));
        (use[1].Held, use[1].Quota.ListSize).Should().Be((0, 0));
    }

    [Theory, MemberData(nameof(TestDatabases.DurableKinds), MemberType = typeof(TestDatabases))]
    public async Task A_notice_closes_when_its_timer_fires_a_moment_early_but_not_a_day_early(DatabaseKind kind)
    {
        var world = await HonoursWorld.CreateAsync(databases, kind);
        var campaign = await world.OpenCampaignAsync();
        var nomination = await world.FileAsync(campaign, await world.PersonAsync("按期", NomineeCategories.IndustrialWorker));
        var notice = await world.Services.Notices.OpenAsync(new NoticeInput
        {
            CampaignId = campaign.Id, Level = NoticeLevel.Provincial, OrganisationPath = "/gd", NominationIds = [nomination.Id], OpenedBy = "admin",
        });

        world.Time.SetUtcNow(notice.ClosesAt.AddHours(-20));
        var early = () => world.Services.Notices.CloseAsync(notice.Id, "system:timer");
        (await early.Should().ThrowAsync<HonoursException>()).Which.Message.Should().Contain("尚未期满");

        world.Time.SetUtcNow(notice.ClosesAt.AddSeconds(-1));
        (await world.Services.Notices.CloseAsync(notice.Id, "system:timer")).Notice.State.Should().Be(NoticeState.Closed);
    }

    private static Task<InstanceView> StartAsync(WorkflowEngine engine, Campaign campaign, Nomination nomination, Dictionary<string, object?>? extra = null, string key = "passOn", string? actor = null)
    {
        var variables = new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["campaignId"] = campaign.Id.ToString(),
            ["nominationId"] = nomination.Id.ToString(),
        };
        foreach (var (name, value) in extra ?? new Dictionary<string, object?>())
        {
            variables[name] = value;
        }

        return engine.StartAsync(new StartInstanceCommand(key, null, variables) { Actor = actor });
    }

    private static WorkflowEngine Engine(HonoursWorld world) =>
        new(WorkflowStores.Create(new WorkflowStoreOptions { Provider = WorkflowStoreProvider.InMemory }),
            HonoursActivities.Register(new ActivityRegistry(), () => world.Services),
            new WorkflowEngineOptions { Calendar = OfficialCalendar.ShippedOnly() },
            world.Time);

    private static async Task PublishAsync(WorkflowEngine engine, string process)
    {
        foreach (var draft in await engine.DeployAsync($"{Header}{process}</definitions>"))
        {
            await engine.PublishAsync(draft.Id);
        }
    }
}
