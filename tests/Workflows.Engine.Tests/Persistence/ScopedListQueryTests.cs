using Workflows.Engine.Persistence;
using static Workflows.Engine.Tests.Persistence.TestRecords;

namespace Workflows.Engine.Tests.Persistence;

/// <summary>
/// The filters of the issue-4 lists on tasks and instances — organisation scopes, campaign, due date, initiator —
/// with their orders, pages and totals, on the in-memory, SQLite and PostgreSQL stores. Every test puts its
/// organisation tree under a root of its own (<c>/t{tag}</c>): the durable stores share one database per class.
/// </summary>
public sealed class ScopedListQueryTests(TestStores stores) : IClassFixture<TestStores>
{
    private static string NewTag() => Guid.NewGuid().ToString("N")[..8];

    /// <summary>One instance per organisation path (and one task of each), started and created one second apart.</summary>
    private static async Task<Dictionary<string, (InstanceRecord Instance, TaskRecord Task)>> SeedAsync(
        IWorkflowStore store, string definitionKey, IReadOnlyList<(string Name, string? Path)> organisations)
    {
        var seeded = new Dictionary<string, (InstanceRecord, TaskRecord)>(StringComparer.Ordinal);
        for (var n = 0; n < organisations.Count; n++)
        {
            var (name, path) = organisations[n];
            var instance = Instance(definitionKey, businessKey: name);
            instance.OrganizationPath = path;
            instance.StartedAt = At(n);
            var task = UserTask(instance, "review", groups: ["reviewer@" + definitionKey], createdSeconds: n);
            var c = new ChangeSet();
            c.InsertedInstances.Add(instance);
            c.InsertedTasks.Add(task);
            await store.CommitAsync(c);
            seeded[name] = (instance, task);
        }

        return seeded;
    }

