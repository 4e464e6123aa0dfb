using System.Net;

namespace Workflows.Host.Configuration;

/// <summary>
/// Decides where the server listens. Every endpoint requires a sign-in (or is public on purpose, see
/// <see cref="Identity.IdentityServices"/>), so any address may be bound; only while the demo accounts are seeded
/// (<c>Workflows:Seed:Demo</c>: passwords printed in the README) is a non-loopback address refused, unless
/// <c>Workflows:AllowRemote</c> is true.
/// </summary>
public static class ListenAddresses
{
    /// <summary>
    /// The URLs to listen on: the standard ASP.NET Core <c>urls</c> setting (<c>--urls</c>, <c>ASPNETCORE_URLS</c>) when
    /// given, else <c>Workflows:Urls</c>, else <see cref="WorkflowsSettings.DefaultUrls"/>.
    /// </summary>
    public static IReadOnlyList<string> Resolve(IConfiguration configuration, WorkflowsSettings settings)
    {
        var configured = configuration["urls"];
        if (string.IsNullOrWhiteSpace(configured))
        {
            configured = settings.Urls;
        }

        if (string.IsNullOrWhiteSpace(configured))
        {
            configured = WorkflowsSettings.DefaultUrls;
        }

        return Split(configured);
    }

    /// <summary>URLs of endpoints configured in the <c>Kestrel:Endpoints</c> section, which take precedence over <c>urls</c>.</summary>
    public static IReadOnlyList<string> KestrelEndpoints(IConfiguration configuration) =>
        configuration.GetSection("Kestrel:Endpoints").GetChildren()
            .Select(endpoint => endpoint["Url"])
            .Where(url => !string.IsNullOrWhiteSpace(url))
            .Select(url => url!.Trim())
            .ToList();

    public static IReadOnlyList<string> Split(string urls) =>
        urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>True when the URL binds only the local machine: <c>localhost</c>, 127.x.x.x, ::1, or a Unix socket / named pipe.</summary>
    public static bool IsLoopback(string url)
    {
        BindingAddress address;
        try
        {
            address = BindingAddress.Parse(url);
        }
        catch (FormatException)
        {
            return false;
        }

        if (address.IsUnixPipe || address.IsNamedPipe)
        {
            return true;
        }

        var host = address.Host.Trim('[', ']');
        if (string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        return IPAddress.TryParse(host, out var ip) && IPAddress.IsLoopback(ip);
    }

    /// <summary>
    /// Null when every URL may be bound; otherwise the message explaining why the server refuses to start: a
    /// non-loopback URL while <paramref name="demoAccounts"/> (the demo seed) is on and <paramref name="allowRemote"/> is not.
    /// </summary>
    public static string? Refusal(IEnumerable<string> urls, bool demoAccounts, bool allowRemote)
    {
        if (allowRemote || !demoAccounts)
        {
            return null;
        }

        var remote = urls.Where(u => !IsLoopback(u)).ToList();
        if (remote.Count == 0)
        {
            return null;
        }

        return $"Workflows refuses to listen on {string.Join(", ", remote)}: that address is reachable from other machines, "
            + "and the demo accounts (Workflows:Seed:Demo) have passwords printed in the README. Turn the demo seed off for a "
            + "server others reach (Workflows:Seed:Demo=false, and Workflows:Seed:AdminPassword for the first administrator), "
            + "listen on a loopback address (e.g. http://127.0.0.1:5080, set Workflows:Urls), or, for a demonstration on a trusted "
            + "network, set Workflows:AllowRemote=true (environment variable Workflows__AllowRemote=true).";
    }
}
