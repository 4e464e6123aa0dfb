using Workflows.Engine.Persistence;
using static Workflows.Engine.Tests.Persistence.TestRecords;

namespace Workflows.Engine.Tests.Persistence;

/// <summary>The <see cref="IWorkflowStore"/> contract, run against the in-memory, SQLite and PostgreSQL stores.</summary>
public sealed class StoreContractTests(TestStores stores) : IClassFixture<TestStores>
{
    private static ChangeSet Start(InstanceRecord instance, params TaskRecord[] tasks)
    {
        var c = new ChangeSet();
        c.InsertedInstances.Add(instance);
        c.InsertedTasks.AddRange(tasks);
        c.History.Add(History(instance, "ProcessStarted"));
        return c;
    }

    // ------------------------------------------------------------------ records

    [Theory, MemberData(nameof(TestStores.AllKinds), MemberType = typeof(TestStores))]
    public async Task Instance_round_trips_with_every_field(StoreKind kind)
    {
        var store = await stores.CreateStoreAsync(kind);
        var parent = Instance();
        var child = Instance(businessKey: "order-" + Guid.NewGuid());
        child.ParentInstanceId = parent.Id;
        child.ParentExecutionId = "call-1";
        child.EndedAt = At(99);
        child.Status = InstanceStatus.Completed;
        var c = new ChangeSet();
        c.InsertedInstances.Add(parent);
        c.InsertedInstances.Add(child);
        await store.CommitAsync(c);

        (await store.GetInstanceAsync(parent.Id)).Should().BeEquivalentTo(parent);
        var read = await store.GetInstanceAsync(child.Id);
        read.Should().BeEquivalentTo(child);
        read!.StartedAt.Should().Be(child.StartedAt);
        read.EndedAt.Should().Be(At(99));
        (await store.GetInstanceAsync(Guid.NewGuid())).Should().BeNull();
    }

    [Theory, MemberData(nameof(TestStores.AllKinds), MemberType = typeof(TestStores))]
    public async Task Instance_update_checks_and_moves_the_version(StoreKind kind)
    {
        var store = await stores.CreateStoreAsync(kind);
        var instance = Instance();
        await store.CommitAsync(Start(instance));

        var next = Next(instance, """{"v":2}""");
        next.Status = InstanceStatus.Completed;
        next.EndedAt = At(10);
        var c = new ChangeSet();
        c.UpdatedInstances.Add((next, instance.Version));
        await store.CommitAsync(c);

        var read = await store.GetInstanceAsync(instance.Id);
        read.Should().BeEquivalentTo(next);
        read!.Version.Should().Be(2);
    }

    [Theory, MemberData(nameof(TestStores.AllKinds), MemberType = typeof(TestStores))]
    public async Task Task_round_trips_with_candidates_and_is_updated_and_deleted(StoreKind kind)
    {
        var store = await stores.CreateStoreAsync(kind);
        var instance = Instance(businessKey: "bk-1");
        var task = UserTask(instance, users: ["zoe", "adam", "zoe"], groups: ["sales", "managers"]);
        await store.CommitAsync(Start(instance, task));

        var read = await store.GetTaskAsync(task.Id);
        read.Should().BeEquivalentTo(task, o => o.Excluding(t => t.CandidateUsers));
        read!.CandidateUsers.Should().Equal("adam", "zoe");
        read.CandidateGroups.Should().Equal("managers", "sales");

        var claimed = read.Copy();
        claimed.Assignee = "adam";
        claimed.CandidateUsers = ["adam"];
        claimed.CandidateGroups = [];
        var update = new ChangeSet();
        update.UpdatedTasks.Add(claimed);
        await store.CommitAsync(update);
        (await store.GetTaskAsync(task.Id)).Should().BeEquivalentTo(claimed);

        var delete = new ChangeSet();
        delete.DeletedTaskIds.Add(task.Id);
        await store.CommitAsync(delete);
        (await store.GetTaskAsync(task.Id)).Should().BeNull();
        (await store.GetTasksOfInstanceAsync(instance.Id)).Should().BeEmpty();
        (await store.QueryTasksAsync(new TaskQuery { CandidateUser = "adam", InstanceId = instance.Id })).Should().BeEmpty();
    }

    [Theory, MemberData(nameof(TestStores.AllKinds), MemberType = typeof(TestStores))]
    public async Task Task_without_candidates_round_trips(StoreKind kind)
    {
        var store = await stores.CreateStoreAsync(kind);
        var instance = Instance();
        var task = UserTask(instance, assignee: "bob");
        task.Name = null;
        task.FormKey = null;
        task.DueAt = null;
        await store.CommitAsync(Start(instance, task));
        (await store.GetTaskAsync(task.Id)).Should().BeEquivalentTo(task);
    }

