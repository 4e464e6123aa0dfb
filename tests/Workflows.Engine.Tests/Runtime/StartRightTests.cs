using Workflows.Engine.Model;
using Workflows.Engine.Parsing;
using Workflows.Engine.Persistence;
using Workflows.Engine.Runtime;
using Workflows.Engine.Tests.Persistence;
using static Workflows.Engine.Tests.Runtime.Bpmn;

namespace Workflows.Engine.Tests.Runtime;

/// <summary>
/// Who may start a process (camunda:candidateStarterGroups / candidateStarterUsers, wf:startVia="domain"; none: only
/// trusted callers), and the variables the engine owns (initiator, initiatorOrg, counters, tallies) that no caller may give.
/// </summary>
public sealed class StartRightTests
{
    private const string Filer = "filer";
    private const string FilerGroup = "enterprise-filer@/gd/gz/th/ent-001/union";

    private static string Starters(string id, string attributes) => Process(id, $$"""
        <startEvent id="s" />
        <userTask id="submit" name="提交" camunda:assignee="${initiator}" />
        <userTask id="vote" name="表决" wf:approvalMethod="countersign" wf:approvers="a,b" wf:tallyVariable="voteTally" />
        <endEvent id="e" />
        {{Flow("f1", "s", "submit")}}{{Flow("f2", "submit", "vote")}}{{Flow("f3", "vote", "e")}}
        """).Replace($"<process id=\"{id}\" isExecutable=\"true\">", $"<process id=\"{id}\" isExecutable=\"true\" {attributes}>", StringComparison.Ordinal);

    private static StartInstanceCommand Start(string key, string actor, IReadOnlyList<string>? groups, object? variables = null, bool tasklist = true) =>
        new(key, null, EngineHarness.Vars(variables))
        {
            Actor = actor,
            OrganizationPath = "/gd/gz/th/ent-001/union",
            ActorGroups = groups,
            FromTasklist = tasklist,
        };

    [Fact]
    public void The_reader_keeps_the_starters_and_refuses_expressions_and_malformed_entries()
    {
        var reader = new BpmnReader();
        var read = reader.Read(Starters("p", "camunda:candidateStarterGroups=\"enterprise-filer@/gd, city-reviewer\" camunda:candidateStarterUsers=\"boss\""));
        read.Problems.Should().BeEmpty();
        var rule = read.Processes.Single().Start;
        rule.CandidateStarterGroups.Should().Equal("enterprise-filer@/gd", "city-reviewer");
        rule.CandidateStarterUsers.Should().Equal("boss");
        rule.DomainOnly.Should().BeFalse();

        reader.Read(Starters("p", "wf:startVia=\"domain\"")).Processes.Single().Start.DomainOnly.Should().BeTrue();
        reader.Read(Starters("p", "camunda:isStartableInTasklist=\"false\"")).Processes.Single().Start.DomainOnly.Should().BeTrue();
        reader.Read(Starters("p", "")).Processes.Single().Start.Should().Be(StartRule.AdministratorsOnly);

        reader.Read(Starters("p", "camunda:candidateStarterGroups=\"city-reviewer@${cityOf(initiatorOrg)}\"")).Problems
            .Should().ContainSingle().Which.Message.Should().Contain("fixed organisations");
        reader.Read(Starters("p", "camunda:candidateStarterGroups=\"city reviewer@gd\"")).Problems.Should().ContainSingle();
        reader.Read(Starters("p", "wf:startVia=\"anywhere\"")).Problems.Should().ContainSingle().Which.Message.Should().Contain("wf:startVia");
    }

    [Theory]
    [InlineData("enterprise-filer@/gd", "enterprise-filer@/gd/gz/th/ent-001/union", true)]
    [InlineData("enterprise-filer@/gd/gz", "enterprise-filer@/gd/gz", true)]
    [InlineData("enterprise-filer@/gd/gz", "enterprise-filer@/gd/gzx/ent", false)]
    [InlineData("enterprise-filer@/gd/sz", "enterprise-filer@/gd/gz/th/ent-001/union", false)]
    [InlineData("enterprise-filer", "enterprise-filer@/gd/sz/ent-9", true)]
    [InlineData("enterprise-filer@/gd", "committee-member@/gd/committee", false)]
    public void A_group_rule_covers_its_organisation_and_everything_below(string rule, string group, bool matches) =>
        StartRule.Matches(rule, group).Should().Be(matches);

    [Fact]
    public async Task A_starter_with_the_right_starts_and_the_engine_sets_the_initiator_itself()
    {
        await using var h = await EngineHarness.CreateAsync(StoreKind.InMemory);
        await h.PublishAsync(Starters("p", "camunda:candidateStarterGroups=\"enterprise-filer@/gd\""));

        var view = await h.Engine.StartAsync(Start("p", Filer, [FilerGroup]));

        view.Variables[WorkflowEngine.InitiatorVariable].Should().Be(Filer);
        view.Variables[WorkflowEngine.InitiatorOrgVariable].Should().Be("/gd/gz/th/ent-001/union");
        (await h.SingleTaskAsync(view.Id, "submit")).Assignee.Should().Be(Filer);
    }

