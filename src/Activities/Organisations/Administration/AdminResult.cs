namespace Workflows.Activities.Organisations.Administration;

/// <summary>How an administrative use case ended; the host maps it to an HTTP status.</summary>
public enum AdminOutcome
{
    /// <summary>Done (200/201).</summary>
    Ok,

    /// <summary>The input has problems (422); nothing was changed.</summary>
    Invalid,

    /// <summary>The organisation or account does not exist (404).</summary>
    NotFound,

    /// <summary>Outside the administrator's part of the tree (403).</summary>
    Forbidden,

    /// <summary>The current state does not allow it (409): a taken code, open children, open work …</summary>
    Conflict,
}

/// <summary>
/// One problem of an administrative request: a machine code, a Chinese and an English sentence, and the field (or, in
/// an import, the sheet column) it is about. A row of an import names its sheet and row number (1 = the header row).
/// </summary>
public sealed record AdminProblem(string Code, string Chinese, string English, string? Field = null, string? Sheet = null, int? Row = null);

/// <summary>The typed result of an administrative use case: the value when <see cref="Outcome"/> is Ok, else the problems.</summary>
public sealed record AdminResult<T>(AdminOutcome Outcome, T? Value, IReadOnlyList<AdminProblem> Problems)
{
    public bool IsOk => Outcome == AdminOutcome.Ok;

    public static AdminResult<T> Ok(T value) => new(AdminOutcome.Ok, value, []);

    public static AdminResult<T> Fail(AdminOutcome outcome, AdminProblem problem) => new(outcome, default, [problem]);

    public static AdminResult<T> Fail(AdminOutcome outcome, IReadOnlyList<AdminProblem> problems) => new(outcome, default, problems);

    /// <summary>The same failure as a result of another type.</summary>
    public AdminResult<TOther> As<TOther>() => new(Outcome, default, Problems);
}

/// <summary>The problems the use cases share.</summary>
internal static class AdminProblems
{
    public static AdminProblem OrganisationMissing(string what) =>
        new("organisation.missing", $"组织「{what}」不存在。", $"There is no organisation '{what}'.");

    public static AdminProblem UserMissing(string what) =>
        new("user.missing", $"账号「{what}」不存在。", $"There is no account '{what}'.");

    public static AdminProblem OutsideScope(string path) =>
        new("scope.outside", $"您只能管理本级及下级组织，「{path}」不在您的管理范围内。", $"'{path}' is outside the part of the tree you administer.");

    public static AdminProblem Closed(string path) =>
        new("organisation.closed", $"组织「{path}」已撤销，不能再添加下级、人员或角色。", $"The organisation '{path}' is closed: it takes no new children, people or roles.");
}