    [Theory, MemberData(nameof(TestStores.AllKinds), MemberType = typeof(TestStores))]
    public async Task A_scope_covers_its_path_and_the_subtree_below_it_and_nothing_else(StoreKind kind)
    {
        var store = await stores.CreateStoreAsync(kind);
        var tag = NewTag();
        var root = "/t" + tag;
        var key = "honours-" + tag;
        var seeded = await SeedAsync(store, key,
        [
            ("gd", root + "/gd"),
            ("gz", root + "/gd/gz"),
            ("gz-ent", root + "/gd/gz/th/ent-001"),
            ("gzx", root + "/gd/gzx"),
            ("gz-dash", root + "/gd/gz-1"),
            ("gz-dot", root + "/gd/gz.1"),
            ("gz-space", root + "/gd/gz 1"),
            ("percent", root + "/gd/g%"),
            ("percent-child", root + "/gd/g%/x"),
            ("underscore", root + "/gd/g_"),
            ("sz", root + "/gd/sz"),
            ("chinese", root + "/gd/广州/天河"),
            ("none", null),
        ]);

        async Task<string[]> Tasks(params string[] scopes)
        {
            var query = new TaskQuery { OrganizationScopes = scopes, DefinitionKey = key, Take = 50 };
            var names = (await store.QueryTasksAsync(query)).Select(t => t.BusinessKey!).ToArray();
            (await store.CountTasksAsync(query)).Should().Be(names.Length);
            (await store.QueryTaskPageAsync(query)).Tasks.Select(t => t.BusinessKey).Should().Equal(names);
            return names;
        }

        async Task<string[]> Instances(params string[] scopes)
        {
            var query = new InstanceQuery { OrganizationScopes = scopes, DefinitionKey = key, OrderBy = InstanceOrder.Started, Take = 50 };
            var names = (await store.QueryInstancesAsync(query)).Select(i => i.BusinessKey!).ToArray();
            (await store.QueryInstancePageAsync(query)).Should().BeEquivalentTo(
                new { Total = names.Length, Instances = names.Select(n => new { BusinessKey = n }) }, o => o.WithStrictOrdering());
            return names;
        }

        foreach (var query in new Func<string[], Task<string[]>>[] { Tasks, Instances })
        {
            (await query([root + "/gd/gz"])).Should().Equal("gz", "gz-ent");
            (await query([root + "/gd/gz/th"])).Should().Equal("gz-ent");
            (await query([root + "/gd/gz/th/ent-001"])).Should().Equal("gz-ent");
            (await query([root + "/gd"])).Should().Equal(
                "gd", "gz", "gz-ent", "gzx", "gz-dash", "gz-dot", "gz-space", "percent", "percent-child", "underscore", "sz", "chinese");
            (await query([root])).Should().HaveCount(12, "the root covers every path but the null one");

            // % and _ are plain characters, not wildcards; a scope is not a string prefix.
            (await query([root + "/gd/g%"])).Should().Equal("percent", "percent-child");
            (await query([root + "/gd/g_"])).Should().Equal("underscore");
            (await query([root + "/gd/g"])).Should().BeEmpty();
            (await query([root + "/gd/gz-"])).Should().BeEmpty();
            (await query([root + "/gd/广州"])).Should().Equal("chinese");

            // Several scopes: a union without repeats, however they overlap.
            (await query([root + "/gd/sz", root + "/gd/gz"])).Should().Equal("gz", "gz-ent", "sz");
            (await query([root + "/gd/gz", root + "/gd/gz/th", root + "/gd/gz"])).Should().Equal("gz", "gz-ent");
            (await query([root + "/nowhere", root + "/gd/gzx"])).Should().Equal("gzx");

            // No organisation in scope: nothing (null path included); no scope filter: everything.
            (await query([])).Should().BeEmpty();
        }

        (await store.QueryTasksAsync(new TaskQuery { DefinitionKey = key, Take = 50 })).Should().HaveCount(13);
        (await store.QueryInstancePageAsync(new InstanceQuery { DefinitionKey = key })).Total.Should().Be(13);
        (await store.QueryTaskPageAsync(new TaskQuery { OrganizationScopes = [] })).Should().BeEquivalentTo(new TaskPage([], 0));
        (await store.CountTasksAsync(new TaskQuery { OrganizationScopes = [], Handler = new TaskHandler("anyone", ["reviewer@" + key]) })).Should().Be(0);
        (await store.QueryInstancePageAsync(new InstanceQuery { OrganizationScopes = [] })).Should().BeEquivalentTo(new InstancePage([], 0));

        // Records come back whole.
        var (gzInstance, gzTask) = seeded["gz"];
        (await store.QueryInstancePageAsync(new InstanceQuery { OrganizationScopes = [root + "/gd/gz"], BusinessKey = "gz" })).Instances.Single()
            .Should().BeEquivalentTo(gzInstance);
        (await store.QueryTasksAsync(new TaskQuery { OrganizationScopes = [root + "/gd/gz"], BusinessKey = "gz" })).Single().Should().BeEquivalentTo(gzTask);
    }

    [Theory, MemberData(nameof(TestStores.AllKinds), MemberType = typeof(TestStores))]
    public async Task An_empty_or_null_scope_is_refused(StoreKind kind)
    {
        var store = await stores.CreateStoreAsync(kind);
        var tasks = () => store.QueryTasksAsync(new TaskQuery { OrganizationScopes = ["/gd", ""] });
        var count = () => store.CountTasksAsync(new TaskQuery { OrganizationScopes = [null!] });
        var instances = () => store.QueryInstancePageAsync(new InstanceQuery { OrganizationScopes = [""] });

        (await tasks.Should().ThrowAsync<ArgumentException>()).Which.ParamName.Should().Be(nameof(TaskQuery.OrganizationScopes));
        await count.Should().ThrowAsync<ArgumentException>();
        (await instances.Should().ThrowAsync<ArgumentException>()).Which.ParamName.Should().Be(nameof(InstanceQuery.OrganizationScopes));
    }

