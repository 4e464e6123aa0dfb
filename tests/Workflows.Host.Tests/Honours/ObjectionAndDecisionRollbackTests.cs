using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Workflows.Activities.Application;
using Workflows.Activities.Honours;
using Workflows.Activities.Honours.Campaigns;
using Workflows.Activities.Honours.Nominations;
using Workflows.Activities.Honours.Notices;
using Workflows.Activities.Honours.UseCases;
using Workflows.Activities.Identity;
using Workflows.Activities.Persistence;
using Workflows.Engine;
using Workflows.Engine.Persistence;
using Workflows.Host.Tests.HumanWork;

namespace Workflows.Host.Tests.Honours;

/// <summary>
/// The public objection (the objection row + the message <c>objection</c> to the nominee's process) and the campaign
/// decision (the decision row, the nominations published + the message <c>decisionPublished</c>) are one transaction
/// each: a failure at the last moment before the commit leaves neither the domain row nor the process's change, and the
/// same request then succeeds. The waiting process is a small one that only waits for the message.
/// </summary>
public sealed class ObjectionAndDecisionRollbackTests(HostFactory host) : IClassFixture<HostFactory>
{
    private static int _sequence;

    [Fact]
    public async Task An_objection_that_fails_before_its_commit_leaves_no_objection_and_a_waiting_process_and_then_succeeds()
    {
        var (_, notice, nomination) = await NominationAsync("异议回滚测试评选", underNotice: true);
        var instance = await WaitingAsync("objection", "${nominationId}", new() { ["nominationId"] = nomination.ToString() });
        using var anonymous = host.CreateAnonymousClient();
        var body = new { noticeId = notice, nominationId = nomination, name = "钱实名", contact = "020-8888 6666", content = "事迹材料中的技术成果并非本人完成。" };

        using (Failing())
        using (var failed = await anonymous.PostAsJsonAsync("/api/public/objections", body))
        {
            failed.StatusCode.Should().Be(HttpStatusCode.InternalServerError);
        }

        (await ObjectionsAsync(nomination)).Should().Be(0, "the failed objection's row was rolled back");
        (await ActiveAsync(instance)).Should().Equal(["wait"], "the failed objection's message was rolled back with it");

        using (var filed = await anonymous.PostAsJsonAsync("/api/public/objections", body))
        {
            filed.StatusCode.Should().Be(HttpStatusCode.Created, await filed.Content.ReadAsStringAsync());
        }

        (await ObjectionsAsync(nomination)).Should().Be(1);
        (await Engine.GetInstanceAsync(instance))!.Status.Should().Be(InstanceStatus.Completed, "the process heard of the objection");
    }

    [Fact]
    public async Task A_decision_that_fails_before_its_commit_leaves_no_decision_and_a_waiting_process_and_then_succeeds()
    {
        var (campaign, _, nomination) = await NominationAsync("决定回滚测试评选", underNotice: false);
        var instance = await WaitingAsync("decisionPublished", "${campaignId}", new() { ["campaignId"] = campaign.ToString() });
        using var admin = host.CreateAdminClient();
        var body = new { documentNumber = "粤工总〔2026〕99号" };
        await SetStateAsync(nomination, NominationState.UnderReview);
        using (var early = await admin.PostAsJsonAsync($"/api/campaigns/{campaign}/decision", body))
        {
            early.StatusCode.Should().Be(HttpStatusCode.Conflict, "a nomination under review would wait for the decision forever");
            (await early.Content.ReadAsStringAsync()).Should().Contain("还有 1 项推荐未审定完毕");
        }

        // 审定 done: the nomination is approved (its own process is not what this test is about).
        await SetStateAsync(nomination, NominationState.Approved);

        using (Failing())
        using (var failed = await admin.PostAsJsonAsync($"/api/campaigns/{campaign}/decision", body))
        {
            failed.StatusCode.Should().Be(HttpStatusCode.InternalServerError);
        }

        await using (var db = host.Services.GetRequiredService<HonoursDatabase>().CreateDbContext())
        {
            (await db.HonourDecisions.AnyAsync(d => d.CampaignId == campaign)).Should().BeFalse("the failed decision's row was rolled back");
            (await db.Nominations.AsNoTracking().SingleAsync(n => n.Id == nomination)).State.Should().Be(NominationState.Approved);
            (await db.Campaigns.AsNoTracking().SingleAsync(c => c.Id == campaign)).State.Should().NotBe(CampaignState.Published);
        }

        (await ActiveAsync(instance)).Should().Equal(["wait"], "the failed decision's message was rolled back with it");

        var key = Guid.NewGuid().ToString("N");
        var decision = await PublishAsync(admin, campaign, body, key);
        decision.GetProperty("instancesReached").EnumerateArray().Select(i => i.GetString()).Should().Equal(instance.ToString());
        var again = await PublishAsync(admin, campaign, body, key);
        again.GetRawText().Should().Be(decision.GetRawText(), "a retry with the same Idempotency-Key gets the first answer");
        await using (var db = host.Services.GetRequiredService<HonoursDatabase>().CreateDbContext())
        {
            (await db.HonourDecisions.CountAsync(d => d.CampaignId == campaign)).Should().Be(1);
            (await db.Nominations.AsNoTracking().SingleAsync(n => n.Id == nomination)).State.Should().Be(NominationState.Published);
        }

        (await Engine.GetInstanceAsync(instance))!.Status.Should().Be(InstanceStatus.Completed, "the process heard of the decision");
    }

