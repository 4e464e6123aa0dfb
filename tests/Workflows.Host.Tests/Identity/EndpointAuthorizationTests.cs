using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Workflows.Host.Identity;

namespace Workflows.Host.Tests.Identity;

/// <summary>
/// Every endpoint says who may call it: a policy, or a place on the explicit list of public endpoints below. A new
/// endpoint without a decision fails <see cref="Every_endpoint_has_a_policy_or_is_on_the_public_list"/>. Without a
/// sign-in every other endpoint answers 401 problem details (no redirect), a signed-in user without the role 403.
/// </summary>
public sealed partial class EndpointAuthorizationTests(HostFactory factory) : IClassFixture<HostFactory>
{
    /// <summary>The public endpoints, and why (method and route pattern as ASP.NET Core reports them).</summary>
    private static readonly Dictionary<string, string> Public = new(StringComparer.Ordinal)
    {
        ["GET /health"] = "load balancers and monitors probe it; it answers up/down only",
        ["POST /api/auth/login"] = "signing in",
        ["POST /api/auth/refresh"] = "a new token for a refresh token (the refresh token is the credential)",
        ["POST /api/auth/logout"] = "signing out must work with an expired cookie too",
        ["POST /api/auth/password"] = "changing the own password: signed in, or with the current password while a change is required before any sign-in",
        ["GET /openapi/{documentName}.json"] = "the API description: its shape, no data",
        ["GET /scalar/{documentName?}"] = "the API reference page (its requests carry the user's token)",
        ["GET /scalar/scalar.js"] = "the reference page's script",
        ["GET /scalar/scalar.aspnetcore.js"] = "the reference page's script",
        ["GET /scalar/favicon.svg"] = "the reference page's icon",
        ["GET /login"] = "the web UI's sign-in page",
        ["GET /api/public/notices/{campaignId:guid}"] = "公示: the public reads the nominees under notice (public fields only)",
        ["POST /api/public/objections"] = "异议: the public objects with a real name and contact (rate-limited per address)",
        ["GET /api/public/notices"] = "公示: the campaigns under notice now, with their periods and number of nominees",
        ["GET /notice"] = "公示: the public notice page and its objection form",
        ["POST /notice"] = "公示: the public notice page and its objection form",
        ["GET /_blazor"] = "the circuit hub, open to visitors for /notice; every other page carries [Authorize] (PublicNoticeListTests)",
        ["GET /_blazor/negotiate"] = "the circuit hub's negotiation (see GET /_blazor)",
        ["GET /_blazor/disconnect/"] = "the circuit hub's disconnect (see GET /_blazor)",
        ["GET /_blazor/initializers/"] = "the circuit hub's initializers (see GET /_blazor)",
        ["POST /login"] = "the web UI's sign-in page (its form posts to /account/login)",
        ["POST /account/login"] = "signing in from the web UI (antiforgery token required)",
        ["POST /account/logout"] = "signing out from the web UI must work with an expired cookie too",
        ["GET /account/password"] = "the web UI's password page (also for a change required before the first sign-in)",
        ["POST /account/password"] = "the web UI's password page (its form posts to /account/change-password)",
        ["POST /account/change-password"] = "changing the password from the web UI (antiforgery token; signed in or with the current password)",
        ["GET /culture"] = "the language switch (中文 / English), also on the sign-in page",
        ["GET /not-found"] = "the page-not-found page",
        ["POST /not-found"] = "the page-not-found page",
    };

    /// <summary>The web UI's style sheets, scripts and fonts (MapStaticAssets, relative routes): public, the sign-in page needs them.</summary>
    private static bool IsStaticAsset(string key) => key.Split(' ', 2)[1] is var route && !route.StartsWith('/') && !route.StartsWith('{');

