using Microsoft.AspNetCore.Http.HttpResults;
using Workflows.Engine;
using Workflows.Host.Configuration;
using Workflows.Host.Errors;
using Workflows.Host.Identity;

namespace Workflows.Host.Api;

/// <summary>
/// <c>/api/definitions</c>: deploy BPMN files as drafts, publish them as numbered versions, retire them. Administrators
/// only (the XML may hold designs not yet published; deploying changes what runs).
/// </summary>
public static class DefinitionsApi
{
    public static IEndpointRouteBuilder MapDefinitionsApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/definitions").WithTags("Definitions")
            .RequireAuthorization(IdentityServices.Policies.Admin);

        group.MapPost("/", DeployAsync)
            .WithName("DeployDefinitions")
            .WithSummary("Deploys a BPMN 2.0 file")
            .WithDescription("The body is the BPMN XML. Every executable process of the file becomes a draft definition; publish a draft to start instances of it. A file the engine cannot run is refused with 422 and the list of problems (element id, line, message).")
            .Accepts<string>(BpmnBody.ContentTypes[0], BpmnBody.ContentTypes[1..])
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);

        group.MapPost("/validate", ValidateAsync)
            .WithName("ValidateDefinition")
            .WithSummary("Validates a BPMN 2.0 file without deploying it")
            .Accepts<string>(BpmnBody.ContentTypes[0], BpmnBody.ContentTypes[1..])
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);

        group.MapGet("/", ListAsync)
            .WithName("ListDefinitions")
            .WithSummary("Lists definitions (every version and draft), newest first, optionally of one key");

        group.MapGet("/{id:guid}", GetAsync)
            .WithName("GetDefinition")
            .WithSummary("Gets one definition")
            .ProducesProblem(StatusCodes.Status404NotFound);

        group.MapGet("/{id:guid}/xml", GetXmlAsync)
            .WithName("GetDefinitionXml")
            .WithSummary("Gets the BPMN XML of a definition")
            .Produces<string>(StatusCodes.Status200OK, "application/xml")
            .ProducesProblem(StatusCodes.Status404NotFound);

        group.MapPost("/{id:guid}/publish", PublishAsync)
            .WithName("PublishDefinition")
            .WithSummary("Publishes a draft as the next version of its key")
            .WithDescription("New instances of the key start on this version; running instances stay on theirs.")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        group.MapPost("/{id:guid}/retire", RetireAsync)
            .WithName("RetireDefinition")
            .WithSummary("Retires a published version: it starts no new instances, running ones go on")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        return routes;
    }

    private static async Task<Created<DeploymentDto>> DeployAsync(HttpRequest request, WorkflowEngine engine, WorkflowsSettings settings, CancellationToken ct)
    {
        var xml = await BpmnBody.ReadAsync(request, settings, ct);
        var records = await engine.DeployAsync(xml, ct);
        var body = new DeploymentDto(records.Select(DefinitionDto.From).ToList());
        return TypedResults.Created(records.Count == 1 ? $"/api/definitions/{records[0].Id}" : (string?)null, body);
    }

    private static async Task<Ok<ValidationDto>> ValidateAsync(HttpRequest request, WorkflowEngine engine, WorkflowsSettings settings, CancellationToken ct)
    {
        var xml = await BpmnBody.ReadAsync(request, settings, ct);
        var result = engine.Validate(xml);
        var problems = result.Problems.Select(BpmnProblemDto.From).ToList();
        if (result.IsValid && result.Processes.Count == 0)
        {
            problems.Add(new BpmnProblemDto(null, 0, "The file contains no executable process."));
        }

        return TypedResults.Ok(new ValidationDto(
            problems.Count == 0,
            problems,
            result.Processes.Select(p => new ValidatedProcessDto(p.Key, p.Name)).ToList()));
    }

    private static async Task<Ok<List<DefinitionDto>>> ListAsync(string? key, WorkflowEngine engine, CancellationToken ct)
    {
        var list = await engine.Store.ListDefinitionsAsync(RequestValues.Optional(key), ct);
        return TypedResults.Ok(list
            .OrderBy(d => d.Key, StringComparer.Ordinal)
            .ThenByDescending(d => d.CreatedAt)
            .ThenByDescending(d => d.Id)
            .Select(DefinitionDto.From)
            .ToList());
    }

    private static async Task<Ok<DefinitionDto>> GetAsync(Guid id, WorkflowEngine engine, CancellationToken ct) =>
        TypedResults.Ok(DefinitionDto.From(await engine.GetDefinitionOrThrowAsync(id, ct)));

    private static async Task<ContentHttpResult> GetXmlAsync(Guid id, WorkflowEngine engine, CancellationToken ct)
    {
        var definition = await engine.GetDefinitionOrThrowAsync(id, ct);
        return TypedResults.Text(definition.Xml, "application/xml; charset=utf-8");
    }

    private static async Task<Ok<DefinitionDto>> PublishAsync(Guid id, WorkflowEngine engine, CancellationToken ct) =>
        TypedResults.Ok(DefinitionDto.From(await engine.PublishAsync(id, ct)));

    private static async Task<Ok<DefinitionDto>> RetireAsync(Guid id, WorkflowEngine engine, CancellationToken ct) =>
        TypedResults.Ok(DefinitionDto.From(await engine.RetireAsync(id, ct)));
}
