using System.Globalization;
using System.Text.Json;
using Workflows.Engine.Model;
using Workflows.Engine.Persistence;
using Workflows.Engine.Time;

namespace Workflows.Engine.Runtime.Behaviours;

/// <summary>What a timer job row carries besides its due time.</summary>
internal sealed record TimerJobData(string? Cycle = null, int? Remaining = null, Guid? DefinitionId = null);

/// <summary>
/// Timer events (BPMN 2.0 §10.5.5). A timer is a job row with its due time, written in the command that
/// reached the timer; the scheduler only executes it, and firing checks and deletes the row in the firing
/// command's transaction, so a timer fires once even when two nodes try. Cycles (<c>R3/P1D</c>) write the
/// next row when one fires.
/// </summary>
internal static class TimerJobs
{
    public const string Kind = "timer";

    /// <summary>Creates the job of a timer caught by <paramref name="catching"/> for <paramref name="execution"/>.</summary>
    public static JobRecord Schedule(CommandContext context, InstanceRuntime instance, Execution execution, FlowNode catching, TimerEventDefinition timer)
    {
        var (schedule, text) = Resolve(context, instance, execution, catching, timer);
        var due = schedule.FirstDue(context.Now, context.Engine.WorkingDays);
        var job = NewJob(context, instance.Id, execution.Id, catching.Id, due,
            schedule.IsCycle ? new TimerJobData(text, schedule.Repetitions) : null);
        context.AddJob(job);
        (execution.JobIds ??= []).Add(job.Id);
        instance.Dirty = true;
        return job;
    }

    /// <summary>The next occurrence of a cycle, or null when its repetitions are used up.</summary>
    public static JobRecord? Repeat(CommandContext context, JobRecord fired, TimerJobData data, Guid instanceId, string executionId)
    {
        var remaining = data.Remaining is { } r ? r - 1 : (int?)null;
        if (remaining is <= 0 || data.Cycle is null)
        {
            return null;
        }

        var schedule = TimerSchedule.Cycle(data.Cycle);
        var due = schedule.Next(fired.DueAt, context.Engine.WorkingDays);
        var job = NewJob(context, instanceId, executionId, fired.ElementId, due, data with { Remaining = remaining });
        if (data.DefinitionId is { } definitionId)
        {
            job.Id = WorkflowEngine.StartTimerJobId(definitionId, fired.ElementId, due);
        }

        context.AddJob(job);
        return job;
    }

    public static JobRecord NewJob(CommandContext context, Guid instanceId, string executionId, string elementId, DateTimeOffset due, TimerJobData? data) => new()
    {
        Id = Guid.CreateVersion7(),
        InstanceId = instanceId,
        ExecutionId = executionId,
        ElementId = elementId,
        Kind = Kind,
        DueAt = due,
        CreatedAt = context.Now,
        Data = data is null ? null : JsonSerializer.Serialize(data, EngineJson.Options),
    };

    public static TimerJobData ReadData(JobRecord job) =>
        job.Data is null ? new TimerJobData() : JsonSerializer.Deserialize<TimerJobData>(job.Data, EngineJson.Options) ?? new TimerJobData();

    private static (TimerSchedule Schedule, string Text) Resolve(CommandContext context, InstanceRuntime instance, Execution execution, FlowNode node, TimerEventDefinition timer)
    {
        var raw = (timer.TimeDate ?? timer.TimeDuration ?? timer.TimeCycle)!;
        var value = context.EvaluateIfExpression(instance, execution, raw, node.Id);
        if (value is DateTimeOffset at && timer.TimeDate is not null)
        {
            return (TimerSchedule.Date(at.ToString("O", CultureInfo.InvariantCulture)), raw);
        }

        var text = Convert.ToString(value, CultureInfo.InvariantCulture) ?? "";
        try
        {
            var schedule = timer.TimeDate is not null ? TimerSchedule.Date(text)
                : timer.TimeDuration is not null ? TimerSchedule.ForDuration(text)
                : TimerSchedule.Cycle(text);
            return (schedule, text);
        }
        catch (FormatException ex)
        {
            throw new WorkflowException($"Timer '{node.Id}': {ex.Message}", WorkflowErrorKind.ProcessFailure, ex) { ElementId = node.Id };
        }
    }
}

/// <summary>Intermediate catch events: a message waits on a subscription, a timer on a job.</summary>
internal sealed class CatchEventBehaviour : Behaviour
{
    private readonly MessageCatchBehaviour _message = new();

    public override void Enter(CommandContext context, InstanceRuntime instance, Execution execution, FlowNode node)
    {
        if (node.EventDefinition is TimerEventDefinition timer)
        {
            TimerJobs.Schedule(context, instance, execution, node, timer);
            execution.Waiting = true;
            return;
        }

        _message.Enter(context, instance, execution, node);
    }
}
