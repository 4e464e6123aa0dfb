using Workflows.Engine.Persistence;
using static Workflows.Engine.Tests.Persistence.TestRecords;

namespace Workflows.Engine.Tests.Persistence;

/// <summary>
/// The to-do list (待办) of the store contract: <see cref="TaskQuery.Handler"/>, <see cref="TaskQuery.OrderBy"/>,
/// <see cref="IWorkflowStore.CountTasksAsync"/> and <see cref="IWorkflowStore.QueryTaskPageAsync"/>, on the in-memory,
/// SQLite and PostgreSQL stores. Names carry a tag per test: the durable stores share one database per class.
/// </summary>
public sealed class TodoQueryTests(TestStores stores) : IClassFixture<TestStores>
{
    private static ChangeSet Start(InstanceRecord instance, params TaskRecord[] tasks)
    {
        var c = new ChangeSet();
        c.InsertedInstances.Add(instance);
        c.InsertedTasks.AddRange(tasks);
        return c;
    }

    private static string NewTag() => Guid.NewGuid().ToString("N")[..8];

    /// <summary>Tasks in the order every store must give for <paramref name="order"/> (ids compare like their text).</summary>
    private static List<TaskRecord> Sorted(IEnumerable<TaskRecord> tasks, TaskOrder order)
    {
        static int ById(TaskRecord a, TaskRecord b) => string.CompareOrdinal(a.Id.ToString(), b.Id.ToString());
        static int Created(TaskRecord a, TaskRecord b) => a.CreatedAt != b.CreatedAt ? a.CreatedAt.CompareTo(b.CreatedAt) : ById(a, b);
        var list = tasks.ToList();
        list.Sort(order switch
        {
            TaskOrder.CreatedDescending => (a, b) => Created(b, a),
            TaskOrder.Due => (a, b) => (a.DueAt, b.DueAt) switch
            {
                ({ } x, { } y) when x != y => x.CompareTo(y),
                (null, { }) => 1,
                ({ }, null) => -1,
                _ => Created(a, b),
            },
            _ => Created,
        });
        return list;
    }

    [Theory, MemberData(nameof(TestStores.AllKinds), MemberType = typeof(TestStores))]
    public async Task Handler_selects_assigned_tasks_and_unassigned_tasks_of_the_user_or_the_groups(StoreKind kind)
    {
        var store = await stores.CreateStoreAsync(kind);
        var tag = NewTag();
        string U(string n) => n + "-" + tag;
        var me = U("wang");
        string[] mine = [U("city-reviewer@/gd/gz"), U("finance@/gd/gz/d1")];
        var i1 = Instance();
        var i2 = Instance();

        var assignedToMe = UserTask(i1, "a", assignee: me, createdSeconds: 1);
        var candidateUser = UserTask(i1, "b", users: [U("li"), me], createdSeconds: 2);
        var candidateGroup = UserTask(i1, "c", groups: [U("other@/gd"), mine[1]], createdSeconds: 3);
        var claimedByOther = UserTask(i1, "d", assignee: U("zhao"), users: [me], groups: [mine[0]], createdSeconds: 4);
        var claimedByMe = UserTask(i2, "e", assignee: me, users: [me], groups: [mine[0], mine[1]], createdSeconds: 5);
        var userAndGroups = UserTask(i2, "f", users: [me], groups: [mine[0], mine[1]], createdSeconds: 6);
        var assignedToOther = UserTask(i2, "g", assignee: U("zhao"), createdSeconds: 7);
        var otherGroup = UserTask(i2, "h", groups: [U("other@/gd")], users: [U("li")], createdSeconds: 8);
        var noCandidates = UserTask(i2, "i", createdSeconds: 9);
        await store.CommitAsync(Start(i1, assignedToMe, candidateUser, candidateGroup, claimedByOther));
        await store.CommitAsync(Start(i2, claimedByMe, userAndGroups, assignedToOther, otherGroup, noCandidates));

        var all = new TaskQuery { Handler = new TaskHandler(me, mine) };
        (await store.QueryTasksAsync(all)).Select(t => t.Id).Should()
            .Equal(assignedToMe.Id, candidateUser.Id, candidateGroup.Id, claimedByMe.Id, userAndGroups.Id);
        (await store.CountTasksAsync(all)).Should().Be(5);

        // Records come back whole, candidates included.
        (await store.QueryTasksAsync(all with { ElementId = "e" })).Single().Should().BeEquivalentTo(claimedByMe);

        // Without groups: assigned or candidate user only; one group; a user with no work at all.
        (await store.QueryTasksAsync(new TaskQuery { Handler = new TaskHandler(me) })).Select(t => t.Id).Should()
            .Equal(assignedToMe.Id, candidateUser.Id, claimedByMe.Id, userAndGroups.Id);
        (await store.QueryTasksAsync(new TaskQuery { Handler = new TaskHandler(U("nobody"), [mine[1]]) })).Select(t => t.Id).Should()
            .Equal(candidateGroup.Id, userAndGroups.Id);
        (await store.QueryTasksAsync(new TaskQuery { Handler = new TaskHandler(U("nobody"), []) })).Should().BeEmpty();
        (await store.CountTasksAsync(new TaskQuery { Handler = new TaskHandler(U("nobody"), []) })).Should().Be(0);

        // The other user sees the task claimed from my group, not the claimable ones of my groups.
        (await store.QueryTasksAsync(new TaskQuery { Handler = new TaskHandler(U("zhao"), []) })).Select(t => t.Id).Should()
            .Equal(claimedByOther.Id, assignedToOther.Id);

        // Duplicated groups are harmless.
        (await store.CountTasksAsync(new TaskQuery { Handler = new TaskHandler(me, [mine[0], mine[0], mine[1]]) })).Should().Be(5);
    }

