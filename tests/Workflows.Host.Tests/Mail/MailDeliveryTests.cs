using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using Workflows.Engine.Persistence;
using Workflows.Host.Mail;

namespace Workflows.Host.Tests.Mail;

/// <summary>
/// Mail end to end against real SMTP servers (python3-aiosmtpd capturing into a Maildir): what arrives, with which
/// subject and encoding; retries while the server is down; the failed list of the administrators; nothing for a
/// command that rolled back; exactly once with two nodes on one database.
/// </summary>
[Collection(SerialMailCollection.Name)]
public sealed class MailDeliveryTests
{
    private static string Token() => Guid.NewGuid().ToString("N")[..10];

    private static Dictionary<string, string?> With(Dictionary<string, string?> settings, params (string Key, string? Value)[] more)
    {
        foreach (var (key, value) in more)
        {
            settings[key] = value;
        }

        return settings;
    }

    private static async Task<Guid> StartAsync(HttpClient client, string key, string businessKey, object variables) =>
        Guid.Parse((await client.StartAsync(key, businessKey, variables)).GetProperty("id").GetString()!);

    private static bool IsAscii(string text) => text.All(c => c < 128);

    [Fact]
    public async Task A_send_mail_service_task_and_send_task_deliver_one_mail_each_with_correct_Chinese_subjects()
    {
        var token = Token();
        var zhangsan = $"zhangsan-{token}@example.org";
        var second = $"li-{token}@example.org";
        await using var host = new MailHost(With(SharedSmtp.Settings(), ($"Workflows:Mail:Directory:zhangsan-{token}", $"张三 <{zhangsan}>")));
        using var client = host.CreateClient();
        host.Services.GetRequiredService<MailSettings>().DispatchSeconds.Should().Be(0.2, "the test's settings reach the host");
        host.Services.GetRequiredService<OutboxSweeper>().UsesHangfire.Should().BeTrue("mails are sent by Hangfire jobs when Hangfire runs");
        await client.DeployAndPublishAsync(MailModels.ServiceAndSendTask("mail-" + token));

        var instanceId = await StartAsync(client, "mail-" + token, "2026-劳模-" + token, new
        {
            recipient = $"zhangsan-{token}",
            second,
            nomineeName = "李四",
            award = "五一劳动奖章",
            unit = "广州市<总工会> & 分会",
            token,
        });

        var arrived = (await SharedSmtp.Maildir.WaitForAsync(zhangsan, host: host)).Single();
        var thanks = (await SharedSmtp.Maildir.WaitForAsync(second, host: host)).Single();

        // The subject as it arrived, decoded by MimeKit from the raw message, and encoded in the raw headers.
        var mail = arrived.Message;
        mail.Subject.Should().Be($"【五一劳动奖章】李四 的推荐材料已提交（{token}）");
        IsAscii(arrived.RawHeaders).Should().BeTrue("every header is 7-bit; Chinese is in RFC 2047 encoded words:\n{0}", arrived.RawHeaders);
        arrived.RawHeaders.Should().MatchRegex(@"(?im)^Subject: =\?utf-8\?[bq]\?");
        mail.From.Mailboxes.Single().Name.Should().Be("广东省总工会荣誉评选系统");
        mail.From.Mailboxes.Single().Address.Should().Be(MailSettings.DefaultFromAddress);
        mail.To.Mailboxes.Single().Name.Should().Be("张三", "the directory gives the user's name and address");
        mail.To.Mailboxes.Single().Address.Should().Be(zhangsan);
        mail.TextBody.Should().Contain("广州市<总工会> & 分会 推荐的 李四 已提交五一劳动奖章推荐材料。");
        mail.HtmlBody.Should().Contain("广州市&lt;总工会&gt; &amp; 分会").And.Contain("李四");
        mail.Headers["Auto-Submitted"].Should().Be("auto-generated");

        thanks.Message.Subject.Should().Be($"感谢您推荐 李四（{token}）");
        thanks.Message.TextBody.Should().Contain("感谢广州市<总工会> & 分会的推荐。");

        // The Message-Id comes from the outbox row's idempotency key: every attempt of the row carries the same one.
        var rows = await host.OutboxOfAsync(instanceId);
        rows.Should().HaveCount(2).And.OnlyContain(r => r.Kind == "mail" && r.DispatchedAt != null && r.Attempts == 0 && r.FailedAt == null);
        var composer = host.Services.GetRequiredService<MailComposer>();
        var notifyRow = rows.Single(r => r.IdempotencyKey.Contains(":notify:", StringComparison.Ordinal));
        notifyRow.IdempotencyKey.Should().StartWith($"mail:{instanceId:N}:notify:");
        mail.MessageId.Should().Be(composer.MessageIdFor(notifyRow.IdempotencyKey)).And.StartWith("wf-");
        mail.Headers[MailComposer.IdempotencyHeader].Should().Be(notifyRow.IdempotencyKey);

        // Exactly once: nothing more arrives.
        await Task.Delay(1500);
        SharedSmtp.Maildir.For(zhangsan).Should().ContainSingle();
        SharedSmtp.Maildir.For(second).Should().ContainSingle();
    }

