using Workflows.Engine.Persistence;
using Workflows.Engine.Runtime;
using static Workflows.Engine.Tests.Persistence.TestRecords;

namespace Workflows.Engine.Tests.Persistence;

/// <summary>
/// The done list (已办, read from the history with the instance) and the copies (抄送) of the store contract, on the
/// in-memory, SQLite and PostgreSQL stores. Users carry a tag per test: the durable stores share one database per class.
/// </summary>
public sealed class DoneAndCopyListTests(TestStores stores) : IClassFixture<TestStores>
{
    private static string NewTag() => Guid.NewGuid().ToString("N")[..8];

    private static HistoryEvent Event(InstanceRecord instance, string type, string actor, int seconds, Guid? taskId = null, string? comment = null) => new()
    {
        InstanceId = instance.Id,
        At = At(seconds),
        Type = type,
        ElementId = "node-" + seconds,
        ElementName = "节点 " + seconds,
        ExecutionId = "e1",
        TaskId = taskId,
        Actor = actor,
        Comment = comment,
        Data = """{"outcome":"ok"}""",
    };

    // ------------------------------------------------------------------ done list

    [Theory, MemberData(nameof(TestStores.AllKinds), MemberType = typeof(TestStores))]
    public async Task The_done_list_holds_what_the_user_did_newest_first_with_the_instance(StoreKind kind)
    {
        var store = await stores.CreateStoreAsync(kind);
        var tag = NewTag();
        var me = "li-" + tag;
        var other = "zhao-" + tag;
        var active = Instance("medal-" + tag, businessKey: "GH-1-" + tag);
        active.Campaign = "medal-2025";
        active.StartedBy = "applicant-" + tag;
        var completed = Instance("model-" + tag, businessKey: "GH-2-" + tag);
        completed.Status = InstanceStatus.Completed;
        completed.Campaign = "model-2026";
        completed.OrganizationPath = "/gd/sz";
        var terminated = Instance("medal-" + tag);
        terminated.Status = InstanceStatus.Terminated;
        terminated.Campaign = "medal-2025";
        var task = Guid.NewGuid();

        var c = new ChangeSet();
        c.InsertedInstances.AddRange([active, completed, terminated]);
        c.History.AddRange(
        [
            Event(active, HistoryTypes.InstanceStarted, me, 0),
            Event(active, HistoryTypes.TaskClaimed, me, 1, task),
            Event(active, HistoryTypes.TaskCompleted, me, 2, task, "同意推荐"),
            Event(completed, HistoryTypes.TaskReturned, me, 3, comment: "材料不全"),
            Event(terminated, HistoryTypes.TaskRejected, me, 4),
            Event(active, HistoryTypes.TaskTransferred, me, 5),
            Event(completed, HistoryTypes.TaskDelegated, me, 6),
            Event(active, HistoryTypes.Comment, me, 7, comment: "备注"),
            Event(completed, HistoryTypes.TaskResolved, me, 8),
            Event(active, HistoryTypes.TaskCompleted, other, 9),
            Event(terminated, HistoryTypes.InstanceWithdrawn, me, 10),
            Event(active, HistoryTypes.TaskUrged, me, 11),
        ]);
        await store.CommitAsync(c);

        // Two events at one instant: the later committed (higher id) comes first.
        var tie = new ChangeSet();
        tie.History.Add(Event(completed, HistoryTypes.TaskCompleted, me, 10, comment: "same instant"));
        await store.CommitAsync(tie);

        var page = await store.QueryDoneTasksAsync(new DoneTaskQuery(me));

        page.Total.Should().Be(8);
        page.Items.Select(d => (d.Action, d.At)).Should().Equal(
            (HistoryTypes.TaskCompleted, At(10)), (HistoryTypes.InstanceWithdrawn, At(10)), (HistoryTypes.TaskResolved, At(8)),
            (HistoryTypes.TaskDelegated, At(6)), (HistoryTypes.TaskTransferred, At(5)), (HistoryTypes.TaskRejected, At(4)),
            (HistoryTypes.TaskReturned, At(3)), (HistoryTypes.TaskCompleted, At(2)));
        page.Items.Select(d => d.HistoryId).Should().BeInDescendingOrder().And.OnlyHaveUniqueItems();

        // An entry carries the event and its instance.
        var history = await store.GetHistoryAsync(active.Id);
        var completion = history.Single(h => h.Type == HistoryTypes.TaskCompleted && h.Actor == me);
        page.Items[^1].Should().BeEquivalentTo(new DoneTaskRecord
        {
            HistoryId = completion.Id,
            TaskId = task,
            InstanceId = active.Id,
            ElementId = "node-2",
            ElementName = "节点 2",
            DefinitionKey = active.DefinitionKey,
            BusinessKey = active.BusinessKey,
            OrganizationPath = active.OrganizationPath,
            Campaign = "medal-2025",
            StartedBy = "applicant-" + tag,
            Action = HistoryTypes.TaskCompleted,
            Actor = me,
            Comment = "同意推荐",
            At = At(2),
            InstanceStatus = InstanceStatus.Active,
        });
        page.Items[6].Should().BeEquivalentTo(new { InstanceId = completed.Id, Comment = "材料不全", OrganizationPath = "/gd/sz", InstanceStatus = InstanceStatus.Completed });

        // The other user's done list, and a user who did nothing.
        (await store.QueryDoneTasksAsync(new DoneTaskQuery(other))).Items.Should().ContainSingle().Which.InstanceId.Should().Be(active.Id);
        (await store.QueryDoneTasksAsync(new DoneTaskQuery("nobody-" + tag))).Should().BeEquivalentTo(new DoneTaskPage([], 0));
    }

