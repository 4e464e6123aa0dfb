using System.Net;
using Hangfire;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Workflows.Engine;
using Workflows.Engine.Persistence;
using Workflows.Host.Scheduling;

namespace Workflows.Host.Tests.Scheduling;

/// <summary>
/// The scheduler in-process: hand-over of new job rows to Hangfire, what "held" means, the reconciler giving rows back
/// to Hangfire whose Hangfire job was deleted or went stale, the horizon, NotDue / Gone, and who may open the dashboard.
/// </summary>
public sealed class SchedulerTests(SchedulerFactory factory) : IClassFixture<SchedulerFactory>, IAsyncLifetime
{
    private HttpClient _client = null!;

    public async Task InitializeAsync()
    {
        _client = factory.CreateClient();
        await factory.WaitForStartupPassAsync();
        if ((await factory.Services.GetRequiredService<WorkflowEngine>().Store.GetLatestPublishedAsync(TimerProcesses.Key)) is null)
        {
            await _client.DeployAndPublishAsync(TimerProcesses.Xml);
        }
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task A_due_timer_fires_once_through_Hangfire()
    {
        var id = await TimerProcesses.StartAsync(_client, DateTimeOffset.UtcNow.AddSeconds(1));
        (await TimerProcesses.WaitCompletedAsync(_client, [id], DateTimeOffset.UtcNow.AddSeconds(15))).Should().BeTrue();
        (await TimerProcesses.FiredAsync(_client, id)).Should().ContainSingle();
    }

    [Fact]
    public async Task A_new_job_row_is_handed_to_Hangfire_at_once_and_counts_as_held()
    {
        var row = await StartAndGetRowAsync(DateTimeOffset.UtcNow.AddHours(1));
        await WaitHeldAsync(row);

        var pass = await factory.Reconciler.ReconcileAsync();
        pass.Should().NotBeNull();
        Held().Should().Contain(row);
        Members(row).Should().ContainSingle("the reconciler does not schedule a held row again");
    }

    [Fact]
    public async Task A_row_whose_Hangfire_job_was_deleted_gets_a_new_one_from_the_reconciler()
    {
        var row = await StartAndGetRowAsync(DateTimeOffset.UtcNow.AddHours(1));
        await WaitHeldAsync(row);
        var hangfireJob = HangfireJobOf(Members(row).Single());

        // An administrator deletes the Hangfire job in the dashboard: the row is the truth and stays.
        factory.Services.GetRequiredService<IBackgroundJobClient>().Delete(hangfireJob).Should().BeTrue();
        Held().Should().NotContain(row);

        var pass = await factory.Reconciler.ReconcileAsync();
        pass!.Scheduled.Should().BeGreaterThanOrEqualTo(1);
        Held().Should().Contain(row);
        HangfireJobOf(Members(row).Single()).Should().NotBe(hangfireJob);
    }

    [Fact]
    public async Task A_stale_member_no_longer_counts_and_its_row_is_scheduled_again()
    {
        var row = await StartAndGetRowAsync(DateTimeOffset.UtcNow.AddHours(1));
        await WaitHeldAsync(row);
        var member = Members(row).Single();

        // As if the Hangfire job should have run minutes ago and never did (a node died while running it).
        using (var connection = Storage.GetConnection())
        using (var transaction = connection.CreateWriteTransaction())
        {
            transaction.AddToSet(HeldJobs.SetKey, member, HeldJobs.Score(DateTimeOffset.UtcNow.AddMinutes(-10)));
            transaction.Commit();
        }

        Held().Should().NotContain(row);
        var pass = await factory.Reconciler.ReconcileAsync();
        pass!.StaleRemoved.Should().BeGreaterThanOrEqualTo(1);
        Held().Should().Contain(row);
        Members(row).Should().ContainSingle().Which.Should().NotBe(member);
    }

    [Fact]
    public async Task A_row_beyond_the_horizon_is_left_to_the_reconciler()
    {
        var row = await StartAndGetRowAsync(DateTimeOffset.UtcNow.AddHours(5)); // the factory's horizon is 3 hours
        await Task.Delay(500);
        await factory.Reconciler.ReconcileAsync();
        Held().Should().NotContain(row);
        (await factory.Services.GetRequiredService<WorkflowEngine>().Store.GetJobAsync(row)).Should().NotBeNull("the row waits in the database");
    }

    [Fact]
    public async Task The_job_reschedules_a_row_that_is_not_due_yet_and_ignores_a_gone_one()
    {
        var row = await StartAndGetRowAsync(DateTimeOffset.UtcNow.AddHours(1));
        await WaitHeldAsync(row);

        using var scope = factory.Services.CreateScope();
        var job = scope.ServiceProvider.GetRequiredService<TimerJob>();
        await job.FireTimerJob(row, 0, CancellationToken.None);
        Members(row).Should().HaveCount(2, "NotDue: a new Hangfire job at the due time");
        (await factory.Services.GetRequiredService<WorkflowEngine>().Store.GetJobAsync(row)).Should().NotBeNull();

        await job.FireTimerJob(Guid.NewGuid(), 0, CancellationToken.None); // Gone: nothing happens
    }

    [Fact]
    public void Retry_delays_grow_to_an_hour()
    {
        TimerJob.RetryDelay(1).Should().Be(TimeSpan.FromSeconds(15));
        TimerJob.RetryDelay(2).Should().Be(TimeSpan.FromMinutes(1));
        TimerJob.RetryDelay(3).Should().Be(TimeSpan.FromMinutes(4));
        TimerJob.RetryDelay(50).Should().Be(TimeSpan.FromHours(1));
    }

    [Fact]
    public async Task The_dashboard_answers_administrators_on_this_machine_only()
    {
        var admin = await factory.TokenAsync(TestSignIn.Admin);
        var reviewer = await factory.TokenAsync("province-reviewer");

        (await DashboardStatusAsync(IPAddress.Loopback, admin)).Should().Be(HttpStatusCode.OK);
        (await DashboardStatusAsync(IPAddress.IPv6Loopback, admin)).Should().Be(HttpStatusCode.OK);
        (await DashboardStatusAsync(IPAddress.Loopback, token: null)).Should().Be(HttpStatusCode.Found, "nobody signed in: a browser is sent to the sign-in page (/login), as for every page outside /api");
        (await DashboardStatusAsync(IPAddress.Loopback, reviewer)).Should().Be(HttpStatusCode.Forbidden, "a reviewer is no administrator");
        foreach (var remote in new[] { IPAddress.Parse("10.1.2.3"), IPAddress.Parse("192.168.0.9"), IPAddress.Parse("2001:db8::1"), null })
        {
            (await DashboardStatusAsync(remote, admin)).Should().Be(HttpStatusCode.Forbidden, "an administrator calling from {0} is refused", remote);
        }

        DashboardAuthorization.IsLoopback(IPAddress.Parse("::ffff:127.0.0.1")).Should().BeTrue();
        DashboardAuthorization.IsLoopback(IPAddress.Parse("::ffff:10.0.0.1")).Should().BeFalse();
    }

    private JobStorage Storage => factory.Services.GetRequiredService<JobStorage>();

    private async Task<HttpStatusCode> DashboardStatusAsync(IPAddress? remote, string? token)
    {
        var context = await factory.Server.SendAsync(c =>
        {
            c.Request.Method = HttpMethods.Get;
            c.Request.Path = "/hangfire";
            c.Connection.RemoteIpAddress = remote;
            if (token is not null)
            {
                c.Request.Headers.Authorization = "Bearer " + token;
            }
        });
        return (HttpStatusCode)context.Response.StatusCode;
    }

    private async Task<Guid> StartAndGetRowAsync(DateTimeOffset due)
    {
        var instance = await TimerProcesses.StartAsync(_client, due);
        var rows = await factory.Services.GetRequiredService<WorkflowEngine>().Store.GetJobsOfInstanceAsync(instance);
        return rows.Should().ContainSingle().Subject.Id;
    }

    private HashSet<Guid> Held()
    {
        using var connection = Storage.GetConnection();
        return HeldJobs.Read(connection, DateTimeOffset.UtcNow).Held;
    }

    private List<string> Members(Guid row)
    {
        using var connection = Storage.GetConnection();
        return connection.GetAllItemsFromSet(HeldJobs.SetKey).Where(m => HeldJobs.RowOf(m) == row).ToList();
    }

    private static string HangfireJobOf(string member) => member[(member.IndexOf(':', StringComparison.Ordinal) + 1)..];

    private async Task WaitHeldAsync(Guid row)
    {
        var until = DateTime.UtcNow.AddSeconds(10);
        while (!Held().Contains(row) && DateTime.UtcNow < until)
        {
            await Task.Delay(20);
        }

        Held().Should().Contain(row, "JobsCreated hands a new row to Hangfire right after the commit");
    }
}