    [Fact]
    public async Task Without_an_SMTP_host_each_mail_is_a_parseable_eml_file()
    {
        var token = Token();
        await using var host = new MailHost(new Dictionary<string, string?>());
        using var client = host.CreateClient();
        await client.DeployAndPublishAsync(MailModels.OneMail("eml-" + token));

        var instanceId = await StartAsync(client, "eml-" + token, "EML-" + token, new
        {
            recipient = $"王五 <wangwu-{token}@example.org>",
            nomineeName = "赵六",
            award = "劳动模范",
            unit = "深圳市总工会",
            token,
        });

        string[] files = [];
        await Eventually.HoldsAsync(() =>
        {
            files = Directory.Exists(host.PickupDirectory) ? Directory.GetFiles(host.PickupDirectory) : [];
            return Task.FromResult(files.Length > 0);
        }, TimeSpan.FromSeconds(30), () => $"no file in {host.PickupDirectory}");
        await Task.Delay(500);
        files = Directory.GetFiles(host.PickupDirectory);
        files.Should().ContainSingle().Which.Should().EndWith(".eml", "no temporary file is left behind");

        var raw = await File.ReadAllBytesAsync(files[0]);
        var arrived = new ArrivedMail(files[0], raw, MimeMessage.Load(new MemoryStream(raw)));
        arrived.Message.Subject.Should().Be($"【劳动模范】赵六 的推荐材料已提交（{token}）");
        IsAscii(arrived.RawHeaders).Should().BeTrue(arrived.RawHeaders);
        arrived.RawHeaders.Should().MatchRegex(@"(?im)^Subject: =\?utf-8\?[bq]\?");
        arrived.Message.To.Mailboxes.Single().Name.Should().Be("王五");
        arrived.Message.To.Mailboxes.Single().Address.Should().Be($"wangwu-{token}@example.org");
        arrived.Message.TextBody.Should().Contain("深圳市总工会 推荐的 赵六");
        Path.GetFileNameWithoutExtension(files[0]).Should().Be(arrived.Message.MessageId!.Split('@')[0]);
        (await host.OutboxOfAsync(instanceId)).Should().ContainSingle().Which.DispatchedAt.Should().NotBeNull();
    }