    [Theory, MemberData(nameof(TestStores.AllKinds), MemberType = typeof(TestStores))]
    public async Task The_to_do_list_combines_the_handler_with_scope_campaign_and_due_date(StoreKind kind)
    {
        var store = await stores.CreateStoreAsync(kind);
        var tag = NewTag();
        var root = "/t" + tag;
        var me = "wang-" + tag;
        var group = "city-reviewer@" + root + "/gd/gz";
        TaskRecord Make(string name, string? path, string? campaign, int? dueHours, bool assigned, int seconds)
        {
            var instance = Instance("medal-" + tag, businessKey: name);
            instance.OrganizationPath = path;
            instance.Campaign = campaign;
            var t = UserTask(instance, name, assignee: assigned ? me : null, groups: assigned ? [] : [group], createdSeconds: seconds);
            t.DueAt = dueHours is { } h ? At(h * 3600) : null;
            return t;
        }

        var list = new[]
        {
            Make("a", root + "/gd/gz/th", "medal-2025", 24, assigned: true, 1),
            Make("b", root + "/gd/gz", "medal-2025", 72, assigned: false, 2),
            Make("c", root + "/gd/gz/yx", "model-2025", null, assigned: false, 3),
            Make("d", root + "/gd/sz", "medal-2025", 12, assigned: true, 4),
            Make("e", null, null, 1, assigned: true, 5),
            Make("f", root + "/gd/gzx", "medal-2025", 2, assigned: false, 6),
        };
        foreach (var t in list)
        {
            var c = new ChangeSet();
            c.InsertedInstances.Add(new InstanceRecord { Id = t.InstanceId, DefinitionKey = t.DefinitionKey, StateJson = "{}", Version = 1, StartedAt = T0 });
            c.InsertedTasks.Add(t);
            await store.CommitAsync(c);
        }

        var handler = new TaskHandler(me, [group]);
        async Task<string[]> ToDo(TaskQuery q)
        {
            var names = (await store.QueryTasksAsync(q with { Handler = handler })).Select(t => t.ElementId).ToArray();
            (await store.CountTasksAsync(q with { Handler = handler })).Should().Be(names.Length);
            var page = await store.QueryTaskPageAsync(q with { Handler = handler, OrderBy = TaskOrder.Due, Take = 2 });
            page.Total.Should().Be(names.Length);
            page.Tasks.Select(t => t.ElementId).Should().Equal(list.Where(t => names.Contains(t.ElementId)).OrderBy(t => t.DueAt ?? DateTimeOffset.MaxValue)
                .Take(2).Select(t => t.ElementId));
            return names;
        }

        (await ToDo(new TaskQuery())).Should().Equal("a", "b", "c", "d", "e", "f");
        (await ToDo(new TaskQuery { OrganizationScopes = [root + "/gd/gz"] })).Should().Equal("a", "b", "c");
        (await ToDo(new TaskQuery { OrganizationScopes = [root + "/gd/gz", root + "/gd/sz"] })).Should().Equal("a", "b", "c", "d");
        (await ToDo(new TaskQuery { Campaign = "medal-2025" })).Should().Equal("a", "b", "d", "f");
        (await ToDo(new TaskQuery { Campaign = "medal-2025", OrganizationScopes = [root + "/gd/gz"] })).Should().Equal("a", "b");
        (await ToDo(new TaskQuery { DueBefore = At(24 * 3600) })).Should().Equal("d", "e", "f");
        (await ToDo(new TaskQuery { DueBefore = At((24 * 3600) + 1) })).Should().Equal("a", "d", "e", "f");
        (await ToDo(new TaskQuery { DueBefore = At(100 * 3600), OrganizationScopes = [root + "/gd/gz"] })).Should().Equal("a", "b");
        (await ToDo(new TaskQuery { DueBefore = At(-1) })).Should().BeEmpty();
        (await ToDo(new TaskQuery { Campaign = "none-" + tag })).Should().BeEmpty();

        // The same filters without a handler, and with the assignee filter.
        var plain = new TaskQuery { DefinitionKey = "medal-" + tag, Campaign = "medal-2025", DueBefore = At(48 * 3600) };
        (await store.QueryTasksAsync(plain)).Select(t => t.ElementId).Should().Equal("a", "d", "f");
        (await store.CountTasksAsync(plain with { OrganizationScopes = [root + "/gd"] })).Should().Be(3);
        (await store.QueryTaskPageAsync(plain with { Assignee = me, OrderBy = TaskOrder.CreatedDescending })).Should().BeEquivalentTo(
            new { Total = 2, Tasks = new[] { new { ElementId = "d" }, new { ElementId = "a" } } }, o => o.WithStrictOrdering());
    }

