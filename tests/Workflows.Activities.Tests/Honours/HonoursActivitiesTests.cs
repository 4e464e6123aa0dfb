using System.Text.Json;
using Workflows.Activities.Calendar;
using Workflows.Activities.Honours;
using Workflows.Activities.Honours.Campaigns;
using Workflows.Activities.Honours.Incidents;
using Workflows.Activities.Honours.ServiceTasks;
using Workflows.Activities.Identity;
using Workflows.Activities.Tests.Persistence;
using Workflows.Engine;
using Workflows.Engine.Activities;
using Workflows.Engine.Persistence;

namespace Workflows.Activities.Tests.Honours;

/// <summary>
/// The <c>honours.*</c> activities run by the real engine from BPMN service tasks, against the honours database on
/// SQLite and PostgreSQL: their outputs become process variables that gateways, multi-instance tasks and timers use.
/// </summary>
public sealed class HonoursActivitiesTests(TestDatabases databases) : IClassFixture<TestDatabases>
{
    private const string Header =
        """<?xml version="1.0" encoding="UTF-8"?><definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" xmlns:wf="urn:gd-workflows:bpmn" id="defs" targetNamespace="urn:honours-tests">""";

    [Fact]
    public void Every_activity_is_described_in_Chinese_and_English_and_registered()
    {
        var registry = HonoursActivities.Register(new ActivityRegistry(), () => throw new InvalidOperationException("not created"));

        HonoursActivities.Descriptors.Select(d => d.Type).Should().BeEquivalentTo(
            "honours.checkQuota", "honours.checkComposition", "honours.checkEligibility", "honours.requestOpinions", "honours.noticePeriod",
            "honours.openNotice", "honours.closeNotice", "honours.recordObjection", "honours.passOn", "honours.updateNomination", "honours.publishDecision",
            "honours.registerHonours", "honours.notify", "honours.formCommittee");
        foreach (var descriptor in HonoursActivities.Descriptors)
        {
            registry.Contains(descriptor.Type).Should().BeTrue();
            descriptor.Category.Should().Be("honours");
            new[] { descriptor.DisplayNameZh, descriptor.DisplayNameEn, descriptor.DescriptionZh, descriptor.DescriptionEn }.Should().OnlyContain(t => t.Length > 0);
            descriptor.DescriptionZh.Should().MatchRegex(@"\p{IsCJKUnifiedIdeographs}");
            descriptor.Inputs.Concat(descriptor.Outputs).Should().OnlyContain(p => p.DisplayNameZh.Length > 0 && p.DisplayNameEn.Length > 0);
            descriptor.Outputs.Should().NotBeEmpty();
        }
    }

    [Theory, MemberData(nameof(TestDatabases.DurableKinds), MemberType = typeof(TestDatabases))]
    public async Task A_list_over_its_quota_and_under_its_composition_takes_the_fix_path_with_the_messages(DatabaseKind kind)
    {
        var world = await HonoursWorld.CreateAsync(databases, kind);
        var campaign = await world.OpenCampaignAsync(
            quotas: [new QuotaInput(HonoursWorld.CityPath, NomineeCategories.None, 2)],
            rules: [new CompositionRuleInput("产业工人不少于35%", CompositionRuleKind.MinimumShare, NomineeCategories.IndustrialWorker, Percent: 35)]);
        await world.AtCityAsync(campaign, NomineeCategories.IndustrialWorker, NomineeCategories.ScienceEducation, NomineeCategories.ScienceEducation);
        var engine = Engine(world);
        await PublishAsync(engine, $$"""
            <process id="cityList" isExecutable="true">
              <startEvent id="s" />
              <serviceTask id="quota" wf:activityType="honours.checkQuota">
                <extensionElements><camunda:inputOutput><camunda:inputParameter name="unitPath">/gd/gz</camunda:inputParameter></camunda:inputOutput></extensionElements>
              </serviceTask>
              <serviceTask id="composition" wf:activityType="honours.checkComposition">
                <extensionElements><camunda:inputOutput><camunda:inputParameter name="unitPath">/gd/gz</camunda:inputParameter></camunda:inputOutput></extensionElements>
              </serviceTask>
              <exclusiveGateway id="ok" default="toFix" />
              <userTask id="submit" /><userTask id="fix" /><endEvent id="e1" /><endEvent id="e2" />
              <sequenceFlow id="f1" sourceRef="s" targetRef="quota" />
              <sequenceFlow id="f2" sourceRef="quota" targetRef="composition" />
              <sequenceFlow id="f3" sourceRef="composition" targetRef="ok" />
              <sequenceFlow id="toSubmit" sourceRef="ok" targetRef="submit"><conditionExpression>${quotaPassed &amp;&amp; compositionPassed}</conditionExpression></sequenceFlow>
              <sequenceFlow id="toFix" sourceRef="ok" targetRef="fix" />
              <sequenceFlow id="f4" sourceRef="submit" targetRef="e1" /><sequenceFlow id="f5" sourceRef="fix" targetRef="e2" />
            </process>
            """);

        var instance = await engine.StartAsync(new StartInstanceCommand("cityList", null, new Dictionary<string, object?> { ["campaignId"] = campaign.Id.ToString() }));

        instance.ActiveElementIds.Should().Equal("fix");
        instance.Variables["quotaPassed"].Should().Be(false);
        instance.Variables["quotaMessages"].Should().BeEquivalentTo(new[] { "广州市总工会总名额为 2 名，名单中有 3 名，超出 1 名。" });
        instance.Variables["compositionMessages"].Should().BeEquivalentTo(new[] { "未达到「产业工人不少于35%」：名单共 3 名，产业工人 1 名（33.3%），按 35% 至少需要 2 名，还差 1 名。" });
        var line = ((IEnumerable<object?>)instance.Variables["compositionLines"]!).Cast<IDictionary<string, object?>>().Single();
        (line["required"], line["actual"], line["shortfall"]).Should().Be((2L, 1L, 1L));
    }

