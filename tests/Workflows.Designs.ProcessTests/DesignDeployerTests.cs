using Workflows.Designs.ProcessTests.Support;
using Workflows.Engine;
using Workflows.Engine.Activities;
using Workflows.Engine.Parsing;
using Workflows.Engine.Persistence;

namespace Workflows.Designs.ProcessTests;

/// <summary>Start-up deployment: once per content, across restarts and across nodes sharing one database.</summary>
public sealed class DesignDeployerTests(SharedStores stores) : IClassFixture<SharedStores>
{
    private static WorkflowEngine Node(IWorkflowStore store) =>
        new(store, new StandInHonours(() => throw new InvalidOperationException("not run")).Register(new ActivityRegistry()));

    private static async Task<IReadOnlyList<DefinitionRecord>> VersionsAsync(IWorkflowStore store, string key) =>
        (await store.ListDefinitionsAsync(key)).OrderBy(d => d.Version ?? int.MaxValue).ToList();

    [Theory, MemberData(nameof(SharedStores.AllKinds), MemberType = typeof(SharedStores))]
    public async Task The_first_start_publishes_every_design_and_a_restart_changes_nothing(StoreKind kind)
    {
        var options = await stores.NewDatabaseAsync(kind);
        using var memory = new InMemoryWorkflowStore();

        var first = await DesignDeployer.DeployAllAsync(Node(stores.Open(options, memory)));
        var restarted = await DesignDeployer.DeployAllAsync(Node(stores.Open(options, memory)));

        first.Select(d => (d.Key, d.Version, d.State, d.Outcome)).Should().Equal(DesignCatalog.All.Select(d =>
            (d.Key, 1, DefinitionState.Published, DesignDeploymentOutcome.Published)));
        restarted.Select(d => d.Outcome).Should().AllBeEquivalentTo(DesignDeploymentOutcome.Unchanged);
        restarted.Select(d => d.DefinitionId).Should().Equal(first.Select(d => d.DefinitionId));
        var store = stores.Open(options, memory);
        foreach (var design in DesignCatalog.All)
        {
            var versions = await VersionsAsync(store, design.Key);
            versions.Should().ContainSingle().Which.ContentHash.Should().Be(design.ContentHash);
            (await store.GetLatestPublishedAsync(design.Key))!.Name.Should().Be(design.NameZh);
        }
    }

    [Theory, MemberData(nameof(SharedStores.AllKinds), MemberType = typeof(SharedStores))]
    public async Task Two_nodes_starting_at_once_leave_one_published_version_of_each_design(StoreKind kind)
    {
        for (var round = 0; round < 3; round++)
        {
            var options = await stores.NewDatabaseAsync(kind);
            using var memory = new InMemoryWorkflowStore();
            var nodeA = Node(stores.Open(options, memory));
            var nodeB = Node(stores.Open(options, memory));

            var results = await Task.WhenAll(
                Task.Run(() => DesignDeployer.DeployAllAsync(nodeA)),
                Task.Run(() => DesignDeployer.DeployAllAsync(nodeB)));

            results[0].Select(d => d.DefinitionId).Should().Equal(results[1].Select(d => d.DefinitionId), "both nodes name the same version");
            var store = stores.Open(options, memory);
            foreach (var design in DesignCatalog.All)
            {
                var versions = await VersionsAsync(store, design.Key);
                versions.Where(v => v.State == DefinitionState.Published).Should().ContainSingle()
                    .Which.Id.Should().Be(results[0].Single(r => r.Key == design.Key).DefinitionId);
                versions.Should().NotContain(v => v.State == DefinitionState.Draft, "a duplicate of the slower node is retired, never left as a draft");
            }

            var again = await DesignDeployer.DeployAllAsync(Node(stores.Open(options, memory)));
            again.Select(d => d.Outcome).Should().AllBeEquivalentTo(DesignDeploymentOutcome.Unchanged);
        }
    }

