using System.Security.Claims;
using Workflows.Activities.Organisations;
using Workflows.Host.Web.Localization;

namespace Workflows.Host.Web.Navigation;

/// <summary>
/// One entry of the navigation: its address, text, icon, who sees it (any of <see cref="Roles"/>; none: every
/// signed-in user), whether its page exists yet (planned pages are listed, greyed, as "coming soon") and whether it is
/// highlighted only on its own address (<see cref="ExactMatch"/>: 待办 at /inbox is not also lit on /inbox/done).
/// </summary>
public sealed record NavigationEntry(string Href, Func<string> Text, string Icon, IReadOnlyList<string> Roles, bool Available = true, bool ExactMatch = false)
{
    public bool IsFor(ClaimsPrincipal user) => Roles.Count == 0 || Roles.Any(user.IsInRole);
}

/// <summary>
/// The navigation of the web UI by role. The four work lists (待办, 已办, 抄送我的, 我发起的) are every signed-in user's:
/// a filer answers returns in 待办, a reviewer reads copies. Later pages (portal, monitor, dashboards, notice) slot in here.
/// </summary>
public static class NavigationCatalog
{
    private static readonly string[] Administrators = [Roles.Admin];
    private static readonly string[] Filers = [Roles.EnterpriseFiler];

    public static IReadOnlyList<NavigationEntry> Entries { get; } =
    [
        new("/", () => UiText.Nav.Home, MudBlazor.Icons.Material.Filled.Home, []),
        new("/inbox", () => UiText.Nav.Inbox, MudBlazor.Icons.Material.Filled.Inbox, [], ExactMatch: true),
        new("/inbox/done", () => UiText.Nav.Done, MudBlazor.Icons.Material.Filled.TaskAlt, [], ExactMatch: true),
        new("/inbox/copies", () => UiText.Nav.Copies, MudBlazor.Icons.Material.Filled.MarkEmailRead, [], ExactMatch: true),
        new("/inbox/started", () => UiText.Nav.Started, MudBlazor.Icons.Material.Filled.Send, [], ExactMatch: true),
        new("/designer", () => UiText.Nav.Designer, MudBlazor.Icons.Material.Filled.AccountTree, Administrators),
        new("/definitions", () => UiText.Nav.Definitions, MudBlazor.Icons.Material.Filled.ListAlt, Administrators),
        new("/monitor", () => UiText.Nav.Monitor, MudBlazor.Icons.Material.Filled.MonitorHeart, Administrators),
        new("/campaigns", () => UiText.Campaigns.Nav, MudBlazor.Icons.Material.Filled.EmojiEvents, Administrators),
        new("/dashboards", () => UiText.Nav.Dashboards, MudBlazor.Icons.Material.Filled.BarChart, Administrators),
        new("/admin/organisations", () => UiText.Admin.OrganisationsNav, MudBlazor.Icons.Material.Filled.AccountBalance, Administrators),
        new("/admin/users", () => UiText.Admin.UsersNav, MudBlazor.Icons.Material.Filled.People, Administrators),
        new("/admin/import", () => UiText.Admin.ImportNav, MudBlazor.Icons.Material.Filled.UploadFile, Administrators),
        new("/admin/audit", () => UiText.Admin.AuditNav, MudBlazor.Icons.Material.Filled.History, Administrators),
        new("/nominations", () => UiText.Nav.MyNominations, MudBlazor.Icons.Material.Filled.Assignment, Filers),
        new("/notice", () => UiText.Nav.PublicNotice, MudBlazor.Icons.Material.Filled.Campaign, []),
    ];

    /// <summary>The entries the user sees, in order.</summary>
    public static IReadOnlyList<NavigationEntry> For(ClaimsPrincipal user) => [.. Entries.Where(e => e.IsFor(user))];
}