    [Fact]
    public async Task While_the_SMTP_server_is_down_mails_are_retried_and_each_is_delivered_once_it_is_back()
    {
        var token = Token();
        await using var smtp = new SmtpServer();
        await smtp.StartAsync();
        await using var host = new MailHost(With(smtp.Settings(), ("Workflows:Mail:MaxAttempts", "100")));
        using var client = host.CreateClient();
        await client.DeployAndPublishAsync(MailModels.OneMail("retry-" + token));
        object Vars(string who) => new { recipient = $"{who}-{token}@example.org", nomineeName = "陈七", award = "劳动模范", unit = "佛山市总工会", token };

        // Server up: delivered.
        await StartAsync(client, "retry-" + token, "R-0", Vars("before"));
        await smtp.Maildir.WaitForAsync($"before-{token}@example.org", host: host);

        // Server down: three mails are tried again and again, backing off.
        await smtp.StopAsync();
        var ids = new List<Guid>();
        foreach (var who in new[] { "a", "b", "c" })
        {
            ids.Add(await StartAsync(client, "retry-" + token, "R-" + who, Vars(who)));
        }

        var seen = new Dictionary<Guid, OutboxMessage>();
        await Eventually.HoldsAsync(async () =>
        {
            foreach (var id in ids)
            {
                seen[id] = (await host.OutboxOfAsync(id)).Single();
            }

            return seen.Values.All(r => r.Attempts >= 2);
        }, TimeSpan.FromSeconds(30), async () => "attempts: " + string.Join(", ", seen.Values.Select(r => r.Attempts)) + "; " + await host.DescribeOutboxAsync());
        var firstLook = seen.ToDictionary(p => p.Key, p => p.Value);
        foreach (var row in firstLook.Values)
        {
            row.DispatchedAt.Should().BeNull();
            row.FailedAt.Should().BeNull();
            row.NextAttemptAt.Should().NotBeNull();
            row.LastError.Should().Contain("smtp://127.0.0.1:" + smtp.Port);
        }

        await Eventually.HoldsAsync(async () =>
        {
            foreach (var id in ids)
            {
                seen[id] = (await host.OutboxOfAsync(id)).Single();
            }

            return seen.All(p => p.Value.Attempts > firstLook[p.Key].Attempts && p.Value.NextAttemptAt > firstLook[p.Key].NextAttemptAt);
        }, TimeSpan.FromSeconds(30), async () => "the attempts did not go on; " + await host.DescribeOutboxAsync());
        foreach (var who in new[] { "a", "b", "c" })
        {
            smtp.Maildir.For($"{who}-{token}@example.org").Should().BeEmpty();
        }

        // Server back: every mail arrives, once.
        await smtp.StartAsync();
        foreach (var who in new[] { "a", "b", "c" })
        {
            (await smtp.Maildir.WaitForAsync($"{who}-{token}@example.org", host: host)).Should().ContainSingle();
        }

        await Eventually.HoldsAsync(async () =>
        {
            foreach (var id in ids)
            {
                seen[id] = (await host.OutboxOfAsync(id)).Single();
            }

            return seen.Values.All(r => r.DispatchedAt is not null);
        }, TimeSpan.FromSeconds(10), async () => "not all rows were marked dispatched; " + await host.DescribeOutboxAsync());
        seen.Values.Should().OnlyContain(r => r.Attempts >= 3 && r.FailedAt == null);

        await Task.Delay(1500);
        smtp.Maildir.ReadAll().Should().HaveCount(4, "none is lost and none is sent twice");
        smtp.Maildir.ReadAll().Select(m => m.Message.MessageId).Should().OnlyHaveUniqueItems();
        smtp.Maildir.ReadAll().Select(m => m.Message.Subject).Should().AllBe($"【劳动模范】陈七 的推荐材料已提交（{token}）");
    }