    [Fact]
    public async Task A_changed_file_is_published_as_the_next_version_and_running_instances_keep_theirs()
    {
        using var store = new InMemoryWorkflowStore();
        var engine = Node(store);
        var design = DesignCatalog.Get(DesignCatalog.LabourMedal);
        var v1 = await DesignDeployer.DeployAsync(engine, design.Key, design.Xml);
        var changed = design.Xml.Replace("省总工会初审", "省总工会初审（含档案核查）", StringComparison.Ordinal);

        var v2 = await DesignDeployer.DeployAsync(engine, design.Key, changed);
        var again = await DesignDeployer.DeployAsync(engine, design.Key, changed);

        (v1.Version, v2.Version, v2.Outcome).Should().Be((1, 2, DesignDeploymentOutcome.Published));
        again.Should().Be(v2 with { Outcome = DesignDeploymentOutcome.Unchanged });
        (await store.GetLatestPublishedAsync(design.Key))!.Id.Should().Be(v2.DefinitionId);
        (await store.GetDefinitionAsync(v1.DefinitionId))!.State.Should().Be(DefinitionState.Published, "publishing never changes older versions");
    }

    [Fact]
    public async Task A_version_published_later_in_the_designer_is_not_overridden_by_the_unchanged_shipped_file()
    {
        using var store = new InMemoryWorkflowStore();
        var engine = Node(store);
        var design = DesignCatalog.Get(DesignCatalog.PioneerTeam);
        await DesignDeployer.DeployAsync(engine, design.Key, design.Xml);
        var edited = (await engine.DeployAsync(design.Xml.Replace("评审委员会表决", "评审委员会无记名表决", StringComparison.Ordinal))).Single();
        await engine.PublishAsync(edited.Id);

        var restart = await DesignDeployer.DeployAllAsync(engine);

        restart.Single(d => d.Key == design.Key).Should().Match<DesignDeployment>(d => d.Version == 1 && d.Outcome == DesignDeploymentOutcome.Unchanged);
        (await store.GetLatestPublishedAsync(design.Key))!.Id.Should().Be(edited.Id);
    }

    [Fact]
    public async Task A_shipped_version_an_administrator_retired_is_not_published_again()
    {
        using var store = new InMemoryWorkflowStore();
        var engine = Node(store);
        var design = DesignCatalog.Get(DesignCatalog.NanyueCraftsman);
        var first = await DesignDeployer.DeployAsync(engine, design.Key, design.Xml);
        await engine.RetireAsync(first.DefinitionId);

        var restart = await DesignDeployer.DeployAsync(engine, design.Key, design.Xml);

        restart.Should().Be(first with { State = DefinitionState.Retired, Outcome = DesignDeploymentOutcome.Unchanged });
        (await store.GetLatestPublishedAsync(design.Key)).Should().BeNull();
    }

    [Fact]
    public async Task A_draft_left_by_a_node_that_stopped_before_publishing_is_published_instead_of_a_new_one()
    {
        using var store = new InMemoryWorkflowStore();
        var engine = Node(store);
        var design = DesignCatalog.Get(DesignCatalog.ModelWorker);
        var draft = (await engine.DeployAsync(design.Xml)).Single();

        var deployed = await DesignDeployer.DeployAsync(engine, design.Key, design.Xml);

        deployed.Should().Be(new DesignDeployment(design.Key, draft.Id, 1, DefinitionState.Published, DesignDeploymentOutcome.Published));
        (await VersionsAsync(store, design.Key)).Should().ContainSingle();
    }

    [Fact]
    public async Task An_engine_without_the_honours_activities_refuses_the_designs_naming_the_activity_types()
    {
        using var store = new InMemoryWorkflowStore();

        var act = () => DesignDeployer.DeployAllAsync(new WorkflowEngine(store));

        var refused = (await act.Should().ThrowAsync<BpmnValidationException>()).Which;
        refused.Message.Should().Contain("honours.noticePeriod").And.Contain("is not in the activity catalog");
        (await store.ListDefinitionsAsync(null)).Should().BeEmpty();
    }

    [Fact]
    public async Task A_file_without_the_named_process_is_refused_clearly()
    {
        using var store = new InMemoryWorkflowStore();
        var design = DesignCatalog.Get(DesignCatalog.LabourMedal);

        var act = () => DesignDeployer.DeployAsync(Node(store), "labour-medal-2027", design.Xml);

        await act.Should().ThrowAsync<InvalidOperationException>().WithMessage("*'labour-medal-2027'*labour-medal*");
    }
}