    [Theory, MemberData(nameof(TestStores.AllKinds), MemberType = typeof(TestStores))]
    public async Task Task_update_writes_owner_delegation_and_the_list_columns(StoreKind kind)
    {
        var store = await stores.CreateStoreAsync(kind);
        var instance = Instance();
        var task = UserTask(instance, assignee: "wang", groups: ["city-reviewer@/gd/gz"]);
        await store.CommitAsync(Start(instance, task));
        var read = await store.GetTaskAsync(task.Id);
        read.Should().BeEquivalentTo(task);
        read!.Delegation.Should().Be(DelegationState.None);
        read.Owner.Should().BeNull();
        read.OrganizationPath.Should().Be("/gd/gz/th/ent-001");

        // Delegated (委派): the delegate holds it, the owner waits; then resolved back.
        var delegated = read.Copy();
        delegated.Owner = "wang";
        delegated.Assignee = "li";
        delegated.Delegation = DelegationState.Pending;
        delegated.DueAt = At(7200);
        delegated.OrganizationPath = "/gd/gz/th";
        delegated.Campaign = "labour-medal-2025";
        delegated.StartedBy = "zhao";
        var c = new ChangeSet();
        c.UpdatedTasks.Add(delegated);
        await store.CommitAsync(c);
        (await store.GetTaskAsync(task.Id)).Should().BeEquivalentTo(delegated);

        var resolved = delegated.Copy();
        resolved.Assignee = "wang";
        resolved.Delegation = DelegationState.Resolved;
        var r = new ChangeSet();
        r.UpdatedTasks.Add(resolved);
        await store.CommitAsync(r);
        (await store.GetTaskAsync(task.Id)).Should().BeEquivalentTo(resolved);
        (await store.QueryTasksAsync(new TaskQuery { InstanceId = instance.Id })).Single().Should().BeEquivalentTo(resolved);
        (await store.QueryTaskPageAsync(new TaskQuery { Handler = new TaskHandler("wang"), InstanceId = instance.Id })).Tasks.Single()
            .Should().BeEquivalentTo(resolved);
    }

    [Theory, MemberData(nameof(TestStores.AllKinds), MemberType = typeof(TestStores))]
    public async Task Updating_a_task_that_is_gone_is_a_conflict(StoreKind kind)
    {
        var store = await stores.CreateStoreAsync(kind);
        var instance = Instance();
        await store.CommitAsync(Start(instance));
        var c = new ChangeSet();
        c.UpdatedTasks.Add(UserTask(instance, assignee: "x"));
        c.History.Add(History(instance, "TaskClaimed"));

        var act = () => store.CommitAsync(c);

        await act.Should().ThrowAsync<ConcurrencyConflictException>();
        (await store.GetHistoryAsync(instance.Id)).Should().HaveCount(1);
    }

    [Theory, MemberData(nameof(TestStores.AllKinds), MemberType = typeof(TestStores))]
    public async Task Tasks_of_instance_are_ordered_by_creation(StoreKind kind)
    {
        var store = await stores.CreateStoreAsync(kind);
        var instance = Instance();
        var late = UserTask(instance, "b", createdSeconds: 5, groups: ["g"]);
        var early = UserTask(instance, "a", createdSeconds: 1, users: ["u1", "u2"]);
        var other = Instance();
        await store.CommitAsync(Start(instance, late, early));
        await store.CommitAsync(Start(other, UserTask(other)));

        var tasks = await store.GetTasksOfInstanceAsync(instance.Id);

        tasks.Select(t => t.Id).Should().Equal(early.Id, late.Id);
        tasks[0].CandidateUsers.Should().Equal("u1", "u2");
        tasks[1].CandidateGroups.Should().Equal("g");
    }

    [Theory, MemberData(nameof(TestStores.AllKinds), MemberType = typeof(TestStores))]
    public async Task Jobs_round_trip_and_are_deleted(StoreKind kind)
    {
        var store = await stores.CreateStoreAsync(kind);
        var instance = Instance();
        var later = Job(instance, dueSeconds: 120);
        var sooner = Job(instance, dueSeconds: 30);
        sooner.Data = null;
        var c = Start(instance);
        c.InsertedJobs.Add(later);
        c.InsertedJobs.Add(sooner);
        await store.CommitAsync(c);

        (await store.GetJobsOfInstanceAsync(instance.Id)).Should().BeEquivalentTo([sooner, later], o => o.WithStrictOrdering());

        var delete = new ChangeSet();
        delete.DeletedJobIds.Add(sooner.Id);
        await store.CommitAsync(delete);
        (await store.GetJobsOfInstanceAsync(instance.Id)).Select(j => j.Id).Should().Equal(later.Id);
    }