    [Theory, MemberData(nameof(TestDatabases.DurableKinds), MemberType = typeof(TestDatabases))]
    public async Task An_error_code_turns_a_failed_check_into_a_BPMN_error_for_a_boundary_event(DatabaseKind kind)
    {
        var world = await HonoursWorld.CreateAsync(databases, kind);
        var campaign = await world.OpenCampaignAsync(HonourCatalog.LabourCertificate);
        var unit = await world.UnitAsync("广州珠江精密电气有限公司", DemoSeed.Enterprise2Path);
        var nomination = await world.FileAsync(campaign, unit, DemoSeed.Enterprise2UnionPath);
        await world.Services.Incidents.RecordAsync(new IncidentInput
        {
            Kind = IncidentKind.SafetyAccident, OccurredOn = new DateOnly(2025, 11, 3), OrganisationPath = DemoSeed.Enterprise2Path, RecordedBy = "dept-yjgl",
        });
        var engine = Engine(world);
        await PublishAsync(engine, """
            <process id="vet" isExecutable="true">
              <startEvent id="s" />
              <serviceTask id="eligibility" wf:activityType="honours.checkEligibility">
                <extensionElements><camunda:inputOutput><camunda:inputParameter name="errorCode">vetoed</camunda:inputParameter></camunda:inputOutput></extensionElements>
              </serviceTask>
              <boundaryEvent id="onVeto" attachedToRef="eligibility"><errorEventDefinition errorRef="vetoedError" /></boundaryEvent>
              <userTask id="review" /><userTask id="refuse" /><endEvent id="e1" /><endEvent id="e2" />
              <sequenceFlow id="f1" sourceRef="s" targetRef="eligibility" /><sequenceFlow id="f2" sourceRef="eligibility" targetRef="review" />
              <sequenceFlow id="f3" sourceRef="onVeto" targetRef="refuse" /><sequenceFlow id="f4" sourceRef="review" targetRef="e1" /><sequenceFlow id="f5" sourceRef="refuse" targetRef="e2" />
            </process>
            """, """<error id="vetoedError" errorCode="vetoed" />""");

        var instance = await engine.StartAsync(new StartInstanceCommand("vet", null, new Dictionary<string, object?> { ["nominationId"] = nomination.Id.ToString() }));

        instance.ActiveElementIds.Should().Equal("refuse");
    }

