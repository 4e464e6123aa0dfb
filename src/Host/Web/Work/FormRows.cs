using System.Text.Json;
using Workflows.Host.Web.Localization;

namespace Workflows.Host.Web.Work;

/// <summary>One line of the read-only form: the field's name and its value as text.</summary>
public sealed record FormRow(string Name, string Label, string Value);

/// <summary>
/// The read-only form of a task or instance: the instance's variables with their Chinese names. Objects (a vote's
/// tally, shown by its own card) and the engine's bookkeeping are left out; the initiator is shown by name.
/// </summary>
public static class FormRows
{
    /// <summary>Variables the engine and the votes keep for themselves.</summary>
    private static readonly HashSet<string> Hidden = new(StringComparer.Ordinal)
    {
        "vote", "voteTally", "committeeTally", "loopCounter", "nrOfInstances", "nrOfActiveInstances", "nrOfCompletedInstances",
    };

    public static async Task<IReadOnlyList<FormRow>> OfAsync(IReadOnlyDictionary<string, object?> variables, WorkNames names)
    {
        var rows = new List<FormRow>();
        foreach (var (name, raw) in variables.OrderBy(v => Order(v.Key)).ThenBy(v => v.Key, StringComparer.Ordinal))
        {
            if (Hidden.Contains(name) || name.EndsWith("Tally", StringComparison.Ordinal) || raw is not JsonElement value || value.ValueKind == JsonValueKind.Object)
            {
                continue;
            }

            var text = name == "initiator" && value.ValueKind == JsonValueKind.String
                ? await names.PersonAsync(value.GetString())
                : WorkFormat.Value(value, names.Organisation);
            rows.Add(new FormRow(name, UiText.Variable(name) ?? name, text));
        }

        return rows;
    }

    /// <summary>Who and where first, then the named fields, then the rest.</summary>
    private static int Order(string name) => name switch
    {
        "initiator" => 0,
        "initiatorOrg" => 1,
        _ when UiText.Variable(name) is not null => 2,
        _ => 3,
    };
}
