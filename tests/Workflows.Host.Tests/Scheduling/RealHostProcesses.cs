namespace Workflows.Host.Tests.Scheduling;

/// <summary>
/// The tests that start real host processes run one after the other: they measure time (a timer fired within a few
/// seconds of its due time), and two of them at once on a small machine would measure each other.
/// </summary>
[CollectionDefinition(Name)]
public sealed class RealHostProcesses
{
    public const string Name = "real host processes";
}
