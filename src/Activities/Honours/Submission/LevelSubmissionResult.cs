using Workflows.Activities.Honours.Rules;

namespace Workflows.Activities.Honours.Submission;

/// <summary>What a refusal is about.</summary>
public enum SubmissionProblemKind
{
    /// <summary>The batch itself (unknown or foreign nominations, wrong state, campaign not open, deadline passed …).</summary>
    Batch,

    /// <summary>A quota is exceeded.</summary>
    Quota,

    /// <summary>A composition rule fails.</summary>
    Composition,
}

/// <summary>
/// One reason a batch was refused: the rule or quota by name, the numbers (limit, actual, shortfall or excess, in
/// persons) and the Chinese sentence a user reads.
/// </summary>
public sealed record SubmissionProblem(
    SubmissionProblemKind Kind,
    string NameZh,
    string MessageZh,
    int? Limit = null,
    int? Actual = null,
    int? Shortfall = null,
    int? Excess = null,
    Guid? RuleId = null,
    Guid? NominationId = null)
{
    public static SubmissionProblem Of(QuotaLine line)
    {
        ArgumentNullException.ThrowIfNull(line);
        return new(SubmissionProblemKind.Quota, line.QuotaNameZh, line.MessageZh, line.Quota, line.Used, null, line.Excess, line.QuotaId);
    }

    public static SubmissionProblem Of(CompositionLine line)
    {
        ArgumentNullException.ThrowIfNull(line);
        return new(SubmissionProblemKind.Composition, line.RuleNameZh, line.MessageZh, line.Required, line.Actual,
            line.Shortfall > 0 ? line.Shortfall : null, line.Excess > 0 ? line.Excess : null, line.RuleId);
    }
}

/// <summary>
/// The answer to a level's batch: accepted (the nominations now sit at <see cref="NextLevelPath"/>) or refused with
/// every failing rule in <see cref="Problems"/> (nothing changed). <see cref="MessageZh"/> says it in one text.
/// </summary>
public sealed record LevelSubmissionResult(
    bool Accepted,
    Guid CampaignId,
    string UnitPath,
    string UnitName,
    string? NextLevelPath,
    string? NextLevelName,
    Guid? SubmissionId,
    int BatchSize,
    int ListSize,
    QuotaCheckResult? Quota,
    CompositionCheckResult? Composition,
    IReadOnlyList<SubmissionProblem> Problems)
{
    /// <summary>One text for the user: what was passed on, or every reason for the refusal, numbered.</summary>
    public string MessageZh => Accepted
        ? $"{UnitName}已向{NextLevelName}报送 {BatchSize} 名（名单累计 {ListSize} 名）。"
        : $"{UnitName}的名单未能报送，共 {Problems.Count} 项不符合要求：\n"
          + string.Join("\n", Problems.Select((p, i) => $"{i + 1}. {p.MessageZh}"));
}
