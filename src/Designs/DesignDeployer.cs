using Workflows.Engine;
using Workflows.Engine.Persistence;
using Workflows.Engine.Runtime;

namespace Workflows.Designs;

/// <summary>What <see cref="DesignDeployer"/> did with one design.</summary>
public enum DesignDeploymentOutcome
{
    /// <summary>The content was new: it is now the newest published version of its key.</summary>
    Published,

    /// <summary>A version with this content exists already (published, or retired on purpose): nothing changed.</summary>
    Unchanged,
}

/// <summary>One design after <see cref="DesignDeployer.DeployAsync(WorkflowEngine, string, string, CancellationToken)"/>: the version that holds its content.</summary>
public sealed record DesignDeployment(string Key, Guid DefinitionId, int Version, DefinitionState State, DesignDeploymentOutcome Outcome);

/// <summary>
/// Deploys and publishes the shipped designs at start-up, once per content:
/// <code>
/// await DesignDeployer.DeployAllAsync(engine);
/// </code>
/// A design is deployed only when no version of its key carries the same content hash (the engine's SHA-256 of the
/// XML). So a restart changes nothing; a new build with a changed file publishes one new version (running
/// instances keep theirs); a version an administrator published in the designer is not overridden at the next
/// restart by the unchanged shipped file, and a shipped version an administrator retired is not published again.
/// </summary>
/// <remarks>
/// Several nodes may start at once on one database. The engine itself accepts the same XML twice (two drafts, two
/// versions), so the deployer settles the race: a draft left with the same content (a node stopped between deploy
/// and publish) is published instead of deploying another, and when two nodes published the same content at the
/// same moment, the node holding the higher version retires it, leaving the lower one as the single published
/// version of that content.
/// </remarks>
public static class DesignDeployer
{
    private const int MaxAttempts = 5;

    /// <summary>Deploys every design of <see cref="DesignCatalog.All"/> whose content is new; see the class summary.</summary>
    /// <exception cref="Workflows.Engine.Parsing.BpmnValidationException">A design does not validate on this engine (for example an activity type that is not registered).</exception>
    public static async Task<IReadOnlyList<DesignDeployment>> DeployAllAsync(WorkflowEngine engine, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(engine);
        var result = new List<DesignDeployment>(DesignCatalog.All.Count);
        foreach (var design in DesignCatalog.All)
        {
            result.Add(await DeployAsync(engine, design.Key, design.Xml, ct).ConfigureAwait(false));
        }

        return result;
    }

    /// <summary>Deploys and publishes the process <paramref name="key"/> of <paramref name="xml"/> unless a version of the key has this content already.</summary>
    public static async Task<DesignDeployment> DeployAsync(WorkflowEngine engine, string key, string xml, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentException.ThrowIfNullOrWhiteSpace(key);
        ArgumentNullException.ThrowIfNull(xml);
        var hash = ProcessDesign.ContentHashOf(xml);
        for (var attempt = 1; ; attempt++)
        {
            var versions = await engine.Store.ListDefinitionsAsync(key, ct).ConfigureAwait(false);
            if (Holder(versions, hash) is { } existing)
            {
                return Result(existing, DesignDeploymentOutcome.Unchanged);
            }

            var draft = versions
                .Where(d => d.State == DefinitionState.Draft && d.ContentHash == hash)
                .OrderBy(d => d.CreatedAt).ThenBy(d => d.Id)
                .FirstOrDefault()
                ?? await DeployDraftAsync(engine, key, xml, ct).ConfigureAwait(false);

            DefinitionRecord published;
            try
            {
                published = await engine.PublishAsync(draft.Id, ct).ConfigureAwait(false);
            }
            catch (WorkflowException ex) when (ex.Kind == WorkflowErrorKind.Conflict && attempt < MaxAttempts)
            {
                continue; // another node published (or retired) this draft first: look again
            }

            var holder = Holder(await engine.Store.ListDefinitionsAsync(key, ct).ConfigureAwait(false), hash)!;
            if (holder.Id == published.Id)
            {
                return Result(published, DesignDeploymentOutcome.Published);
            }

            // Another node published the same content as a lower version at the same moment: keep one.
            await engine.RetireAsync(published.Id, ct).ConfigureAwait(false);
            return Result(holder, DesignDeploymentOutcome.Unchanged);
        }
    }

    /// <summary>The numbered version that holds the content: the lowest published or retired version with this hash.</summary>
    private static DefinitionRecord? Holder(IReadOnlyList<DefinitionRecord> versions, string hash) =>
        versions
            .Where(d => d.State != DefinitionState.Draft && d.Version is not null && d.ContentHash == hash)
            .OrderBy(d => d.Version)
            .FirstOrDefault();

    private static async Task<DefinitionRecord> DeployDraftAsync(WorkflowEngine engine, string key, string xml, CancellationToken ct)
    {
        var read = engine.Validate(xml);
        if (read.IsValid && !read.Processes.Any(p => p.Key == key))
        {
            throw new InvalidOperationException(
                $"The design file for '{key}' holds no executable process with that id (it holds: {string.Join(", ", read.Processes.Select(p => p.Key))}).");
        }

        var drafts = await engine.DeployAsync(xml, ct).ConfigureAwait(false); // an invalid file throws here, listing its problems
        return drafts.First(d => d.Key == key);
    }

    private static DesignDeployment Result(DefinitionRecord definition, DesignDeploymentOutcome outcome) =>
        new(definition.Key, definition.Id, definition.Version ?? 0, definition.State, outcome);
}