    [Theory, MemberData(nameof(TestStores.AllKinds), MemberType = typeof(TestStores))]
    public async Task Jobs_are_found_by_id_and_when_due(StoreKind kind)
    {
        var store = await stores.CreateStoreAsync(kind);
        var instance = Instance();
        var soon = Job(instance, dueSeconds: -1_000_000);
        var sooner = Job(instance, dueSeconds: -2_000_000);
        var later = Job(instance, dueSeconds: 5_000_000);
        var c = Start(instance);
        c.InsertedJobs.AddRange([soon, later, sooner]);
        await store.CommitAsync(c);

        (await store.GetJobAsync(soon.Id)).Should().BeEquivalentTo(soon);
        (await store.GetJobAsync(Guid.NewGuid())).Should().BeNull();
        var due = (await store.GetDueJobsAsync(At(0), 10_000)).Where(j => j.InstanceId == instance.Id).ToList();
        due.Select(j => j.Id).Should().Equal(sooner.Id, soon.Id);
        (await store.GetDueJobsAsync(At(-3_000_000), 10)).Should().NotContain(j => j.InstanceId == instance.Id);
        (await store.GetDueJobsAsync(At(10_000_000), 0)).Should().BeEmpty();
    }

    [Theory, MemberData(nameof(TestStores.AllKinds), MemberType = typeof(TestStores))]
    public async Task Deleting_a_job_that_is_gone_is_a_conflict_so_a_job_fires_once(StoreKind kind)
    {
        var store = await stores.CreateStoreAsync(kind);
        var job = Job(new InstanceRecord { Id = Guid.Empty });
        var add = new ChangeSet();
        add.InsertedJobs.Add(job);
        await store.CommitAsync(add);

        ChangeSet Fire()
        {
            var fire = new ChangeSet();
            fire.DeletedJobIds.Add(job.Id);
            fire.DeletedJobIds.Add(job.Id); // a repeat inside one command is no conflict
            fire.InsertedInstances.Add(Instance());
            return fire;
        }

        var first = Fire();
        var second = Fire();
        await store.CommitAsync(first);
        var act = () => store.CommitAsync(second);

        await act.Should().ThrowAsync<ConcurrencyConflictException>();
        (await store.GetInstanceAsync(first.InsertedInstances[0].Id)).Should().NotBeNull();
        (await store.GetInstanceAsync(second.InsertedInstances[0].Id)).Should().BeNull();
    }

    [Theory, MemberData(nameof(TestStores.AllKinds), MemberType = typeof(TestStores))]
    public async Task Instance_update_writes_only_what_a_command_can_change(StoreKind kind)
    {
        var store = await stores.CreateStoreAsync(kind);
        var instance = Instance(businessKey: "before");
        await store.CommitAsync(Start(instance));
        var next = Next(instance);
        next.BusinessKey = "after";
        next.DefinitionKey = "other";
        next.StartedBy = "mallory";
        next.OrganizationPath = "/elsewhere";
        next.Campaign = "other-campaign";
        var c = new ChangeSet();
        c.UpdatedInstances.Add((next, 1));
        await store.CommitAsync(c);

        var read = await store.GetInstanceAsync(instance.Id);
        read!.BusinessKey.Should().Be("after");
        read.DefinitionKey.Should().Be(instance.DefinitionKey);
        read.StartedBy.Should().Be("alice");
        read.OrganizationPath.Should().Be(instance.OrganizationPath);
        read.Campaign.Should().Be(instance.Campaign);
    }

    [Theory, MemberData(nameof(TestStores.AllKinds), MemberType = typeof(TestStores))]
    public async Task Something_inserted_and_deleted_by_one_command_is_gone(StoreKind kind)
    {
        var store = await stores.CreateStoreAsync(kind);
        var instance = Instance();
        var job = Job(instance);
        var sub = Subscription(instance, "m-" + Guid.NewGuid(), null);
        var task = UserTask(instance, users: ["u"]);
        var c = Start(instance, task);
        c.InsertedJobs.Add(job);
        c.DeletedJobIds.Add(job.Id);
        c.InsertedSubscriptions.Add(sub);
        c.DeletedSubscriptionIds.Add(sub.Id);
        c.DeletedTaskIds.Add(task.Id);
        await store.CommitAsync(c);

        (await store.GetJobsOfInstanceAsync(instance.Id)).Should().BeEmpty();
        (await store.GetSubscriptionsOfInstanceAsync(instance.Id)).Should().BeEmpty();
        (await store.GetTasksOfInstanceAsync(instance.Id)).Should().BeEmpty();
    }