    /// <summary>
    /// Endpoints the framework adds without conventions, decided by the fallback policy (signed-in users): the static
    /// web assets fallback serves development copies of files that are not in the assets manifest; every file the
    /// sign-in page needs has its own public endpoint (MapStaticAssets().AllowAnonymous()).
    /// </summary>
    private static readonly Dictionary<string, string> ByFallbackPolicy = new(StringComparer.Ordinal)
    {
        ["GET {**path:file}"] = "static web assets fallback (development copies)",
        ["HEAD {**path:file}"] = "static web assets fallback (development copies)",
        ["GET /_blazor"] = "Blazor's interactive server connection (the pages themselves carry [Authorize])",
        ["GET /_blazor/negotiate"] = "Blazor's interactive server connection",
        ["POST /_blazor/negotiate"] = "Blazor's interactive server connection",
        ["GET /_blazor/disconnect/"] = "Blazor's interactive server connection",
        ["POST /_blazor/disconnect/"] = "Blazor's interactive server connection",
        ["GET /_blazor/initializers/"] = "Blazor's interactive server connection",
        ["GET /_framework/opaque-redirect"] = "Blazor's redirect helper",
    };

    /// <summary>The decision for every current endpoint, so that a changed decision is a visible change of this table.</summary>
    private static readonly Dictionary<string, string> Expected = new(StringComparer.Ordinal)
    {
        ["GET /api/auth/me"] = IdentityServices.Policies.SignedIn,
        ["POST /api/admin/users/{userName}/password"] = IdentityServices.Policies.Admin,
        ["POST /api/admin/users/{userName}/sessions/revoke"] = IdentityServices.Policies.Admin,
        ["POST /api/admin/users/{userName}/unlock"] = IdentityServices.Policies.Admin,
        ["GET /api/designer/activities"] = IdentityServices.Policies.Admin,
        ["GET /api/designer/scopes"] = IdentityServices.Policies.Admin,
        ["POST /api/definitions/"] = IdentityServices.Policies.Admin,
        ["POST /api/definitions/validate"] = IdentityServices.Policies.Admin,
        ["GET /api/definitions/"] = IdentityServices.Policies.Admin,
        ["GET /api/definitions/{id:guid}"] = IdentityServices.Policies.Admin,
        ["GET /api/definitions/{id:guid}/xml"] = IdentityServices.Policies.Admin,
        ["POST /api/definitions/{id:guid}/publish"] = IdentityServices.Policies.Admin,
        ["POST /api/definitions/{id:guid}/retire"] = IdentityServices.Policies.Admin,
        ["POST /api/instances/"] = IdentityServices.Policies.SignedIn,
        ["GET /api/instances/"] = IdentityServices.Policies.SignedIn,
        ["GET /api/instances/{id:guid}"] = IdentityServices.Policies.SignedIn,
        ["GET /api/instances/{id:guid}/history"] = IdentityServices.Policies.SignedIn,
        ["POST /api/instances/{id:guid}/cancel"] = IdentityServices.Policies.Admin,
        ["GET /api/monitor/summary"] = IdentityServices.Policies.Admin,
        ["GET /api/monitor/instances"] = IdentityServices.Policies.Admin,
        ["GET /api/monitor/instances/{id:guid}"] = IdentityServices.Policies.Admin,
        ["GET /api/monitor/incidents"] = IdentityServices.Policies.Admin,
        ["POST /api/monitor/incidents/{jobId:guid}/retry"] = IdentityServices.Policies.Admin,
        ["GET /api/tasks/"] = IdentityServices.Policies.SignedIn,
        ["GET /api/tasks/{id:guid}"] = IdentityServices.Policies.SignedIn,
        ["POST /api/tasks/{id:guid}/complete"] = IdentityServices.Policies.SignedIn,
        ["GET /api/tasks/{id:guid}/detail"] = IdentityServices.Policies.SignedIn,
        ["POST /api/tasks/{id:guid}/approve"] = IdentityServices.Policies.SignedIn,
        ["POST /api/tasks/{id:guid}/reject"] = IdentityServices.Policies.SignedIn,
        ["POST /api/tasks/{id:guid}/vote"] = IdentityServices.Policies.SignedIn,
        ["POST /api/tasks/{id:guid}/return"] = IdentityServices.Policies.SignedIn,
        ["POST /api/tasks/{id:guid}/claim"] = IdentityServices.Policies.SignedIn,
        ["POST /api/tasks/{id:guid}/release"] = IdentityServices.Policies.SignedIn,
        ["POST /api/tasks/{id:guid}/transfer"] = IdentityServices.Policies.SignedIn,
        ["POST /api/tasks/{id:guid}/delegate"] = IdentityServices.Policies.SignedIn,
        ["POST /api/tasks/{id:guid}/resolve"] = IdentityServices.Policies.SignedIn,
        ["POST /api/tasks/{id:guid}/add-signer"] = IdentityServices.Policies.SignedIn,
        ["POST /api/tasks/{id:guid}/remove-signer"] = IdentityServices.Policies.SignedIn,
        ["POST /api/tasks/{id:guid}/copy"] = IdentityServices.Policies.SignedIn,
        ["POST /api/tasks/{id:guid}/urge"] = IdentityServices.Policies.SignedIn,
        ["POST /api/tasks/{id:guid}/comment"] = IdentityServices.Policies.SignedIn,
        ["GET /api/instances/{id:guid}/diagram-state"] = IdentityServices.Policies.SignedIn,
        ["GET /api/instances/{id:guid}/xml"] = IdentityServices.Policies.SignedIn,
        ["POST /api/instances/{id:guid}/withdraw"] = IdentityServices.Policies.SignedIn,
        ["POST /api/instances/{id:guid}/urge"] = IdentityServices.Policies.SignedIn,
        ["GET /api/me/todo"] = IdentityServices.Policies.SignedIn,
        ["GET /api/me/done"] = IdentityServices.Policies.SignedIn,
        ["GET /api/me/copies"] = IdentityServices.Policies.SignedIn,
        ["POST /api/me/copies/{id:guid}/read"] = IdentityServices.Policies.SignedIn,
        ["GET /api/me/started"] = IdentityServices.Policies.SignedIn,
        ["POST /api/instances/{id:guid}/attachments"] = IdentityServices.Policies.SignedIn,
        ["GET /api/instances/{id:guid}/attachments"] = IdentityServices.Policies.SignedIn,
        ["GET /api/attachments/{id:guid}"] = IdentityServices.Policies.SignedIn,
        ["POST /api/messages/"] = IdentityServices.Policies.Integration,
        ["GET /api/calendar/years"] = IdentityServices.Policies.SignedIn,
        ["GET /api/calendar/years/{year:int}"] = IdentityServices.Policies.SignedIn,
        ["PUT /api/calendar/years/{year:int}"] = IdentityServices.Policies.Admin,
        ["GET /api/campaigns/"] = IdentityServices.Policies.SignedIn,
        ["GET /api/campaigns/{id:guid}"] = IdentityServices.Policies.SignedIn,
        ["POST /api/campaigns/"] = IdentityServices.Policies.Admin,
        ["POST /api/campaigns/{id:guid}/open"] = IdentityServices.Policies.Admin,
        ["POST /api/campaigns/{id:guid}/close"] = IdentityServices.Policies.Admin,
        ["PUT /api/campaigns/{id:guid}/quotas"] = IdentityServices.Policies.Admin,
        ["PUT /api/campaigns/{id:guid}/composition-rules"] = IdentityServices.Policies.Admin,
        ["POST /api/campaigns/{id:guid}/decision"] = IdentityServices.Policies.Admin,
        ["PUT /api/campaigns/{id:guid}/schedule"] = IdentityServices.Policies.Admin,
        ["GET /api/dashboards/quota-use"] = IdentityServices.Policies.Admin,
        ["GET /api/dashboards/stages"] = IdentityServices.Policies.Admin,
        ["GET /api/dashboards/overdue"] = IdentityServices.Policies.Admin,
        ["GET /api/dashboards/craftsmen"] = IdentityServices.Policies.Admin,
        ["POST /api/campaigns/{id:guid}/levels/{unitPath}/submit"] = IdentityServices.Policies.Reviewer,
        ["POST /api/nominations/"] = IdentityServices.Policies.SignedIn,
        ["GET /api/nominations/"] = IdentityServices.Policies.SignedIn,
        ["GET /api/nominations/{id:guid}"] = IdentityServices.Policies.SignedIn,
        ["POST /api/nominations/{id:guid}/attachments"] = IdentityServices.Policies.SignedIn,
        ["GET /api/nominations/{id:guid}/attachments"] = IdentityServices.Policies.SignedIn,
        ["GET /api/nominations/form"] = IdentityServices.Policies.SignedIn,
        ["PUT /api/nominations/{id:guid}"] = IdentityServices.Policies.SignedIn,
        // Personal data: masked reads and reveals for signed-in users, decided per record (src/Activities/Privacy).
        ["POST /api/nominations/{id:guid}/personal-data/reveal"] = IdentityServices.Policies.SignedIn,
        ["GET /api/nominations/{id:guid}/personal-data"] = IdentityServices.Policies.SignedIn,
        ["GET /api/nominations/{id:guid}/objections"] = IdentityServices.Policies.SignedIn,
        ["GET /api/objections/{id:guid}"] = IdentityServices.Policies.SignedIn,
        ["POST /api/objections/{id:guid}/personal-data/reveal"] = IdentityServices.Policies.SignedIn,
        ["GET /api/admin/personal-data-access"] = IdentityServices.Policies.Admin,
        ["GET /api/admin/outbox/failed"] = IdentityServices.Policies.Admin,
        ["POST /api/admin/outbox/{id:guid}/retry"] = IdentityServices.Policies.Admin,
        ["GET /api/admin/organisations/"] = IdentityServices.Policies.Admin,
        ["POST /api/admin/organisations/"] = IdentityServices.Policies.Admin,
        ["PUT /api/admin/organisations/{id:guid}/name"] = IdentityServices.Policies.Admin,
        ["POST /api/admin/organisations/{id:guid}/move"] = IdentityServices.Policies.Admin,
        ["POST /api/admin/organisations/{id:guid}/close"] = IdentityServices.Policies.Admin,
        ["POST /api/admin/organisations/import"] = IdentityServices.Policies.Admin,
        ["GET /api/admin/organisations/import/template"] = IdentityServices.Policies.Admin,
        ["GET /api/admin/users/"] = IdentityServices.Policies.Admin,
        ["GET /api/admin/users/{id}"] = IdentityServices.Policies.Admin,
        ["POST /api/admin/users/"] = IdentityServices.Policies.Admin,
        ["POST /api/admin/users/{id}/disable"] = IdentityServices.Policies.Admin,
        ["POST /api/admin/users/{id}/enable"] = IdentityServices.Policies.Admin,
        ["POST /api/admin/users/{id}/roles"] = IdentityServices.Policies.Admin,
        ["POST /api/admin/users/{id}/roles/revoke"] = IdentityServices.Policies.Admin,
        ["GET /api/admin/audit"] = IdentityServices.Policies.Admin,
    };

