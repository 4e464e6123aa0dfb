using Workflows.Designs.ProcessTests.Support;
using Workflows.Engine;
using Workflows.Engine.Persistence;
using Workflows.Engine.Runtime;
using static Workflows.Designs.ProcessTests.Support.Journeys;

namespace Workflows.Designs.ProcessTests;

/// <summary>退回补正: every review level can send the nomination back to the enterprise's filing task; the corrected filing goes up again.</summary>
public sealed class ReturnTests
{
    [Theory, MemberData(nameof(ReviewLevels), MemberType = typeof(Journeys))]
    public async Task A_review_level_returns_the_nomination_to_the_enterprise_and_the_resubmission_is_reviewed_again(string design, string level)
    {
        await using var h = await DesignEngine.CreateAsync();
        h.Honours.HeldHonours["n-1"] = ["labour-medal"];
        var id = await h.StartAsync(design, "n-1");
        var variable = Reviews(design).Single(r => r.Element == level).Variable;
        var answers = Approving(design).Without(level).On(level, Decision(variable, "returned"), Decision(variable, "approved"));

        var route = await h.DriveAsync(id, answers);

        var returnedAt = route.IndexOf(route.First(r => r.StartsWith(level + " → ", StringComparison.Ordinal)));
        var afterReturn = route.Skip(returnedAt + 1).ToList();
        afterReturn.Should().Contain("submitNomination → filer", "the nomination went back to the enterprise's filer");
        var resubmitted = afterReturn.IndexOf("submitNomination → filer");
        var levelsAfterResubmission = afterReturn.Skip(resubmitted + 1).Where(r => Reviews(design).Any(l => r.StartsWith(l.Element + " → ", StringComparison.Ordinal)))
            .Select(r => r.Split(" → ")[0]).ToList();
        levelsAfterResubmission.Should().Equal(Reviews(design).Select(l => l.Element), "the corrected filing is reviewed level by level again");
        route.Last().Should().Be("end endAwarded");
        route.Count(r => r == "submitNomination → filer").Should().Be(2);

        var history = await h.Engine.GetHistoryAsync(id);
        history.Count(e => e.Type == HistoryTypes.TaskCompleted && e.ElementId == "submitNomination").Should().Be(2);
    }

    [Fact]
    public async Task A_return_by_the_human_resources_department_wins_over_the_provinces_approval_in_the_joint_review()
    {
        await using var h = await DesignEngine.CreateAsync();
        var id = await h.StartAsync(DesignCatalog.ModelWorker, "n-2");
        var answers = Approving(DesignCatalog.ModelWorker).Without("hrReview").On("hrReview", Decision("hrDecision", "returned"))
            .Without("submitNomination").On("submitNomination", new { });
        await h.DriveAsync(id, answers);

        (await h.OpenTasksAsync(id)).Select(t => t.ElementId).Should().Equal("submitNomination");
        (await h.InstanceAsync(id)).Variables["provinceDecision"].Should().Be("approved");
    }

    [Fact]
    public async Task The_engines_return_command_sends_a_review_back_to_the_filing_task_as_well()
    {
        await using var h = await DesignEngine.CreateAsync();
        var id = await h.StartAsync(DesignCatalog.LabourCertificate, "n-5", nomineeType: "worker");
        await h.DriveAsync(id, Approving(DesignCatalog.LabourCertificate).Without("provinceReview").Without("submitNomination").On("submitNomination", new { }));
        var review = await h.SingleTaskAsync(id, "provinceReview");

        await h.Engine.ReturnToAsync(new ReturnTaskCommand(review.Id, "submitNomination", "请补充2000字事迹材料"));

        (await h.SingleTaskAsync(id, "submitNomination")).Assignee.Should().Be(DesignEngine.Filer);
        var route = await h.DriveAsync(id, Approving(DesignCatalog.LabourCertificate));
        route.Should().StartWith(["submitNomination → filer", "districtReview → district-reviewer@/gd/gz/th"]).And.EndWith("end endAwarded");
    }

    [Fact]
    public async Task The_resubmission_clears_the_decisions_of_the_previous_round()
    {
        await using var h = await DesignEngine.CreateAsync();
        var id = await h.StartAsync(DesignCatalog.LabourMedal, "n-3");
        await h.DriveAsync(id, Approving(DesignCatalog.LabourMedal).Without("cityReview").On("cityReview", Decision("cityDecision", "returned"))
            .Without("submitNomination").On("submitNomination", new { }));
        await h.CompleteAsync(id, "submitNomination");

        var variables = (await h.InstanceAsync(id)).Variables;
        (variables["districtDecision"], variables["cityDecision"]).Should().Be((null, null));
        (await h.OpenTasksAsync(id)).Select(t => t.ElementId).Should().Equal("districtReview");
    }

    [Fact]
    public async Task A_review_without_a_known_decision_is_refused_and_changes_nothing()
    {
        await using var h = await DesignEngine.CreateAsync();
        var id = await h.StartAsync(DesignCatalog.LabourMedal, "n-4", nomineeType: "worker");
        await h.DriveAsync(id, Approving(DesignCatalog.LabourMedal).Without("districtReview"));
        var task = await h.SingleTaskAsync(id, "districtReview");
        var before = await h.InstanceAsync(id);

        var act = () => h.CompleteAsync(id, "districtReview", Decision("districtDecision", "maybe"));

        (await act.Should().ThrowAsync<WorkflowException>()).Which.Message.Should().Contain("districtResult");
        (await h.SingleTaskAsync(id, "districtReview")).Id.Should().Be(task.Id);
        (await h.InstanceAsync(id)).Variables["districtDecision"].Should().BeNull();
        (await h.InstanceAsync(id)).Status.Should().Be(before.Status).And.Be(InstanceStatus.Active);
    }
}