    [Theory, MemberData(nameof(TestDatabases.DurableKinds), MemberType = typeof(TestDatabases))]
    public async Task The_departments_an_enterprise_head_needs_become_a_parallel_multi_instance_task(DatabaseKind kind)
    {
        var world = await HonoursWorld.CreateAsync(databases, kind);
        var campaign = await world.OpenCampaignAsync();
        var head = await world.PersonAsync("国企负责人", NomineeCategories.EnterpriseHead | NomineeCategories.StateOwnedEnterprise);
        var worker = await world.PersonAsync("一线职工", NomineeCategories.IndustrialWorker);
        var headNomination = await world.FileAsync(campaign, head);
        var workerNomination = await world.FileAsync(campaign, worker);
        var engine = Engine(world);
        await PublishAsync(engine, """
            <process id="opinions" isExecutable="true">
              <startEvent id="s" />
              <serviceTask id="departments" wf:activityType="honours.requestOpinions" />
              <exclusiveGateway id="needed" default="none" />
              <userTask id="opinion" camunda:candidateGroups="${department}">
                <multiInstanceLoopCharacteristics camunda:collection="${opinionGroups}" camunda:elementVariable="department" />
              </userTask>
              <userTask id="unitForm" /><endEvent id="e1" /><endEvent id="e2" />
              <sequenceFlow id="f1" sourceRef="s" targetRef="departments" /><sequenceFlow id="f2" sourceRef="departments" targetRef="needed" />
              <sequenceFlow id="ask" sourceRef="needed" targetRef="opinion"><conditionExpression>${opinionsNeeded}</conditionExpression></sequenceFlow>
              <sequenceFlow id="none" sourceRef="needed" targetRef="unitForm" />
              <sequenceFlow id="f3" sourceRef="opinion" targetRef="e1" /><sequenceFlow id="f4" sourceRef="unitForm" targetRef="e2" />
            </process>
            """);

        var forHead = await engine.StartAsync(new StartInstanceCommand("opinions", null, new Dictionary<string, object?> { ["nominationId"] = headNomination.Id.ToString() }));
        var forWorker = await engine.StartAsync(new StartInstanceCommand("opinions", null, new Dictionary<string, object?> { ["nominationId"] = workerNomination.Id.ToString() }));

        var tasks = await engine.QueryTasksAsync(new TaskQuery { InstanceId = forHead.Id });
        tasks.Select(t => t.CandidateGroups.Single()).Should().BeEquivalentTo(
            "department-reviewer@/gd/dept-scjg", "department-reviewer@/gd/dept-sw", "department-reviewer@/gd/dept-rs", "department-reviewer@/gd/dept-yjgl",
            "department-reviewer@/gd/dept-sthj", "department-reviewer@/gd/dept-sj", "department-reviewer@/gd/dept-jjjc");
        var departments = ((IEnumerable<object?>)forHead.Variables["opinionDepartments"]!).Cast<IDictionary<string, object?>>().ToList();
        departments.Select(d => d["name"]).Should().Contain(["广东省市场监督管理局", "广东省审计厅", "广东省纪委监委"]);
        forWorker.ActiveElementIds.Should().Equal("unitForm");
        forWorker.Variables["opinionsNeeded"].Should().Be(false);
    }

    [Theory, MemberData(nameof(TestDatabases.DurableKinds), MemberType = typeof(TestDatabases))]
    public async Task A_unit_notice_opens_waits_for_its_period_and_closes_with_its_report(DatabaseKind kind)
    {
        var world = await HonoursWorld.CreateAsync(databases, kind);
        var campaign = await world.OpenCampaignAsync();
        var nomination = await world.FileAsync(campaign, await world.PersonAsync("公示对象", NomineeCategories.IndustrialWorker));
        var engine = Engine(world);
        await PublishAsync(engine, """
            <process id="unitNotice" isExecutable="true">
              <startEvent id="s" />
              <serviceTask id="period" wf:activityType="honours.noticePeriod">
                <extensionElements><camunda:inputOutput>
                  <camunda:inputParameter name="start">2026-09-29</camunda:inputParameter>
                  <camunda:inputParameter name="workingDays">5</camunda:inputParameter>
                </camunda:inputOutput></extensionElements>
              </serviceTask>
              <serviceTask id="open" wf:activityType="honours.openNotice">
                <extensionElements><camunda:inputOutput>
                  <camunda:inputParameter name="level">unit</camunda:inputParameter>
                  <camunda:inputParameter name="organisationPath">/gd/gz/th/ent-001/union</camunda:inputParameter>
                  <camunda:inputParameter name="start">${noticeStartsOn}</camunda:inputParameter>
                </camunda:inputOutput></extensionElements>
              </serviceTask>
              <intermediateCatchEvent id="wait"><timerEventDefinition><timeDate>${noticeClosesAt}</timeDate></timerEventDefinition></intermediateCatchEvent>
              <serviceTask id="close" wf:activityType="honours.closeNotice" />
              <userTask id="report" /><endEvent id="e" />
              <sequenceFlow id="f1" sourceRef="s" targetRef="period" /><sequenceFlow id="f2" sourceRef="period" targetRef="open" />
              <sequenceFlow id="f3" sourceRef="open" targetRef="wait" /><sequenceFlow id="f4" sourceRef="wait" targetRef="close" />
              <sequenceFlow id="f5" sourceRef="close" targetRef="report" /><sequenceFlow id="f6" sourceRef="report" targetRef="e" />
            </process>
            """);

        var instance = await engine.StartAsync(new StartInstanceCommand("unitNotice", null, new Dictionary<string, object?>
        {
            ["campaignId"] = campaign.Id.ToString(),
            ["nominationId"] = nomination.Id.ToString(),
        }));

        instance.Variables["noticeEndsOn"].Should().Be("2026-10-10");
        instance.Variables["noticeClosesAt"].Should().Be("2026-10-11T00:00:00+08:00");
        instance.ActiveElementIds.Should().Equal("wait");
        var noticeId = Guid.Parse((string)instance.Variables["noticeId"]!);
        (await world.Services.Notices.OutcomeAsync(noticeId)).Notice.EndsOn.Should().Be(new DateOnly(2026, 10, 10));

        // The timer waits for midnight after the last day (国庆 in between), then the notice closes.
        world.Time.SetUtcNow(new DateTimeOffset(2026, 10, 11, 0, 0, 1, TimeSpan.FromHours(8)));
        (await engine.FireDueJobsAsync()).Should().Be(1);
        var after = (await engine.GetInstanceAsync(instance.Id))!;

        after.ActiveElementIds.Should().Equal("report");
        after.Variables["noticeClean"].Should().Be(true);
        ((string)after.Variables["noticeReport"]!).Should().EndWith("公示期满，无异议。");
    }

