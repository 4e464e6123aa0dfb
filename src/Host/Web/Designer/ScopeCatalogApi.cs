using Microsoft.AspNetCore.Http.HttpResults;
using Workflows.Activities.Organisations;
using Workflows.Host.Identity;

namespace Workflows.Host.Web.Designer;

/// <summary>A role a task can be offered to, with its names.</summary>
public sealed record ScopeRoleDto(string Key, string NameZh, string NameEn);

/// <summary>
/// An organisation scope of a candidate role: a fixed organisation path, or an expression relative to the instance
/// (<c>${cityOf(initiatorOrg)}</c>).
/// </summary>
public sealed record ScopeDto(string Value, string NameZh, string NameEn, bool Relative);

/// <summary>The designer's choices for candidate roles: roles, relative scopes, then the union organisations.</summary>
public sealed record ScopeCatalogDto(IReadOnlyList<ScopeRoleDto> Roles, IReadOnlyList<ScopeDto> Scopes);

/// <summary>
/// <c>GET /api/designer/scopes</c>: the roles and organisation scopes the designer offers for a user task's candidate
/// roles (<c>role@scope</c>): scopes relative to the initiator's organisation first (the usual choice: "the city union
/// above the filer"), then every union, department and committee of the organisation tree (enterprises are left out:
/// a design names levels, not single enterprises). Administrators only.
/// </summary>
public static class ScopeCatalogApi
{
    private static readonly IReadOnlyList<ScopeRoleDto> RoleNames =
    [
        new(Roles.DistrictReviewer, "县（区）总工会审核人", "District union reviewer"),
        new(Roles.CityReviewer, "市总工会审核人", "City union reviewer"),
        new(Roles.IndustryReviewer, "产业工会审核人", "Industry union reviewer"),
        new(Roles.ProvinceReviewer, "省总工会审核人", "Provincial reviewer"),
        new(Roles.DepartmentReviewer, "联审部门审核人", "Joint-review department reviewer"),
        new(Roles.CommitteeMember, "评审委员会委员", "Review committee member"),
        new(Roles.EnterpriseFiler, "企业工会申报人", "Enterprise union filer"),
        new(Roles.Leader, "单位负责人", "Head of the organisation"),
        new(Roles.Admin, "管理员", "Administrator"),
    ];

    private static readonly IReadOnlyList<ScopeDto> RelativeScopes =
    [
        new("${initiatorOrg}", "发起人所在单位", "The initiator's organisation", true),
        new("${districtOf(initiatorOrg)}", "发起人所在县（区）总工会", "The initiator's district union", true),
        new("${cityOf(initiatorOrg)}", "发起人所在市总工会", "The initiator's city union", true),
        new("${provinceOf(initiatorOrg)}", "省总工会", "The provincial union", true),
    ];

    private static readonly OrganisationKind[] Levels =
    [
        OrganisationKind.Province, OrganisationKind.CityUnion, OrganisationKind.IndustryUnion, OrganisationKind.District,
        OrganisationKind.Department, OrganisationKind.Committee,
    ];

    public static IEndpointRouteBuilder MapScopeCatalogApi(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/api/designer/scopes", List)
            .WithTags("Designer")
            .WithName("ListCandidateScopes")
            .WithSummary("Lists the roles and organisation scopes the designer offers for candidate roles (role@scope)")
            .RequireAuthorization(IdentityServices.Policies.Admin);
        return routes;
    }

    private static Ok<ScopeCatalogDto> List(OrganisationDirectory directory) => TypedResults.Ok(new ScopeCatalogDto(
        RoleNames,
        [.. RelativeScopes, .. directory.OfKinds(Levels).Select(o => new ScopeDto(o.Path, o.Name, o.Name, false))]));
}
