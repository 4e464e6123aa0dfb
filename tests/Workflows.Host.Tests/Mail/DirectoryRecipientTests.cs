using MimeKit;
using Microsoft.Extensions.DependencyInjection;
using Workflows.Activities.Organisations;
using Workflows.Host.Mail;
using Workflows.Host.Tests.Identity;

namespace Workflows.Host.Tests.Mail;

/// <summary>
/// Recipients from the user directory, on a real host with its SQLite file: a user name becomes the user's e-mail
/// address with the display name, a group key <c>role@path</c> the addresses of its members, and
/// <c>Workflows:Mail:Directory</c> answers only for what the directory does not know.
/// </summary>
public sealed class DirectoryRecipientTests
{
    private static string Token() => Guid.NewGuid().ToString("N")[..10];

    private static async Task<Guid> StartAsync(HttpClient client, string key, object variables) =>
        Guid.Parse((await client.StartAsync(key, "DR-" + Token(), variables)).GetProperty("id").GetString()!);

    /// <summary>Waits for the single .eml file in the host's pickup folder and reads it.</summary>
    private static async Task<MimeMessage> SingleMailAsync(MailHost host)
    {
        string[] files = [];
        await Eventually.HoldsAsync(() =>
        {
            files = Directory.Exists(host.PickupDirectory) ? Directory.GetFiles(host.PickupDirectory, "*.eml") : [];
            return Task.FromResult(files.Length > 0);
        }, TimeSpan.FromSeconds(30), async () => $"no mail in {host.PickupDirectory}; {await host.DescribeOutboxAsync()}");
        await Task.Delay(300);
        Directory.GetFiles(host.PickupDirectory, "*.eml").Should().ContainSingle();
        return await MimeMessage.LoadAsync(files[0]);
    }

    [Fact]
    public async Task User_names_and_group_keys_become_the_directory_s_addresses_and_the_configured_directory_fills_in()
    {
        var token = Token();
        await using var host = new MailHost(new Dictionary<string, string?>
        {
            [$"Workflows:Mail:Directory:outsider-{token}"] = $"外部专家 <outsider-{token}@example.org>",
            ["Workflows:Mail:Directory:city-reviewer"] = "configured-but-not-used@example.org",
        });
        using var client = host.CreateClient();
        await client.DeployAndPublishAsync(MailModels.OneMail("dirmail-" + token));

        await StartAsync(client, "dirmail-" + token, new
        {
            recipient = $"city-reviewer, committee-member@/gd/committee, outsider-{token}, 王五 <direct-{token}@example.org>",
            nomineeName = "李四",
            award = "劳动模范",
            unit = "广州市总工会",
            token,
        });

        var mail = await SingleMailAsync(host);
        mail.To.Mailboxes.Select(m => m.Address).Should().Equal(
            "city-reviewer@honours.gdftu.local",
            "committee1@honours.gdftu.local", "committee2@honours.gdftu.local", "committee3@honours.gdftu.local",
            "committee4@honours.gdftu.local", "committee5@honours.gdftu.local",
            $"outsider-{token}@example.org",
            $"direct-{token}@example.org");
        mail.To.Mailboxes.First().Name.Should().Be("黄市审", "a user's mailbox carries the display name");
        mail.To.Mailboxes.Single(m => m.Address.StartsWith("outsider-", StringComparison.Ordinal)).Name.Should().Be("外部专家");
        mail.To.Mailboxes.Select(m => m.Address).Should().NotContain("configured-but-not-used@example.org", "the user directory comes first");
    }

    [Fact]
    public async Task A_reminder_reaches_the_assignee_by_user_name()
    {
        var token = Token();
        await using var host = new MailHost(new Dictionary<string, string?>());
        using var client = host.CreateClient();
        await client.DeployAndPublishAsync(MailModels.ReviewWithReminder("dirremind-" + token));

        await StartAsync(client, "dirremind-" + token, new { reviewer = "district-reviewer" });

        var mail = await SingleMailAsync(host);
        mail.To.Mailboxes.Should().ContainSingle().Which.Address.Should().Be("district-reviewer@honours.gdftu.local");
        mail.To.Mailboxes.Single().Name.Should().Be("林区审");
    }

    [Fact]
    public async Task A_name_nobody_knows_fails_the_mail_naming_it()
    {
        var token = Token();
        await using var host = new MailHost(new Dictionary<string, string?>());
        using var client = host.CreateClient();
        await client.DeployAndPublishAsync(MailModels.OneMail("dirnobody-" + token));

        var instanceId = await StartAsync(client, "dirnobody-" + token, new
        {
            recipient = $"nobody-{token}, city-reviewer@/gd/zh",
            nomineeName = "赵六",
            award = "劳动模范",
            unit = "珠海市总工会",
            token,
        });

        Workflows.Engine.Persistence.OutboxMessage? row = null;
        await Eventually.HoldsAsync(async () =>
        {
            row = (await host.OutboxOfAsync(instanceId)).SingleOrDefault();
            return row?.FailedAt is not null;
        }, TimeSpan.FromSeconds(30), async () => $"failed {row?.FailedAt}, error {row?.LastError}; rows {(await host.OutboxOfAsync(instanceId)).Count}; {await host.DescribeOutboxAsync()}");
        row!.LastError.Should().Contain($"nobody-{token}").And.Contain("city-reviewer@/gd/zh", "a group without members yields no address either");
    }

    [Fact]
    public async Task Group_members_are_looked_up_when_the_mail_is_sent_and_reach_the_SMTP_server()
    {
        var token = Token();
        var address = $"member-{token}@example.org";
        await using var host = new MailHost(SharedSmtp.Settings());
        using var client = host.CreateClient();
        await using (var scope = host.Services.CreateAsyncScope())
        {
            await IdentityTestData.AddUserAsync(scope.ServiceProvider, $"member-{token}", "Member#Review-2026", Roles.DistrictReviewer, "/gd/gz/th", $"新审核员 <{address}>");
        }

        var resolved = await host.Services.GetRequiredService<IMailRecipientResolver>().ResolveAsync([], ["district-reviewer@/gd/gz/th"], CancellationToken.None);
        resolved.Addresses.Select(a => a.Address).Should().Equal("district-reviewer@honours.gdftu.local", address);
        resolved.Unresolved.Should().BeEmpty();

        await client.DeployAndPublishAsync(MailModels.OneMail("dirsmtp-" + token));
        await StartAsync(client, "dirsmtp-" + token, new { recipient = "district-reviewer@/gd/gz/th", nomineeName = "钱七", award = "劳动模范", unit = "天河区总工会", token });

        var arrived = (await SharedSmtp.Maildir.WaitForAsync(address, host: host)).Single();
        arrived.EnvelopeRecipients.Should().Contain(address).And.Contain("district-reviewer@honours.gdftu.local");
        arrived.Message.Subject.Should().Be($"【劳动模范】钱七 的推荐材料已提交（{token}）");
    }

    [Theory]
    [InlineData("city-reviewer@/gd/gz", true)]
    [InlineData("committee-member@/gd/committee/", true)]
    [InlineData("zhangsan@example.org", false)]
    [InlineData("张三 <a@example.org>", false)]
    [InlineData("city-reviewer", false)]
    [InlineData("@/gd", false)]
    [InlineData("x@/", false)]
    public void Group_keys_are_told_from_addresses(string text, bool groupKey) =>
        IdentityRecipientResolver.IsGroupKey(text, out _, out _).Should().Be(groupKey);
}
