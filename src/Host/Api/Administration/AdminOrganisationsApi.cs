using Microsoft.AspNetCore.Http.HttpResults;
using Workflows.Activities.Organisations;
using Workflows.Activities.Organisations.Administration;
using Workflows.Host.Errors;
using Workflows.Host.Identity;

namespace Workflows.Host.Api.Administration;

public sealed record AddOrganisationRequest(string? ParentPath, string? Code, string? Name, OrganisationKind? Kind);

public sealed record RenameOrganisationRequest(string? Name);

public sealed record MoveOrganisationRequest(string? NewParentPath);

/// <summary>
/// <c>/api/admin/organisations</c>: the organisation tree for administrators (组织管理): browse a branch, add, rename,
/// move and close; the bulk import from Excel and its template. Each endpoint maps HTTP to one use case of
/// <see cref="OrganisationAdministration"/> or <see cref="DirectoryImport"/> (src/Activities/Organisations/Administration).
/// </summary>
public static class AdminOrganisationsApi
{
    /// <summary>The largest import file accepted (bytes).</summary>
    public const long MaxImportBytes = 20 * 1024 * 1024;

    public static IEndpointRouteBuilder MapAdminOrganisationsApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/admin/organisations").WithTags("Administration").RequireAuthorization(IdentityServices.Policies.Admin);
        group.MapGet("/", BranchAsync).WithName("AdminOrganisationBranch")
            .WithSummary("An organisation (path; default: your own root) with its ancestors and children (administrators)").Problems();
        group.MapPost("/", AddAsync).WithName("AdminAddOrganisation")
            .WithSummary("Adds an organisation under a parent of your part of the tree (administrators)").Problems();
        group.MapPut("/{id:guid}/name", RenameAsync).WithName("AdminRenameOrganisation")
            .WithSummary("Renames an organisation; its code and path stay (administrators)").Problems();
        group.MapPost("/{id:guid}/move", MoveAsync).WithName("AdminMoveOrganisation")
            .WithSummary("Moves an organisation and its subtree under another parent; open items stay where they were started (administrators)").Problems();
        group.MapPost("/{id:guid}/close", CloseAsync).WithName("AdminCloseOrganisation")
            .WithSummary("Closes (撤销) an organisation without open children or open items (administrators)").Problems();
        group.MapPost("/import", ImportAsync).WithName("AdminImportDirectory")
            .WithSummary("Imports organisations and people from an Excel workbook (multipart 'file'); all or nothing, every bad row listed (administrators)")
            .DisableAntiforgery()
            .WithMetadata(new Microsoft.AspNetCore.Mvc.RequestSizeLimitAttribute(MaxImportBytes))
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .Problems();
        group.MapGet("/import/template", Template).WithName("AdminImportTemplate")
            .WithSummary("The Excel template of the import (administrators)");
        return routes;
    }

    private static async Task<IResult> BranchAsync(string? path, CurrentActor actor, OrganisationAdministration administration, CancellationToken ct) =>
        AdminResults.Map(await administration.BranchAsync(AdminResults.Actor(actor), path, ct));

    private static async Task<IResult> AddAsync(AddOrganisationRequest request, CurrentActor actor, OrganisationAdministration administration, CancellationToken ct)
    {
        var kind = request.Kind ?? throw ApiProblemException.BadRequest("须选择组织类型。 / kind is required.");
        var result = await administration.AddAsync(AdminResults.Actor(actor), new AddOrganisation(request.ParentPath ?? "", request.Code ?? "", request.Name ?? "", kind), ct);
        return AdminResults.Map(result, node => TypedResults.Created($"/api/admin/organisations?path={Uri.EscapeDataString(node.Path)}", node));
    }

    private static async Task<IResult> RenameAsync(Guid id, RenameOrganisationRequest request, CurrentActor actor, OrganisationAdministration administration, CancellationToken ct) =>
        AdminResults.Map(await administration.RenameAsync(AdminResults.Actor(actor), id, request.Name ?? "", ct));

    private static async Task<IResult> MoveAsync(Guid id, MoveOrganisationRequest request, CurrentActor actor, OrganisationAdministration administration, CancellationToken ct) =>
        AdminResults.Map(await administration.MoveAsync(AdminResults.Actor(actor), new MoveOrganisation(id, request.NewParentPath ?? ""), ct));

    private static async Task<IResult> CloseAsync(Guid id, CurrentActor actor, OrganisationAdministration administration, CancellationToken ct) =>
        AdminResults.Map(await administration.CloseAsync(AdminResults.Actor(actor), id, ct));

    private static async Task<IResult> ImportAsync(HttpRequest http, CurrentActor actor, DirectoryImport import, CancellationToken ct)
    {
        if (!http.HasFormContentType)
        {
            throw ApiProblemException.BadRequest("请以表单上传 Excel 文件（file）。 / Send the workbook as multipart/form-data with a 'file' part.");
        }

        var form = await http.ReadFormAsync(ct);
        var file = form.Files.GetFile("file") ?? throw ApiProblemException.BadRequest("请选择要导入的 Excel 文件。 / The form has no 'file' part.");
        await using var stream = file.OpenReadStream();
        return AdminResults.Map(await import.ImportAsync(AdminResults.Actor(actor), stream, Path.GetFileName(file.FileName), ct));
    }

    private static FileContentHttpResult Template() =>
        TypedResults.File(ImportSheets.Template(), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "组织与人员导入模板.xlsx");
}