    [Theory, MemberData(nameof(TestStores.AllKinds), MemberType = typeof(TestStores))]
    public async Task Subscriptions_are_found_by_message_and_key(StoreKind kind)
    {
        var store = await stores.CreateStoreAsync(kind);
        var message = "payment-" + Guid.NewGuid();
        var a = Instance();
        var b = Instance();
        var keyed1 = Subscription(a, message, "order-1", createdSeconds: 2);
        var keyed2 = Subscription(b, message, "order-1", createdSeconds: 1);
        var otherKey = Subscription(b, message, "order-2");
        var noKey = Subscription(a, message, null);
        var otherMessage = Subscription(a, message + "x", "order-1");
        var c = Start(a);
        c.InsertedInstances.Add(b);
        c.InsertedSubscriptions.AddRange([keyed1, keyed2, otherKey, noKey, otherMessage]);
        await store.CommitAsync(c);

        (await store.FindSubscriptionsAsync(message, "order-1")).Should().BeEquivalentTo([keyed2, keyed1], o => o.WithStrictOrdering());
        (await store.FindSubscriptionsAsync(message, null)).Should().BeEquivalentTo([noKey]);
        (await store.FindSubscriptionsAsync(message, "nope")).Should().BeEmpty();
        (await store.GetSubscriptionsOfInstanceAsync(a.Id)).Select(s => s.Id).Should().BeEquivalentTo([keyed1.Id, noKey.Id, otherMessage.Id]);

        var delete = new ChangeSet();
        delete.DeletedSubscriptionIds.Add(keyed2.Id);
        await store.CommitAsync(delete);
        (await store.FindSubscriptionsAsync(message, "order-1")).Select(s => s.Id).Should().Equal(keyed1.Id);
    }

    [Theory, MemberData(nameof(TestStores.AllKinds), MemberType = typeof(TestStores))]
    public async Task History_is_kept_in_commit_order(StoreKind kind)
    {
        var store = await stores.CreateStoreAsync(kind);
        var instance = Instance();
        var c = Start(instance);
        c.History.Add(History(instance, "ElementEntered", seconds: 1));
        c.History.Add(History(instance, "ElementLeft", seconds: 1));
        await store.CommitAsync(c);
        var next = new ChangeSet();
        next.UpdatedInstances.Add((Next(instance), 1));
        var withTask = History(instance, "TaskCompleted", seconds: -5); // an earlier timestamp must not reorder
        withTask.TaskId = Guid.NewGuid();
        withTask.Comment = "ok";
        next.History.Add(withTask);
        await store.CommitAsync(next);

        var history = await store.GetHistoryAsync(instance.Id);

        history.Select(h => h.Type).Should().Equal("ProcessStarted", "ElementEntered", "ElementLeft", "TaskCompleted");
        history.Select(h => h.Id).Should().BeInAscendingOrder().And.OnlyHaveUniqueItems();
        history[3].Should().BeEquivalentTo(withTask, o => o.Excluding(h => h.Id));
        (await store.GetHistoryAsync(Guid.NewGuid())).Should().BeEmpty();
    }

    [Theory, MemberData(nameof(TestStores.AllKinds), MemberType = typeof(TestStores))]
    public async Task Outbox_messages_are_pending_until_dispatched(StoreKind kind)
    {
        var store = await stores.CreateStoreAsync(kind);
        var instance = Instance();
        var first = Outbox(instance, createdSeconds: -1000);
        var second = Outbox(null, createdSeconds: -999);
        var c = Start(instance);
        c.Outbox.Add(second);
        c.Outbox.Add(first);
        await store.CommitAsync(c);

        var pending = (await store.GetPendingOutboxAsync(10_000)).Where(o => o.Id == first.Id || o.Id == second.Id).ToList();
        pending.Should().BeEquivalentTo([first, second], o => o.WithStrictOrdering());

        await store.MarkOutboxDispatchedAsync(first.Id, At(5));
        (await store.GetPendingOutboxAsync(10_000)).Select(o => o.Id).Should().NotContain(first.Id).And.Contain(second.Id);
        (await store.GetPendingOutboxAsync(0)).Should().BeEmpty();
    }

