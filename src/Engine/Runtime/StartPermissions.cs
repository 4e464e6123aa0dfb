using Workflows.Engine.Model;

namespace Workflows.Engine.Runtime;

/// <summary>
/// Who may start an instance (<see cref="StartRule"/>). A command without actor groups comes from a trusted caller
/// (an application service that checked its own rules, the system, administrators) and is not checked for starters;
/// a generic start (<see cref="StartInstanceCommand.FromTasklist"/>) of a process that starts only through its
/// application is refused for everybody. A refusal is <see cref="WorkflowErrorKind.Forbidden"/> and changes nothing.
/// </summary>
public static class StartPermissions
{
    public static void Require(ProcessModel model, StartInstanceCommand command)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(command);
        var rule = model.Start;
        if (command.FromTasklist && rule.DomainOnly)
        {
            throw new WorkflowException(
                $"The process '{model.Key}' starts only through its own application (wf:startVia=\"domain\"), which checks its rules first; it cannot be started directly. 此流程只能通过其业务入口启动，不能直接发起。",
                WorkflowErrorKind.Forbidden);
        }

        if (command.ActorGroups is not { } groups || rule.Allows(command.Actor, groups))
        {
            return;
        }

        var who = command.Actor is null ? "An anonymous caller" : $"'{command.Actor}'";
        throw new WorkflowException(
            rule.NamesStarters
                ? $"{who} may not start the process '{model.Key}': it may be started by {Describe(rule)}. 您无权发起此流程。"
                : $"{who} may not start the process '{model.Key}': its definition names no starters (camunda:candidateStarterGroups), so only administrators may start it. 此流程未设置发起人，只有管理员可以发起。",
            WorkflowErrorKind.Forbidden);
    }

    /// <summary>True when the actor with <paramref name="groups"/> (null: a trusted caller) may start <paramref name="model"/> from the generic start.</summary>
    public static bool MayStartFromTasklist(ProcessModel model, string? actor, IReadOnlyList<string>? groups)
    {
        ArgumentNullException.ThrowIfNull(model);
        return !model.Start.DomainOnly && (groups is null || model.Start.Allows(actor, groups));
    }

    private static string Describe(StartRule rule) =>
        string.Join(", ", rule.CandidateStarterGroups.Concat(rule.CandidateStarterUsers));
}