    [Theory, MemberData(nameof(TestStores.AllKinds), MemberType = typeof(TestStores))]
    public async Task The_done_list_filters_by_definition_campaign_instance_status_and_actions_and_pages(StoreKind kind)
    {
        var store = await stores.CreateStoreAsync(kind);
        var tag = NewTag();
        var me = "huang-" + tag;
        var medal = Instance("medal-" + tag);
        medal.Campaign = "medal-2025";
        var model = Instance("model-" + tag);
        model.Campaign = "model-2026";
        var c = new ChangeSet();
        c.InsertedInstances.AddRange([medal, model]);
        for (var n = 0; n < 10; n++)
        {
            var type = n % 3 == 0 ? HistoryTypes.TaskReturned : HistoryTypes.TaskCompleted;
            c.History.Add(Event(n % 2 == 0 ? medal : model, type, me, n));
            c.History.Add(Event(medal, HistoryTypes.Comment, me, n));
        }

        await store.CommitAsync(c);
        async Task<int[]> Seconds(DoneTaskQuery q)
        {
            var page = await store.QueryDoneTasksAsync(q);
            page.Total.Should().Be(page.Items.Count);
            return [.. page.Items.Select(d => (int)(d.At - T0).TotalSeconds)];
        }

        (await Seconds(new DoneTaskQuery(me))).Should().Equal(9, 8, 7, 6, 5, 4, 3, 2, 1, 0);
        (await Seconds(new DoneTaskQuery(me) { DefinitionKey = medal.DefinitionKey })).Should().Equal(8, 6, 4, 2, 0);
        (await Seconds(new DoneTaskQuery(me) { Campaign = "model-2026" })).Should().Equal(9, 7, 5, 3, 1);
        (await Seconds(new DoneTaskQuery(me) { Campaign = "model-2026", DefinitionKey = medal.DefinitionKey })).Should().BeEmpty();
        (await Seconds(new DoneTaskQuery(me) { Actions = [HistoryTypes.TaskReturned] })).Should().Equal(9, 6, 3, 0);
        (await Seconds(new DoneTaskQuery(me) { Actions = [HistoryTypes.TaskReturned, HistoryTypes.TaskReturned, HistoryTypes.Comment], DefinitionKey = model.DefinitionKey }))
            .Should().Equal(9, 3);
        (await Seconds(new DoneTaskQuery(me) { Actions = [HistoryTypes.Comment] })).Should().HaveCount(10);
        (await Seconds(new DoneTaskQuery(me) { Actions = [] })).Should().BeEmpty();
        (await Seconds(new DoneTaskQuery(me) { InstanceStatus = InstanceStatus.Active })).Should().HaveCount(10);
        (await Seconds(new DoneTaskQuery(me) { InstanceStatus = InstanceStatus.Completed })).Should().BeEmpty();

        // The instance's status is read at query time: the entry follows the instance to its end.
        var end = Next(model);
        end.Status = InstanceStatus.Completed;
        end.EndedAt = At(20);
        var finish = new ChangeSet();
        finish.UpdatedInstances.Add((end, model.Version));
        await store.CommitAsync(finish);
        (await Seconds(new DoneTaskQuery(me) { InstanceStatus = InstanceStatus.Completed })).Should().Equal(9, 7, 5, 3, 1);
        (await Seconds(new DoneTaskQuery(me) { InstanceStatus = InstanceStatus.Active })).Should().Equal(8, 6, 4, 2, 0);

        // Pages of three without gaps or overlaps, each with the total; past the end and an empty page too.
        var paged = new List<int>();
        for (var skip = 0; skip < 12; skip += 3)
        {
            var page = await store.QueryDoneTasksAsync(new DoneTaskQuery(me) { Skip = skip, Take = 3 });
            page.Total.Should().Be(10);
            paged.AddRange(page.Items.Select(d => (int)(d.At - T0).TotalSeconds));
        }

        paged.Should().Equal(9, 8, 7, 6, 5, 4, 3, 2, 1, 0);
        (await store.QueryDoneTasksAsync(new DoneTaskQuery(me) { Skip = 10 })).Should().BeEquivalentTo(new DoneTaskPage([], 10));
        (await store.QueryDoneTasksAsync(new DoneTaskQuery(me) { Take = 0, Campaign = "medal-2025" })).Should().BeEquivalentTo(new DoneTaskPage([], 5));
    }