    private static async Task<JsonElement> PublishAsync(HttpClient admin, Guid campaign, object body, string key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/campaigns/{campaign}/decision") { Content = JsonContent.Create(body) };
        request.Headers.Add("Idempotency-Key", key);
        using var response = await admin.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(HttpStatusCode.OK, text);
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    private async Task SetStateAsync(Guid nomination, NominationState state)
    {
        await using var db = host.Services.GetRequiredService<HonoursDatabase>().CreateDbContext();
        await db.Nominations.Where(n => n.Id == nomination).ExecuteUpdateAsync(s => s.SetProperty(n => n.State, state));
    }

    private WorkflowEngine Engine => host.Services.GetRequiredService<WorkflowEngine>();

    /// <summary>Every use case fails just before its commit until disposed.</summary>
    private Restore Failing()
    {
        var runner = host.Services.GetRequiredService<UseCaseRunner>();
        runner.CommitPoint = (useCase, point) =>
        {
            if (point == CommitPoint.BeforeCommit)
            {
                throw new InvalidOperationException($"injected failure of {useCase} before its commit");
            }
        };
        return new Restore(runner);
    }

    private async Task<List<string>> ActiveAsync(Guid instance) => [.. (await Engine.GetInstanceAsync(instance))!.ActiveElementIds];

    private async Task<int> ObjectionsAsync(Guid nomination)
    {
        await using var db = host.Services.GetRequiredService<HonoursDatabase>().CreateDbContext();
        return await db.Objections.CountAsync(o => o.NominationId == nomination);
    }

    /// <summary>A process that waits for <paramref name="message"/> with the correlation key <paramref name="key"/>.</summary>
    private async Task<Guid> WaitingAsync(string message, string key, Dictionary<string, object?> variables)
    {
        var process = "waits-for-" + message;
        var deployed = await Engine.DeployAsync($$"""
            <?xml version="1.0" encoding="UTF-8"?>
            <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:wf="urn:gd-workflows:bpmn" id="d" targetNamespace="urn:t">
              <message id="m" name="{{message}}" />
              <process id="{{process}}" isExecutable="true">
                <startEvent id="s" />
                <intermediateCatchEvent id="wait" wf:correlationKey="{{key}}"><messageEventDefinition messageRef="m" /></intermediateCatchEvent>
                <endEvent id="e" />
                <sequenceFlow id="f1" sourceRef="s" targetRef="wait" /><sequenceFlow id="f2" sourceRef="wait" targetRef="e" />
              </process>
            </definitions>
            """);
        if (deployed.Single().State != DefinitionState.Published)
        {
            await Engine.PublishAsync(deployed.Single().Id);
        }

        var view = await Engine.StartAsync(new StartInstanceCommand(process, null, variables) { Actor = "admin" });
        view.ActiveElementIds.Should().Equal("wait");
        return view.Id;
    }

    private async Task<(Guid Campaign, Guid Notice, Guid Nomination)> NominationAsync(string title, bool underNotice)
    {
        var services = host.Services.GetRequiredService<HonoursServices>();
        var now = DateTimeOffset.UtcNow;
        var campaign = await services.Campaigns.CreateAsync(new CampaignInput
        {
            HonourTypeCode = HonourCatalog.LabourMedal, Year = now.Year, Title = title,
            WindowOpensAt = now.AddDays(-10), WindowClosesAt = now.AddDays(20), Deadline = now.AddDays(30), CreatedBy = "admin",
        });
        campaign = await services.Campaigns.OpenAsync(campaign.Id);
        var n = Interlocked.Increment(ref _sequence);
        var first17 = "440106" + new DateOnly(1980, 3, 1).AddDays(n * 13).ToString("yyyyMMdd", CultureInfo.InvariantCulture) + ((n * 2) + 1).ToString("000", CultureInfo.InvariantCulture);
        var nominee = await services.Nominations.RegisterNomineeAsync(new NomineeInput
        {
            Kind = NomineeKind.Individual, Name = "吴回滚", Identifier = first17 + NomineeIdentity.IdCheckCharacter(first17), OrganisationPath = DemoSeed.Enterprise1Path,
            Ethnicity = "汉族", Categories = NomineeCategories.IndustrialWorker, Position = "高级技师",
        });
        var deeds = string.Concat(Enumerable.Repeat("爱岗敬业技术革新", 20));
        var nomination = await services.Nominations.FileAsync(new NominationInput
        {
            CampaignId = campaign.Id, NomineeId = nominee.Id, FiledByOrganisationPath = DemoSeed.Enterprise1UnionPath, FiledByUserId = "filer",
            FormData = JsonSerializer.Serialize(new { position = "高级技师", politicalStatus = "中共党员", workStartDate = "2005-07-01", deedsSummary = deeds[..120], deeds }),
        });
        if (!underNotice)
        {
            return (campaign.Id, Guid.Empty, nomination.Id);
        }

        var notice = await services.Notices.OpenAsync(new NoticeInput
        {
            CampaignId = campaign.Id, Level = NoticeLevel.Provincial, OrganisationPath = DemoSeed.ProvincePath,
            NominationIds = [nomination.Id], OpenedBy = "province-reviewer", StartsOn = DateOnly.FromDateTime(now.UtcDateTime.AddHours(8)),
        });
        return (campaign.Id, notice.Id, nomination.Id);
    }

    private sealed class Restore(UseCaseRunner runner) : IDisposable
    {
        public void Dispose() => runner.CommitPoint = null;
    }
}
