using Microsoft.AspNetCore.Mvc;
using Workflows.Activities.Organisations.Administration;

namespace Workflows.Host.Api.Administration;

/// <summary>
/// Maps an <see cref="AdminResult{T}"/> to HTTP: the value as 200 (201 for a creation), a failure as problem details
/// (422 invalid, 404, 403, 409) whose <c>detail</c> is "中文 / English", with the machine <c>code</c> and the list of
/// <c>problems</c> (each with code, chinese, english, field, and for an import sheet and row).
/// </summary>
internal static class AdminResults
{
    public static IResult Map<T>(AdminResult<T> result, Func<T, IResult>? ok = null)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (result.IsOk)
        {
            return ok is null ? TypedResults.Ok(result.Value) : ok(result.Value!);
        }

        var (status, title) = result.Outcome switch
        {
            AdminOutcome.NotFound => (StatusCodes.Status404NotFound, "Not found"),
            AdminOutcome.Forbidden => (StatusCodes.Status403Forbidden, "Outside your part of the tree"),
            AdminOutcome.Conflict => (StatusCodes.Status409Conflict, "Conflict with the current state"),
            _ => (StatusCodes.Status422UnprocessableEntity, "The request cannot be accepted"),
        };
        var problems = result.Problems;
        var detail = problems.Count == 1
            ? $"{problems[0].Chinese} / {problems[0].English}"
            : $"共 {problems.Count} 个问题，见 problems。 / {problems.Count} problems were found; see 'problems'.";
        var problem = new ProblemDetails { Status = status, Title = title, Detail = detail };
        problem.Extensions["code"] = problems.Count > 0 ? problems[0].Code : "admin.failed";
        problem.Extensions["problems"] = problems.Select(p => new { p.Code, p.Chinese, p.English, p.Field, p.Sheet, p.Row }).ToList();
        return TypedResults.Problem(problem);
    }

    /// <summary>The actor's user name (the endpoints run under the Admin policy, so someone is signed in).</summary>
    public static string Actor(Identity.CurrentActor actor) =>
        actor.UserName ?? throw new InvalidOperationException("An administrative endpoint ran without a signed-in user.");

    public static RouteHandlerBuilder Problems(this RouteHandlerBuilder builder) => builder
        .ProducesProblem(StatusCodes.Status403Forbidden)
        .ProducesProblem(StatusCodes.Status404NotFound)
        .ProducesProblem(StatusCodes.Status409Conflict)
        .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
}