    [Theory, MemberData(nameof(TestStores.AllKinds), MemberType = typeof(TestStores))]
    public async Task Instance_list_filters_by_initiator_campaign_status_and_scope_newest_first_with_a_total(StoreKind kind)
    {
        var store = await stores.CreateStoreAsync(kind);
        var tag = NewTag();
        var root = "/t" + tag;
        var me = "chen-" + tag;
        var all = new List<InstanceRecord>();
        for (var n = 0; n < 9; n++)
        {
            var i = Instance("honour-" + tag, businessKey: "n" + n);
            i.StartedBy = n % 3 == 2 ? "other-" + tag : me;
            i.Campaign = n < 6 ? "medal-2025" : "model-2026";
            i.OrganizationPath = n % 2 == 0 ? root + "/gd/gz/u" + n : root + "/gd/sz/u" + n;
            i.Status = n == 4 ? InstanceStatus.Completed : InstanceStatus.Active;
            i.StartedAt = At(n / 2); // pairs share a start: ties are broken by id
            all.Add(i);
        }

        foreach (var i in all.OrderBy(_ => Guid.NewGuid()))
        {
            var c = new ChangeSet();
            c.InsertedInstances.Add(i);
            await store.CommitAsync(c);
        }

        static int NewestFirst(InstanceRecord a, InstanceRecord b) =>
            a.StartedAt != b.StartedAt ? b.StartedAt.CompareTo(a.StartedAt) : string.CompareOrdinal(b.Id.ToString(), a.Id.ToString());
        List<string> Expected(Func<InstanceRecord, bool> filter, bool oldestFirst = false)
        {
            var list = all.Where(filter).ToList();
            list.Sort(NewestFirst);
            if (oldestFirst)
            {
                list.Reverse();
            }

            return [.. list.Select(i => i.BusinessKey!)];
        }

        async Task<List<string>> Names(InstanceQuery q)
        {
            var page = await store.QueryInstancePageAsync(q);
            var names = page.Instances.Select(i => i.BusinessKey!).ToList();
            (await store.QueryInstancesAsync(q)).Select(i => i.BusinessKey).Should().Equal(names);
            page.Total.Should().Be(names.Count, "a page of 100 holds them all");
            return names;
        }

        var mine = new InstanceQuery { StartedBy = me };
        (await Names(mine)).Should().Equal(Expected(i => i.StartedBy == me));
        (await Names(mine with { OrderBy = InstanceOrder.Started })).Should().Equal(Expected(i => i.StartedBy == me, oldestFirst: true));
        (await Names(mine with { Campaign = "medal-2025" })).Should().Equal(Expected(i => i.StartedBy == me && i.Campaign == "medal-2025"));
        (await Names(mine with { Status = InstanceStatus.Completed })).Should().Equal("n4");
        (await Names(new InstanceQuery { OrganizationScopes = [root + "/gd/gz"] })).Should().Equal(Expected(i => i.OrganizationPath!.Contains("/gz/")));
        (await Names(new InstanceQuery { OrganizationScopes = [root + "/gd/sz"], Campaign = "model-2026", Status = InstanceStatus.Active }))
            .Should().Equal(Expected(i => i.OrganizationPath!.Contains("/sz/") && i.Campaign == "model-2026"));
        (await Names(new InstanceQuery { DefinitionKey = "honour-" + tag, StartedBy = "other-" + tag })).Should().Equal("n8", "n5", "n2");
        (await Names(mine with { Campaign = "none" })).Should().BeEmpty();

        // Pages of two follow each other without gaps or overlaps and carry the total.
        var expected = Expected(i => i.StartedBy == me);
        foreach (var order in new[] { InstanceOrder.StartedDescending, InstanceOrder.Started })
        {
            var paged = new List<string>();
            for (var skip = 0; skip < 8; skip += 2)
            {
                var page = await store.QueryInstancePageAsync(mine with { OrderBy = order, Skip = skip, Take = 2 });
                page.Total.Should().Be(6);
                paged.AddRange(page.Instances.Select(i => i.BusinessKey!));
            }

            paged.Should().Equal(order == InstanceOrder.Started ? Enumerable.Reverse(expected) : expected);
        }

        // Past the end and an empty page still tell the total; the page's records are whole.
        (await store.QueryInstancePageAsync(mine with { Skip = 50 })).Should().BeEquivalentTo(new InstancePage([], 6));
        (await store.QueryInstancePageAsync(mine with { Take = 0 })).Should().BeEquivalentTo(new InstancePage([], 6));
        (await store.QueryInstancePageAsync(mine with { Take = 1 })).Instances.Single().Should().BeEquivalentTo(all.Single(i => i.BusinessKey == expected[0]));
    }

