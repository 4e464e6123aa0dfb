using Workflows.Host.Configuration;
using Workflows.Host.Scheduling;

namespace Workflows.Host.Tests.Scheduling;

/// <summary>
/// <c>Workflows:Scheduler:LeaseSeconds</c> is what a dead node's claims outlive it by: Hangfire.PostgreSql's fetched
/// jobs (a sliding invisibility timeout, renewed while the node lives) and its distributed locks. DeadHostTimersTests
/// shows the effect with real processes; this pins the options and the setting's range.
/// </summary>
public sealed class LeaseSettingsTests
{
    [Fact]
    public void Hangfire_PostgreSql_claims_last_one_lease_renewed_while_the_node_lives()
    {
        var options = SchedulingServices.PostgreSqlOptions(new SchedulerSettings());

        options.InvisibilityTimeout.Should().Be(TimeSpan.FromSeconds(15), "a killed node's fetched jobs are fetched again after seconds, not minutes");
        options.UseSlidingInvisibilityTimeout.Should().BeTrue("a live node renews the lease of the jobs it runs, however long they take");
        options.DistributedLockTimeout.Should().Be(TimeSpan.FromSeconds(15), "a killed node's schedule-poller or reconciler lock holds nobody up for long");

        var configured = SchedulingServices.PostgreSqlOptions(new SchedulerSettings { LeaseSeconds = 40 });
        configured.InvisibilityTimeout.Should().Be(TimeSpan.FromSeconds(40));
        configured.DistributedLockTimeout.Should().Be(TimeSpan.FromSeconds(40));
    }

    [Theory]
    [InlineData(4)]
    [InlineData(3601)]
    public void A_lease_out_of_range_is_refused_with_the_setting_named(int seconds)
    {
        var act = () => new SchedulerSettings { LeaseSeconds = seconds }.Validate(new DatabaseSettings());

        act.Should().Throw<InvalidOperationException>().WithMessage("*Workflows:Scheduler:LeaseSeconds*between 5 and 3600*");
    }

    [Theory]
    [InlineData(5)]
    [InlineData(15)]
    [InlineData(3600)]
    public void A_lease_in_range_is_accepted(int seconds)
    {
        var act = () => new SchedulerSettings { LeaseSeconds = seconds }.Validate(new DatabaseSettings());

        act.Should().NotThrow();
    }
}
