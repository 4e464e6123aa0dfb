using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.OpenApi;
using Scalar.AspNetCore;
using Workflows.Host.Api;
using Workflows.Host.Configuration;
using Workflows.Host.Errors;
using Workflows.Host.Identity;
using Workflows.Host.Mail;
using Workflows.Host.Scheduling;

if (OperatingSystem.IsWindows())
{
    Console.OutputEncoding = Encoding.UTF8;
}

var builder = WebApplication.CreateBuilder(args);
HostConfiguration.AddRootAppSettings(builder.Configuration, args);

var settings = WorkflowsSettings.From(builder.Configuration);

// Loopback only until sign-in exists.
var urls = ListenAddresses.Resolve(builder.Configuration, settings);
if (ListenAddresses.Refusal(urls.Concat(ListenAddresses.KestrelEndpoints(builder.Configuration)), settings.AllowRemote) is { } refusal)
{
    await Console.Error.WriteLineAsync(refusal);
    return 1;
}

builder.WebHost.UseUrls([.. urls]);
builder.WebHost.ConfigureKestrel(kestrel =>
{
    kestrel.AddServerHeader = false;
    kestrel.Limits.MaxRequestBodySize = settings.MaxRequestBodyBytes;
});

builder.Services.AddWorkflowEngine(settings);
builder.Services.AddWorkflowScheduler(settings); // Hangfire runs the job rows; reconciler (src/Host/Scheduling)
builder.Services.AddWorkflowMail(settings); // outbox → mails by Hangfire jobs, mail.send activity (src/Host/Mail)
builder.Services.AddWorkflowIdentity(); // users, cookie + bearer sign-in, policies (src/Host/Identity)
builder.AddWorkflowWeb(); // Blazor web UI, MudBlazor, zh-CN/en, sign-in page, designer (src/Host/Web)
builder.Services.AddProblemDetails(options => options.CustomizeProblemDetails = ProblemDefaults.Complete);
builder.Services.AddExceptionHandler<ProblemExceptionHandler>();
builder.Services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
builder.Services.ConfigureHttpJsonOptions(options =>
    options.SerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase)));
builder.Services.AddOpenApi(options => options.AddDocumentTransformer((document, _, _) =>
{
    document.Info = new OpenApiInfo
    {
        Title = HostConfiguration.ApiTitle,
        Version = "v1",
        Description = "BPMN 2.0 workflow engine of the Guangdong trade unions: deploy and publish process definitions, "
            + "start instances, complete user tasks and correlate messages. Every error is answered as RFC 7807 problem details.",
    };
    return Task.CompletedTask;
}));

var app = builder.Build();

app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseAuthentication(); // cookie or bearer token (src/Host/Identity); endpoints opt in with RequireAuthorization
app.UseAuthorization();
app.UseWorkflowScheduler(); // JobsCreated → Hangfire; dashboard at /hangfire (loopback only)

app.MapOpenApi();
app.MapScalarApiReference(options => options.WithTitle(HostConfiguration.ApiTitle));
app.MapHealthApi();
app.MapAuthApi(); // POST /api/auth/login, /refresh, /logout; GET /api/auth/me (src/Host/Identity)
app.MapDefinitionsApi();
app.MapInstancesApi();
app.MapTasksApi();
app.MapMessagesApi();
app.MapCalendarApi();
app.MapOutboxAdminApi(); // failed mails for administrators (src/Host/Mail)
app.MapWorkflowWeb(); // localization, antiforgery, static files, pages (src/Host/Web)

await app.Services.InitializeWorkflowStoreAsync();
await app.Services.SeedDemoDataAsync(settings); // demo organisations and users when Workflows:Seed:Demo (src/Host/Identity)
app.Lifetime.ApplicationStarted.Register(() => HostConfiguration.OnStarted(app, settings, urls));

await app.RunAsync();
return Environment.ExitCode;

/// <summary>The entry point, public for <c>WebApplicationFactory&lt;Program&gt;</c> in the tests.</summary>
public partial class Program;