    [Fact]
    public async Task Scopes_stay_exact_on_a_postgres_database_that_sorts_linguistically()
    {
        var cs = await stores.CreatePostgresDatabaseAsync("TEMPLATE template0 LOCALE_PROVIDER icu ICU_LOCALE 'en-US'");
        await using var store = new EfWorkflowStore(new WorkflowStoreOptions { Provider = WorkflowStoreProvider.PostgreSql, ConnectionString = cs });
        await store.MigrateAsync();

        // In this database '/gd/gz%' sorts inside the range of '/gd/gz/' .. '/gd/gz0' (ICU weighs punctuation
        // differently): a range on a column of the database's collation would let it into the scope /gd/gz.
        await using (var conn = new Npgsql.NpgsqlConnection(cs))
        {
            await conn.OpenAsync();
            await using var probe = new Npgsql.NpgsqlCommand(
                "SELECT '/gd/gz%' >= '/gd/gz/' AND '/gd/gz%' < '/gd/gz0', (SELECT datlocprovider FROM pg_database WHERE datname = current_database())::text", conn);
            await using var r = await probe.ExecuteReaderAsync();
            (await r.ReadAsync()).Should().BeTrue();
            r.GetBoolean(0).Should().BeTrue("the database must sort linguistically for this test to mean anything");
            r.GetString(1).Should().Be("i");
        }

        var key = "icu-" + NewTag();
        await SeedAsync(store, key, [("gz", "/gd/gz"), ("gz-ent", "/gd/gz/th/ent-001"), ("percent", "/gd/gz%"), ("gzx", "/gd/gzx"), ("dash", "/gd/gz-1")]);

        (await store.QueryTasksAsync(new TaskQuery { OrganizationScopes = ["/gd/gz"] })).Select(t => t.BusinessKey).Should().Equal("gz", "gz-ent");
        (await store.CountTasksAsync(new TaskQuery { OrganizationScopes = ["/gd/gz"], Handler = new TaskHandler("x", ["reviewer@" + key]) })).Should().Be(2);
        (await store.QueryInstancePageAsync(new InstanceQuery { OrganizationScopes = ["/gd/gz"], OrderBy = InstanceOrder.Started })).Instances
            .Select(i => i.BusinessKey).Should().Equal("gz", "gz-ent");
        (await store.QueryInstancesAsync(new InstanceQuery { OrganizationScopes = ["/gd/gz%"] })).Select(i => i.BusinessKey).Should().Equal("percent");
    }
}