    [Fact]
    public void Every_endpoint_has_a_policy_or_is_on_the_public_list()
    {
        var endpoints = Endpoints();
        endpoints.Should().HaveCountGreaterThan(20);
        var problems = new List<string>();
        foreach (var endpoint in endpoints)
        {
            if (endpoint.Anonymous)
            {
                if (!Public.ContainsKey(endpoint.Key) && !IsStaticAsset(endpoint.Key))
                {
                    problems.Add($"{endpoint.Key} allows anonymous callers but is not on the public list");
                }

                continue;
            }

            if (Public.ContainsKey(endpoint.Key))
            {
                problems.Add($"{endpoint.Key} is on the public list but requires a sign-in");
            }

            if (endpoint.Policies.Count == 0 && !ByFallbackPolicy.ContainsKey(endpoint.Key))
            {
                problems.Add($"{endpoint.Key} names no authorization policy: add .RequireAuthorization(IdentityServices.Policies.…) or .AllowAnonymous() and list it here");
            }

            problems.AddRange(endpoint.Policies.Where(p => !IdentityServices.Policies.All.Contains(p)).Select(p => $"{endpoint.Key} names the unknown policy '{p}'"));
        }

        problems.AddRange(Public.Keys.Where(k => endpoints.All(e => e.Key != k)).Select(k => $"the public list names {k}, which does not exist"));
        problems.Should().BeEmpty("every endpoint needs a decision:\n{0}", string.Join("\n", problems));
    }

