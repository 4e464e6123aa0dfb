using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Workflows.Activities.Honours;
using Workflows.Host.Tests.HumanWork;
using static Workflows.Host.Tests.Honours.Journey;

namespace Workflows.Host.Tests.Honours;

/// <summary>
/// 广东省五一劳动奖章 through the HTTP API with the demo accounts and the demo campaign (quotas for the 21 cities,
/// 产业工人 ≥ 35% and 农民工 ≥ 10% of a city's list): two enterprises of 天河区 each file a nominee; the unit notice runs
/// five working days across 劳动节; the district and the city pass their lists on as batches (the city's first batch is
/// refused by the composition rules with the shortfall); the province reviews; the committee votes 4–1; the provincial
/// notice runs five working days across 国庆; an upheld objection removes one nominee, a dismissed one lets the other
/// go on to the approval, the published decision and the registry.
/// </summary>
public sealed class LabourMedalJourneyTests(HonoursHost host) : IClassFixture<HonoursHost>
{
    [Fact]
    public async Task Two_nominees_go_from_their_enterprises_to_the_notice_where_an_upheld_objection_removes_one_and_the_other_is_registered()
    {
        using var cast = new Cast(host);
        var (admin, filer, filer2, district, city, province, anonymous, committee) =
            (cast.Admin, cast.Filer, cast.Filer2, cast.District, cast.City, cast.Province, cast.Anonymous, cast.Committee);
        var campaign = await CampaignAsync(filer, HonourCatalog.LabourMedal);

        // 1. Each enterprise's filer files its nominee (an industrial migrant worker; a woman in science and education).
        var zhang = await FileAsync(filer, campaign, Person("张伟", Gender.Male, "industrialWorker", "migrantWorker", "nonStateEnterprise"), FormFor(HonourCatalog.LabourMedal));
        var li = await FileAsync(filer2, campaign, Person("李娜", Gender.Female, "科教人员"), FormFor(HonourCatalog.LabourMedal));
        zhang.GetProperty("levelPath").GetString().Should().Be("/gd/gz/th/ent-001/union");
        zhang.GetProperty("nominee").GetProperty("identifierMasked").GetString().Should().Contain("*", "the ID number is shown masked");
        zhang.GetProperty("tasks").EnumerateArray().Single().GetProperty("elementId").GetString().Should().Be("unitRecommendation");
        li.GetProperty("nominee").GetProperty("categories").EnumerateArray().Select(c => c.GetString()).Should().Equal("scienceEducation", "women");
        (await filer2.GetAsync($"/api/nominations/{zhang.Id()}")).StatusCode.Should().Be(HttpStatusCode.NotFound, "another enterprise does not see it");
        (await filer.GetJsonAsync($"/api/nominations?campaignId={campaign}")).GetProperty("total").GetInt32().Should().Be(1, "a filer lists their own enterprise's");
        (await city.GetJsonAsync($"/api/nominations?campaignId={campaign}")).GetProperty("total").GetInt32().Should().Be(2, "the city lists those filed within it");

        // 2. 民主推荐 with the congress minutes, then the unit notice: five working days from Tuesday 28 April are
        //    28, 29, 30 April, 6 and 7 May (劳动节 1–5 May does not count).
        await UploadAsync(filer, zhang.Id(), "congress-minutes", "职代会会议纪要.pdf");
        await UploadAsync(filer2, li.Id(), "congress-minutes", "职代会会议纪要.pdf");
        foreach (var (user, nomination) in new[] { (filer, zhang), (filer2, li) })
        {
            await ApproveAsync(user, nomination.Instance(), "unitRecommendation", "职工代表大会民主推荐通过");
            var unit = await VariablesAsync(admin, nomination.Instance());
            (unit.GetProperty("unitNoticeStartsOn").GetString(), unit.GetProperty("unitNoticeEndsOn").GetString()).Should().Be(("2026-04-28", "2026-05-07"));
        }

        foreach (var nomination in new[] { zhang, li })
        {
            (await host.FireTimerAsync(nomination.Instance(), "unitNoticeElapsed")).Should().Be(China(2026, 5, 8));
        }

        // 3. The filers submit with the notice's 无异议 report; the nominations pass on to 天河区 (no opinion is
        //    needed for a front-line worker; the vetoes find nothing).
        foreach (var (user, nomination) in new[] { (filer, zhang), (filer2, li) })
        {
            await UploadAsync(user, nomination.Id(), "unit-notice", "公示无异议报告.pdf");
            await ApproveAsync(user, nomination.Instance(), "submitNomination", "提交推荐材料");
            var submitted = await NominationAsync(user, nomination.Id());
            (submitted.GetProperty("state").GetString(), submitted.GetProperty("levelPath").GetString()).Should().Be(("submitted", District));
            submitted.GetProperty("tasks").EnumerateArray().Single().GetProperty("elementId").GetString().Should().Be("districtReview");
            submitted.GetProperty("attachments").GetArrayLength().Should().Be(2);
            submitted.GetProperty("missingMaterials").EnumerateArray().Select(m => m.GetProperty("code").GetString()).Should().NotContain(["congress-minutes", "unit-notice"]);
        }

        (await VariablesAsync(admin, zhang.Instance())).GetProperty("eligible").GetBoolean().Should().BeTrue();

        // 4. 天河区 passes both on to 广州 as one batch.
        var toCity = await SubmitLevelOkAsync(district, campaign, District, zhang.Id(), li.Id());
        (toCity.GetProperty("nextLevelPath").GetString(), toCity.GetProperty("listSize").GetInt32()).Should().Be((City, 2));

        // 5. 广州 first sends 李娜 alone: refused, naming both rules with the counts and the shortfall; nothing moves.
        using (var refused = await SubmitLevelAsync(city, campaign, City, li.Id()))
        {
            var problem = await refused.ProblemAsync(HttpStatusCode.UnprocessableEntity);
            problem.GetProperty("detail").GetString().Should().Contain("产业工人不少于35%").And.Contain("农民工不少于10%");
            var problems = problem.GetProperty("problems").EnumerateArray().ToList();
            problems.Should().HaveCount(2);
            var industrial = problems.Single(p => p.GetProperty("name").GetString() == "产业工人不少于35%");
            (industrial.GetProperty("kind").GetString(), industrial.GetProperty("actual").GetInt32(), industrial.GetProperty("limit").GetInt32(), industrial.GetProperty("shortfall").GetInt32())
                .Should().Be(("composition", 0, 1, 1));
            industrial.GetProperty("message").GetString().Should().Contain("还差 1 名");
            problems.Single(p => p.GetProperty("name").GetString() == "农民工不少于10%").GetProperty("shortfall").GetInt32().Should().Be(1);
        }

        (await NominationAsync(city, li.Id())).GetProperty("levelPath").GetString().Should().Be(City, "a refused batch changes nothing");
        (await ActiveAsync(admin, li.Instance())).Should().Equal("cityReview");

        // The whole list fits: 产业工人 1 of 2 (50%), 农民工 1 of 2.
        var toProvince = await SubmitLevelOkAsync(city, campaign, City, zhang.Id(), li.Id());
        (toProvince.GetProperty("nextLevelPath").GetString(), toProvince.GetProperty("listSize").GetInt32()).Should().Be(("/gd", 2));
        var use = (await admin.GetJsonAsync($"/api/campaigns/{campaign}")).GetProperty("quotaUse").EnumerateArray().Single(u => u.GetProperty("unitPath").GetString() == City);
        use.GetProperty("passedOn").GetInt32().Should().Be(2);
        var total = use.GetProperty("lines").EnumerateArray().Single(l => l.GetProperty("categories").GetArrayLength() == 0);
        (total.GetProperty("quota").GetInt32(), total.GetProperty("used").GetInt32()).Should().Be((19, 2));

        // 6. The province reviews; the committee votes 4–1 on Tuesday 29 September, before 国庆.
        foreach (var nomination in new[] { zhang, li })
        {
            await ApproveAsync(province, nomination.Instance(), "provinceReview", "材料齐全，同意提交评审委员会");
        }

        host.SetClock(China(2026, 9, 29, 10));
        foreach (var nomination in new[] { zhang, li })
        {
            await CommitteeVotesAsync(committee, nomination.Instance(), against: 4);
            var tally = (await VariablesAsync(admin, nomination.Instance())).GetProperty("committeeTally");
            (tally.GetProperty("for").GetInt32(), tally.GetProperty("against").GetInt32(), tally.GetProperty("approved").GetBoolean()).Should().Be((4, 1, true));
        }

        // 7. The provincial notice: five working days are 29, 30 September, 8, 9 October and Saturday 10 October
        //    (a declared working day); 国庆 and 中秋 1–7 October do not count.
        var notice = await VariablesAsync(admin, zhang.Instance());
        (notice.GetProperty("provinceNoticeStartsOn").GetString(), notice.GetProperty("provinceNoticeEndsOn").GetString(), notice.GetProperty("provinceNoticeDays").GetInt32())
            .Should().Be(("2026-09-29", "2026-10-10", 5));
        (await host.TimerAsync(zhang.Instance(), "noticeElapsed"))!.DueAt.Should().Be(China(2026, 10, 11));
        var published = (await anonymous.GetJsonAsync($"/api/public/notices/{campaign}")).EnumerateArray().ToList();
        published.SelectMany(n => n.GetProperty("nominees").EnumerateArray().Select(e => e.GetProperty("name").GetString())).Should().BeEquivalentTo(["张伟", "李娜"]);
        published.Should().ContainSingle("the nominees published together are one list")
            .Which.Should().Match<JsonElement>(n => n.GetProperty("startsOn").GetString() == "2026-09-29" && n.GetProperty("endsOn").GetString() == "2026-10-10");
        published[0].GetProperty("nominees").EnumerateArray().Select(e => (e.GetProperty("name").GetString(), e.GetProperty("noticeId").GetString()))
            .Should().Contain(("张伟", notice.GetProperty("provinceNoticeId").GetString()), "an objection names the nominee's own notice");

        // 8. An objection against 李娜 holds her until the investigation ends; it is upheld: she is removed.
        host.SetClock(China(2026, 9, 30, 15));
        var liNotice = (await VariablesAsync(admin, li.Instance())).GetProperty("provinceNoticeId").GetString()!;
        await ObjectAsync(anonymous, liNotice, li.Id(), "申报的科研成果系他人完成。");
        (await ActiveAsync(admin, li.Instance())).Should().Equal("investigateObjection");
        (await host.TimerAsync(li.Instance(), "noticeElapsed")).Should().BeNull("the nominee is held while the objection is investigated");
        await ApproveAsync(province, li.Instance(), "investigateObjection", "经调查核实，异议成立",
            new { investigationResult = "upheld", investigationFindings = "经向所在单位核实，相关成果由他人主持完成。" });
        var removed = await NominationAsync(admin, li.Id());
        (removed.GetProperty("state").GetString(), removed.GetProperty("instanceStatus").GetString()).Should().Be(("rejected", "completed"));
        (await admin.HistoryAsync(li.Instance())).Should().Contain(h => h.GetProperty("elementId").GetString() == "endObjectionUpheld");
        (await anonymous.GetJsonAsync($"/api/public/notices/{campaign}")).EnumerateArray()
            .SelectMany(n => n.GetProperty("nominees").EnumerateArray().Select(e => e.GetProperty("name").GetString())).Should().Equal("张伟");

        // 9. An objection against 张伟 is dismissed: the notice runs on to its end, then the approval.
        var zhangNotice = notice.GetProperty("provinceNoticeId").GetString()!;
        await ObjectAsync(anonymous, zhangNotice, zhang.Id(), "事迹材料存在夸大。");
        (await ActiveAsync(admin, zhang.Instance())).Should().Equal("investigateObjection");
        await ApproveAsync(province, zhang.Instance(), "investigateObjection", "经调查核实，异议不成立",
            new { investigationResult = "dismissed", investigationFindings = "事迹材料经所在单位和主管部门核实属实。" });
        (await ActiveAsync(admin, zhang.Instance())).Should().Equal("noticeWait");
        (await host.FireTimerAsync(zhang.Instance(), "noticeElapsed")).Should().Be(China(2026, 10, 11), "the notice keeps its end");

        // 10. The decision is refused while 张伟 is still before the approval (he would wait for it forever), then
        //     审定, then the campaign's decision, published once for every approved nominee; 张伟 is registered.
        using (var early = await admin.PostAsJsonAsync($"/api/campaigns/{campaign}/decision", new { documentNumber = "粤工总〔2026〕18号" }))
        {
            early.StatusCode.Should().Be(HttpStatusCode.Conflict);
            (await early.Content.ReadAsStringAsync()).Should().Contain("还有 1 项推荐未审定完毕（张伟（");
        }

        await ApproveAsync(admin, zhang.Instance(), "approval", "书记处审定通过", new { approvalDecision = "approved" });
        (await StateAsync(admin, zhang.Id())).Should().Be("approved");
        (await ActiveAsync(admin, zhang.Instance())).Should().Equal("decisionPublished");
        var decision = await admin.PostOkAsync($"/api/campaigns/{campaign}/decision", new { documentNumber = "粤工总〔2026〕18号" });
        decision.GetProperty("decision").GetProperty("roll").EnumerateArray().Select(r => r.GetProperty("name").GetString()).Should().Equal("张伟");
        decision.GetProperty("instancesReached").EnumerateArray().Select(i => i.GetString()).Should().Equal(zhang.Instance());

        var honoured = await NominationAsync(filer, zhang.Id());
        (honoured.GetProperty("state").GetString(), honoured.GetProperty("instanceStatus").GetString()).Should().Be(("published", "completed"));
        var record = honoured.GetProperty("honours").EnumerateArray().Single();
        (record.GetProperty("certificateNumber").GetString(), record.GetProperty("year").GetInt32(), record.GetProperty("honourType").GetString())
            .Should().Be(("GDLM-2026-0001", 2026, "labour-medal"));
        (await VariablesAsync(admin, zhang.Instance())).GetProperty("certificateNumber").GetString().Should().Be("GDLM-2026-0001");
        (await NominationAsync(filer2, li.Id())).GetProperty("honours").GetArrayLength().Should().Be(0, "an upheld objection leaves no registry entry");
        var history = await filer.HistoryAsync(zhang.Instance());
        history.Where(h => h.GetProperty("elementId").GetString() == "committeeVote" && h.GetProperty("type").GetString() == "TaskCompleted")
            .Select(h => h.GetProperty("actor").GetString()).Should().BeEquivalentTo(["committee1", "committee2", "committee3", "committee4", "committee5"]);
        history.Should().Contain(h => h.GetProperty("elementId").GetString() == "endAwarded");
    }
}
