using Microsoft.EntityFrameworkCore;
using Workflows.Activities.Honours;
using Workflows.Activities.Honours.ServiceTasks;
using Workflows.Activities.Identity;
using Workflows.Activities.Tests.Persistence;

namespace Workflows.Activities.Tests.Honours;

/// <summary>
/// Who votes (<c>honours.formCommittee</c>): the members of the committee under the organisation that runs the
/// campaign, read from the committee seats on SQLite and PostgreSQL; a campaign whose organisation has no committee,
/// or one without members, is an error that names what to set up.
/// </summary>
public sealed class CampaignCommitteeTests(TestDatabases databases) : IClassFixture<TestDatabases>
{
    [Theory, MemberData(nameof(TestDatabases.DurableKinds), MemberType = typeof(TestDatabases))]
    public async Task The_campaigns_committee_members_vote(DatabaseKind kind)
    {
        var world = await HonoursWorld.CreateAsync(databases, kind);
        var campaign = await world.OpenCampaignAsync();

        var roster = await world.Services.Committees.ForCampaignAsync(campaign.Id);

        roster.Path.Should().Be(DemoSeed.CommitteePath);
        roster.Members.Should().Equal("committee1", "committee2", "committee3", "committee4", "committee5");
        FormCommitteeActivity.Descriptor.Inputs.Select(p => p.Name).Should().Equal("campaignId");
        FormCommitteeActivity.Descriptor.Outputs.Select(p => p.Name).Should().Equal("committee", "committeeName", "committeePath");
    }

    [Theory, MemberData(nameof(TestDatabases.DurableKinds), MemberType = typeof(TestDatabases))]
    public async Task A_committee_without_members_is_an_error_naming_it(DatabaseKind kind)
    {
        var world = await HonoursWorld.CreateAsync(databases, kind);
        var campaign = await world.OpenCampaignAsync();
        await world.WithDbAsync(async db =>
        {
            await db.CommitteeMembers.ExecuteDeleteAsync();
            return 0;
        });

        var act = () => world.Services.Committees.ForCampaignAsync(campaign.Id);

        (await act.Should().ThrowAsync<HonoursException>()).Which.Message.Should().Contain(DemoSeed.CommitteePath).And.Contain("没有委员");
    }
}
