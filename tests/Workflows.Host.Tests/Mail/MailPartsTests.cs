using System.Text;
using MimeKit;
using Workflows.Activities.Mail;
using Workflows.Engine.Persistence;
using Workflows.Host.Mail;

namespace Workflows.Host.Tests.Mail;

/// <summary>The parts of mail without a server: templates, recipients, composing, back-off and settings.</summary>
public sealed class MailPartsTests
{
    private static readonly MailTemplates Templates = new();

    [Fact]
    public void The_templates_are_embedded_and_parse()
    {
        Templates.Names.Should().Contain([MailTemplates.Generic, MailTemplates.TaskReminder, MailTemplates.TaskCopy]);
        MailTemplates.Check("{{ nomineeName }} 您好").Should().BeNull();
        MailTemplates.Check("{% if x %}没有结束").Should().NotBeNull();
    }

    [Fact]
    public void A_reminder_renders_a_one_line_subject_and_escaped_html()
    {
        var mail = Templates.Render(MailTemplates.TaskReminder, new Dictionary<string, object?>
        {
            ["taskName"] = "市级审核 <初审>",
            ["businessKey"] = "2026-001",
            ["dueAt"] = "2026-04-27 09:00",
            ["reason"] = "reminder",
            ["definitionKey"] = "model-worker",
            ["taskId"] = "t-1",
            ["fromName"] = "广东省总工会荣誉评选系统",
        });

        mail.Subject.Should().Be("【待办提醒】市级审核 <初审>（2026-001） 将于 2026-04-27 09:00 到期");
        mail.Text.Should().Contain("您有一项待办任务“市级审核 <初审>”尚未办理，请在 2026-04-27 09:00 前完成。");
        mail.Html.Should().Contain("<strong>市级审核 &lt;初审&gt;</strong>").And.NotContain("<初审>");
        mail.Html.Should().Contain("<title>【待办提醒】市级审核 &lt;初审&gt;（2026-001）");

        var timeout = Templates.Render(MailTemplates.TaskReminder, new Dictionary<string, object?> { ["taskName"] = "复核", ["reason"] = "timeout", ["dueAt"] = "2026-04-27 09:00" });
        timeout.Subject.Should().Be("【已超期】复核");
        Templates.Render(MailTemplates.TaskReminder, new Dictionary<string, object?> { ["reason"] = "urge" }).Subject.Should().Be("【催办】待办任务");
    }

    [Fact]
    public void Liquid_runs_in_bounds()
    {
        var none = new Dictionary<string, object?>();
        foreach (var runaway in new[]
        {
            "{% for i in (1..2000000000) %}x{% endfor %}",                                                    // a huge range is never built
            "{% assign n = 2000000000 %}{% assign r = (1..n) %}{{ r | size }}",                               // nor one from a variable
            "{% for i in (1..9999) %}{% for j in (1..9999) %}x{% endfor %}{% endfor %}",                      // steps
            "{% assign s = 'x' %}{% for i in (1..40) %}{% assign s = s | append: s %}{% endfor %}{{ s.size }}", // doubling text
            "{% assign s = 'x' %}{% for i in (1..40) %}{% capture s %}{{ s }}{{ s }}{% endcapture %}{% endfor %}",
            "{% assign s = 'xxxxxxxxxx' %}{% for i in (1..8) %}{% assign s = s | replace: 'x', 'xxxxxxxxxx' %}{% endfor %}",
        })
        {
            var watch = System.Diagnostics.Stopwatch.StartNew();
            var act = () => Templates.RenderText(runaway, none);
            act.Should().Throw<MailTemplateException>(runaway);
            watch.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(5), runaway);
        }

        foreach (var include in new[] { "{% include '/etc/passwd' %}", "{% render '../../appsettings.json' %}" })
        {
            string rendered;
            try
            {
                rendered = Templates.RenderText(include, none);
            }
            catch (MailTemplateException)
            {
                rendered = "";
            }

            rendered.Should().NotContain("root:").And.NotContain("Workflows", "a template reads no files");
        }

