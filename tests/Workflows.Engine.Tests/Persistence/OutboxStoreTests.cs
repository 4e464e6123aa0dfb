using Workflows.Engine.Persistence;
using static Workflows.Engine.Tests.Persistence.TestRecords;

namespace Workflows.Engine.Tests.Persistence;

/// <summary>
/// The outbox part of the <see cref="IWorkflowStore"/> contract (due look-ups, claims, failures, the administrators'
/// retry), run against the in-memory, SQLite and PostgreSQL stores. The fixture's database is shared by the tests of
/// this class: every check looks at its own rows only.
/// </summary>
public sealed class OutboxStoreTests(TestStores stores) : IClassFixture<TestStores>
{
    private static async Task<OutboxMessage[]> AddAsync(IWorkflowStore store, params OutboxMessage[] messages)
    {
        var c = new ChangeSet();
        c.Outbox.AddRange(messages);
        await store.CommitAsync(c);
        return messages;
    }

    private static async Task<List<Guid>> DueAsync(IWorkflowStore store, DateTimeOffset now, params OutboxMessage[] mine) =>
        [.. (await store.GetPendingOutboxAsync(100_000, now)).Select(o => o.Id).Where(id => mine.Any(m => m.Id == id))];

    [Theory, MemberData(nameof(TestStores.AllKinds), MemberType = typeof(TestStores))]
    public async Task Outbox_message_round_trips_with_retry_fields(StoreKind kind)
    {
        var store = await stores.CreateStoreAsync(kind);
        var plain = Outbox(null);
        var later = Outbox(null, createdSeconds: 1);
        later.Attempts = 2;
        later.LastError = "连接被拒绝 (connection refused)";
        later.NextAttemptAt = At(300);
        await AddAsync(store, plain, later);

        (await store.GetOutboxAsync(plain.Id)).Should().BeEquivalentTo(plain);
        var read = await store.GetOutboxAsync(later.Id);
        read.Should().BeEquivalentTo(later);
        read!.NextAttemptAt.Should().Be(At(300));
        read.FailedAt.Should().BeNull();
        (await store.GetOutboxAsync(Guid.NewGuid())).Should().BeNull();
    }

    [Theory, MemberData(nameof(TestStores.AllKinds), MemberType = typeof(TestStores))]
    public async Task Due_look_up_honours_the_next_attempt_time(StoreKind kind)
    {
        var store = await stores.CreateStoreAsync(kind);
        var now = At(0);
        var fresh = Outbox(null, createdSeconds: -30);
        var backingOff = Outbox(null, createdSeconds: -20);
        backingOff.NextAttemptAt = At(60);
        var dueAgain = Outbox(null, createdSeconds: -10);
        dueAgain.NextAttemptAt = At(-1);
        await AddAsync(store, dueAgain, backingOff, fresh);

        (await DueAsync(store, now, fresh, backingOff, dueAgain)).Should().Equal(fresh.Id, dueAgain.Id);
        (await DueAsync(store, At(60), fresh, backingOff, dueAgain)).Should().Equal(fresh.Id, backingOff.Id, dueAgain.Id);

        // Without a time: every message still to dispatch, also the one backing off.
        (await store.GetPendingOutboxAsync(100_000)).Select(o => o.Id).Should().Contain([fresh.Id, backingOff.Id, dueAgain.Id]);
        (await store.GetPendingOutboxAsync(0, now)).Should().BeEmpty();

        await store.MarkOutboxDispatchedAsync(fresh.Id, now);
        (await DueAsync(store, At(60), fresh, backingOff, dueAgain)).Should().Equal(backingOff.Id, dueAgain.Id);
    }

