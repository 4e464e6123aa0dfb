namespace Workflows.Host.Tests.Mail;

/// <summary>
/// The mail delivery tests run on their own, after the parallel ones: two of them run two hosts with their Hangfire
/// servers and a real SMTP server against one PostgreSQL database and wait for every mail; with dozens of other hosts
/// starting in the same process on two cores, a Hangfire job could wait past the test's patience.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class SerialMailCollection
{
    public const string Name = "Mail delivery, not in parallel";
}