    // ------------------------------------------------------------------ copies

    [Theory, MemberData(nameof(TestStores.AllKinds), MemberType = typeof(TestStores))]
    public async Task Copies_are_written_with_the_command_and_listed_for_their_reader_newest_first(StoreKind kind)
    {
        var store = await stores.CreateStoreAsync(kind);
        var tag = NewTag();
        var me = "zhou-" + tag;
        var medal = Instance("medal-" + tag, businessKey: "LM-" + tag);
        var model = Instance("model-" + tag);
        model.Campaign = "model-2026";
        var copies = new List<CopyRecord>();
        for (var n = 0; n < 7; n++)
        {
            copies.Add(Copy(n % 2 == 0 ? medal : model, me, copiedSeconds: n / 2)); // pairs at one instant: ties by id
        }

        var minimal = Copy(medal, me, copiedSeconds: -5);
        minimal.TaskId = null;
        minimal.ElementId = null;
        minimal.TaskName = null;
        minimal.BusinessKey = null;
        minimal.OrganizationPath = null;
        minimal.Campaign = null;
        minimal.CopiedBy = null;
        minimal.Comment = null;
        var otherReader = Copy(medal, "wu-" + tag, copiedSeconds: 9);
        var c = new ChangeSet();
        c.InsertedInstances.AddRange([medal, model]);
        c.InsertedCopies.AddRange([.. copies, minimal, otherReader]);
        await store.CommitAsync(c);

        (await store.GetCopyAsync(copies[3].Id)).Should().BeEquivalentTo(copies[3]);
        (await store.GetCopyAsync(minimal.Id)).Should().BeEquivalentTo(minimal);
        (await store.GetCopyAsync(Guid.NewGuid())).Should().BeNull();

        var all = copies.Append(minimal).ToList();
        all.Sort((a, b) => a.CopiedAt != b.CopiedAt ? b.CopiedAt.CompareTo(a.CopiedAt) : string.CompareOrdinal(b.Id.ToString(), a.Id.ToString()));
        var page = await store.QueryCopiesAsync(new CopyQuery(me));
        page.Total.Should().Be(8);
        page.Items.Should().BeEquivalentTo(all, o => o.WithStrictOrdering());

        async Task<List<Guid>> Ids(CopyQuery q)
        {
            var p = await store.QueryCopiesAsync(q);
            p.Total.Should().Be(p.Items.Count);
            return [.. p.Items.Select(x => x.Id)];
        }

        (await Ids(new CopyQuery(me) { DefinitionKey = model.DefinitionKey })).Should().Equal(all.Where(x => x.InstanceId == model.Id).Select(x => x.Id));
        (await Ids(new CopyQuery(me) { Campaign = "model-2026" })).Should().Equal(all.Where(x => x.Campaign == "model-2026").Select(x => x.Id));
        (await Ids(new CopyQuery(me) { Campaign = "model-2026", DefinitionKey = medal.DefinitionKey })).Should().BeEmpty();
        (await Ids(new CopyQuery("wu-" + tag))).Should().Equal(otherReader.Id);
        (await Ids(new CopyQuery("nobody-" + tag))).Should().BeEmpty();

        // Pages of three follow each other and carry the total.
        var paged = new List<Guid>();
        for (var skip = 0; skip < 9; skip += 3)
        {
            var p = await store.QueryCopiesAsync(new CopyQuery(me) { Skip = skip, Take = 3 });
            p.Total.Should().Be(8);
            paged.AddRange(p.Items.Select(x => x.Id));
        }

        paged.Should().Equal(all.Select(x => x.Id));
        (await store.QueryCopiesAsync(new CopyQuery(me) { Skip = 8 })).Should().BeEquivalentTo(new CopyPage([], 8));
        (await store.QueryCopiesAsync(new CopyQuery(me) { Take = 0, DefinitionKey = model.DefinitionKey })).Should().BeEquivalentTo(new CopyPage([], 3));
    }

