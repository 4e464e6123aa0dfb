namespace Workflows.Engine.Model;

/// <summary>What triggers or is thrown by an event.</summary>
public abstract record EventDefinition;

/// <summary>A message event. The correlation key expression defaults to the instance's business key.</summary>
public sealed record MessageEventDefinition(string MessageName, string? CorrelationKey) : EventDefinition;

/// <summary>An error event. A catching definition with a null code catches every error.</summary>
public sealed record ErrorEventDefinition(string? ErrorCode, string? ErrorName) : EventDefinition;

/// <summary>A terminate end event.</summary>
public sealed record TerminateEventDefinition : EventDefinition;

/// <summary>A timer event: exactly one of date, duration or cycle (ISO-8601 or an expression).</summary>
public sealed record TimerEventDefinition(string? TimeDate, string? TimeDuration, string? TimeCycle) : EventDefinition;