    [Theory, MemberData(nameof(TestStores.AllKinds), MemberType = typeof(TestStores))]
    public async Task Processed_request_round_trips(StoreKind kind)
    {
        var store = await stores.CreateStoreAsync(kind);
        var instance = Instance();
        var request = Request();
        var c = Start(instance);
        c.Request = request;
        await store.CommitAsync(c);

        (await store.GetProcessedRequestAsync(request.RequestId)).Should().BeEquivalentTo(request);
        (await store.GetProcessedRequestAsync("unknown-" + Guid.NewGuid())).Should().BeNull();
    }

    // ------------------------------------------------------------------ failures write nothing

    [Theory, MemberData(nameof(TestStores.AllKinds), MemberType = typeof(TestStores))]
    public async Task Version_conflict_raises_and_writes_nothing(StoreKind kind)
    {
        var store = await stores.CreateStoreAsync(kind);
        var instance = Instance();
        var task = UserTask(instance, users: ["u"]);
        await store.CommitAsync(Start(instance, task));
        var before = await TestStores.CountRowsAsync(store);

        var c = Big(instance, expectedVersion: 7, task);
        var act = () => store.CommitAsync(c);

        await act.Should().ThrowAsync<ConcurrencyConflictException>();
        (await TestStores.CountRowsAsync(store)).Should().BeEquivalentTo(before);
        (await store.GetInstanceAsync(instance.Id)).Should().BeEquivalentTo(instance);
        (await store.GetTaskAsync(task.Id)).Should().NotBeNull();
        (await store.GetProcessedRequestAsync(c.Request!.RequestId)).Should().BeNull();

        // The same change set with the right version goes through.
        c.UpdatedInstances[0] = (c.UpdatedInstances[0].Instance, 1);
        await store.CommitAsync(c);
        (await store.GetInstanceAsync(instance.Id))!.Version.Should().Be(2);
        (await store.GetTaskAsync(task.Id)).Should().BeNull();
    }

    [Theory, MemberData(nameof(TestStores.AllKinds), MemberType = typeof(TestStores))]
    public async Task Updating_a_missing_instance_is_a_conflict(StoreKind kind)
    {
        var store = await stores.CreateStoreAsync(kind);
        var c = new ChangeSet();
        c.UpdatedInstances.Add((Instance(), 1));
        var act = () => store.CommitAsync(c);
        await act.Should().ThrowAsync<ConcurrencyConflictException>();
    }

    [Theory, MemberData(nameof(TestStores.AllKinds), MemberType = typeof(TestStores))]
    public async Task Duplicate_request_raises_and_writes_nothing(StoreKind kind)
    {
        var store = await stores.CreateStoreAsync(kind);
        var instance = Instance();
        var first = Start(instance);
        first.Request = Request();
        await store.CommitAsync(first);
        var before = await TestStores.CountRowsAsync(store);

        var second = Start(Instance(), UserTask(instance, users: ["x"]));
        second.Request = Request(first.Request.RequestId);
        second.Request.ResponseJson = "other";
        var act = () => store.CommitAsync(second);

        (await act.Should().ThrowAsync<DuplicateRequestException>()).Which.RequestId.Should().Be(first.Request.RequestId);
        (await TestStores.CountRowsAsync(store)).Should().BeEquivalentTo(before);
        (await store.GetInstanceAsync(second.InsertedInstances[0].Id)).Should().BeNull();
        (await store.GetProcessedRequestAsync(first.Request.RequestId))!.ResponseJson.Should().Be(first.Request.ResponseJson);
    }

    [Theory, MemberData(nameof(TestStores.AllKinds), MemberType = typeof(TestStores))]
    public async Task Throwing_before_commit_leaves_the_store_exactly_as_before(StoreKind kind)
    {
        var fail = true;
        var store = await stores.CreateStoreAsync(kind, _ => fail ? throw new IOException("crash before commit") : Task.CompletedTask);
        var instance = Instance();
        var task = UserTask(instance, users: ["u"], groups: ["g"]);
        fail = false;
        await store.CommitAsync(Start(instance, task));
        fail = true;
        var before = await TestStores.CountRowsAsync(store);

        var c = Big(instance, expectedVersion: 1, task);
        c.InsertedInstances.Add(Instance());
        var act = () => store.CommitAsync(c);

        await act.Should().ThrowAsync<IOException>().WithMessage("crash before commit");
        (await TestStores.CountRowsAsync(store)).Should().BeEquivalentTo(before);
        (await store.GetInstanceAsync(instance.Id)).Should().BeEquivalentTo(instance);
        (await store.GetTaskAsync(task.Id)).Should().BeEquivalentTo(task);

        fail = false;
        await store.CommitAsync(c);
        var after = await TestStores.CountRowsAsync(store);
        after["instances"].Should().Be(before["instances"] + 1);
        after["tasks"].Should().Be(before["tasks"]); // one deleted, one inserted
        after["history_events"].Should().Be(before["history_events"] + 3);
        after["processed_requests"].Should().Be(before["processed_requests"] + 1);
        after["task_copies"].Should().Be(before["task_copies"] + 1);
    }