    [Theory, MemberData(nameof(TestDatabases.DurableKinds), MemberType = typeof(TestDatabases))]
    public async Task An_objection_is_recorded_investigated_and_upheld_by_process_steps(DatabaseKind kind)
    {
        var world = await HonoursWorld.CreateAsync(databases, kind);
        var campaign = await world.OpenCampaignAsync();
        var nomination = await world.FileAsync(campaign, await world.PersonAsync("被异议者", NomineeCategories.IndustrialWorker));
        var engine = Engine(world);
        await PublishAsync(engine, """
            <process id="objection" isExecutable="true">
              <startEvent id="s" />
              <serviceTask id="open" wf:activityType="honours.openNotice">
                <extensionElements><camunda:inputOutput>
                  <camunda:inputParameter name="level">provincial</camunda:inputParameter>
                  <camunda:inputParameter name="organisationPath">/gd</camunda:inputParameter>
                  <camunda:inputParameter name="nominationIds">${[nominationId]}</camunda:inputParameter>
                </camunda:inputOutput></extensionElements>
              </serviceTask>
              <userTask id="receive" />
              <serviceTask id="record" wf:activityType="honours.recordObjection" />
              <userTask id="investigate" />
              <serviceTask id="conclude" wf:activityType="honours.recordObjection" />
              <userTask id="done" /><endEvent id="e" />
              <sequenceFlow id="f1" sourceRef="s" targetRef="open" /><sequenceFlow id="f2" sourceRef="open" targetRef="receive" />
              <sequenceFlow id="f3" sourceRef="receive" targetRef="record" /><sequenceFlow id="f4" sourceRef="record" targetRef="investigate" />
              <sequenceFlow id="f5" sourceRef="investigate" targetRef="conclude" /><sequenceFlow id="f6" sourceRef="conclude" targetRef="done" />
              <sequenceFlow id="f7" sourceRef="done" targetRef="e" />
            </process>
            """);
        var instance = await engine.StartAsync(new StartInstanceCommand("objection", null, new Dictionary<string, object?>
        {
            ["campaignId"] = campaign.Id.ToString(),
            ["nominationId"] = nomination.Id.ToString(),
        }));

        var receive = (await engine.QueryTasksAsync(new TaskQuery { InstanceId = instance.Id })).Single();
        var recorded = await engine.CompleteTaskAsync(new CompleteTaskCommand(receive.Id, new Dictionary<string, object?>
        {
            ["objectorName"] = "张三", ["objectorContact"] = "13900000000", ["content"] = "该同志未在一线岗位工作",
        }));
        recorded.Variables["objectionState"].Should().Be("investigating");

        var investigate = (await engine.QueryTasksAsync(new TaskQuery { InstanceId = instance.Id })).Single();
        var concluded = await engine.CompleteTaskAsync(new CompleteTaskCommand(investigate.Id, new Dictionary<string, object?>
        {
            ["upheld"] = true, ["findings"] = "经核实，该同志已调离一线岗位三年。",
        }));

        concluded.Variables["objectionState"].Should().Be("upheld");
        concluded.Variables["nominationRejected"].Should().Be(true);
        (await world.ReloadAsync(nomination.Id)).State.Should().Be(NominationState.Rejected);
        (await world.WithDbAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.CountAsync(db.Objections))).Should().Be(1);
    }

    [Theory, MemberData(nameof(TestDatabases.DurableKinds), MemberType = typeof(TestDatabases))]
    public async Task Publishing_registering_and_notifying_the_honoured_filers(DatabaseKind kind)
    {
        var world = await HonoursWorld.CreateAsync(databases, kind);
        var campaign = await world.OpenCampaignAsync();
        var list = await world.AtCityAsync(campaign, NomineeCategories.IndustrialWorker, NomineeCategories.ScienceEducation);
        foreach (var nomination in list)
        {
            await world.Services.Nominations.MoveAsync(nomination.Id, NominationState.Approved);
        }

        var engine = Engine(world);
        await PublishAsync(engine, """
            <process id="decision" isExecutable="true">
              <startEvent id="s" />
              <serviceTask id="publish" wf:activityType="honours.publishDecision">
                <extensionElements><camunda:inputOutput><camunda:inputParameter name="documentNumber">粤工总〔2026〕12号</camunda:inputParameter></camunda:inputOutput></extensionElements>
              </serviceTask>
              <serviceTask id="register" wf:activityType="honours.registerHonours" />
              <serviceTask id="notify" wf:activityType="honours.notify">
                <extensionElements><camunda:inputOutput>
                  <camunda:inputParameter name="event">published</camunda:inputParameter>
                  <camunda:inputParameter name="nominationIds">${honourRoll}</camunda:inputParameter>
                </camunda:inputOutput></extensionElements>
              </serviceTask>
              <userTask id="done" /><endEvent id="e" />
              <sequenceFlow id="f1" sourceRef="s" targetRef="publish" /><sequenceFlow id="f2" sourceRef="publish" targetRef="register" />
              <sequenceFlow id="f3" sourceRef="register" targetRef="notify" /><sequenceFlow id="f4" sourceRef="notify" targetRef="done" />
              <sequenceFlow id="f5" sourceRef="done" targetRef="e" />
            </process>
            """);

        var instance = await engine.StartAsync(new StartInstanceCommand("decision", "2026-LM", new Dictionary<string, object?> { ["campaignId"] = campaign.Id.ToString() }));

        instance.Variables["honourCount"].Should().Be(2L);
        instance.Variables["registeredCount"].Should().Be(2L);
        ((IEnumerable<object?>)instance.Variables["certificateNumbers"]!).Should().BeEquivalentTo(new[] { "GDLM-2026-0001", "GDLM-2026-0002" });
        instance.Variables["notifiedCount"].Should().Be(2L);

        var mails = (await engine.Store.GetPendingOutboxAsync(100)).Where(o => o.Kind == "mail").ToList();
        mails.Should().HaveCount(2);
        mails.Select(m => m.IdempotencyKey).Should().OnlyHaveUniqueItems();
        using var payload = JsonDocument.Parse(mails[0].Payload);
        payload.RootElement.GetProperty("to").EnumerateArray().Select(e => e.GetString()).Should().Equal("filer@honours.gdftu.local");
        payload.RootElement.GetProperty("subject").GetString().Should().Be("表彰决定已发布：{{ nomineeName }}");
        payload.RootElement.GetProperty("model").GetProperty("honourName").GetString().Should().Be("广东省五一劳动奖章");
        payload.RootElement.GetProperty("model").GetProperty("nomineeName").GetString().Should().StartWith("职工");
        payload.RootElement.GetProperty("businessKey").GetString().Should().Be("2026-LM");
    }

    private static WorkflowEngine Engine(HonoursWorld world)
    {
        var calendar = OfficialCalendar.ShippedOnly();
        var registry = HonoursActivities.Register(new ActivityRegistry(), () => world.Services);
        return new WorkflowEngine(
            WorkflowStores.Create(new WorkflowStoreOptions { Provider = WorkflowStoreProvider.InMemory }),
            registry,
            new WorkflowEngineOptions { Calendar = calendar },
            world.Time);
    }

    private static async Task PublishAsync(WorkflowEngine engine, string process, string extra = "")
    {
        foreach (var draft in await engine.DeployAsync($"{Header}{extra}{process}</definitions>"))
        {
            await engine.PublishAsync(draft.Id);
        }
    }
}
