using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Configuration;
using Workflows.Activities.Calendar;
using Workflows.Activities.Honours;
using Workflows.Activities.Honours.ServiceTasks;
using Workflows.Activities.Application;
using Workflows.Activities.Honours.UseCases;
using Workflows.Activities.Persistence;
using Workflows.Activities.Privacy;
using Workflows.Engine;
using Workflows.Engine.Activities;

// In this namespace so that the host adds the honours with one line and no using.
namespace Microsoft.Extensions.DependencyInjection;

/// <summary>The key of the process design of an honour type, or null (the host gives it from its design catalogue).</summary>
public delegate string? HonourDesignKeys(string honourTypeCode);

/// <summary>Registers the honours domain in a host.</summary>
public static class HonoursServiceCollectionExtensions
{
    /// <summary>The configuration key of the nominee identifier hash key (see <see cref="NomineeIdentity"/>).</summary>
    public const string IdentifierKeySetting = "Workflows:Honours:IdentifierKey";

    /// <summary>
    /// Adds <see cref="HonoursServices"/> and each of its services as singletons, and the <c>honours.*</c> activities to
    /// the engine's activity registry. Needs the <see cref="HonoursDatabase"/> and the <see cref="OfficialCalendar"/>
    /// (the host's <c>AddWorkflowEngine</c> adds both) and reads <see cref="IdentifierKeySetting"/> from the configuration.
    /// </summary>
    public static IServiceCollection AddHonours(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddSingleton(sp => new HonoursServices(
            sp.GetRequiredService<HonoursDatabase>(),
            sp.GetRequiredService<OfficialCalendar>(),
            sp.GetService<TimeProvider>(),
            sp.GetService<IConfiguration>()?[IdentifierKeySetting],
            sp.GetService<IDataProtectionProvider>() is { } keyRing ? new PersonalDataProtector(keyRing) : null));
        services.AddSingleton(sp => sp.GetRequiredService<HonoursServices>().Campaigns);
        services.AddSingleton(sp => sp.GetRequiredService<HonoursServices>().Nominations);
        services.AddSingleton(sp => sp.GetRequiredService<HonoursServices>().Attachments);
        services.AddSingleton(sp => sp.GetRequiredService<HonoursServices>().Lists);
        services.AddSingleton(sp => sp.GetRequiredService<HonoursServices>().Eligibility);
        services.AddSingleton(sp => sp.GetRequiredService<HonoursServices>().Submissions);
        services.AddSingleton(sp => sp.GetRequiredService<HonoursServices>().Notices);
        services.AddSingleton(sp => sp.GetRequiredService<HonoursServices>().Registry);
        services.AddSingleton(sp => sp.GetRequiredService<HonoursServices>().Decisions);
        services.AddSingleton(sp => sp.GetRequiredService<HonoursServices>().Incidents);
        services.AddSingleton(sp => sp.GetRequiredService<HonoursServices>().Opinions);
        services.AddSingleton(sp => sp.GetRequiredService<HonoursServices>().PersonalData);

        // The use cases, each one transaction (src/Activities/Honours/UseCases); a test host may add a commit-point hook.
        services.AddSingleton(sp => new UseCaseRunner(sp.GetRequiredService<WorkflowEngine>()) { CommitPoint = sp.GetService<Action<string, CommitPoint>>() });
        services.AddSingleton(sp => new FileNomination(sp.GetRequiredService<UseCaseRunner>(), sp.GetRequiredService<HonoursServices>(),
            sp.GetService<HonourDesignKeys>() is { } keys ? code => keys(code) : _ => null));
        services.AddSingleton(sp => new WithdrawInstance(sp.GetRequiredService<UseCaseRunner>(), sp.GetRequiredService<HonoursServices>()));
        services.AddSingleton(sp => new PassOnLevel(sp.GetRequiredService<UseCaseRunner>(), sp.GetRequiredService<HonoursServices>()));
        services.AddSingleton(sp => new FileObjection(sp.GetRequiredService<UseCaseRunner>(), sp.GetRequiredService<HonoursServices>()));
        services.AddSingleton(sp => new PublishDecision(sp.GetRequiredService<UseCaseRunner>(), sp.GetRequiredService<HonoursServices>()));

        // The engine builds its registry from every Action<ActivityRegistry>; this one resolves the services lazily.
        services.AddSingleton<Action<ActivityRegistry>>(sp => registry => HonoursActivities.Register(registry, sp.GetRequiredService<HonoursServices>));
        return services;
    }
}
