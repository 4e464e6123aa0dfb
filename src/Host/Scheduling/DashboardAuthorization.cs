using System.Net;
using Hangfire.Dashboard;
using Workflows.Activities.Organisations;

namespace Workflows.Host.Scheduling;

/// <summary>
/// Lets into the Hangfire dashboard only signed-in administrators (role <see cref="Roles.Admin"/>, by cookie or bearer
/// token) calling from this machine (127.0.0.0/8, ::1): the dashboard can delete and re-queue jobs, and it shows job
/// arguments, so it stays off the network even for administrators (reach it through an SSH tunnel). Anyone else is
/// answered 401 (not signed in) or 403.
/// </summary>
public sealed class DashboardAuthorization : IDashboardAuthorizationFilter
{
    public bool Authorize(DashboardContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var http = context.GetHttpContext();
        return IsLoopback(http.Connection.RemoteIpAddress) && http.User.Identity?.IsAuthenticated == true && http.User.IsInRole(Roles.Admin);
    }

    /// <summary>True for a loopback address, also in its IPv4-mapped IPv6 form (::ffff:127.0.0.1).</summary>
    public static bool IsLoopback(IPAddress? address) =>
        address is not null && (IPAddress.IsLoopback(address) || (address.IsIPv4MappedToIPv6 && IPAddress.IsLoopback(address.MapToIPv4())));
}
