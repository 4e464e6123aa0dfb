using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Workflows.Host.Identity;

/// <summary>
/// Describes the sign-in in the OpenAPI document: a bearer scheme (the token of <c>POST /api/auth/login</c>) that every
/// operation except the public ones requires, so that the Scalar reference asks for a token and sends it.
/// </summary>
public static class OpenApiSignIn
{
    public const string SchemeName = "Bearer";

    public static OpenApiOptions AddSignInDescription(this OpenApiOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.AddDocumentTransformer((document, _, _) =>
        {
            document.Components ??= new OpenApiComponents();
            document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
            document.Components.SecuritySchemes[SchemeName] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "bearer",
                Description = "The accessToken of POST /api/auth/login (valid for an hour; POST /api/auth/refresh gives a new one). "
                    + "The UI signs in with a cookie instead (?useCookies=true).",
            };
            return Task.CompletedTask;
        });
        options.AddOperationTransformer((operation, context, _) =>
        {
            if (context.Description.ActionDescriptor.EndpointMetadata.OfType<IAllowAnonymous>().Any())
            {
                return Task.CompletedTask;
            }

            operation.Security ??= [];
            operation.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(SchemeName, context.Document)] = [] });
            return Task.CompletedTask;
        });
        return options;
    }
}
