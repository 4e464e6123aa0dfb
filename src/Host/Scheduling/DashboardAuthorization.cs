using System.Net;
using Hangfire.Dashboard;

namespace Workflows.Host.Scheduling;

/// <summary>
/// Lets only requests from this machine (127.0.0.0/8, ::1) into the Hangfire dashboard; any other caller is
/// answered 401. There is no sign-in yet: when it exists, this filter is replaced by one that admits
/// signed-in administrators only (the dashboard can delete and re-queue jobs).
/// </summary>
public sealed class LoopbackDashboardAuthorization : IDashboardAuthorizationFilter
{
    public bool Authorize(DashboardContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return IsLoopback(context.GetHttpContext().Connection.RemoteIpAddress);
    }

    /// <summary>True for a loopback address, also in its IPv4-mapped IPv6 form (::ffff:127.0.0.1).</summary>
    public static bool IsLoopback(IPAddress? address) =>
        address is not null && (IPAddress.IsLoopback(address) || (address.IsIPv4MappedToIPv6 && IPAddress.IsLoopback(address.MapToIPv4())));
}