    [Theory, MemberData(nameof(TestStores.AllKinds), MemberType = typeof(TestStores))]
    public async Task A_copy_is_marked_read_once_and_only_by_its_reader(StoreKind kind)
    {
        var store = await stores.CreateStoreAsync(kind);
        var tag = NewTag();
        var me = "sun-" + tag;
        var instance = Instance("medal-" + tag);
        var first = Copy(instance, me, copiedSeconds: 1);
        var second = Copy(instance, me, copiedSeconds: 2);
        var third = Copy(instance, me, copiedSeconds: 3);
        var c = new ChangeSet();
        c.InsertedInstances.Add(instance);
        c.InsertedCopies.AddRange([first, second, third]);
        await store.CommitAsync(c);

        async Task<List<Guid>> Ids(bool? unread) => [.. (await store.QueryCopiesAsync(new CopyQuery(me) { Unread = unread })).Items.Select(x => x.Id)];
        (await Ids(true)).Should().Equal(third.Id, second.Id, first.Id);
        (await Ids(false)).Should().BeEmpty();

        (await store.MarkCopyReadAsync(second.Id, me, At(100))).Should().BeTrue();
        (await store.GetCopyAsync(second.Id))!.ReadAt.Should().Be(At(100));

        // Again: still the reader's, the first reading stays.
        (await store.MarkCopyReadAsync(second.Id, me, At(200))).Should().BeTrue();
        (await store.GetCopyAsync(second.Id))!.ReadAt.Should().Be(At(100));

        // Another user, an unknown copy: refused, nothing changes.
        (await store.MarkCopyReadAsync(first.Id, "intruder-" + tag, At(300))).Should().BeFalse();
        (await store.MarkCopyReadAsync(Guid.NewGuid(), me, At(300))).Should().BeFalse();
        (await store.GetCopyAsync(first.Id))!.ReadAt.Should().BeNull();

        (await Ids(true)).Should().Equal(third.Id, first.Id);
        (await Ids(false)).Should().Equal(second.Id);
        (await Ids(null)).Should().Equal(third.Id, second.Id, first.Id);
        (await store.QueryCopiesAsync(new CopyQuery(me) { Unread = true, Take = 1 })).Total.Should().Be(2);
        (await store.QueryCopiesAsync(new CopyQuery(me) { Unread = false })).Items.Single().Should().BeEquivalentTo(second, o => o.Excluding(x => x.ReadAt));
    }

    [Theory, MemberData(nameof(TestStores.AllKinds), MemberType = typeof(TestStores))]
    public async Task Copies_of_a_failed_command_are_not_written(StoreKind kind)
    {
        var store = await stores.CreateStoreAsync(kind);
        var tag = NewTag();
        var instance = Instance("medal-" + tag);
        var start = new ChangeSet();
        start.InsertedInstances.Add(instance);
        await store.CommitAsync(start);

        var stale = new ChangeSet();
        stale.UpdatedInstances.Add((Next(instance), 5));
        stale.InsertedCopies.Add(Copy(instance, "qian-" + tag));
        var act = () => store.CommitAsync(stale);

        await act.Should().ThrowAsync<ConcurrencyConflictException>();
        (await store.QueryCopiesAsync(new CopyQuery("qian-" + tag))).Should().BeEquivalentTo(new CopyPage([], 0));
        (await store.GetCopyAsync(stale.InsertedCopies[0].Id)).Should().BeNull();
    }
}
