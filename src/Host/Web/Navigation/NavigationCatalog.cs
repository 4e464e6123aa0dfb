using System.Security.Claims;
using Workflows.Activities.Organisations;
using Workflows.Host.Web.Localization;

namespace Workflows.Host.Web.Navigation;

/// <summary>
/// One entry of the navigation: its address, text, icon, who sees it (any of <see cref="Roles"/>; none: every
/// signed-in user) and whether its page exists yet (planned pages are listed, greyed, as "coming soon").
/// </summary>
public sealed record NavigationEntry(string Href, Func<string> Text, string Icon, IReadOnlyList<string> Roles, bool Available = true)
{
    public bool IsFor(ClaimsPrincipal user) => Roles.Count == 0 || Roles.Any(user.IsInRole);
}

/// <summary>The navigation of the web UI by role. Later pages (inbox, portal, monitor, dashboards, notice) slot in here.</summary>
public static class NavigationCatalog
{
    private static readonly string[] Administrators = [Roles.Admin];
    private static readonly string[] ReviewersAndCommittee = [.. Roles.Reviewers, Roles.CommitteeMember];
    private static readonly string[] Filers = [Roles.EnterpriseFiler];

    public static IReadOnlyList<NavigationEntry> Entries { get; } =
    [
        new("/", () => UiText.Nav.Home, MudBlazor.Icons.Material.Filled.Home, []),
        new("/designer", () => UiText.Nav.Designer, MudBlazor.Icons.Material.Filled.AccountTree, Administrators),
        new("/definitions", () => UiText.Nav.Definitions, MudBlazor.Icons.Material.Filled.ListAlt, Administrators),
        new("/monitor", () => UiText.Nav.Monitor, MudBlazor.Icons.Material.Filled.MonitorHeart, Administrators, Available: false),
        new("/dashboards", () => UiText.Nav.Dashboards, MudBlazor.Icons.Material.Filled.BarChart, Administrators, Available: false),
        new("/inbox", () => UiText.Nav.Inbox, MudBlazor.Icons.Material.Filled.Inbox, ReviewersAndCommittee, Available: false),
        new("/done", () => UiText.Nav.Done, MudBlazor.Icons.Material.Filled.TaskAlt, ReviewersAndCommittee, Available: false),
        new("/nominations", () => UiText.Nav.MyNominations, MudBlazor.Icons.Material.Filled.Assignment, Filers, Available: false),
        new("/notice", () => UiText.Nav.PublicNotice, MudBlazor.Icons.Material.Filled.Campaign, [], Available: false),
    ];

    /// <summary>The entries the user sees, in order.</summary>
    public static IReadOnlyList<NavigationEntry> For(ClaimsPrincipal user) => [.. Entries.Where(e => e.IsFor(user))];
}
