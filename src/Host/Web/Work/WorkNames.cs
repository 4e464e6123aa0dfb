using System.Collections.Concurrent;
using Microsoft.AspNetCore.Identity;
using Workflows.Activities.Identity;
using Workflows.Activities.Organisations;
using Workflows.Engine;
using Workflows.Engine.Persistence;
using Workflows.Host.Web.Localization;

namespace Workflows.Host.Web.Work;

/// <summary>A process the lists can be filtered by: its key and its (Chinese) name.</summary>
public sealed record ProcessChoice(string Key, string Name);

/// <summary>
/// The names the work pages show instead of identifiers: a process's name for its key, a person's display name for
/// the user name, an organisation's name for its path, "organisation · role" for a candidate group. These are
/// reference data, not anyone's work, so they are read from the services directly (the API serves the work itself).
/// Names are kept for the circuit (scoped); each look-up of a person uses its own scope, so that several components
/// may ask at once.
/// </summary>
public sealed class WorkNames(WorkflowEngine engine, OrganisationDirectory directory, IServiceScopeFactory scopes)
{
    private readonly ConcurrentDictionary<string, string> _people = new(StringComparer.Ordinal);
    private Task<IReadOnlyList<ProcessChoice>>? _processes;

    /// <summary>Every process key with the name of its newest version, in name order.</summary>
    public Task<IReadOnlyList<ProcessChoice>> ProcessesAsync() => _processes ??= LoadProcessesAsync();

    /// <summary>The process's name, or the key when it has none.</summary>
    public async Task<string> ProcessAsync(string? key)
    {
        if (string.IsNullOrEmpty(key))
        {
            return "";
        }

        var processes = await ProcessesAsync();
        return processes.FirstOrDefault(p => p.Key == key)?.Name ?? key;
    }

    /// <summary>The person's display name, or the user name when the account is unknown.</summary>
    public async Task<string> PersonAsync(string? userName)
    {
        if (string.IsNullOrEmpty(userName))
        {
            return "";
        }

        if (_people.TryGetValue(userName, out var known))
        {
            return known;
        }

        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<WorkflowUser>>();
        var user = await users.FindByNameAsync(userName);
        var name = user is { DisplayName.Length: > 0 } ? user.DisplayName : userName;
        _people[userName] = name;
        return name;
    }

    /// <summary>The names of several people, in the same order.</summary>
    public async Task<IReadOnlyList<string>> PeopleAsync(IEnumerable<string> userNames)
    {
        var names = new List<string>();
        foreach (var userName in userNames)
        {
            names.Add(await PersonAsync(userName));
        }

        return names;
    }

    /// <summary>The organisation's name, or the path when the directory does not know it.</summary>
    public string Organisation(string? path) => directory.Find(path)?.Name ?? path ?? "";

    /// <summary>True when the text is the path of a known organisation.</summary>
    public bool IsOrganisation(string? text) => text is ['/', ..] && directory.Find(text) is not null;

    /// <summary>A candidate group <c>role@path</c> as "organisation · role".</summary>
    public string Group(string group)
    {
        var at = group.IndexOf('@', StringComparison.Ordinal);
        return at <= 0 ? UiText.Role(group) : $"{Organisation(group[(at + 1)..])} · {UiText.Role(group[..at])}";
    }

    private async Task<IReadOnlyList<ProcessChoice>> LoadProcessesAsync()
    {
        var definitions = await engine.Store.ListDefinitionsAsync(null);
        return [.. definitions
            .GroupBy(d => d.Key, StringComparer.Ordinal)
            .Select(g => g.OrderByDescending(d => d.State != DefinitionState.Draft).ThenByDescending(d => d.Version ?? 0).ThenByDescending(d => d.CreatedAt).First())
            .Select(d => new ProcessChoice(d.Key, string.IsNullOrWhiteSpace(d.Name) ? d.Key : d.Name))
            .OrderBy(p => p.Name, StringComparer.Ordinal)];
    }
}
