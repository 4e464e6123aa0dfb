namespace Workflows.Host.Tests.Honours;

/// <summary>
/// The demo users of a journey, each signed in on a client of its own when first asked for, and all disposed together.
/// </summary>
public sealed class Cast(HonoursHost host) : IDisposable
{
    private readonly Dictionary<string, HttpClient> _clients = new(StringComparer.Ordinal);
    private HttpClient? _anonymous;

    public HttpClient Admin => As("admin");

    public HttpClient Filer => As("filer");

    public HttpClient Filer2 => As("filer2");

    public HttpClient Department => As("dept-reviewer");

    public HttpClient District => As("district-reviewer");

    public HttpClient City => As("city-reviewer");

    public HttpClient Province => As("province-reviewer");

    /// <summary>A client without a sign-in: the public notice and objections.</summary>
    public HttpClient Anonymous => _anonymous ??= host.CreateAnonymousClient();

    /// <summary>The five members of the review committee, committee1 first.</summary>
    public HttpClient[] Committee => [.. Enumerable.Range(1, 5).Select(i => As($"committee{i}"))];

    /// <summary>The client signed in as <paramref name="userName"/>.</summary>
    public HttpClient As(string userName)
    {
        if (!_clients.TryGetValue(userName, out var client))
        {
            client = userName == "admin" ? host.CreateAdminClient() : host.CreateClientAs(userName);
            _clients[userName] = client;
        }

        return client;
    }

    public void Dispose()
    {
        foreach (var client in _clients.Values)
        {
            client.Dispose();
        }

        _anonymous?.Dispose();
    }
}
