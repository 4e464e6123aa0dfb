using Microsoft.AspNetCore.Authorization;

namespace Workflows.Host.Web.Notice;

/// <summary>
/// The public notice page (<c>/notice</c>) is interactive for visitors who are not signed in, so Blazor's circuit hub
/// (<c>/_blazor</c>) must accept them: without this the fallback policy (signed-in users only) refuses the connection.
/// A circuit gives a visitor nothing more than the pages do: every page but the sign-in, "not found" and public notice
/// pages carries <c>[Authorize]</c>, which the router checks inside the circuit too (a test holds every page to it),
/// and the data come from the API, which decides for itself.
/// </summary>
public static class PublicCircuit
{
    /// <summary>The address prefix of the circuit hub and its negotiation.</summary>
    public const string HubPrefix = "/_blazor";

    /// <summary>Lets visitors who are not signed in open a circuit (the hub's endpoints only).</summary>
    public static RazorComponentsEndpointConventionBuilder AllowAnonymousCircuits(this RazorComponentsEndpointConventionBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Add(endpoint =>
        {
            if (endpoint is RouteEndpointBuilder route && route.RoutePattern.RawText is { } pattern
                && pattern.StartsWith(HubPrefix, StringComparison.Ordinal))
            {
                route.Metadata.Add(new AllowAnonymousAttribute());
            }
        });
        return builder;
    }
}