    [Fact]
    public void The_current_endpoints_carry_the_decided_policies()
    {
        var endpoints = ApiEndpoints().Where(e => !e.Anonymous).ToDictionary(e => e.Key);
        endpoints.Keys.Should().BeEquivalentTo(Expected.Keys, "every signed-in endpoint is in the table of decisions");
        foreach (var (key, policy) in Expected)
        {
            endpoints[key].Policies.Should().Contain(policy, key);
            if (policy != IdentityServices.Policies.SignedIn)
            {
                endpoints[key].Policies.Should().OnlyContain(p => p == policy || p == IdentityServices.Policies.SignedIn, key);
            }
        }
    }

    [Fact]
    public async Task Without_a_sign_in_every_protected_endpoint_answers_401_problem_details_not_a_redirect()
    {
        using var anonymous = factory.CreateAnonymousClient();
        foreach (var endpoint in ApiEndpoints().Where(e => !e.Anonymous))
        {
            using var response = await anonymous.SendAsync(Request(endpoint));
            var problem = await response.ProblemAsync(HttpStatusCode.Unauthorized);
            response.Headers.Location.Should().BeNull(endpoint.Key);
            problem.GetProperty("detail").GetString().Should().Contain("请先登录").And.Contain("Sign in first", endpoint.Key);
        }

        // A bearer token that is not one is no sign-in either; a cookie that is not one neither.
        using var forged = factory.CreateAnonymousClient();
        forged.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", "forged");
        await (await forged.GetAsync("/api/instances")).ProblemAsync(HttpStatusCode.Unauthorized);
        using var cookie = new HttpRequestMessage(HttpMethod.Get, "/api/tasks");
        cookie.Headers.Add("Cookie", "workflows.auth=forged");
        await (await anonymous.SendAsync(cookie)).ProblemAsync(HttpStatusCode.Unauthorized);

        // Routes nobody mapped are not revealed to anonymous callers either.
        await (await anonymous.GetAsync("/api/nothing-here")).ProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task The_public_endpoints_answer_without_a_sign_in()
    {
        using var anonymous = factory.CreateAnonymousClient();
        (await anonymous.GetJsonAsync("/health")).GetProperty("status").GetString().Should().Be("ok");
        (await anonymous.GetAsync("/openapi/v1.json")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await anonymous.GetAsync("/scalar")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await anonymous.PostAsync("/api/auth/logout", null)).StatusCode.Should().Be(HttpStatusCode.NoContent);
        await (await anonymous.PostAsJsonAsync("/api/auth/refresh", new { refreshToken = "x" })).ProblemAsync(HttpStatusCode.Unauthorized);
        (await anonymous.PostAsJsonAsync("/api/auth/login", new { userName = "filer", password = TestSignIn.PasswordOf("filer") })).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_filer_gets_403_problem_details_from_every_administrator_endpoint_and_through_the_others()
    {
        using var filer = factory.CreateClientAs("filer");
        foreach (var endpoint in ApiEndpoints().Where(e => !e.Anonymous))
        {
            using var response = await filer.SendAsync(Request(endpoint));
            var decided = Expected[endpoint.Key];
            if (decided == IdentityServices.Policies.SignedIn)
            {
                response.StatusCode.Should().NotBe(HttpStatusCode.Unauthorized, endpoint.Key).And.NotBe(HttpStatusCode.Forbidden, endpoint.Key);
                continue;
            }

            var problem = await response.ProblemAsync(HttpStatusCode.Forbidden);
            problem.GetProperty("detail").GetString().Should().Contain("admin", endpoint.Key).And.Contain("needs one of the roles", endpoint.Key);
        }
    }

    [Fact]
    public async Task Messages_are_for_integration_accounts_and_administrators()
    {
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            await IdentityTestData.AddUserAsync(scope.ServiceProvider, "portal-sync", "Portal#Sync-2026", Activities.Organisations.Roles.Integration, "/gd");
        }

        var message = new { name = "nobody-waits-" + Guid.NewGuid().ToString("N"), correlationKey = "k" };
        using var portal = factory.CreateClientAs("portal-sync", "Portal#Sync-2026");
        (await (await portal.PostAsJsonAsync("/api/messages", message)).ProblemAsync(HttpStatusCode.NotFound))
            .GetProperty("detail").GetString().Should().Contain("No instance waits", "an integration account may send messages");
        using var admin = factory.CreateClient();
        await (await admin.PostAsJsonAsync("/api/messages", message)).ProblemAsync(HttpStatusCode.NotFound);
        using var reviewer = factory.CreateClientAs("province-reviewer");
        (await (await reviewer.PostAsJsonAsync("/api/messages", message)).ProblemAsync(HttpStatusCode.Forbidden))
            .GetProperty("detail").GetString().Should().Contain("integration");

        // The integration account reviews nothing.
        await (await portal.PostAsync($"/api/instances/{Guid.NewGuid()}/cancel", null)).ProblemAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task A_cookie_sign_in_reaches_the_api_and_a_forbidden_one_is_403_without_a_redirect()
    {
        using var client = factory.CreateAnonymousClient();
        (await client.PostAsJsonAsync("/api/auth/login?useCookies=true", new { userName = "city-reviewer", password = TestSignIn.PasswordOf("city-reviewer") }))
            .StatusCode.Should().Be(HttpStatusCode.OK);
        (await client.GetAsync("/api/tasks")).StatusCode.Should().Be(HttpStatusCode.OK);
        using var forbidden = await client.GetAsync("/api/definitions");
        await forbidden.ProblemAsync(HttpStatusCode.Forbidden);
        forbidden.Headers.Location.Should().BeNull();
    }

    /// <summary>The API's endpoints (<c>/api/…</c>); the pages of the web UI redirect to the sign-in page instead and are tested in the browser (tests/Workflows.Web.Tests).</summary>
    private List<EndpointInfo> ApiEndpoints() => [.. Endpoints().Where(e => e.Pattern.StartsWith("/api/", StringComparison.Ordinal))];

    private List<EndpointInfo> Endpoints()
    {
        _ = factory.Server; // starts the host
        return [.. factory.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .SelectMany(e => (e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["GET"]).Select(method => new EndpointInfo(
                method + " " + e.RoutePattern.RawText,
                method,
                e.RoutePattern.RawText ?? "",
                e.Metadata.GetMetadata<IAllowAnonymous>() is not null,
                [.. e.Metadata.GetOrderedMetadata<IAuthorizeData>().Select(a => a.Policy ?? IdentityServices.Policies.SignedIn).Distinct()], // [Authorize] without a policy: the default, signed-in
                e.Metadata.GetMetadata<IAcceptsMetadata>() is { ContentTypes.Count: > 0 } accepts ? accepts.ContentTypes[0] : "application/json")))];
    }

    /// <summary>A request for an endpoint with made-up route values (a new GUID, the year 2026) and a small body of the type it reads.</summary>
    private static HttpRequestMessage Request(EndpointInfo endpoint)
    {
        var path = RouteParameter().Replace(endpoint.Pattern, m => m.Groups[2].Value switch
        {
            ":guid" => Guid.NewGuid().ToString(),
            ":int" => "2026",
            _ => "x",
        });
        var request = new HttpRequestMessage(new HttpMethod(endpoint.Method), path);
        if (endpoint.Method is "POST" or "PUT")
        {
            request.Content = new StringContent(endpoint.ContentType.Contains("json", StringComparison.Ordinal) ? "{}" : "<x/>", Encoding.UTF8, endpoint.ContentType);
        }

        return request;
    }

    [GeneratedRegex(@"\{([^}:?]+)(:[a-z]+)?\??\}")]
    private static partial Regex RouteParameter();

    private sealed record EndpointInfo(string Key, string Method, string Pattern, bool Anonymous, IReadOnlyList<string> Policies, string ContentType);
}
