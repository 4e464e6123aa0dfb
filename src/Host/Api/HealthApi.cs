using Microsoft.AspNetCore.Http.HttpResults;
using Workflows.Engine;

namespace Workflows.Host.Api;

/// <summary><c>/health</c>: is the server up and does the database answer. Public (no sign-in).</summary>
public static class HealthApi
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    public static IEndpointRouteBuilder MapHealthApi(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/health", CheckAsync)
            .WithTags("Health")
            .WithName("Health")
            .WithSummary("Checks the server and its database")
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable)
            .AllowAnonymous(); // load balancers and monitors probe it without a sign-in; it reveals no data
        return routes;
    }

    private static async Task<Results<Ok<HealthDto>, ProblemHttpResult>> CheckAsync(WorkflowEngine engine, ILoggerFactory loggers, CancellationToken ct)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(Timeout);
        try
        {
            // A look-up by primary key: the cheapest query every store answers.
            await engine.Store.GetProcessedRequestAsync("health-check", timeout.Token);
            return TypedResults.Ok(new HealthDto("ok", "ok"));
        }
        catch (Exception ex) when (!ct.IsCancellationRequested)
        {
            loggers.CreateLogger(typeof(HealthApi)).LogError(ex, "Health check: the database did not answer");
            return TypedResults.Problem(
                statusCode: StatusCodes.Status503ServiceUnavailable,
                title: "The database does not answer",
                detail: ex is OperationCanceledException ? $"The database did not answer within {Timeout.TotalSeconds:0} seconds." : "The database query failed; see the server log.",
                extensions: new Dictionary<string, object?> { ["database"] = "error" });
        }
    }
}
