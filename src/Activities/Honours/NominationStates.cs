namespace Workflows.Activities.Honours;

/// <summary>The Chinese names of nomination states and the moves between them that reviewers may make.</summary>
public static class NominationStates
{
    /// <summary>草稿, 已报送, 退回补正 …</summary>
    public static string Zh(NominationState state) => state switch
    {
        NominationState.Draft => "草稿",
        NominationState.Submitted => "已报送",
        NominationState.Returned => "退回补正",
        NominationState.UnderReview => "审核中",
        NominationState.Approved => "已审定",
        NominationState.Rejected => "未通过",
        NominationState.Withdrawn => "已撤回",
        NominationState.Published => "已表彰",
        _ => state.ToString(),
    };

    /// <summary>
    /// True when a nomination may move from <paramref name="from"/> to <paramref name="to"/> by a review decision:
    /// return (退回) and reject while under way; take back (撤回) before a decision; review and approve in order.
    /// Passing on to the next level is <c>LevelSubmissionService</c>'s; publishing is the decision's.
    /// </summary>
    public static bool CanMove(NominationState from, NominationState to) => (from, to) switch
    {
        (NominationState.Submitted or NominationState.UnderReview, NominationState.Returned) => true,
        (NominationState.Draft or NominationState.Returned or NominationState.Submitted, NominationState.Withdrawn) => true,
        (NominationState.Submitted, NominationState.UnderReview) => true,
        (NominationState.Submitted or NominationState.UnderReview, NominationState.Approved) => true,
        (NominationState.Submitted or NominationState.UnderReview or NominationState.Approved, NominationState.Rejected) => true,
        _ => false,
    };
}
