using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Workflows.Activities.Honours;
using Workflows.Activities.Persistence;
using static Workflows.Host.Tests.Honours.Journey;

namespace Workflows.Host.Tests.Honours;

/// <summary>
/// <c>/api/dashboards</c> on seeded rows: the quota use per allocation unit, the nominations by stage (公示 from an open
/// provincial notice), the overdue tasks by organisation and process, and the craftsmen by year against the target line.
/// Only administrators read the boards.
/// </summary>
public sealed class DashboardApiTests(HonoursHost host) : IClassFixture<HonoursHost>
{
    private const string Filer = "/gd/gz/th/ent-001/union";

    [Fact]
    public async Task Quota_use_and_stages_count_the_seeded_nominations()
    {
        using var admin = host.CreateAdminClient();
        var campaign = await OpenCampaignAsync(admin, HonourCatalog.PioneerTeam, "2026年工人先锋号（看板）",
        [
            new { unitPath = "/gd/gz", number = 4 },
            new { unitPath = "/gd/sz", number = 3 },
            new { unitPath = "/gd/fs", categories = new[] { "产业工人" }, number = 2 },
        ]);
        var id = Guid.Parse(campaign);
        await using (var db = host.Services.GetRequiredService<HonoursDatabase>().CreateDbContext())
        {
            Add(db, id, Filer, Filer, NominationState.Draft);
            Add(db, id, Filer, Filer, NominationState.Returned);
            Add(db, id, Filer, "/gd/gz/th", NominationState.Submitted);
            Add(db, id, Filer, "/gd/gz", NominationState.Submitted);
            Add(db, id, Filer, "/gd", NominationState.Submitted);
            Add(db, id, Filer, "/gd", NominationState.UnderReview, "committee-vote");
            var noticed = Add(db, id, Filer, "/gd", NominationState.UnderReview, "provincial-notice");
            Add(db, id, Filer, "/gd", NominationState.Approved);
            Add(db, id, Filer, "/gd", NominationState.Published);
            Add(db, id, Filer, "/gd", NominationState.Rejected);
            Add(db, id, Filer, Filer, NominationState.Withdrawn);
            Add(db, id, "/gd/sz/ent-009/union", "/gd", NominationState.Submitted);
            var notice = new PublicNotice
            {
                Id = Guid.NewGuid(), CampaignId = id, Level = NoticeLevel.Provincial, OrganisationPath = "/gd", Title = "省级公示",
                StartsOn = new DateOnly(2026, 4, 28), EndsOn = new DateOnly(2026, 5, 11), Days = 5, InWorkingDays = true,
                ClosesAt = China(2026, 5, 12), State = NoticeState.Open, OpenedAt = HonoursHost.Start, OpenedBy = "admin",
            };
            notice.Entries.Add(new PublicNoticeEntry { NoticeId = notice.Id, NominationId = noticed.Id });
            db.PublicNotices.Add(notice);
            await db.SaveChangesAsync();
        }

        var use = await admin.GetJsonAsync($"/api/dashboards/quota-use?campaignId={campaign}");
        use.GetProperty("campaignTitle").GetString().Should().Be("2026年工人先锋号（看板）");
        use.GetProperty("units").EnumerateArray()
            .Select(u => (u.GetProperty("unitName").GetString(), u.GetProperty("quota").GetInt32(), u.GetProperty("used").GetInt32(), u.GetProperty("held").GetInt32()))
            .Should().Equal(("佛山市总工会", 2, 0, 0), ("广州市总工会", 4, 5, 1), ("深圳市总工会", 3, 1, 0));

        var stages = await admin.GetJsonAsync($"/api/dashboards/stages?campaignId={campaign}");
        stages.GetProperty("stages").EnumerateArray().Select(s => (s.GetProperty("name").GetString(), s.GetProperty("count").GetInt32())).Should().Equal(
            ("单位推荐", 2), ("区县审核", 1), ("市级审核", 1), ("省级审核", 2), ("评审委员会", 1), ("公示", 1), ("已审定", 1), ("已表彰", 1), ("未通过", 1));
        stages.GetProperty("total").GetInt32().Should().Be(11);

        // Without a campaign: the newest open one (the demo's labour medal campaign or this one, whichever is newest).
        (await admin.GetAsync("/api/dashboards/stages")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await (await admin.GetAsync($"/api/dashboards/stages?campaignId={Guid.NewGuid()}")).ProblemAsync(HttpStatusCode.NotFound))
            .GetProperty("detail").GetString().Should().Contain("评选活动不存在");
    }

