using Hangfire;
using Hangfire.AspNetCore;
using Hangfire.InMemory;
using Hangfire.PostgreSql;
using Hangfire.PostgreSql.Factories;
using Workflows.Engine;
using Workflows.Engine.Persistence;
using Workflows.Host.Configuration;

namespace Workflows.Host.Scheduling;

/// <summary>Registers Hangfire (storage, server, dashboard), the <see cref="JobScheduler"/> and the <see cref="JobReconciler"/>.</summary>
public static class SchedulingServices
{
    public const string DashboardPath = "/hangfire";

    /// <summary>
    /// Adds Hangfire with the configured storage and a server of <see cref="SchedulerSettings.WorkerCount"/> workers,
    /// the <see cref="JobScheduler"/> and the <see cref="JobReconciler"/>. Nothing when the scheduler is disabled.
    /// </summary>
    public static IServiceCollection AddWorkflowScheduler(this IServiceCollection services, WorkflowsSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var scheduler = settings.Scheduler;
        if (!scheduler.Enabled)
        {
            return services;
        }

        services.AddSingleton(scheduler);

        // The storage and the activator are this host's own services. Hangfire's defaults read its static
        // JobStorage.Current / JobActivator.Current, which several hosts in one process (the tests) would share.
        services.AddSingleton(_ => CreateStorage(settings));
        services.AddSingleton<JobActivator>(sp => new AspNetCoreJobActivator(sp.GetRequiredService<IServiceScopeFactory>()));
        services.AddHangfire(configuration => configuration
            .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
            .UseSimpleAssemblyNameTypeSerializer()
            .UseRecommendedSerializerSettings());
        services.AddHangfireServer(options =>
        {
            options.WorkerCount = scheduler.WorkerCount;
            options.Queues = [JobScheduler.Queue, "default"];
            options.SchedulePollingInterval = TimeSpan.FromSeconds(scheduler.PollingSeconds);
            options.MaxDegreeOfParallelismForSchedulers = Math.Clamp(Environment.ProcessorCount, 1, 8);
            options.ServerName = $"{Environment.MachineName}:{Environment.ProcessId}";
        });

        services.AddTransient<TimerJob>();
        services.AddSingleton<JobScheduler>();
        services.AddHostedService(sp => sp.GetRequiredService<JobScheduler>());
        services.AddSingleton<JobReconciler>();
        services.AddHostedService(sp => sp.GetRequiredService<JobReconciler>());
        return services;
    }

    /// <summary>
    /// Connects the engine's <see cref="WorkflowEngine.JobsCreated"/> to the <see cref="JobScheduler"/> and serves the
    /// Hangfire dashboard at <see cref="DashboardPath"/> (administrators on this machine, see <see cref="DashboardAuthorization"/>).
    /// </summary>
    public static WebApplication UseWorkflowScheduler(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var settings = app.Services.GetRequiredService<WorkflowsSettings>().Scheduler;
        if (!settings.Enabled)
        {
            return app;
        }

        var engine = app.Services.GetRequiredService<WorkflowEngine>();
        engine.JobsCreated += app.Services.GetRequiredService<JobScheduler>().OnJobsCreated;
        if (settings.Storage == SchedulerStorage.InMemory && app.Services.GetRequiredService<WorkflowsSettings>().Database.Provider == WorkflowStoreProvider.PostgreSql)
        {
            app.Logger.LogWarning(
                "Hangfire keeps its jobs in memory while the engine's database is PostgreSQL: if several nodes share that database, each of them fires "
                + "every timer (correct, since firing is idempotent, but the work is done once per node). Set Workflows:Scheduler:Storage=PostgreSql.");
        }

        app.UseHangfireDashboard(DashboardPath, new DashboardOptions
        {
            // Signed-in administrators calling from this machine: the dashboard deletes and re-queues jobs.
            Authorization = [new DashboardAuthorization()],
            DashboardTitle = "Workflows · Hangfire",
            DisplayStorageConnectionString = false,
            AppPath = "/",
        });
        return app;
    }

    private static JobStorage CreateStorage(WorkflowsSettings settings)
    {
        var scheduler = settings.Scheduler;
        if (scheduler.Storage == SchedulerStorage.PostgreSql)
        {
            var options = PostgreSqlOptions(scheduler);
            var connectionString = scheduler.PostgreSqlConnectionString(settings.Database);
            return new PostgreSqlStorage(new NpgsqlConnectionFactory(connectionString, options), options);
        }

        return new InMemoryStorage(new InMemoryStorageOptions
        {
            IdType = InMemoryStorageIdType.Long,
        });
    }

    /// <summary>Hangfire.PostgreSql's options: schema <c>hangfire</c>, polling and the claims' lease of <paramref name="scheduler"/>.</summary>
    internal static PostgreSqlStorageOptions PostgreSqlOptions(SchedulerSettings scheduler) =>
        new()
        {
            SchemaName = "hangfire",
            PrepareSchemaIfNecessary = true,

            // Workers of one node are woken by that node's own enqueues; jobs enqueued by another node are
            // found by polling this often.
            QueuePollInterval = TimeSpan.FromSeconds(scheduler.PollingSeconds),

            // Claims of a node expire after LeaseSeconds unless the node is alive to renew them: a job fetched by
            // a worker is kept invisible by a keep-alive every fifth of the lease (sliding), so a killed node's
            // jobs are fetched again by the other nodes after one lease, not after minutes...
            InvisibilityTimeout = TimeSpan.FromSeconds(scheduler.LeaseSeconds),
            UseSlidingInvisibilityTimeout = true,

            // ...and a lock it held (Hangfire's schedule poller, the reconciler) expires as soon. These locks are
            // not renewed: a holder slower than a lease lets a second node in, which only costs duplicate work
            // (the schedule poller may enqueue a job twice; firing is idempotent).
            DistributedLockTimeout = TimeSpan.FromSeconds(scheduler.LeaseSeconds),
        };
}
