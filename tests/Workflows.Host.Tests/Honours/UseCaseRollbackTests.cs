using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Workflows.Activities.Application;
using Workflows.Activities.Honours;
using Workflows.Activities.Identity;
using Workflows.Host.Tests.HumanWork;
using static Workflows.Host.Tests.Honours.Journey;

namespace Workflows.Host.Tests.Honours;

/// <summary>
/// Withdraw (engine withdraw + the nomination taken back) and the level pass-on (the batch moved + each review task
/// completed) are one transaction each: a failure at the last moment before the commit leaves the nomination and its
/// process exactly as they were, and the same action then succeeds. (The SIGKILL tests of a filing are in
/// <c>Scheduling/FilingCrashTests</c>; these need the test clock to reach the district, so they run in process.)
/// </summary>
public sealed class UseCaseRollbackTests(HonoursHost host) : IClassFixture<HonoursHost>
{
    [Fact]
    public async Task A_withdraw_and_a_pass_on_that_fail_before_their_commit_change_nothing_and_then_succeed()
    {
        using var cast = new Cast(host);
        var (admin, filer, district) = (cast.Admin, cast.Filer, cast.District);
        var campaign = await OpenCampaignAsync(admin, HonourCatalog.Craftsman, "2026年南粤工匠推荐评选（回滚）", [new { unitPath = City, number = 2 }]);
        var nomination = await FileAsync(filer, campaign, Person("陈回滚", Gender.Male, "industrialWorker"), FormFor(HonourCatalog.Craftsman));
        await UnitStageAsync(host, admin, filer, nomination);
        var runner = host.Services.GetRequiredService<UseCaseRunner>();
        var activeBefore = await ActiveAsync(admin, nomination.Instance());
        activeBefore.Should().NotBeEmpty();

        try
        {
            runner.CommitPoint = (useCase, point) =>
            {
                if (point == CommitPoint.BeforeCommit)
                {
                    throw new InvalidOperationException($"injected failure of {useCase} before its commit");
                }
            };

            using (var failed = await filer.PostAsJsonAsync($"/api/instances/{nomination.Instance()}/withdraw", new { comment = "撤回（注入故障）" }))
            {
                failed.StatusCode.Should().Be(HttpStatusCode.InternalServerError);
            }

            await SameAsBeforeAsync("the failed withdraw changed neither the process nor the nomination");
            using (var failed = await SubmitLevelAsync(district, campaign, District, nomination.Id()))
            {
                failed.StatusCode.Should().Be(HttpStatusCode.InternalServerError);
            }

            await SameAsBeforeAsync("the failed pass-on changed neither the batch nor the review task");
        }
        finally
        {
            runner.CommitPoint = null;
        }

        using (var withdraw = await filer.PostAsJsonAsync($"/api/instances/{nomination.Instance()}/withdraw", new { comment = "补充材料" }))
        {
            withdraw.StatusCode.Should().Be(HttpStatusCode.OK, await withdraw.Content.ReadAsStringAsync());
        }

        var back = await NominationAsync(filer, nomination.Id());
        (back.GetProperty("state").GetString(), back.GetProperty("levelPath").GetString()).Should().Be(("draft", DemoSeed.Enterprise1UnionPath));
        (await ActiveAsync(admin, nomination.Instance())).Should().Equal("submitNomination");
        await ApproveAsync(filer, nomination.Instance(), "submitNomination", "重新报送");
        await SubmitLevelOkAsync(district, campaign, District, nomination.Id());
        (await NominationAsync(filer, nomination.Id())).GetProperty("levelPath").GetString().Should().Be(City);

        async Task SameAsBeforeAsync(string because)
        {
            var now = await NominationAsync(filer, nomination.Id());
            (now.GetProperty("state").GetString(), now.GetProperty("levelPath").GetString()).Should().Be(("submitted", District), because);
            (await ActiveAsync(admin, nomination.Instance())).Should().Equal(activeBefore, because);
        }
    }
}
