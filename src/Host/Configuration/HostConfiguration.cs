using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace Workflows.Host.Configuration;

/// <summary>Start-up helpers of the host: configuration files and the console banner.</summary>
public static class HostConfiguration
{
    public const string ApiTitle = "广东工会荣誉评选工作流 API / Workflows API";

    /// <summary>
    /// Adds the root <c>appsettings.json</c> next to the executable and in the current directory (so that
    /// <c>dotnet run --project src/Host</c> from the repository root uses the repository's file), then adds the
    /// environment variables and command-line arguments again so that they keep overriding the files.
    /// </summary>
    public static void AddRootAppSettings(ConfigurationManager configuration, string[] args)
    {
        var files = new[]
            {
                Path.Combine(AppContext.BaseDirectory, "appsettings.json"),
                Path.Combine(Directory.GetCurrentDirectory(), "appsettings.json"),
            }
            .Select(Path.GetFullPath)
            .Distinct(OperatingSystem.IsWindows() ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal)
            .Where(File.Exists)
            .ToList();
        if (files.Count == 0)
        {
            return;
        }

        foreach (var file in files)
        {
            configuration.AddJsonFile(file, optional: true, reloadOnChange: false);
        }

        configuration.AddEnvironmentVariables();
        configuration.AddCommandLine(args);
    }

    /// <summary>
    /// Once the server listens: checks the bound addresses once more (an endpoint configured some other way must
    /// not escape the rule of <see cref="ListenAddresses.Refusal"/>) and prints where the server runs.
    /// </summary>
    public static void OnStarted(WebApplication app, WorkflowsSettings settings, IReadOnlyList<string> configuredUrls)
    {
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.ToList();
        if (addresses is not { Count: > 0 })
        {
            addresses = [.. configuredUrls];
        }

        if (ListenAddresses.Refusal(addresses, settings.Seed.Demo, settings.AllowRemote) is { } refusal)
        {
            Console.Error.WriteLine(refusal);
            Environment.ExitCode = 1;
            app.Lifetime.StopApplication();
            return;
        }

        foreach (var address in addresses)
        {
            Console.WriteLine($"Workflows is running at {address}  (API reference: {address.TrimEnd('/')}/scalar, health: {address.TrimEnd('/')}/health)");
        }

        Console.WriteLine($"Database: {settings.Database.Provider}");
        PrintDemoAccounts(settings);
    }

    /// <summary>The demo sign-ins (Workflows:Seed:Demo), or a line saying there are none.</summary>
    private static void PrintDemoAccounts(WorkflowsSettings settings)
    {
        if (!settings.Seed.Demo)
        {
            Console.WriteLine("演示账号: 无 / none (Workflows:Seed:Demo is off)");
            return;
        }

        Console.WriteLine("演示账号 / demo sign-ins (POST /api/auth/login):");
        foreach (var account in Workflows.Activities.Identity.DemoSeed.Accounts)
        {
            Console.WriteLine($"  {account.UserName,-18} {account.Password,-11} {account.DisplayName}  {account.Role}@{account.OrganisationPath}");
        }
    }
}
