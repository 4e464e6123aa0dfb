using Workflows.Activities.Audit;
using Workflows.Activities.Organisations.Administration;
using Workflows.Host.Identity;

namespace Workflows.Host.Api.Administration;

public sealed record CreateUserRequest(string? UserName, string? DisplayName, string? OrganisationPath, string? Email, string? Password);

public sealed record RoleRequest(string? Role, string? OrganisationPath);

/// <summary>
/// <c>/api/admin/users</c> (用户管理): list and search the accounts of your part of the tree, create, disable and enable
/// them, give and take roles at scopes; and <c>/api/admin/audit</c> (操作日志), the audit log. Each endpoint maps HTTP to
/// one use case of <see cref="UserAdministration"/> (src/Activities/Organisations/Administration) or <see cref="AuditLog"/>.
/// </summary>
public static class AdminUsersApi
{
    public static IEndpointRouteBuilder MapAdminUsersApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/admin/users").WithTags("Administration").RequireAuthorization(IdentityServices.Policies.Admin);
        group.MapGet("/", ListAsync).WithName("AdminListUsers")
            .WithSummary("The accounts of your part of the tree, by user name; search in user and display names (administrators)").Problems();
        group.MapGet("/{id}", GetAsync).WithName("AdminGetUser").WithSummary("One account with its roles (administrators)").Problems();
        group.MapPost("/", CreateAsync).WithName("AdminCreateUser")
            .WithSummary("Creates an account in an organisation of your part of the tree (administrators)").Problems();
        group.MapPost("/{id}/disable", DisableAsync).WithName("AdminDisableUser")
            .WithSummary("Disables an account: no new sign-in, no token refresh (administrators)").Problems();
        group.MapPost("/{id}/enable", EnableAsync).WithName("AdminEnableUser").WithSummary("Enables a disabled account (administrators)").Problems();
        group.MapPost("/{id}/roles", GrantAsync).WithName("AdminGrantRole").WithSummary("Gives a role at an organisation (role@path) (administrators)").Problems();
        group.MapPost("/{id}/roles/revoke", RevokeAsync).WithName("AdminRevokeRole").WithSummary("Takes a role at an organisation away (administrators)").Problems();

        routes.MapGet("/api/admin/audit", AuditAsync).WithTags("Administration").WithName("AdminAudit")
            .RequireAuthorization(IdentityServices.Policies.Admin)
            .WithSummary("The audit log, newest first; filter by subject (a path also finds its subtree), actor and action (administrators)");
        return routes;
    }

    private static async Task<IResult> ListAsync(string? search, int? skip, int? take, CurrentActor actor, UserAdministration users, CancellationToken ct) =>
        AdminResults.Map(await users.ListAsync(AdminResults.Actor(actor), search, skip ?? 0, take ?? 50, ct));

    private static async Task<IResult> GetAsync(string id, CurrentActor actor, UserAdministration users, CancellationToken ct) =>
        AdminResults.Map(await users.GetAsync(AdminResults.Actor(actor), id, ct));

    private static async Task<IResult> CreateAsync(CreateUserRequest request, CurrentActor actor, UserAdministration users, CancellationToken ct)
    {
        var result = await users.CreateAsync(AdminResults.Actor(actor),
            new CreateUser(request.UserName ?? "", request.DisplayName ?? "", request.OrganisationPath ?? "", request.Email, request.Password), ct);
        return AdminResults.Map(result, user => TypedResults.Created($"/api/admin/users/{Uri.EscapeDataString(user.Id)}", user));
    }

    private static async Task<IResult> DisableAsync(string id, CurrentActor actor, UserAdministration users, CancellationToken ct) =>
        AdminResults.Map(await users.DisableAsync(AdminResults.Actor(actor), id, ct));

    private static async Task<IResult> EnableAsync(string id, CurrentActor actor, UserAdministration users, CancellationToken ct) =>
        AdminResults.Map(await users.EnableAsync(AdminResults.Actor(actor), id, ct));

    private static async Task<IResult> GrantAsync(string id, RoleRequest request, CurrentActor actor, UserAdministration users, CancellationToken ct) =>
        AdminResults.Map(await users.GrantAsync(AdminResults.Actor(actor), id, new RoleAtScope(request.Role ?? "", request.OrganisationPath ?? ""), ct));

    private static async Task<IResult> RevokeAsync(string id, RoleRequest request, CurrentActor actor, UserAdministration users, CancellationToken ct) =>
        AdminResults.Map(await users.RevokeAsync(AdminResults.Actor(actor), id, new RoleAtScope(request.Role ?? "", request.OrganisationPath ?? ""), ct));

    private static async Task<IResult> AuditAsync(string? subject, string? actor, string? action, int? skip, int? take, AuditLog audit, CancellationToken ct) =>
        TypedResults.Ok(await audit.ListAsync(new AuditQuery(subject, actor, action, skip ?? 0, take ?? 50), ct));
}
