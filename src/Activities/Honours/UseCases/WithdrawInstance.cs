using Workflows.Activities.Application;
using Workflows.Engine;

namespace Workflows.Activities.Honours.UseCases;

/// <summary>撤回: the actor takes an item back; <see cref="Level"/> is the organisation of the actor's role.</summary>
public sealed record WithdrawInstanceCommand(Guid InstanceId, string Actor, string? Level, string? Comment = null)
{
    public RequestKey? Request { get; init; }
}

/// <summary>
/// Withdraws an instance and, when it carries a nomination, takes the nomination back to the level that withdrew it —
/// one transaction, so the nomination and its process never disagree after a crash.
/// </summary>
public sealed class WithdrawInstance(UseCaseRunner runner, HonoursServices honours)
{
    public const string Name = "withdraw";

    /// <summary>The first answer of a retried request, or null (look it up before reading the target).</summary>
    public Task<InstanceView?> AnsweredAsync(RequestKey? request, CancellationToken ct = default) => runner.AnsweredAsync<InstanceView>(Name, request, ct);

    public Task<InstanceView> RunAsync(WithdrawInstanceCommand command, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(command);
        return runner.RunAsync(Name, command.Request, async token =>
        {
            var view = await runner.Engine.WithdrawAsync(new WithdrawCommand(command.InstanceId, command.Comment) { Actor = command.Actor }, token).ConfigureAwait(false);

            // A nomination's process taken back by the level that passed it on: the nomination is held there again.
            if (view.Variables.GetValueOrDefault("nominationId")?.ToString() is { } text && Guid.TryParse(text, out var nominationId) && command.Level is { } level)
            {
                await honours.Nominations.TakeBackAsync(nominationId, level, token).ConfigureAwait(false);
            }

            return view;
        }, ct);
    }
}
