using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Workflows.Activities.Identity;
using Workflows.Activities.Organisations;
using Workflows.Host.Identity;

namespace Workflows.Host.Tests.Identity;

/// <summary>
/// The acting user of the demo accounts, from the claims the real sign-in writes: own organisation, group keys,
/// administrator or not, and the organisation subtrees each may see.
/// </summary>
public sealed class CurrentActorTests(HostFactory factory) : IClassFixture<HostFactory>
{
    private async Task<CurrentActor> ActorAsync(string userName)
    {
        _ = factory.Server;
        await using var scope = factory.Services.CreateAsyncScope();
        var signIn = scope.ServiceProvider.GetRequiredService<SignInManager<WorkflowUser>>();
        var user = await signIn.UserManager.FindByNameAsync(userName);
        user.Should().NotBeNull(userName);
        var principal = await signIn.CreateUserPrincipalAsync(user!);
        return CurrentActor.From(principal, factory.Services.GetRequiredService<OrganisationDirectory>());
    }

    [Fact]
    public async Task An_enterprise_filer_sees_the_subtree_of_the_enterprise_only()
    {
        var filer = await ActorAsync("filer");
        filer.IsSignedIn.Should().BeTrue();
        filer.UserName.Should().Be("filer");
        filer.DisplayName.Should().Be("陈申报");
        filer.OrganizationPath.Should().Be(DemoSeed.Enterprise1UnionPath);
        filer.Groups.Should().Equal("enterprise-filer@/gd/gz/th/ent-001/union");
        filer.IsAdmin.Should().BeFalse();
        filer.Scopes.Should().Equal(DemoSeed.Enterprise1Path);

        filer.CanSee("/gd/gz/th/ent-001").Should().BeTrue();
        filer.CanSee("/gd/gz/th/ent-001/union").Should().BeTrue();
        filer.CanSee("/gd/gz/th/ent-001/").Should().BeTrue("a trailing slash names the same organisation");
        filer.CanSee("/gd/gz/th/ent-002").Should().BeFalse("another enterprise of the same district");
        filer.CanSee("/gd/gz/th/ent-0012").Should().BeFalse("a path that merely starts with the same letters is another organisation");
        filer.CanSee("/gd/gz/th").Should().BeFalse("the district above");
        filer.CanSee("/gd").Should().BeFalse();
        filer.CanSee(null).Should().BeFalse("a record without an organisation is for administrators");
        filer.CanSee("").Should().BeFalse();
    }

    [Fact]
    public async Task A_city_reviewer_of_Guangzhou_sees_Guangzhou_and_below()
    {
        var reviewer = await ActorAsync("city-reviewer");
        reviewer.OrganizationPath.Should().Be("/gd/gz");
        reviewer.Groups.Should().Equal("city-reviewer@/gd/gz");
        reviewer.IsInGroup("city-reviewer@/gd/gz").Should().BeTrue();
        reviewer.IsInGroup("city-reviewer@/gd/sz").Should().BeFalse();
        reviewer.Scopes.Should().Equal("/gd/gz");
        reviewer.CanSee("/gd/gz").Should().BeTrue();
        reviewer.CanSee("/gd/gz/th/ent-002/union").Should().BeTrue();
        reviewer.CanSee("/gd/sz").Should().BeFalse("Shenzhen");
        reviewer.CanSee("/gd/gzx").Should().BeFalse();
        reviewer.CanSee("/gd").Should().BeFalse();
    }

    [Fact]
    public async Task A_district_reviewer_sees_the_district()
    {
        var reviewer = await ActorAsync("district-reviewer");
        reviewer.Scopes.Should().Equal("/gd/gz/th");
        reviewer.CanSee("/gd/gz/th/ent-001").Should().BeTrue();
        reviewer.CanSee("/gd/gz").Should().BeFalse();
    }