    [Theory, MemberData(nameof(TestStores.AllKinds), MemberType = typeof(TestStores))]
    public async Task Handler_combines_with_the_other_filters(StoreKind kind)
    {
        var store = await stores.CreateStoreAsync(kind);
        var tag = NewTag();
        var me = "chen-" + tag;
        var group = "clerk@/gd/sz-" + tag;
        var hardship = Instance("hardship-aid-" + tag, businessKey: "GH-1-" + tag);
        var transfer = Instance("member-transfer-" + tag);
        var a = UserTask(hardship, "review", assignee: me, createdSeconds: 1);
        var b = UserTask(hardship, "approve", groups: [group], createdSeconds: 2);
        var c = UserTask(transfer, "review", users: [me], createdSeconds: 3);
        var d = UserTask(transfer, "approve", assignee: "someone-" + tag, groups: [group], createdSeconds: 4);
        await store.CommitAsync(Start(hardship, a, b));
        await store.CommitAsync(Start(transfer, c, d));
        var handler = new TaskHandler(me, [group]);

        async Task<IEnumerable<Guid>> Ids(TaskQuery q) => (await store.QueryTasksAsync(q)).Select(t => t.Id);
        (await Ids(new TaskQuery { Handler = handler, DefinitionKey = hardship.DefinitionKey })).Should().Equal(a.Id, b.Id);
        (await Ids(new TaskQuery { Handler = handler, ElementId = "review" })).Should().Equal(a.Id, c.Id);
        (await Ids(new TaskQuery { Handler = handler, InstanceId = transfer.Id })).Should().Equal(c.Id);
        (await Ids(new TaskQuery { Handler = handler, BusinessKey = hardship.BusinessKey, ElementId = "approve" })).Should().Equal(b.Id);
        (await Ids(new TaskQuery { Handler = handler, Assignee = me })).Should().Equal(a.Id);
        (await Ids(new TaskQuery { Handler = handler, CandidateGroups = [group] })).Should().Equal(b.Id);
        (await Ids(new TaskQuery { Handler = handler, CandidateUser = me })).Should().Equal(c.Id);
        (await Ids(new TaskQuery { Handler = handler, CandidateGroups = [] })).Should().BeEmpty();
        (await store.CountTasksAsync(new TaskQuery { Handler = handler, DefinitionKey = transfer.DefinitionKey })).Should().Be(1);
        (await store.CountTasksAsync(new TaskQuery { Handler = handler, InstanceId = hardship.Id })).Should().Be(2);
    }

