using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Workflows.Engine.Expressions;
using Workflows.Engine.Parsing;
using Workflows.Engine.Runtime;

namespace Workflows.Host.Errors;

/// <summary>One problem of a BPMN file, as the API shows it.</summary>
public sealed record BpmnProblemDto(string? ElementId, int Line, string Message)
{
    public static BpmnProblemDto From(BpmnProblem problem) => new(problem.ElementId, problem.Line, problem.Message);
}

/// <summary>
/// Turns every exception into RFC 7807 problem details: BPMN validation (422 with the list of problems),
/// engine errors by kind, bad requests (400/413), and anything else as a generic 500 without internals.
/// </summary>
public sealed class ProblemExceptionHandler(IProblemDetailsService problems, ILogger<ProblemExceptionHandler> logger) : IExceptionHandler
{
    public const string BpmnTitle = "The BPMN file cannot be deployed";

    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is OperationCanceledException && httpContext.RequestAborted.IsCancellationRequested)
        {
            // The client went away; nobody reads the answer.
            httpContext.Response.StatusCode = 499;
            return true;
        }

        var problem = Describe(exception, logger);
        httpContext.Response.StatusCode = problem.Status ?? StatusCodes.Status500InternalServerError;
        var written = await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            ProblemDetails = problem,
            Exception = exception,
        });
        if (!written)
        {
            // No writer accepted the request's Accept header: answer problem+json anyway.
            await TypedResults.Problem(problem).ExecuteAsync(httpContext);
        }

        return true;
    }

    internal static ProblemDetails Describe(Exception exception, ILogger logger)
    {
        switch (exception)
        {
            case BpmnValidationException bpmn:
            {
                var list = bpmn.Problems.Select(BpmnProblemDto.From).ToList();
                var problem = new ProblemDetails
                {
                    Status = StatusCodes.Status422UnprocessableEntity,
                    Title = BpmnTitle,
                    Detail = list.Count == 1
                        ? list[0].Message
                        : $"{list.Count} problems were found; see 'problems' for each element and line.",
                };
                problem.Extensions["problems"] = list;
                return problem;
            }

            case Workflows.Activities.Calendar.CalendarValidationException calendar:
            {
                var problem = new ProblemDetails
                {
                    Status = StatusCodes.Status422UnprocessableEntity,
                    Title = "The calendar year cannot be saved",
                    Detail = calendar.Problems.Count == 1 ? calendar.Problems[0].Message : $"{calendar.Problems.Count} problems were found; see 'problems'.",
                };
                problem.Extensions["problems"] = calendar.Problems.Select(p => new { p.Field, p.Chinese, p.English }).ToList();
                return problem;
            }

            case Workflows.Activities.Honours.HonoursException honours:
            {
                var problem = new ProblemDetails
                {
                    Status = honours.NotFound ? StatusCodes.Status404NotFound
                        : honours.Conflict ? StatusCodes.Status409Conflict
                        : StatusCodes.Status422UnprocessableEntity,
                    Title = honours.NotFound ? "Not found" : honours.Conflict ? "Conflict with the current state" : "The request cannot be accepted",
                    Detail = honours.Message,
                };
                problem.Extensions["problems"] = honours.Problems;
                return problem;
            }

            case Workflows.Engine.RequestReusedException:
                return new ProblemDetails
                {
                    Status = StatusCodes.Status422UnprocessableEntity,
                    Title = "Idempotency-Key reused",
                    Detail = "此幂等键已用于另一请求，请换用新的幂等键。 / The Idempotency-Key was already used for a different request; use a new key.",
                };

            case WorkflowException workflow:
            {
                var (status, title) = workflow.Kind switch
                {
                    WorkflowErrorKind.Invalid => (StatusCodes.Status400BadRequest, "The request is not valid"),
                    WorkflowErrorKind.NotFound => (StatusCodes.Status404NotFound, "Not found"),
                    WorkflowErrorKind.Conflict => (StatusCodes.Status409Conflict, "Conflict with the current state"),
                    WorkflowErrorKind.Forbidden => (StatusCodes.Status403Forbidden, "Forbidden"),
                    WorkflowErrorKind.Unprocessable => (StatusCodes.Status422UnprocessableEntity, "The request cannot be accepted"),
                    WorkflowErrorKind.LimitExceeded => (StatusCodes.Status422UnprocessableEntity, "A limit is exceeded"),
                    _ => (StatusCodes.Status422UnprocessableEntity, "The process failed"),
                };
                if (workflow.Kind == WorkflowErrorKind.ProcessFailure)
                {
                    logger.LogWarning(workflow, "A command failed in the process: {Message}", workflow.Message);
                }

                var problem = new ProblemDetails { Status = status, Title = title, Detail = workflow.Message };
                if (workflow.ElementId is not null)
                {
                    problem.Extensions["elementId"] = workflow.ElementId;
                }

                return problem;
            }

            case ExpressionException expression:
                return new ProblemDetails
                {
                    Status = StatusCodes.Status422UnprocessableEntity,
                    Title = "The process failed",
                    Detail = expression.Message,
                };

            case ApiProblemException api:
                return new ProblemDetails { Status = api.StatusCode, Title = api.Title, Detail = api.Message };

            case BadHttpRequestException bad:
                return DescribeBadRequest(bad);

            case JsonException json:
                return new ProblemDetails
                {
                    Status = StatusCodes.Status400BadRequest,
                    Title = "The request body is not valid JSON",
                    Detail = json.Message,
                };

            default:
                logger.LogError(exception, "Unhandled exception");
                return new ProblemDetails
                {
                    Status = StatusCodes.Status500InternalServerError,
                    Title = "An unexpected error occurred",
                    Detail = "The server could not complete the request. The error was logged; quote the traceId when reporting it.",
                };
        }
    }

    private static ProblemDetails DescribeBadRequest(BadHttpRequestException bad)
    {
        if (bad.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return new ProblemDetails
            {
                Status = StatusCodes.Status413PayloadTooLarge,
                Title = "The request body is too large",
                Detail = "The request body is larger than the server accepts. BPMN files are limited by Workflows:Bpmn:MaxDocumentCharacters.",
            };
        }

        // Minimal API binding failures carry the JSON reader's message (with path and position) as the inner exception.
        var json = bad.InnerException as JsonException ?? bad.InnerException?.InnerException as JsonException;
        if (json is not null)
        {
            return new ProblemDetails
            {
                Status = StatusCodes.Status400BadRequest,
                Title = "The request body is not valid JSON",
                Detail = $"{bad.Message} {json.Message}",
            };
        }

        return new ProblemDetails
        {
            Status = bad.StatusCode,
            Title = bad.StatusCode switch
            {
                StatusCodes.Status415UnsupportedMediaType => "Unsupported media type",
                StatusCodes.Status408RequestTimeout => "The request took too long to arrive",
                _ => "The request is not valid",
            },
            Detail = bad.Message,
        };
    }
}