    /// <summary>A change set touching every table: update instance, delete a task, insert task/job/subscription/history/outbox/request.</summary>
    private static ChangeSet Big(InstanceRecord instance, long expectedVersion, TaskRecord taskToDelete)
    {
        var c = new ChangeSet { Request = Request() };
        c.UpdatedInstances.Add((Next(instance), expectedVersion));
        c.DeletedTaskIds.Add(taskToDelete.Id);
        c.InsertedTasks.Add(UserTask(instance, "next", users: ["a", "b"], groups: ["g"]));
        c.InsertedJobs.Add(Job(instance));
        c.InsertedSubscriptions.Add(Subscription(instance, "msg", "k"));
        c.History.Add(History(instance, "TaskCompleted"));
        c.History.Add(History(instance, "ElementLeft"));
        c.History.Add(History(instance, "ElementEntered"));
        c.InsertedCopies.Add(Copy(instance, "reader-" + Guid.NewGuid().ToString("N")[..8]));
        c.Outbox.Add(Outbox(instance));
        return c;
    }

    [Theory, MemberData(nameof(TestStores.AllKinds), MemberType = typeof(TestStores))]
    public async Task Concurrent_commits_on_one_version_let_exactly_one_win(StoreKind kind)
    {
        var store = await stores.CreateStoreAsync(kind);
        var instance = Instance();
        await store.CommitAsync(Start(instance));

        var attempts = Enumerable.Range(0, 8).Select(async n =>
        {
            var c = new ChangeSet();
            c.UpdatedInstances.Add((Next(instance, $$"""{"winner":{{n}}}"""), 1));
            c.History.Add(History(instance, "Attempt" + n));
            await Task.Yield();
            try
            {
                await store.CommitAsync(c);
                return true;
            }
            catch (ConcurrencyConflictException)
            {
                return false;
            }
        }).ToList();
        var results = await Task.WhenAll(attempts);

        results.Count(r => r).Should().Be(1);
        (await store.GetInstanceAsync(instance.Id))!.Version.Should().Be(2);
        (await store.GetHistoryAsync(instance.Id)).Should().HaveCount(2);
    }

    [Theory, MemberData(nameof(TestStores.AllKinds), MemberType = typeof(TestStores))]
    public async Task Records_read_or_committed_do_not_alias_stored_state(StoreKind kind)
    {
        var store = await stores.CreateStoreAsync(kind);
        var instance = Instance();
        var task = UserTask(instance, users: ["u"]);
        await store.CommitAsync(Start(instance, task));

        instance.StateJson = "mutated";
        task.CandidateUsers.Add("intruder");
        var read = await store.GetInstanceAsync(instance.Id);
        read!.Version = 99;
        (await store.GetTaskAsync(task.Id))!.CandidateGroups.Add("intruder");

        var again = await store.GetInstanceAsync(instance.Id);
        again!.Version.Should().Be(1);
        again.StateJson.Should().NotBe("mutated");
        var t = await store.GetTaskAsync(task.Id);
        t!.CandidateUsers.Should().Equal("u");
        t.CandidateGroups.Should().BeEmpty();
    }

    [Theory, MemberData(nameof(TestStores.DurableKinds), MemberType = typeof(TestStores))]
    public async Task Ef_queries_see_rows_written_by_the_commit_path(StoreKind kind)
    {
        var store = (EfWorkflowStore)await stores.CreateStoreAsync(kind);
        var instance = Instance(businessKey: "ef-" + Guid.NewGuid());
        var early = UserTask(instance, "a", groups: ["g"], createdSeconds: 1);
        var late = UserTask(instance, "b", createdSeconds: 2);
        await store.CommitAsync(Start(instance, late, early));

        await using var db = store.CreateDbContext();
        var row = await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleAsync(db.Instances, i => i.Id == instance.Id);
        row.Should().BeEquivalentTo(instance);
        var cutoff = At(1);
        var tasks = await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.ToListAsync(
            db.Tasks.Where(t => t.InstanceId == instance.Id && t.CreatedAt >= cutoff).OrderByDescending(t => t.CreatedAt));
        tasks.Select(t => t.Id).Should().Equal(late.Id, early.Id);
        (await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.CountAsync(
            db.TaskCandidates, c => c.TaskId == early.Id && c.Kind == TaskCandidate.GroupKind)).Should().Be(1);
    }

    // ------------------------------------------------------------------ queries