    [Theory, MemberData(nameof(TestStores.AllKinds), MemberType = typeof(TestStores))]
    public async Task Orders_newest_first_and_by_due_date_with_ties_broken_by_id(StoreKind kind)
    {
        var store = await stores.CreateStoreAsync(kind);
        var tag = NewTag();
        var me = "lin-" + tag;
        var group = "reviewer@/gd-" + tag;
        var instance = Instance();
        var tasks = new List<TaskRecord>();
        for (var i = 0; i < 12; i++)
        {
            // Pairs share a creation time; some share a due date; every third has none.
            var t = UserTask(instance, "t" + i, assignee: i % 4 == 0 ? me : null, groups: i % 4 == 0 ? [] : [group], createdSeconds: i / 2);
            t.DueAt = i % 3 == 0 ? null : At(1000 - (i % 5 * 100));
            tasks.Add(t);
        }

        await store.CommitAsync(Start(instance, [.. tasks]));
        var handler = new TaskHandler(me, [group]);

        foreach (var order in new[] { TaskOrder.Created, TaskOrder.CreatedDescending, TaskOrder.Due })
        {
            var expected = Sorted(tasks, order).Select(t => t.Id).ToList();
            (await store.QueryTasksAsync(new TaskQuery { Handler = handler, OrderBy = order })).Select(t => t.Id).Should().Equal(expected, order.ToString());

            // The same order without the handler (plain filters) and within one instance.
            (await store.QueryTasksAsync(new TaskQuery { DefinitionKey = instance.DefinitionKey, OrderBy = order })).Select(t => t.Id).Should().Equal(expected);
            (await store.QueryTasksAsync(new TaskQuery { InstanceId = instance.Id, OrderBy = order })).Select(t => t.Id).Should().Equal(expected);

            // Pages of 5 follow each other without gaps or overlaps.
            var paged = new List<Guid>();
            for (var skip = 0; skip < 15; skip += 5)
            {
                var page = await store.QueryTaskPageAsync(new TaskQuery { Handler = handler, OrderBy = order, Skip = skip, Take = 5 });
                page.Total.Should().Be(12);
                paged.AddRange(page.Tasks.Select(t => t.Id));
                (await store.QueryTasksAsync(new TaskQuery { Handler = handler, OrderBy = order, Skip = skip, Take = 5 })).Select(t => t.Id).Should()
                    .Equal(page.Tasks.Select(t => t.Id));
            }

            paged.Should().Equal(expected);
        }

        // The default order is oldest first.
        (await store.QueryTasksAsync(new TaskQuery { Handler = handler })).Select(t => t.Id).Should().Equal(Sorted(tasks, TaskOrder.Created).Select(t => t.Id));
    }

    [Theory, MemberData(nameof(TestStores.AllKinds), MemberType = typeof(TestStores))]
    public async Task A_page_carries_the_total_of_all_matching_tasks(StoreKind kind)
    {
        var store = await stores.CreateStoreAsync(kind);
        var tag = NewTag();
        var me = "he-" + tag;
        var group = "hr@/gd/fs-" + tag;
        var instance = Instance("todo-page-" + tag);
        var tasks = Enumerable.Range(0, 7).Select(i => UserTask(instance, "t" + i, assignee: i == 0 ? me : null, groups: [group], createdSeconds: i)).ToArray();
        var other = UserTask(instance, "other", groups: ["elsewhere-" + tag], createdSeconds: 8);
        await store.CommitAsync(Start(instance, [.. tasks, other]));
        var handler = new TaskHandler(me, [group]);

        var first = await store.QueryTaskPageAsync(new TaskQuery { Handler = handler, OrderBy = TaskOrder.CreatedDescending, Take = 3 });
        first.Total.Should().Be(7);
        first.Tasks.Select(t => t.Id).Should().Equal(tasks[6].Id, tasks[5].Id, tasks[4].Id);
        first.Tasks[0].Should().BeEquivalentTo(tasks[6]);

        var last = await store.QueryTaskPageAsync(new TaskQuery { Handler = handler, OrderBy = TaskOrder.CreatedDescending, Skip = 6, Take = 3 });
        last.Should().BeEquivalentTo(new TaskPage([tasks[0]], 7));

        // Past the end, and a page of nothing: the total still comes back.
        (await store.QueryTaskPageAsync(new TaskQuery { Handler = handler, Skip = 20, Take = 3 })).Should().BeEquivalentTo(new TaskPage([], 7));
        (await store.QueryTaskPageAsync(new TaskQuery { Handler = handler, Take = 0 })).Should().BeEquivalentTo(new TaskPage([], 7));
        (await store.QueryTaskPageAsync(new TaskQuery { Handler = new TaskHandler("nobody-" + tag) })).Should().BeEquivalentTo(new TaskPage([], 0));

        // Pages and totals of plain filters as well.
        var byKey = await store.QueryTaskPageAsync(new TaskQuery { DefinitionKey = instance.DefinitionKey, Skip = 2, Take = 2 });
        byKey.Total.Should().Be(8);
        byKey.Tasks.Select(t => t.Id).Should().Equal(tasks[2].Id, tasks[3].Id);
        (await store.QueryTaskPageAsync(new TaskQuery { InstanceId = instance.Id, OrderBy = TaskOrder.CreatedDescending, Take = 1 }))
            .Should().BeEquivalentTo(new TaskPage([other], 8));
        (await store.QueryTaskPageAsync(new TaskQuery { CandidateGroups = [] })).Should().BeEquivalentTo(new TaskPage([], 0));
    }

