using Workflows.Activities.Honours;
using Workflows.Host.Tests.HumanWork;
using static Workflows.Host.Tests.Honours.Journey;

namespace Workflows.Host.Tests.Honours;

/// <summary>
/// 广东省劳动模范 through the HTTP API: an enterprise head is nominated, so the five joint-review departments give their
/// opinions; the district and the city pass it on; 省总工会 and 省人社厅 review it jointly (in parallel); the committee
/// votes 4–1 on 29 September and the model workers' notice lasts seven calendar days, holidays included; approved,
/// published and registered.
/// </summary>
public sealed class ModelWorkerJourneyTests(HonoursHost host) : IClassFixture<HonoursHost>
{
    [Fact]
    public async Task An_enterprise_head_is_reviewed_jointly_with_the_human_resources_department_and_registered()
    {
        using var cast = new Cast(host);
        var (admin, filer, department, district, city, province, anonymous, committee) =
            (cast.Admin, cast.Filer, cast.Department, cast.District, cast.City, cast.Province, cast.Anonymous, cast.Committee);
        var campaign = await OpenCampaignAsync(admin, HonourCatalog.ModelWorker, "2026年广东省劳动模范和先进工作者评选表彰",
            [new { unitPath = City, number = 10 }], provincialNoticeDays: 7, provincialNoticeInWorkingDays: false);
        var head = await FileAsync(filer, campaign, Person("郑国强", Gender.Male, "enterpriseHead", "nonStateEnterprise", "priorityIndustry"), FormFor(HonourCatalog.ModelWorker));
        await UnitStageAsync(host, admin, filer, head);

        // An enterprise head: 市场监管, 税务, 人社, 应急管理 and 生态环境 give their opinions.
        (await TasksAsync(admin, head.Id(), "departmentOpinion")).Should().HaveCount(5);
        await ApproveAsync(department, head.Instance(), "departmentOpinion", "依法参加社会保险，无欠薪记录，同意");
        await AdminApprovesEveryAsync(admin, head.Id(), "departmentOpinion", "经核查无违法违规记录，同意");

        await SubmitLevelOkAsync(district, campaign, District, head.Id());
        await SubmitLevelOkAsync(city, campaign, City, head.Id());

        // The joint first review: both reviews are open at once, each by its own reviewer.
        (await ActiveAsync(admin, head.Instance())).Should().BeEquivalentTo(["provinceReview", "hrReview"]);
        await ApproveAsync(department, head.Instance(), "hrReview", "人社厅审核同意");
        (await ActiveAsync(admin, head.Instance())).Should().Contain("provinceReview").And.NotContain("committeeVote", "the committee waits for both reviews");
        await ApproveAsync(province, head.Instance(), "provinceReview", "省总工会初审同意");

        host.SetClock(China(2026, 9, 29, 10));
        await CommitteeVotesAsync(committee, head.Instance(), against: 1);

        // Seven calendar days from 29 September: 29 September – 5 October, 国庆 included.
        await ProvincialNoticeAsync(host, admin, anonymous, campaign, head, "2026-09-29", "2026-10-05", China(2026, 10, 6));
        (await VariablesAsync(admin, head.Instance())).GetProperty("provinceNoticeInWorkingDays").GetBoolean().Should().BeFalse();
        await ApprovedAndRegisteredAsync(host, admin, filer, campaign, head, China(2026, 10, 6), "GDMW-2026-0001");
    }
}