    [Theory, MemberData(nameof(TestStores.AllKinds), MemberType = typeof(TestStores))]
    public async Task Task_queries_filter_by_assignee_candidates_instance_and_element(StoreKind kind)
    {
        var store = await stores.CreateStoreAsync(kind);
        var tag = Guid.NewGuid().ToString("N")[..8];
        string U(string n) => n + "-" + tag;
        var i1 = Instance(definitionKey: "k-" + tag, businessKey: "bk-" + tag);
        var i2 = Instance(definitionKey: "k2-" + tag);
        var assigned = UserTask(i1, "review", assignee: U("ann"), createdSeconds: 1);
        var forUser = UserTask(i1, "approve", users: [U("bob"), U("cid")], createdSeconds: 2);
        var forGroup = UserTask(i2, "approve", groups: [U("sales"), U("hr")], createdSeconds: 3);
        var forBoth = UserTask(i2, "sign", users: [U("bob")], groups: [U("legal")], createdSeconds: 4);
        await store.CommitAsync(Start(i1, assigned, forUser));
        await store.CommitAsync(Start(i2, forGroup, forBoth));

        async Task<IEnumerable<Guid>> Ids(TaskQuery q) => (await store.QueryTasksAsync(q)).Select(t => t.Id);

        (await Ids(new TaskQuery { Assignee = U("ann") })).Should().Equal(assigned.Id);
        (await Ids(new TaskQuery { CandidateUser = U("bob") })).Should().Equal(forUser.Id, forBoth.Id);
        (await Ids(new TaskQuery { CandidateUser = U("cid") })).Should().Equal(forUser.Id);
        (await Ids(new TaskQuery { CandidateGroups = [U("hr"), U("legal"), U("none")] })).Should().Equal(forGroup.Id, forBoth.Id);
        (await Ids(new TaskQuery { CandidateGroups = [U("sales")] })).Should().Equal(forGroup.Id);
        (await Ids(new TaskQuery { CandidateUser = U("cid"), CandidateGroups = [U("sales")] })).Should().Equal(forUser.Id, forGroup.Id);
        (await Ids(new TaskQuery { CandidateUser = U("nobody") })).Should().BeEmpty();
        (await Ids(new TaskQuery { CandidateGroups = [], InstanceId = i2.Id })).Should().BeEmpty();
        (await Ids(new TaskQuery { CandidateUser = U("cid"), CandidateGroups = [] })).Should().Equal(forUser.Id);
        (await Ids(new TaskQuery { InstanceId = i2.Id })).Should().Equal(forGroup.Id, forBoth.Id);
        (await Ids(new TaskQuery { InstanceId = i2.Id, ElementId = "sign" })).Should().Equal(forBoth.Id);
        (await Ids(new TaskQuery { DefinitionKey = "k-" + tag })).Should().Equal(assigned.Id, forUser.Id);
        (await Ids(new TaskQuery { BusinessKey = "bk-" + tag, ElementId = "approve" })).Should().Equal(forUser.Id);
        (await Ids(new TaskQuery { CandidateUser = U("bob"), InstanceId = i1.Id })).Should().Equal(forUser.Id);
        (await Ids(new TaskQuery { CandidateGroups = [U("hr"), U("legal"), U("sales")], Skip = 1, Take = 1 })).Should().Equal(forBoth.Id);

        var full = (await store.QueryTasksAsync(new TaskQuery { InstanceId = i2.Id, ElementId = "sign" })).Single();
        full.Should().BeEquivalentTo(forBoth);
    }

    [Theory, MemberData(nameof(TestStores.AllKinds), MemberType = typeof(TestStores))]
    public async Task Instance_queries_filter_by_definition_status_and_business_key(StoreKind kind)
    {
        var store = await stores.CreateStoreAsync(kind);
        var key = "inv-" + Guid.NewGuid().ToString("N")[..8];
        var a = Instance(key, businessKey: key + "-a");
        var b = Instance(key, businessKey: key + "-b");
        b.StartedAt = At(-10);
        var done = Instance(key);
        done.Status = InstanceStatus.Completed;
        await store.CommitAsync(Start(a));
        await store.CommitAsync(Start(b));
        await store.CommitAsync(Start(done));

        (await store.QueryInstancesAsync(new InstanceQuery { DefinitionKey = key })).Select(i => i.Id).Should().HaveCount(3).And.EndWith(b.Id);
        (await store.QueryInstancesAsync(new InstanceQuery { DefinitionKey = key, OrderBy = InstanceOrder.Started })).Select(i => i.Id).Should()
            .HaveCount(3).And.StartWith(b.Id);
        (await store.QueryInstancesAsync(new InstanceQuery { DefinitionKey = key, Status = InstanceStatus.Active })).Select(i => i.Id)
            .Should().BeEquivalentTo([a.Id, b.Id]);
        (await store.QueryInstancesAsync(new InstanceQuery { DefinitionKey = key, Status = InstanceStatus.Completed })).Should().ContainSingle()
            .Which.Should().BeEquivalentTo(done);
        (await store.QueryInstancesAsync(new InstanceQuery { BusinessKey = key + "-a" })).Select(i => i.Id).Should().Equal(a.Id);
        (await store.QueryInstancesAsync(new InstanceQuery { DefinitionKey = key, Skip = 1, Take = 1 })).Should().HaveCount(1);
    }

