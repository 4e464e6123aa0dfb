using System.Diagnostics;
using Workflows.Activities.Application;

namespace Workflows.Host.Configuration;

/// <summary>
/// Test-only fault injection: with <c>Workflows:Testing:CrashAt=&lt;use case&gt;:&lt;point&gt;</c> in the host's
/// configuration (e.g. <c>file-nomination:BeforeCommit</c>, <c>withdraw:AfterCommit</c>, <c>pass-on-level:BeforeCommit</c>),
/// the process kills itself (SIGKILL, no clean-up) when a use case reaches that commit point. Only configuration
/// (environment, command line, files) enables it; no request can. Unset, nothing is registered.
/// </summary>
public static class FaultInjection
{
    public const string CrashAtSetting = "Workflows:Testing:CrashAt";

    public static IServiceCollection AddFaultInjection(this IServiceCollection services, IConfiguration configuration)
    {
        if (configuration[CrashAtSetting] is not { Length: > 0 } crashAt)
        {
            return services;
        }

        return services.AddSingleton<Action<string, CommitPoint>>((useCase, point) =>
        {
            if (string.Equals($"{useCase}:{point}", crashAt, StringComparison.OrdinalIgnoreCase))
            {
                Process.GetCurrentProcess().Kill(); // SIGKILL on Linux: the transaction is neither committed nor answered cleanly
            }
        });
    }
}
