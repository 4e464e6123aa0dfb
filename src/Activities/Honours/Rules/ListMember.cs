namespace Workflows.Activities.Honours.Rules;

/// <summary>A nominee on a level's list, as quotas and composition rules count it.</summary>
public sealed record ListMember(Guid NominationId, Guid NomineeId, string NomineeName, NomineeCategories Categories)
{
    /// <summary>The member of a nomination with its nominee loaded.</summary>
    public static ListMember Of(Nomination nomination)
    {
        ArgumentNullException.ThrowIfNull(nomination);
        var nominee = nomination.Nominee ?? throw new InvalidOperationException("The nomination's nominee is not loaded.");
        return new ListMember(nomination.Id, nominee.Id, nominee.Name, nominee.AllCategories);
    }

    /// <summary>True when the member has any of <paramref name="categories"/>; every member when None.</summary>
    public bool CountsIn(NomineeCategories categories) =>
        categories == NomineeCategories.None || (Categories & categories) != 0;
}