    [Fact]
    public async Task After_the_last_attempt_a_mail_is_failed_listed_for_administrators_and_can_be_retried()
    {
        var token = Token();
        var address = $"failing-{token}@example.org";
        await using var smtp = new SmtpServer(); // not started: connections are refused
        await using var host = new MailHost(With(smtp.Settings(), ("Workflows:Mail:MaxAttempts", "3"), ("Workflows:Mail:RetrySeconds", "0.2")));
        using var client = host.CreateClient();
        await client.DeployAndPublishAsync(MailModels.OneMail("fail-" + token));
        var instanceId = await StartAsync(client, "fail-" + token, "F-" + token,
            new { recipient = address, nomineeName = "周八", award = "五一劳动奖章", unit = "珠海市总工会", token });

        OutboxMessage? row = null;
        await Eventually.HoldsAsync(async () =>
        {
            row = (await host.OutboxOfAsync(instanceId)).Single();
            return row.FailedAt is not null;
        }, TimeSpan.FromSeconds(30), () => $"attempts {row?.Attempts}, failed {row?.FailedAt}");
        row!.Attempts.Should().Be(3);
        row.NextAttemptAt.Should().BeNull();
        row.DispatchedAt.Should().BeNull();
        row.LastError.Should().NotBeNullOrWhiteSpace();

        // Visible to administrators.
        var failed = await client.GetJsonAsync("/api/admin/outbox/failed");
        var listed = failed.EnumerateArray().Single(e => e.GetProperty("id").GetGuid() == row.Id);
        listed.GetProperty("kind").GetString().Should().Be("mail");
        listed.GetProperty("attempts").GetInt32().Should().Be(3);
        listed.GetProperty("lastError").GetString().Should().Be(row.LastError);
        listed.GetProperty("failedAt").ValueKind.Should().Be(JsonValueKind.String);
        listed.GetProperty("instanceId").GetGuid().Should().Be(instanceId);
        listed.GetProperty("payload").GetProperty("to").EnumerateArray().Select(e => e.GetString()).Should().Equal(address);
        await Task.Delay(1000);
        (await host.OutboxOfAsync(instanceId)).Single().Attempts.Should().Be(3, "a failed mail is not tried again by itself");

        // The server is repaired; an administrator retries the mail: it arrives once.
        await smtp.StartAsync();
        using (var retry = await client.PostAsync($"/api/admin/outbox/{row.Id}/retry", null))
        {
            retry.StatusCode.Should().Be(HttpStatusCode.Accepted, await retry.Content.ReadAsStringAsync());
            var body = await retry.JsonAsync();
            body.GetProperty("attempts").GetInt32().Should().Be(0);
            body.GetProperty("failedAt").ValueKind.Should().Be(JsonValueKind.Null);
        }

        (await smtp.Maildir.WaitForAsync(address, host: host)).Should().ContainSingle().Which.Message.Subject.Should().Be($"【五一劳动奖章】周八 的推荐材料已提交（{token}）");
        await Eventually.HoldsAsync(async () => (await host.OutboxOfAsync(instanceId)).Single().DispatchedAt is not null, TimeSpan.FromSeconds(10), () => "not marked dispatched");
        (await client.GetJsonAsync("/api/admin/outbox/failed")).EnumerateArray().Select(e => e.GetProperty("id").GetGuid()).Should().NotContain(row.Id);

        // Problem details for what cannot be retried.
        using (var again = await client.PostAsync($"/api/admin/outbox/{row.Id}/retry", null))
        {
            (await again.ProblemAsync(HttpStatusCode.Conflict)).GetProperty("detail").GetString().Should().Contain("dispatched");
        }

        using (var unknown = await client.PostAsync($"/api/admin/outbox/{Guid.NewGuid()}/retry", null))
        {
            await unknown.ProblemAsync(HttpStatusCode.NotFound);
        }

        using (var badTake = await client.GetAsync("/api/admin/outbox/failed?take=0"))
        {
            await badTake.ProblemAsync(HttpStatusCode.BadRequest);
        }
    }

    [Fact]
    public async Task A_command_that_rolled_back_sends_nothing()
    {
        var token = Token();
        var rolledBack = $"rolled-back-{token}@example.org";
        var committed = $"committed-{token}@example.org";
        await using var host = new MailHost(SharedSmtp.Settings());
        using var client = host.CreateClient();
        await client.DeployAndPublishAsync(MailModels.MailThenScript("rollback-" + token));

        // The mail task runs, then the script fails in the same command: nothing is committed.
        using (var response = await client.PostAsJsonAsync("/api/instances", new
        {
            definitionKey = "rollback-" + token,
            businessKey = "RB-1-" + token,
            variables = new { recipient = rolledBack, fail = true, nomineeName = "吴九", award = "劳动模范", unit = "东莞市总工会", token },
        }))
        {
            (await response.ProblemAsync(HttpStatusCode.UnprocessableEntity)).GetProperty("detail").GetString().Should().Contain("材料不全");
        }

        (await client.GetJsonAsync($"/api/instances?businessKey=RB-1-{token}")).GetProperty("items").GetArrayLength().Should().Be(0);
        await using (var db = ((EfWorkflowStore)host.Store).CreateDbContext())
        {
            db.Outbox.AsEnumerable().Where(o => o.Payload.Contains(token, StringComparison.Ordinal)).Should().BeEmpty("the outbox row went with the rolled back transaction");
        }

        // A command that commits afterwards: its mail arrives, the rolled back one never does.
        await StartAsync(client, "rollback-" + token, "RB-2-" + token,
            new { recipient = committed, fail = false, nomineeName = "吴九", award = "劳动模范", unit = "东莞市总工会", token });
        (await SharedSmtp.Maildir.WaitForAsync(committed, host: host)).Should().ContainSingle();
        await Task.Delay(1000);
        SharedSmtp.Maildir.For(rolledBack).Should().BeEmpty();
    }

