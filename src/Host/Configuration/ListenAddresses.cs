using System.Net;

namespace Workflows.Host.Configuration;

/// <summary>
/// Decides where the server listens and keeps it on loopback addresses until sign-in exists: a non-loopback
/// address is refused unless <c>Workflows:AllowRemote</c> is true.
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

    /// <summary>Null when every URL may be bound; otherwise the message explaining why the server refuses to start.</summary>
    public static string? Refusal(IEnumerable<string> urls, bool allowRemote)
    {
        if (allowRemote)
        {
            return null;
        }

        var remote = urls.Where(u => !IsLoopback(u)).ToList();
        if (remote.Count == 0)
        {
            return null;
        }

        return $"Workflows refuses to listen on {string.Join(", ", remote)}: that address is reachable from other machines, "
            + "and the API has no sign-in yet. Listen on a loopback address (e.g. http://127.0.0.1:5080, set Workflows:Urls), "
            + "or, if the network is otherwise protected, set Workflows:AllowRemote=true (environment variable Workflows__AllowRemote=true).";
    }
}