    [Fact]
    public async Task Someone_without_the_right_is_refused_and_nothing_starts()
    {
        await using var h = await EngineHarness.CreateAsync(StoreKind.InMemory);
        await h.PublishAsync(Starters("p", "camunda:candidateStarterGroups=\"enterprise-filer@/gd\""));

        var act = () => h.Engine.StartAsync(Start("p", "committee1", ["committee-member@/gd/committee"]));

        var refused = (await act.Should().ThrowAsync<WorkflowException>()).Which;
        refused.Kind.Should().Be(WorkflowErrorKind.Forbidden);
        refused.Message.Should().Contain("committee1").And.Contain("enterprise-filer@/gd").And.Contain("无权发起");
        (await h.Store.QueryInstancePageAsync(new InstanceQuery { DefinitionKey = "p" })).Total.Should().Be(0);
    }

    [Fact]
    public async Task A_process_without_starters_is_started_by_trusted_callers_only()
    {
        await using var h = await EngineHarness.CreateAsync(StoreKind.InMemory);
        await h.PublishAsync(Starters("p", ""));

        var act = () => h.Engine.StartAsync(Start("p", Filer, [FilerGroup]));
        (await act.Should().ThrowAsync<WorkflowException>()).Which.Message.Should().Contain("only administrators");

        (await h.Engine.StartAsync(Start("p", "admin", groups: null))).Variables[WorkflowEngine.InitiatorVariable].Should().Be("admin");
    }

    [Fact]
    public async Task A_process_that_starts_through_its_application_refuses_the_generic_start_even_for_administrators()
    {
        await using var h = await EngineHarness.CreateAsync(StoreKind.InMemory);
        await h.PublishAsync(Starters("p", "wf:startVia=\"domain\""));

        var act = () => h.Engine.StartAsync(Start("p", "admin", groups: null, tasklist: true));
        var refused = (await act.Should().ThrowAsync<WorkflowException>()).Which;
        refused.Kind.Should().Be(WorkflowErrorKind.Forbidden);
        refused.Message.Should().Contain("wf:startVia").And.Contain("不能直接发起");

        // Its application (a trusted caller that checked its own rules) starts it.
        (await h.Engine.StartAsync(Start("p", Filer, groups: null, tasklist: false))).Status.Should().Be(InstanceStatus.Active);
    }

    [Theory]
    [InlineData("initiator")]
    [InlineData("initiatorOrg")]
    [InlineData("nrOfInstances")]
    [InlineData("loopCounter")]
    [InlineData("votesFor")]
    [InlineData("voteTally")]
    public async Task A_variable_the_engine_owns_given_at_the_start_is_refused_with_its_name(string name)
    {
        await using var h = await EngineHarness.CreateAsync(StoreKind.InMemory);
        await h.PublishAsync(Starters("p", "camunda:candidateStarterGroups=\"enterprise-filer@/gd\""));

        var act = () => h.Engine.StartAsync(Start("p", Filer, [FilerGroup], new Dictionary<string, object?> { [name] = "/gd/sz" }));

        var refused = (await act.Should().ThrowAsync<WorkflowException>()).Which;
        refused.Kind.Should().Be(WorkflowErrorKind.Unprocessable);
        refused.Message.Should().Contain($"'{name}'").And.Contain("由流程引擎设置");
        (await h.Store.QueryInstancePageAsync(new InstanceQuery { DefinitionKey = "p" })).Total.Should().Be(0);
    }

    [Fact]
    public async Task Completing_a_task_cannot_move_the_item_to_another_organisation()
    {
        await using var h = await EngineHarness.CreateAsync(StoreKind.InMemory);
        await h.PublishAsync(Starters("p", "camunda:candidateStarterGroups=\"enterprise-filer@/gd\""));
        var view = await h.Engine.StartAsync(Start("p", Filer, [FilerGroup]));
        var submit = await h.SingleTaskAsync(view.Id, "submit");

        var act = () => h.Engine.CompleteTaskAsync(new CompleteTaskCommand(submit.Id, EngineHarness.Vars(new { initiatorOrg = "/gd/sz" })) { Actor = Filer, ActorGroups = [FilerGroup] });

        (await act.Should().ThrowAsync<WorkflowException>()).Which.Kind.Should().Be(WorkflowErrorKind.Unprocessable);
        (await h.InstanceAsync(view.Id)).Variables[WorkflowEngine.InitiatorOrgVariable].Should().Be("/gd/gz/th/ent-001/union");
    }
}
