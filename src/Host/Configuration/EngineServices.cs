using Workflows.Activities.Calendar;
using Workflows.Activities.Persistence;
using Workflows.Engine;
using Workflows.Engine.Activities;
using Workflows.Engine.Expressions;
using Workflows.Engine.Persistence;

namespace Workflows.Host.Configuration;

/// <summary>Registers the store, the activity registry and the engine.</summary>
public static class EngineServices
{
    /// <summary>
    /// Adds the <see cref="IWorkflowStore"/> (not yet migrated: see <see cref="InitializeWorkflowStoreAsync"/>), the
    /// <see cref="ActivityRegistry"/> (filled by every registered <c>Action&lt;ActivityRegistry&gt;</c>, see
    /// <see cref="AddWorkflowActivities"/>) and the <see cref="WorkflowEngine"/> singleton.
    /// </summary>
    public static IServiceCollection AddWorkflowEngine(this IServiceCollection services, WorkflowsSettings settings)
    {
        services.AddSingleton(settings);
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(_ =>
        {
            var options = settings.ToStoreOptions();
            WorkflowsSettings.EnsureSqliteDirectory(options);
            return WorkflowStores.Create(options);
        });
        services.AddSingleton(sp =>
        {
            var registry = new ActivityRegistry();
            foreach (var register in sp.GetServices<Action<ActivityRegistry>>())
            {
                register(registry);
            }

            return registry;
        });
        // The honours database shares the engine's database; the official calendar (法定节假日与调休) lives there.
        services.AddSingleton(_ => HonoursDatabase.Create(settings.ToStoreOptions()));
        services.AddSingleton(sp => new OfficialCalendar(sp.GetRequiredService<HonoursDatabase>(), sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton(sp => new CalendarService(sp.GetRequiredService<HonoursDatabase>(), sp.GetRequiredService<OfficialCalendar>(), sp.GetRequiredService<TimeProvider>()));
        services.AddHostedService<CalendarReloader>();
        services.AddSingleton(sp =>
        {
            var options = settings.ToEngineOptions();
            options.Calendar = sp.GetRequiredService<OfficialCalendar>();
            return new WorkflowEngine(
                sp.GetRequiredService<IWorkflowStore>(),
                sp.GetRequiredService<ActivityRegistry>(),
                options,
                sp.GetRequiredService<TimeProvider>(),
                [new CalendarExpressionFunctions(options.Calendar, options.TimeZone), .. sp.GetServices<IExpressionFunctions>()]);
        });
        return services;
    }

    /// <summary>Adds activity types to the registry of the engine (the Activities project calls this with its catalog).</summary>
    public static IServiceCollection AddWorkflowActivities(this IServiceCollection services, Action<ActivityRegistry> register)
    {
        services.AddSingleton(register);
        return services;
    }

    /// <summary>Applies the store's pending migrations (creates the database schema on first start).</summary>
    public static async Task InitializeWorkflowStoreAsync(this IServiceProvider services, CancellationToken ct = default)
    {
        await WorkflowStores.InitializeAsync(services.GetRequiredService<IWorkflowStore>(), ct);
        await services.GetRequiredService<HonoursDatabase>().MigrateAsync(ct);
        await services.GetRequiredService<OfficialCalendar>().SeedAsync(ct);
    }
}
