using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Workflows.Engine.Persistence;
using Workflows.Host.Errors;
using Workflows.Host.Identity;

namespace Workflows.Host.Mail;

/// <summary>An outbox row as administrators see it.</summary>
public sealed record OutboxMessageDto(
    Guid Id,
    string Kind,
    string IdempotencyKey,
    Guid? InstanceId,
    DateTimeOffset CreatedAt,
    int Attempts,
    string? LastError,
    DateTimeOffset? NextAttemptAt,
    DateTimeOffset? FailedAt,
    DateTimeOffset? DispatchedAt,
    JsonElement Payload)
{
    public static OutboxMessageDto From(OutboxMessage m)
    {
        ArgumentNullException.ThrowIfNull(m);
        JsonElement payload;
        try
        {
            using var document = JsonDocument.Parse(m.Payload);
            payload = document.RootElement.Clone();
        }
        catch (JsonException)
        {
            payload = JsonSerializer.SerializeToElement(m.Payload);
        }

        return new(m.Id, m.Kind, m.IdempotencyKey, m.InstanceId, m.CreatedAt, m.Attempts, m.LastError, m.NextAttemptAt, m.FailedAt, m.DispatchedAt, payload);
    }
}

/// <summary>
/// <c>/api/admin/outbox</c>: the side effects (mails …) that failed for the last time, and retrying them.
/// Administrators only.
/// </summary>
public static class OutboxAdminApi
{
    public const int DefaultTake = 100;
    public const int MaxTake = 1000;

    public static IEndpointRouteBuilder MapOutboxAdminApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/admin/outbox").WithTags("Administration")
            .RequireAuthorization(IdentityServices.Policies.Admin);

        group.MapGet("/failed", ListFailedAsync)
            .WithName("ListFailedOutbox")
            .WithSummary("Lists outbox messages (mails …) that failed for the last time")
            .WithDescription("Most recently failed first, at most 'take' (default 100, at most 1000). Each shows its attempts, last error and payload; retry one with POST /api/admin/outbox/{id}/retry.")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden);

        group.MapPost("/{id:guid}/retry", RetryAsync)
            .WithName("RetryOutbox")
            .WithSummary("Gives a failed outbox message a new series of attempts")
            .WithDescription("The message becomes due at once with its attempts counted from zero; 404 if it does not exist, 409 if it has not failed (it is still being retried, or was dispatched).")
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        return routes;
    }

    private static async Task<Ok<IReadOnlyList<OutboxMessageDto>>> ListFailedAsync(int? take, IWorkflowStore store, CancellationToken ct)
    {
        if (take is < 1 or > MaxTake)
        {
            throw ApiProblemException.BadRequest($"take must be between 1 and {MaxTake}.");
        }

        var failed = await store.GetFailedOutboxAsync(take ?? DefaultTake, ct);
        return TypedResults.Ok<IReadOnlyList<OutboxMessageDto>>([.. failed.Select(OutboxMessageDto.From)]);
    }

    private static async Task<Accepted<OutboxMessageDto>> RetryAsync(Guid id, IWorkflowStore store, ILoggerFactory loggers, CancellationToken ct)
    {
        if (!await store.RetryOutboxAsync(id, ct))
        {
            var row = await store.GetOutboxAsync(id, ct) ?? throw ApiProblemException.NotFound($"Outbox message {id} does not exist.");
            throw new ApiProblemException(
                StatusCodes.Status409Conflict,
                "Conflict with the current state",
                row.DispatchedAt is not null
                    ? $"Outbox message {id} was dispatched at {row.DispatchedAt:O}; there is nothing to retry."
                    : $"Outbox message {id} has not failed; it is still being tried (attempt {row.Attempts + 1}, next at {row.NextAttemptAt:O}).");
        }

        var logger = loggers.CreateLogger(typeof(OutboxAdminApi));
        if (logger.IsEnabled(LogLevel.Information))
        {
            logger.LogInformation("Outbox message {OutboxId} retried by an administrator.", id);
        }

        var retried = await store.GetOutboxAsync(id, ct) ?? throw ApiProblemException.NotFound($"Outbox message {id} does not exist.");
        return TypedResults.Accepted($"/api/admin/outbox/{id}", OutboxMessageDto.From(retried));
    }
}