    [Theory, MemberData(nameof(TestStores.AllKinds), MemberType = typeof(TestStores))]
    public async Task Count_applies_every_filter_and_ignores_paging(StoreKind kind)
    {
        var store = await stores.CreateStoreAsync(kind);
        var tag = NewTag();
        string U(string n) => n + "-" + tag;
        var i1 = Instance(U("k"), businessKey: U("bk"));
        var i2 = Instance(U("k2"));
        await store.CommitAsync(Start(i1,
            UserTask(i1, "review", assignee: U("ann"), createdSeconds: 1),
            UserTask(i1, "approve", users: [U("bob"), U("cid")], createdSeconds: 2)));
        await store.CommitAsync(Start(i2,
            UserTask(i2, "approve", groups: [U("sales"), U("hr")], createdSeconds: 3),
            UserTask(i2, "sign", users: [U("bob")], groups: [U("legal")], createdSeconds: 4)));

        (await store.CountTasksAsync(new TaskQuery { Assignee = U("ann") })).Should().Be(1);
        (await store.CountTasksAsync(new TaskQuery { CandidateUser = U("bob"), Take = 1 })).Should().Be(2);
        (await store.CountTasksAsync(new TaskQuery { CandidateGroups = [U("hr"), U("legal"), U("none")], Skip = 1 })).Should().Be(2);
        (await store.CountTasksAsync(new TaskQuery { CandidateUser = U("cid"), CandidateGroups = [U("sales")] })).Should().Be(2);
        (await store.CountTasksAsync(new TaskQuery { CandidateGroups = [] })).Should().Be(0);
        (await store.CountTasksAsync(new TaskQuery { InstanceId = i2.Id })).Should().Be(2);
        (await store.CountTasksAsync(new TaskQuery { InstanceId = i2.Id, ElementId = "sign" })).Should().Be(1);
        (await store.CountTasksAsync(new TaskQuery { DefinitionKey = U("k") })).Should().Be(2);
        (await store.CountTasksAsync(new TaskQuery { BusinessKey = U("bk"), ElementId = "approve" })).Should().Be(1);
        (await store.CountTasksAsync(new TaskQuery { DefinitionKey = U("none") })).Should().Be(0);
    }

    [Theory, MemberData(nameof(TestStores.AllKinds), MemberType = typeof(TestStores))]
    public async Task The_to_do_list_follows_claims_and_releases(StoreKind kind)
    {
        var store = await stores.CreateStoreAsync(kind);
        var tag = NewTag();
        var group = "approver@/gd/gz-" + tag;
        var instance = Instance();
        var task = UserTask(instance, "approve", groups: [group]);
        await store.CommitAsync(Start(instance, task));
        var wang = new TaskQuery { Handler = new TaskHandler("wang-" + tag, [group]) };
        var li = new TaskQuery { Handler = new TaskHandler("li-" + tag, [group]) };
        (await store.CountTasksAsync(wang)).Should().Be(1);
        (await store.CountTasksAsync(li)).Should().Be(1);

        async Task AssignAsync(string? assignee)
        {
            var current = (await store.GetTaskAsync(task.Id))!;
            current.Assignee = assignee;
            var c = new ChangeSet();
            c.UpdatedTasks.Add(current);
            await store.CommitAsync(c);
        }

        await AssignAsync("wang-" + tag); // claimed: Wang's, no longer Li's
        (await store.QueryTasksAsync(wang)).Should().ContainSingle(t => t.Id == task.Id);
        (await store.CountTasksAsync(li)).Should().Be(0);

        await AssignAsync(null); // released: claimable by both again
        (await store.CountTasksAsync(wang)).Should().Be(1);
        (await store.QueryTaskPageAsync(li)).Total.Should().Be(1);

        var done = new ChangeSet();
        done.DeletedTaskIds.Add(task.Id);
        await store.CommitAsync(done); // completed: in no one's list
        (await store.CountTasksAsync(wang)).Should().Be(0);
        (await store.QueryTasksAsync(li)).Should().BeEmpty();
    }
}