    [Theory, MemberData(nameof(TestStores.AllKinds), MemberType = typeof(TestStores))]
    public async Task A_claim_holds_a_message_until_its_lease_ends(StoreKind kind)
    {
        var store = await stores.CreateStoreAsync(kind);
        var message = (await AddAsync(store, Outbox(null)))[0];
        var now = At(0);

        var lease = await store.ClaimOutboxAsync(message.Id, now, At(120).AddTicks(1234));
        lease.Should().Be(At(120), "the lease is kept in whole milliseconds");
        (await store.GetOutboxAsync(message.Id))!.NextAttemptAt.Should().Be(lease);

        // Held: not due, and no second claim while the lease runs.
        (await DueAsync(store, At(60), message)).Should().BeEmpty();
        (await store.ClaimOutboxAsync(message.Id, At(60), At(180))).Should().BeNull();
        (await store.ClaimOutboxAsync(message.Id, At(60), At(180), held: At(119))).Should().BeNull("a renewal must present the lease it holds");

        // The holder renews.
        var renewed = await store.ClaimOutboxAsync(message.Id, At(60), At(200), held: lease);
        renewed.Should().Be(At(200));

        // The lease runs out: another dispatcher takes the message over; the first can no longer renew.
        (await DueAsync(store, At(200), message)).Should().Equal(message.Id);
        var takenOver = await store.ClaimOutboxAsync(message.Id, At(200), At(320));
        takenOver.Should().Be(At(320));
        (await store.ClaimOutboxAsync(message.Id, At(201), At(330), held: renewed)).Should().BeNull();

        // Unknown, dispatched and failed messages are never claimed.
        (await store.ClaimOutboxAsync(Guid.NewGuid(), now, At(60))).Should().BeNull();
        await store.MarkOutboxDispatchedAsync(message.Id, At(210));
        (await store.ClaimOutboxAsync(message.Id, At(400), At(500))).Should().BeNull();
        (await store.ClaimOutboxAsync(message.Id, At(210), At(500), held: takenOver)).Should().BeNull();
    }

    [Theory, MemberData(nameof(TestStores.AllKinds), MemberType = typeof(TestStores))]
    public async Task Of_concurrent_claims_exactly_one_wins(StoreKind kind)
    {
        var store = await stores.CreateStoreAsync(kind);
        var messages = await AddAsync(store, [.. Enumerable.Range(0, 5).Select(i => Outbox(null, createdSeconds: i))]);
        foreach (var message in messages)
        {
            var claims = await Task.WhenAll(Enumerable.Range(0, 8).Select(i =>
                Task.Run(() => store.ClaimOutboxAsync(message.Id, At(0), At(60 + i)))));
            claims.Count(c => c is not null).Should().Be(1);
            (await store.GetOutboxAsync(message.Id))!.NextAttemptAt.Should().Be(claims.Single(c => c is not null));
        }
    }

    [Theory, MemberData(nameof(TestStores.AllKinds), MemberType = typeof(TestStores))]
    public async Task Failures_back_off_and_the_last_one_marks_the_message_failed(StoreKind kind)
    {
        var store = await stores.CreateStoreAsync(kind);
        var message = (await AddAsync(store, Outbox(null)))[0];
        var other = (await AddAsync(store, Outbox(null)))[0];
        await store.ClaimOutboxAsync(message.Id, At(0), At(60));

        (await store.RecordOutboxFailureAsync(message.Id, "421 服务暂不可用", At(30), failed: false, At(1))).Should().BeTrue();
        var read = await store.GetOutboxAsync(message.Id);
        read!.Attempts.Should().Be(1);
        read.LastError.Should().Be("421 服务暂不可用");
        read.NextAttemptAt.Should().Be(At(30));
        read.FailedAt.Should().BeNull();
        (await DueAsync(store, At(29), message)).Should().BeEmpty();
        (await DueAsync(store, At(30), message)).Should().Equal(message.Id);

        (await store.RecordOutboxFailureAsync(message.Id, "connection refused", At(90), failed: false, At(31))).Should().BeTrue();
        (await store.GetOutboxAsync(message.Id))!.Attempts.Should().Be(2);

        // The last attempt: failed, out of the pending and due look-ups, in the administrators' list.
        (await store.RecordOutboxFailureAsync(message.Id, "still refused", At(999), failed: true, At(91))).Should().BeTrue();
        read = await store.GetOutboxAsync(message.Id);
        read!.Attempts.Should().Be(3);
        read.FailedAt.Should().Be(At(91));
        read.NextAttemptAt.Should().BeNull();
        read.LastError.Should().Be("still refused");
        read.DispatchedAt.Should().BeNull();
        (await DueAsync(store, At(10_000), message)).Should().BeEmpty();
        (await store.GetPendingOutboxAsync(100_000)).Select(o => o.Id).Should().NotContain(message.Id).And.Contain(other.Id);
        (await store.ClaimOutboxAsync(message.Id, At(10_000), At(10_060))).Should().BeNull();

        // A failed or dispatched message records no further failure; an unknown one neither.
        (await store.RecordOutboxFailureAsync(message.Id, "again", null, failed: true, At(92))).Should().BeFalse();
        await store.MarkOutboxDispatchedAsync(other.Id, At(5));
        (await store.RecordOutboxFailureAsync(other.Id, "late", At(60), failed: false, At(6))).Should().BeFalse();
        (await store.RecordOutboxFailureAsync(Guid.NewGuid(), "x", null, failed: true, At(6))).Should().BeFalse();
        (await store.GetOutboxAsync(message.Id))!.Attempts.Should().Be(3);
    }