    [Fact]
    public async Task A_task_reminder_is_mailed_to_the_assignee()
    {
        var token = Token();
        var address = $"reviewer-{token}@example.org";
        await using var host = new MailHost(With(SharedSmtp.Settings(), ($"Workflows:Mail:Directory:reviewer-{token}", $"王审核 <{address}>")));
        using var client = host.CreateClient();
        await client.DeployAndPublishAsync(MailModels.ReviewWithReminder("remind-" + token));

        var instanceId = await StartAsync(client, "remind-" + token, "2026-五一-" + token, new { reviewer = $"reviewer-{token}" });

        // The reminder is a job row fired by Hangfire; the firing command writes a task-reminder outbox row.
        var mail = (await SharedSmtp.Maildir.WaitForAsync(address, timeout: TimeSpan.FromSeconds(60), host: host)).Single().Message;
        var task = (await client.GetJsonAsync($"/api/tasks?instanceId={instanceId}")).GetProperty("items").EnumerateArray().Single();
        var due = MailComposer.ChinaTime(task.GetProperty("dueAt").GetDateTimeOffset());
        mail.Subject.Should().Be($"【待办提醒】市级审核（2026-五一-{token}） 将于 {due} 到期");
        mail.To.Mailboxes.Single().Name.Should().Be("王审核");
        mail.TextBody.Should().Contain("您有一项待办任务“市级审核”尚未办理").And.Contain($"办理期限：{due}（北京时间）");
        mail.HtmlBody.Should().Contain("<strong>市级审核</strong>");
        (await host.OutboxOfAsync(instanceId)).Should().ContainSingle(r => r.Kind == "task-reminder").Which.DispatchedAt.Should().NotBeNull();
    }

    [Fact]
    public async Task Without_Hangfire_the_sweeper_dispatches_itself()
    {
        var token = Token();
        var address = $"inline-{token}@example.org";
        await using var host = new MailHost(With(SharedSmtp.Settings(), ("Workflows:Scheduler:Enabled", "false")));
        using var client = host.CreateClient();
        host.Services.GetRequiredService<OutboxSweeper>().UsesHangfire.Should().BeFalse();
        await client.DeployAndPublishAsync(MailModels.OneMail("inline-" + token));

        await StartAsync(client, "inline-" + token, "IN-" + token, new { recipient = address, nomineeName = "郑十", award = "劳动模范", unit = "中山市总工会", token });

        (await SharedSmtp.Maildir.WaitForAsync(address, host: host)).Should().ContainSingle().Which.Message.Subject.Should().Be($"【劳动模范】郑十 的推荐材料已提交（{token}）");
    }

    [Fact]
    public async Task Two_nodes_on_one_PostgreSQL_database_send_each_mail_exactly_once()
    {
        var token = Token();
        await using var database = await MailTestDatabase.CreateAsync();
        await using var smtp = new SmtpServer();
        await smtp.StartAsync();
        var settings = With(smtp.Settings(), ("Workflows:Mail:DispatchSeconds", "0.05"));
        await using var first = new MailHost(settings, database.ConnectionString);
        using var client = first.CreateClient(); // migrates the database
        await using var second = new MailHost(settings, database.ConnectionString);
        using var secondClient = second.CreateClient();
        await client.DeployAndPublishAsync(MailModels.OneMail("twonodes-" + token));

        const int Count = 30;
        await Parallel.ForEachAsync(Enumerable.Range(0, Count), new ParallelOptions { MaxDegreeOfParallelism = 6 }, async (i, _) =>
            await StartAsync(i % 2 == 0 ? client : secondClient, "twonodes-" + token, $"TN-{i}",
                new { recipient = $"n{i}-{token}@example.org", nomineeName = "节点" + i, award = "劳动模范", unit = "省总工会", token }));

        await Eventually.HoldsAsync(() => Task.FromResult(smtp.Maildir.ReadAll().Count >= Count), TimeSpan.FromSeconds(150),
            async () => $"{smtp.Maildir.ReadAll().Count} of {Count} mails arrived; {await first.DescribeOutboxAsync()}");
        await Task.Delay(2000);
        var all = smtp.Maildir.ReadAll();
        all.Should().HaveCount(Count, "each mail is claimed by one node only");
        all.SelectMany(m => m.EnvelopeRecipients).Should().OnlyHaveUniqueItems().And.HaveCount(Count);
    }
}
