using Workflows.Engine.Persistence;
using Workflows.Engine.Runtime;
using Workflows.Engine.Tests.Persistence;
using static Workflows.Engine.Tests.Runtime.Bpmn;

namespace Workflows.Engine.Tests.Runtime;

/// <summary>
/// Requests belong to their actor and carry a fingerprint (issue 11, finding 1), and commands run inside a
/// <see cref="CommandTransaction"/> commit with the caller's work or not at all (finding 2).
/// </summary>
public sealed class CommandTransactionTests
{
    public static TheoryData<StoreKind> Stores => EngineHarness.AllStores;

    [Theory, MemberData(nameof(Stores))]
    public async Task A_request_id_belongs_to_its_actor_and_a_reuse_for_another_request_is_refused(StoreKind store)
    {
        await using var h = await EngineHarness.CreateAsync(store);
        await h.PublishAsync(Approval());
        var mine = await h.Engine.StartAsync(new StartInstanceCommand("approval", "A") { RequestId = "k", Actor = "alice", RequestFingerprint = "start A" });
        var theirs = await h.Engine.StartAsync(new StartInstanceCommand("approval", "B") { RequestId = "k", Actor = "bob", RequestFingerprint = "start B" });
        theirs.Id.Should().NotBe(mine.Id, "the same key from another actor is a fresh request");
        theirs.BusinessKey.Should().Be("B");

        var repeat = await h.Engine.StartAsync(new StartInstanceCommand("approval", "A") { RequestId = "k", Actor = "alice", RequestFingerprint = "start A" });
        repeat.Id.Should().Be(mine.Id);
        var reuse = () => h.Engine.StartAsync(new StartInstanceCommand("approval", "C") { RequestId = "k", Actor = "alice", RequestFingerprint = "start C" });
        await reuse.Should().ThrowAsync<RequestReusedException>();
        (await h.Store.QueryInstancesAsync(new InstanceQuery { DefinitionKey = "approval" })).Should().HaveCount(2);
    }

    [Theory, MemberData(nameof(Stores))]
    public async Task Commands_in_a_transaction_that_fails_before_its_commit_leave_nothing(StoreKind store)
    {
        await using var h = await EngineHarness.CreateAsync(store);
        await h.PublishAsync(Approval());
        var act = () => h.Engine.InTransactionAsync<InstanceView>(async _ =>
        {
            await h.Engine.ClaimRequestAsync("use-case", "u-1", "alice", "f");
            await h.Engine.StartAsync(new StartInstanceCommand("approval", "X") { Actor = "alice" });
            throw new InvalidOperationException("the domain's work failed after the engine's command");
        });
        await act.Should().ThrowAsync<InvalidOperationException>();
        (await h.Store.QueryInstancesAsync(new InstanceQuery { DefinitionKey = "approval" })).Should().BeEmpty();
        (await h.Store.GetProcessedRequestAsync("alice", "u-1")).Should().BeNull();

        var started = await h.Engine.InTransactionAsync(async _ =>
        {
            await h.Engine.ClaimRequestAsync("use-case", "u-1", "alice", "f");
            var view = await h.Engine.StartAsync(new StartInstanceCommand("approval", "X") { Actor = "alice" });
            await h.Engine.AnswerRequestAsync("u-1", "alice", view);
            return view;
        });
        (await h.Engine.AnsweredAsync<InstanceView>("use-case", "u-1", "alice", "f"))!.Id.Should().Be(started.Id);
        (await h.Store.QueryInstancesAsync(new InstanceQuery { DefinitionKey = "approval" })).Should().ContainSingle();
    }
}