    [Fact]
    public async Task Overdue_tasks_are_counted_by_organisation_and_process_and_only_administrators_read_the_boards()
    {
        using var admin = host.CreateAdminClient();
        using var reviewer = host.CreateClientAs("province-reviewer");
        await admin.DeployAndPublishAsync(DeadlineXml("dashboard-deadline", "看板期限流程"));
        await admin.StartAsync("dashboard-deadline", "late-1", new { due = China(2026, 4, 1, 17).ToString("O") });
        await admin.StartAsync("dashboard-deadline", "late-2", new { due = China(2026, 4, 27, 17).ToString("O") });
        await admin.StartAsync("dashboard-deadline", "early", new { due = China(2026, 12, 31, 17).ToString("O") });
        await admin.DeployAndPublishAsync(DeadlineXml("dashboard-unnamed", ""));
        await admin.StartAsync("dashboard-unnamed", "late-3", new { due = China(2026, 4, 2, 17).ToString("O") });

        var overdue = await admin.GetJsonAsync("/api/dashboards/overdue");
        overdue.GetProperty("byProcess").EnumerateArray().Select(p => (p.GetProperty("key").GetString(), p.GetProperty("name").GetString(), p.GetProperty("count").GetInt32()))
            .Should().Equal(("dashboard-deadline", "看板期限流程", 2), ("dashboard-unnamed", "未命名流程", 1)); // a process without a name is not shown by its key
        overdue.GetProperty("byOrganisation").EnumerateArray().Select(p => (p.GetProperty("key").GetString(), p.GetProperty("count").GetInt32()))
            .Should().Equal(("/gd", 3));
        overdue.GetProperty("total").GetInt32().Should().Be(3);

        foreach (var board in new[] { "quota-use", "stages", "overdue", "craftsmen" })
        {
            await (await reviewer.GetAsync($"/api/dashboards/{board}")).ProblemAsync(HttpStatusCode.Forbidden);
        }
    }