    [Theory, MemberData(nameof(TestStores.AllKinds), MemberType = typeof(TestStores))]
    public async Task Failed_messages_are_listed_latest_first_and_retried_by_an_administrator(StoreKind kind)
    {
        var store = await stores.CreateStoreAsync(kind);
        var first = Outbox(null, createdSeconds: 1);
        var second = Outbox(null, createdSeconds: 2);
        var pending = Outbox(null, createdSeconds: 3);
        await AddAsync(store, first, second, pending);
        await store.RecordOutboxFailureAsync(first.Id, "550 邮箱不存在", null, failed: true, At(100));
        await store.RecordOutboxFailureAsync(second.Id, "timeout", At(50), failed: false, At(40));
        await store.RecordOutboxFailureAsync(second.Id, "timeout", null, failed: true, At(200));

        var failed = (await store.GetFailedOutboxAsync(100_000)).Where(o => o.Id == first.Id || o.Id == second.Id || o.Id == pending.Id).ToList();
        failed.Select(o => o.Id).Should().Equal(second.Id, first.Id);
        failed[1].LastError.Should().Be("550 邮箱不存在");
        failed[1].FailedAt.Should().Be(At(100));
        (await store.GetFailedOutboxAsync(0)).Should().BeEmpty();

        (await store.RetryOutboxAsync(second.Id)).Should().BeTrue();
        var retried = await store.GetOutboxAsync(second.Id);
        retried!.FailedAt.Should().BeNull();
        retried.Attempts.Should().Be(0);
        retried.NextAttemptAt.Should().BeNull();
        retried.LastError.Should().Be("timeout", "the last error stays for reference");
        (await DueAsync(store, At(0), first, second)).Should().Equal(second.Id);
        (await store.GetFailedOutboxAsync(100_000)).Select(o => o.Id).Should().Contain(first.Id).And.NotContain(second.Id);

        // Only a failed message is retried.
        (await store.RetryOutboxAsync(second.Id)).Should().BeFalse();
        (await store.RetryOutboxAsync(pending.Id)).Should().BeFalse();
        (await store.RetryOutboxAsync(Guid.NewGuid())).Should().BeFalse();
        await store.MarkOutboxDispatchedAsync(second.Id, At(300));
        (await store.RetryOutboxAsync(second.Id)).Should().BeFalse();
    }

    [Theory, MemberData(nameof(TestStores.AllKinds), MemberType = typeof(TestStores))]
    public async Task A_long_error_is_cut_to_the_stored_length(StoreKind kind)
    {
        var store = await stores.CreateStoreAsync(kind);
        var message = (await AddAsync(store, Outbox(null)))[0];
        var error = new string('错', 3999) + "😀" + new string('x', 5000);

        await store.RecordOutboxFailureAsync(message.Id, error, At(10), failed: false, At(1));

        var stored = (await store.GetOutboxAsync(message.Id))!.LastError!;
        stored.Should().Be(new string('错', 3999), "a surrogate pair is not split");
    }
}
