using Workflows.Designs.ProcessTests.Support;
using Workflows.Engine;
using Workflows.Engine.Persistence;
using Workflows.Engine.Runtime;
using static Workflows.Designs.ProcessTests.Support.Journeys;

namespace Workflows.Designs.ProcessTests;

/// <summary>
/// 省级公示: an objection raised during the notice holds the nominee until the investigation ends; upheld removes the
/// nominee, dismissed lets it go on after the notice.
/// </summary>
public sealed class ProvincialNoticeTests
{
    private static readonly IReadOnlyDictionary<string, object?> Upheld = new Dictionary<string, object?>
    {
        ["investigationResult"] = "upheld",
        ["investigationFindings"] = "经核实，申报的技术成果系他人完成。",
    };

    private static readonly IReadOnlyDictionary<string, object?> Dismissed = new Dictionary<string, object?>
    {
        ["investigationResult"] = "dismissed",
        ["investigationFindings"] = "经核实，技术成果由推荐对象主持完成，异议不成立。",
    };

    private static async Task<(DesignEngine Engine, Guid Id)> AtTheNoticeAsync(string design, string nomination)
    {
        var h = await DesignEngine.CreateAsync();
        h.Honours.HeldHonours[nomination] = ["labour-medal"];
        var id = await h.StartAsync(design, nomination, nomineeType: "worker");
        await h.DriveAsync(id, Approving(design), stopAt: "noticeWait");
        return (h, id);
    }

    [Theory, MemberData(nameof(AllDesigns), MemberType = typeof(Journeys))]
    public async Task An_upheld_objection_removes_the_nominee(string design)
    {
        var (h, id) = await AtTheNoticeAsync(design, "n-1");
        await using var _ = h;

        var correlated = await h.ObjectAsync("n-1");

        correlated.CorrelatedInstanceIds.Should().Equal(id);
        (await h.TimersAsync(id)).Should().BeEmpty("the nominee is held while the objection is investigated");
        var investigation = await h.SingleTaskAsync(id, "investigateObjection");
        investigation.CandidateGroups.Should().Equal("province-reviewer@/gd");
        var raised = h.Honours.CallsOf("honours.recordObjection", "n-1").Single();
        (raised["objectorName"], raised["content"], raised["noticeId"]).Should().Be(("张三", "事迹材料中的技术成果与实际不符。", "notice-001"));
        h.Honours.Objections.Values.Single().State.Should().Be("investigating");

        var route = await h.DriveAsync(id, new Answers().On("investigateObjection", Upheld));

        route.Should().Equal("investigateObjection → province-reviewer@/gd", "end endObjectionUpheld");
        h.Honours.CallsOf("honours.recordObjection", "n-1")[^1]["upheld"].Should().Be(true);
        h.Honours.Objections.Values.Single().State.Should().Be("upheld");
        (await h.InstanceAsync(id)).Variables["nominationRejected"].Should().Be(true);
        h.Honours.CallsOf("honours.closeNotice", "n-1").Single()["early"].Should().Be(true, "the nominee's notice is taken down before its period is over");
        var told = h.Honours.CallsOf("honours.updateNomination", "n-1").Single();
        (told["state"], told["reason"]).Should().Be(("rejected", "公示期间异议经调查核实成立"));
        h.Honours.CallsOf("honours.registerHonours", "n-1").Should().BeEmpty();
        h.Honours.Registry.Should().BeEmpty();
    }