    [Fact]
    public async Task A_province_reviewer_sees_the_whole_province_and_is_no_administrator()
    {
        var reviewer = await ActorAsync("province-reviewer");
        reviewer.IsAdmin.Should().BeFalse();
        reviewer.Scopes.Should().Equal("/gd");
        reviewer.CanSee("/gd").Should().BeTrue();
        reviewer.CanSee("/gd/sz/ft/ent-9").Should().BeTrue();
        reviewer.CanSee("/gx").Should().BeFalse("another province's tree");
        reviewer.CanSee(null).Should().BeFalse();
    }

    [Fact]
    public async Task The_administrator_sees_everything()
    {
        var admin = await ActorAsync("admin");
        admin.IsAdmin.Should().BeTrue();
        admin.Scopes.Should().BeNull("null means unrestricted");
        admin.Groups.Should().Equal("admin@/gd");
        admin.CanSee("/gd/gz/th/ent-001").Should().BeTrue();
        admin.CanSee("/anything").Should().BeTrue();
        admin.CanSee(null).Should().BeTrue();
    }

    [Fact]
    public async Task Committee_members_and_leaders_see_no_organisation_s_records()
    {
        var member = await ActorAsync("committee2");
        member.Groups.Should().Equal("committee-member@/gd/committee");
        member.Scopes.Should().BeEmpty();
        member.CanSee("/gd").Should().BeFalse();

        var leader = await ActorAsync("leader");
        leader.Groups.Should().Equal("org-leader@/gd/gz/th/ent-001");
        leader.Scopes.Should().BeEmpty("a leader signs off tasks given to them");
    }

    [Fact]
    public void Nobody_signed_in_is_the_anonymous_actor()
    {
        CurrentActor.From(null).Should().BeSameAs(CurrentActor.Anonymous);
        var anonymous = CurrentActor.From(new ClaimsPrincipal(new ClaimsIdentity()));
        anonymous.IsSignedIn.Should().BeFalse();
        anonymous.UserName.Should().BeNull();
        anonymous.IsAdmin.Should().BeFalse();
        anonymous.Scopes.Should().BeEmpty();
        anonymous.CanSee("/gd").Should().BeFalse();
    }

    [Fact]
    public void Nested_scopes_collapse_to_the_outermost()
    {
        var identity = new ClaimsIdentity(
            [
                new Claim(ClaimTypes.Name, "both"),
                new Claim(IdentityServices.GroupClaim, "city-reviewer@/gd/gz"),
                new Claim(IdentityServices.GroupClaim, "province-reviewer@/gd"),
                new Claim(IdentityServices.GroupClaim, "district-reviewer@/gd/sz/ft"),
                new Claim(IdentityServices.GroupClaim, "committee-member@/gd/committee"),
            ],
            authenticationType: "test");
        CurrentActor.From(new ClaimsPrincipal(identity)).Scopes.Should().Equal("/gd");
    }

    [Theory]
    [InlineData("filer", false, new[] { "/gd/gz/th/ent-001" })]
    [InlineData("city-reviewer", false, new[] { "/gd/gz" })]
    [InlineData("province-reviewer", false, new[] { "/gd" })]
    [InlineData("dept-reviewer", false, new[] { "/gd/dept-rs" })]
    [InlineData("committee1", false, new string[0])]
    [InlineData("admin", true, null)]
    public async Task The_scopes_reach_the_api_with_the_bearer_token(string userName, bool isAdmin, string[]? scopes)
    {
        using var client = factory.CreateClientAs(userName);
        var me = await client.GetJsonAsync("/api/auth/me");
        me.GetProperty("userName").GetString().Should().Be(userName);
        me.GetProperty("isAdmin").GetBoolean().Should().Be(isAdmin);
        var shown = me.GetProperty("scopes");
        if (scopes is null)
        {
            shown.ValueKind.Should().Be(JsonValueKind.Null);
        }
        else
        {
            shown.EnumerateArray().Select(s => s.GetString()).Should().Equal(scopes);
        }
    }
}
