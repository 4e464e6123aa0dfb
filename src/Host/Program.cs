using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.OpenApi;
using Scalar.AspNetCore;
using Workflows.Designs;
using Workflows.Engine;
using Workflows.Host.Api;
using Workflows.Host.Api.Administration;
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

// Any address: every endpoint requires a sign-in. Only the demo accounts (published passwords) keep the host on loopback.
var urls = ListenAddresses.Resolve(builder.Configuration, settings);
if (ListenAddresses.Refusal(urls.Concat(ListenAddresses.KestrelEndpoints(builder.Configuration)), settings.Seed.Demo, settings.AllowRemote) is { } refusal)
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
builder.Services.AddWorkflowIdentity(settings); // users, cookie + bearer sign-in, keys in the DB, policies, directory (src/Host/Identity)
builder.Services.AddDirectoryAdministration(); // organisations, accounts, Excel import, audit log (src/Activities/Organisations/Administration)
builder.Services.AddHonours(); // campaigns, nominations, rules and the honours.* activities (src/Activities/Honours)
builder.Services.AddHostedService<Workflows.Host.Scheduling.PersonalDataSweeper>(); // seals clear rows at start, erases expired objector data
builder.Services.AddSingleton<HonourDesignKeys>(code => Workflows.Designs.DesignCatalog.ForHonourType(code)?.Key);
builder.Services.AddFaultInjection(builder.Configuration); // tests only: Workflows:Testing:CrashAt (src/Host/Configuration/FaultInjection.cs)
builder.Services.AddPublicNotice(builder.Configuration); // rate limit of public objections (src/Host/Api/PublicNoticeApi.cs)
builder.AddWorkflowWeb(); // Blazor web UI, MudBlazor, zh-CN/en, sign-in page, designer (src/Host/Web)
builder.Services.AddProblemDetails(options => options.CustomizeProblemDetails = ProblemDefaults.Complete);
builder.Services.AddExceptionHandler<ProblemExceptionHandler>();
builder.Services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
builder.Services.ConfigureHttpJsonOptions(options =>
    options.SerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase)));
builder.Services.AddOpenApi(options => options.AddSignInDescription().AddDocumentTransformer((document, _, _) =>
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

app.UseSecurityHeaders(); // nosniff, Referrer-Policy, X-Frame-Options, Content-Security-Policy (src/Host/Configuration)
app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseCookieOriginCheck(); // a cookie-signed-in POST/PUT/PATCH/DELETE from another site answers 403 (src/Host/Identity)
app.UseAuthentication(); // cookie or bearer token (src/Host/Identity)
app.UseMiddleware<SessionCheckMiddleware>(); // the session of the token or cookie is still open in the database
app.UseAuthorization(); // every endpoint names its policy; without one: signed-in users only (IdentityServices)
app.UseRateLimiter();
app.UseWorkflowScheduler(); // JobsCreated → Hangfire; dashboard at /hangfire (administrators on this machine)

// The API description is public: it shows the shape of the API, no data, and the reference page needs it before a sign-in.
app.MapOpenApi().AllowAnonymous();
app.MapScalarApiReference(options => options.WithTitle(HostConfiguration.ApiTitle)).AllowAnonymous();
app.MapHealthApi(); // public: load balancers probe it
app.MapAuthApi(); // POST /api/auth/login, /refresh, /logout; GET /api/auth/me (src/Host/Identity)
app.MapPasswordApi(); // POST /api/auth/password; administrators: reset a password, end sessions, unlock (src/Host/Identity)
app.MapDefinitionsApi();
app.MapInstancesApi();
app.MapTasksApi();
app.MapInstanceXmlApi(); // the process picture of an instance for its readers
app.MapTaskOperationsApi(); // 同意, 驳回, 退回, 转办, 委派, 加签, 抄送, 催办, 撤回, diagram marks
app.MapMyWorkApi(); // 待办, 已办, 抄送我的, 我发起的
app.MapAttachmentsApi(); // files of instances and tasks, checked by content
app.MapPublicNoticeApi(); // 公示 and 异议 without sign-in
app.MapHonoursApi(); // campaigns, nominations, level submissions, the decision (src/Host/Api/Honours*.cs)
app.MapDashboardsApi(); // quota use, stages, overdue tasks, craftsmen for the boards (src/Host/Api/DashboardsApi.cs)
app.MapMessagesApi();
app.MapCalendarApi();
app.MapOutboxAdminApi(); // failed mails for administrators (src/Host/Mail)
app.MapAdminOrganisationsApi(); // 组织管理 and 批量导入 (src/Host/Api/Administration)
app.MapAdminUsersApi(); // 用户管理 and 操作日志
app.MapMonitorApi(); // the administrators' monitor: counts, instances, incidents and their retry
app.MapWorkflowWeb(); // localization, antiforgery, static files, pages (src/Host/Web)

await app.Services.InitializeWorkflowStoreAsync();
await app.Services.InitializeIdentityAsync(settings); // keys table, demo seed (Workflows:Seed:Demo), first administrator, directory
await DesignDeployer.DeployAllAsync(app.Services.GetRequiredService<WorkflowEngine>()); // the six honour processes, once per content (src/Designs)
app.Lifetime.ApplicationStarted.Register(() => HostConfiguration.OnStarted(app, settings, urls));

await app.RunAsync();
return Environment.ExitCode;

/// <summary>The entry point, public for <c>WebApplicationFactory&lt;Program&gt;</c> in the tests.</summary>
public partial class Program;