    [Theory, MemberData(nameof(AllDesigns), MemberType = typeof(Journeys))]
    public async Task A_dismissed_objection_holds_the_nominee_until_the_investigation_ends_then_lets_it_continue(string design)
    {
        var (h, id) = await AtTheNoticeAsync(design, "n-2");
        await using var _ = h;
        var noticeEnd = (await h.TimersAsync(id)).Single().DueAt;
        await h.ObjectAsync("n-2");

        // The notice period passes while the investigation is still open: no timer waits, nothing moves on.
        (await h.TimersAsync(id)).Should().BeEmpty();
        h.Clock.SetUtcNow(noticeEnd.AddDays(3));
        await h.Engine.FireDueJobsAsync(); // reminders of the investigation may fall due; nothing else
        (await h.OpenTasksAsync(id)).Select(t => t.ElementId).Should().Equal("investigateObjection");
        (await h.InstanceAsync(id)).ActiveElementIds.Should().Equal("investigateObjection");

        await h.CompleteAsync(id, "investigateObjection", Dismissed);

        var timer = (await h.TimersAsync(id)).Should().ContainSingle().Subject;
        timer.DueAt.Should().Be(noticeEnd, "the notice keeps its end; it is over already, so the nominee goes on at once");
        var route = await h.DriveAsync(id, Approving(design));
        route.Should().Equal($"timer noticeElapsed {DesignEngine.Local(noticeEnd)}", "approval → admin@/gd", "message decisionPublished", "end endAwarded");
        h.Honours.CallsOf("honours.recordObjection", "n-2").Select(c => c.GetValueOrDefault("upheld")).Should().Equal(null, false);
        h.Honours.Objections.Values.Single().State.Should().Be("dismissed");
        h.Honours.CallsOf("honours.closeNotice", "n-2").Single().Should().NotContainKey("early");
        h.Honours.Registry.Should().ContainKey("n-2");
    }

    [Fact]
    public async Task After_a_dismissal_within_the_period_the_notice_runs_to_its_end_and_takes_further_objections()
    {
        var (h, id) = await AtTheNoticeAsync(DesignCatalog.LabourMedal, "n-3");
        await using var _ = h;
        var noticeEnd = (await h.TimersAsync(id)).Single().DueAt;
        await h.ObjectAsync("n-3");
        await h.CompleteAsync(id, "investigateObjection", Dismissed);

        (await h.TimersAsync(id)).Single().DueAt.Should().Be(noticeEnd);
        (await h.InstanceAsync(id)).ActiveElementIds.Should().Equal("noticeWait");

        await h.ObjectAsync("n-3", objector: "某某公司（盖章）");
        var route = await h.DriveAsync(id, new Answers().On("investigateObjection", Upheld));

        route.Should().Equal("investigateObjection → province-reviewer@/gd", "end endObjectionUpheld");
        h.Honours.CallsOf("honours.recordObjection", "n-3").Count(c => c.ContainsKey("objectorName")).Should().Be(2);
        h.Honours.Objections.Values.Select(o => o.State).Should().BeEquivalentTo(["dismissed", "upheld"]);
    }

    [Fact]
    public async Task An_objection_for_another_nomination_or_after_the_notice_reaches_no_one()
    {
        var (h, id) = await AtTheNoticeAsync(DesignCatalog.LabourMedal, "n-4");
        await using var _ = h;

        var other = () => h.ObjectAsync("n-999");
        (await other.Should().ThrowAsync<WorkflowException>()).Which.Kind.Should().Be(WorkflowErrorKind.NotFound);

        await h.DriveAsync(id, Approving(DesignCatalog.LabourMedal).Without("approval"));
        (await h.OpenTasksAsync(id)).Select(t => t.ElementId).Should().Equal("approval");
        var late = () => h.ObjectAsync("n-4");
        (await late.Should().ThrowAsync<WorkflowException>()).Which.Kind.Should().Be(WorkflowErrorKind.NotFound);
    }

    [Fact]
    public async Task The_approval_may_still_refuse_a_nominee_after_the_notice()
    {
        var (h, id) = await AtTheNoticeAsync(DesignCatalog.NanyueCraftsman, "n-5");
        await using var _ = h;

        var route = await h.DriveAsync(id, Approving(DesignCatalog.NanyueCraftsman).Without("approval")
            .On("approval", new { approvalDecision = "rejected" }));

        route.Should().EndWith(["approval → admin@/gd", "end endApprovalRejected"]);
        h.Honours.Registry.Should().BeEmpty();
        (await h.InstanceAsync(id)).Status.Should().Be(InstanceStatus.Completed);
        (await h.Engine.GetHistoryAsync(id)).Should().Contain(e => e.Type == HistoryTypes.TimerFired && e.ElementId == "noticeElapsed");
    }
}