    [Fact]
    public async Task Craftsmen_are_counted_by_year_against_a_straight_target_line()
    {
        using var admin = host.CreateAdminClient();
        await using (var db = host.Services.GetRequiredService<HonoursDatabase>().CreateDbContext())
        {
            var number = 0;
            foreach (var (year, revoked) in new[] { (2024, false), (2024, false), (2025, false), (2025, false), (2025, false), (2025, true), (2026, false) })
            {
                var nominee = Nominee(db, "/gd/gz/th/ent-001");
                db.HonourRecords.Add(new HonourRecord
                {
                    Id = Guid.NewGuid(), NomineeId = nominee.Id, NomineeName = nominee.Name, NomineeKind = nominee.Kind, OrganisationPath = nominee.OrganisationPath,
                    HonourTypeCode = HonourCatalog.Craftsman, Year = year, CertificateNumber = $"NYGJ-{year}-{++number:0000}",
                    AwardedOn = new DateOnly(year, 5, 1), RegisteredAt = HonoursHost.Start, RegisteredBy = "admin",
                    RevokedAt = revoked ? HonoursHost.Start : null, RevocationReason = revoked ? "撤销" : null,
                });
            }

            // Another honour type does not count.
            var medal = Nominee(db, "/gd/gz/th/ent-001");
            db.HonourRecords.Add(new HonourRecord
            {
                Id = Guid.NewGuid(), NomineeId = medal.Id, NomineeName = medal.Name, NomineeKind = medal.Kind, OrganisationPath = medal.OrganisationPath,
                HonourTypeCode = HonourCatalog.LabourMedal, Year = 2025, CertificateNumber = "GDLM-2025-9999", AwardedOn = new DateOnly(2025, 4, 30),
                RegisteredAt = HonoursHost.Start, RegisteredBy = "admin",
            });
            await db.SaveChangesAsync();
        }

        var board = await admin.GetJsonAsync("/api/dashboards/craftsmen");
        board.GetProperty("target").GetInt32().Should().Be(500);
        board.GetProperty("targetYear").GetInt32().Should().Be(2029);
        board.GetProperty("total").GetInt32().Should().Be(6);
        Years(board).Should().Equal((2024, 2, 2, 2), (2025, 3, 5, 102), (2026, 1, 6, 201), (2027, 0, 6, 301), (2028, 0, 6, 400), (2029, 0, 6, 500));

        var chosen = await admin.GetJsonAsync("/api/dashboards/craftsmen?target=50&targetYear=2027&fromYear=2025");
        Years(chosen).Should().Equal((2025, 3, 5, 5), (2026, 1, 6, 28), (2027, 0, 6, 50));

        (await (await admin.GetAsync("/api/dashboards/craftsmen?target=0")).ProblemAsync(HttpStatusCode.BadRequest))
            .GetProperty("detail").GetString().Should().Contain("目标人数");
        (await (await admin.GetAsync("/api/dashboards/craftsmen?fromYear=2030")).ProblemAsync(HttpStatusCode.BadRequest))
            .GetProperty("detail").GetString().Should().Contain("起始年度");
    }

    private static IEnumerable<(int, int, int, int)> Years(JsonElement board) => board.GetProperty("years").EnumerateArray()
        .Select(y => (y.GetProperty("year").GetInt32(), y.GetProperty("added").GetInt32(), y.GetProperty("cumulative").GetInt32(), y.GetProperty("target").GetInt32()));

    private static Nomination Add(HonoursDbContext db, Guid campaignId, string filedBy, string levelPath, NominationState state, string stage = "")
    {
        var nominee = Nominee(db, filedBy);
        var nomination = new Nomination
        {
            Id = Guid.NewGuid(), CampaignId = campaignId, NomineeId = nominee.Id, FiledByOrganisationPath = filedBy, FiledByUserId = "filer",
            State = state, LevelPath = levelPath, Stage = stage, CreatedAt = HonoursHost.Start, UpdatedAt = HonoursHost.Start, ConcurrencyStamp = Guid.NewGuid(),
        };
        db.Nominations.Add(nomination);
        return nomination;
    }

    private static Nominee Nominee(HonoursDbContext db, string organisationPath)
    {
        var nominee = new Nominee
        {
            Id = Guid.NewGuid(), Kind = NomineeKind.Team, Name = "看板班组" + Guid.NewGuid().ToString("N")[..6], IdentifierHash = Guid.NewGuid().ToString("N"),
            IdentifierMasked = "—", Ethnicity = "", OrganisationPath = organisationPath, Categories = NomineeCategories.IndustrialWorker, CreatedAt = HonoursHost.Start,
        };
        db.Nominees.Add(nominee);
        return nominee;
    }

    private static string DeadlineXml(string key, string name) => $$"""
        <?xml version="1.0" encoding="UTF-8"?>
        <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" targetNamespace="urn:test">
          <process id="{{key}}" name="{{name}}" isExecutable="true" camunda:candidateStarterGroups="enterprise-filer@/gd">
            <startEvent id="start" />
            <sequenceFlow id="f1" sourceRef="start" targetRef="prepare" />
            <userTask id="prepare" name="整理材料" camunda:assignee="${initiator}" camunda:dueDate="${due}" />
            <sequenceFlow id="f2" sourceRef="prepare" targetRef="end" />
            <endEvent id="end" />
          </process>
        </definitions>
        """;
}