        var big = new Dictionary<string, object?> { ["big"] = new string('长', 100_000) };
        var output = () => Templates.RenderText("{% for i in (1..100) %}{{ big }}{% endfor %}", big);
        output.Should().Throw<MailTemplateException>().WithMessage("*output*");
        Templates.RenderText("{{ a.b }}|{{ missing }}|{{ list | join: '、' }}", new Dictionary<string, object?>
        {
            ["a"] = new Dictionary<string, object?> { ["b"] = "嵌套" },
            ["list"] = new List<object?> { "甲", "乙" },
        }).Should().Be("嵌套||甲、乙");
    }

    [Fact]
    public async Task Recipients_are_addresses_or_directory_entries()
    {
        var settings = new MailSettings();
        settings.Directory["zhangsan"] = "张三 <zs@example.org>";
        settings.Directory["province-reviewer"] = "a@example.org; 李四 <b@example.org>";
        var resolver = new DirectoryRecipientResolver(settings);

        var resolved = await resolver.ResolveAsync(["zhangsan", "c@example.org", "ZS@example.org", "nobody"], ["province-reviewer", "unknown-role"], CancellationToken.None);

        resolved.Addresses.Select(a => a.ToString()).Should().Equal("\"张三\" <zs@example.org>", "c@example.org", "a@example.org", "\"李四\" <b@example.org>");
        resolved.Unresolved.Should().Equal("nobody", "unknown-role");
    }

    [Fact]
    public void The_send_mail_activity_reads_recipient_lists()
    {
        SendMailActivity.Recipients("a@x.cn, 张三；李四;a@x.cn").Should().Equal("a@x.cn", "张三", "李四");
        SendMailActivity.Recipients(new List<object?> { "a@x.cn", "b@x.cn, c@x.cn" }).Should().Equal("a@x.cn", "b@x.cn", "c@x.cn");
        SendMailActivity.Recipients(null).Should().BeEmpty();
        SendMailActivity.Descriptor.Type.Should().Be("mail.send");
        SendMailActivity.Descriptor.DisplayNameZh.Should().Be("发送邮件");
        SendMailActivity.Descriptor.DisplayNameEn.Should().Be("Send mail");
    }

    [Fact]
    public async Task A_composed_mail_has_encoded_headers_and_a_stable_Message_Id()
    {
        var settings = new MailSettings();
        var composer = new MailComposer(settings, Templates, new DirectoryRecipientResolver(settings));
        var row = new OutboxMessage
        {
            Id = Guid.NewGuid(),
            Kind = "mail",
            IdempotencyKey = "mail:abc:notify:1-1",
            Payload = """{"to":["钱十一 <qian@example.org>"],"subject":"【评选通知】{{ name }} 入围","body":"{{ name }}：恭喜入围。","model":{"name":"孙十二"}}""",
        };

        var first = await composer.ComposeAsync(row, CancellationToken.None);
        var again = await composer.ComposeAsync(row, CancellationToken.None);

        first.MessageId.Should().Be(again.MessageId).And.MatchRegex("^wf-[0-9a-f]{32}@honours\\.gdftu\\.local$");
        using var stream = new MemoryStream();
        await first.WriteToAsync(stream);
        var raw = Encoding.Latin1.GetString(stream.ToArray());
        raw.All(c => c < 128).Should().BeTrue("the whole message is 7-bit");
        var read = MimeMessage.Load(new MemoryStream(stream.ToArray()));
        read.Subject.Should().Be("【评选通知】孙十二 入围");
        read.To.Mailboxes.Single().Name.Should().Be("钱十一");
        read.TextBody.Should().StartWith("孙十二：恭喜入围。");
    }

    [Fact]
    public async Task A_mail_that_cannot_be_built_fails_permanently()
    {
        var settings = new MailSettings();
        var composer = new MailComposer(settings, Templates, new DirectoryRecipientResolver(settings));
        OutboxMessage Row(string payload) => new() { Id = Guid.NewGuid(), Kind = "mail", IdempotencyKey = "k", Payload = payload };

        var nobody = () => composer.ComposeAsync(Row("""{"to":["nobody"],"subject":"s","body":"b"}"""), CancellationToken.None);
        (await nobody.Should().ThrowAsync<OutboxDispatchException>()).Which.Permanent.Should().BeTrue();
        var badTemplate = () => composer.ComposeAsync(Row("""{"to":["a@example.org"],"subject":"{% if %}","body":"b"}"""), CancellationToken.None);
        (await badTemplate.Should().ThrowAsync<OutboxDispatchException>()).Which.Permanent.Should().BeTrue();
        var badJson = () => composer.ComposeAsync(Row("not json"), CancellationToken.None);
        (await badJson.Should().ThrowAsync<OutboxDispatchException>()).Which.Permanent.Should().BeTrue();
    }

    [Fact]
    public void Back_off_doubles_up_to_its_limit()
    {
        var settings = new MailSettings();
        Enumerable.Range(1, 9).Select(n => settings.RetryDelay(n).TotalSeconds).Should().Equal(30, 60, 120, 240, 480, 960, 1920, 3600, 3600);
    }

    [Fact]
    public void Settings_are_checked()
    {
        new MailSettings().Validate();
        var act = () => new MailSettings { FromAddress = "no address" }.Validate();
        act.Should().Throw<InvalidOperationException>().WithMessage("*Workflows:Mail:FromAddress*");
        act = () => new MailSettings { MaxAttempts = 0 }.Validate();
        act.Should().Throw<InvalidOperationException>().WithMessage("*MaxAttempts*");
        act = () => new MailSettings { SmtpHost = "smtp.example.org", SmtpPort = 0 }.Validate();
        act.Should().Throw<InvalidOperationException>().WithMessage("*SmtpPort*");
    }
}