    // ------------------------------------------------------------------ definitions

    [Theory, MemberData(nameof(TestStores.AllKinds), MemberType = typeof(TestStores))]
    public async Task Publishing_numbers_the_versions_of_a_key(StoreKind kind)
    {
        var store = await stores.CreateStoreAsync(kind);
        var key = "def-" + Guid.NewGuid().ToString("N")[..8];
        var d1 = Definition(key);
        var d2 = Definition(key);
        var other = Definition(key + "-other", DefinitionState.Published);
        await store.AddDefinitionsAsync([d1, d2, other]);
        d1.Version.Should().BeNull();
        other.Version.Should().Be(1);
        (await store.GetMaxVersionAsync(key)).Should().Be(0);
        (await store.GetLatestPublishedAsync(key)).Should().BeNull();

        d2.State = DefinitionState.Published;
        d2.PublishedAt = At(1);
        await store.UpdateDefinitionAsync(d2);
        d2.Version.Should().Be(1);
        d1.State = DefinitionState.Published;
        d1.PublishedAt = At(2);
        await store.UpdateDefinitionAsync(d1);
        d1.Version.Should().Be(2);

        (await store.GetMaxVersionAsync(key)).Should().Be(2);
        (await store.GetLatestPublishedAsync(key)).Should().BeEquivalentTo(d1);
        (await store.GetDefinitionAsync(d2.Id)).Should().BeEquivalentTo(d2);

        // Retiring keeps the number; a caller cannot renumber.
        d1.State = DefinitionState.Retired;
        d1.RetiredAt = At(3);
        d1.Version = 42;
        await store.UpdateDefinitionAsync(d1);
        d1.Version.Should().Be(2);
        (await store.GetLatestPublishedAsync(key))!.Id.Should().Be(d2.Id);
        (await store.GetMaxVersionAsync(key)).Should().Be(2);

        var d3 = Definition(key, DefinitionState.Published);
        await store.AddDefinitionsAsync([d3]);
        d3.Version.Should().Be(3);
        var draft = Definition(key);
        await store.AddDefinitionsAsync([draft]);

        (await store.ListDefinitionsAsync(key)).Select(d => (d.Id, d.Version)).Should().Equal((d2.Id, 1), (d1.Id, 2), (d3.Id, 3), (draft.Id, (int?)null));
        (await store.ListDefinitionsAsync(null)).Select(d => d.Id).Should().Contain([d1.Id, other.Id]);

        var unknown = Definition(key);
        var act = () => store.UpdateDefinitionAsync(unknown);
        await act.Should().ThrowAsync<KeyNotFoundException>();
    }

    [Theory, MemberData(nameof(TestStores.AllKinds), MemberType = typeof(TestStores))]
    public async Task Concurrent_publishes_get_distinct_versions(StoreKind kind)
    {
        var store = await stores.CreateStoreAsync(kind);
        var key = "race-" + Guid.NewGuid().ToString("N")[..8];
        var drafts = Enumerable.Range(0, 6).Select(_ => Definition(key)).ToList();
        await store.AddDefinitionsAsync(drafts);

        // Separate store objects: on PostgreSQL these are truly concurrent transactions.
        var publishers = new List<IWorkflowStore>();
        foreach (var _ in drafts)
        {
            publishers.Add(kind == StoreKind.InMemory ? store : await stores.CreateStoreAsync(kind));
        }

        await Task.WhenAll(drafts.Select(async (d, n) =>
        {
            await Task.Yield();
            d.State = DefinitionState.Published;
            await publishers[n].UpdateDefinitionAsync(d);
        }));

        drafts.Select(d => d.Version).Should().BeEquivalentTo([1, 2, 3, 4, 5, 6]);
        (await store.ListDefinitionsAsync(key)).Select(d => d.Version).Should().Equal(1, 2, 3, 4, 5, 6);
    }
}
