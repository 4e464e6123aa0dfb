using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;

namespace Workflows.Activities.Organisations.Administration;

/// <summary>The checks of account fields, shared by the single create and the Excel import.</summary>
public static partial class UserProblems
{
    public const int UserNameLength = 64;

    public static AdminProblem? UserName(string? userName, string field = "userName") =>
        string.IsNullOrWhiteSpace(userName) || userName.Trim().Length > UserNameLength || !UserNamePattern().IsMatch(userName.Trim())
            ? new AdminProblem("user.name", $"用户名须为 1 至 {UserNameLength} 个英文字母、数字或 . _ - @。",
                $"The user name must be 1 to {UserNameLength} letters, digits or . _ - @.", field)
            : null;

    public static AdminProblem? DisplayName(string? displayName, string field = "displayName") =>
        string.IsNullOrWhiteSpace(displayName) || displayName.Trim().Length > OrganisationLimits.NameLength || displayName.Any(char.IsControl)
            ? new AdminProblem("user.display-name", $"须填写姓名，不超过 {OrganisationLimits.NameLength} 字。",
                $"The display name is required, at most {OrganisationLimits.NameLength} characters.", field)
            : null;

    public static AdminProblem Taken(string userName, string field = "userName") =>
        new("user.taken", $"用户名「{userName}」已被使用。", $"The user name '{userName}' is taken.", field);

    /// <summary>An Identity refusal (password rules, user name rules) in both languages.</summary>
    public static AdminProblem FromIdentity(IdentityError error)
    {
        ArgumentNullException.ThrowIfNull(error);
        var chinese = error.Code switch
        {
            "PasswordTooShort" => "密码太短。",
            "PasswordRequiresDigit" => "密码须含数字。",
            "PasswordRequiresLower" => "密码须含小写字母。",
            "PasswordRequiresUpper" => "密码须含大写字母。",
            "PasswordRequiresNonAlphanumeric" => "密码须含符号。",
            "PasswordRequiresUniqueChars" => "密码中不同的字符太少。",
            "DuplicateUserName" => "用户名已被使用。",
            "InvalidUserName" => "用户名含不允许的字符。",
            _ => "账号不符合要求。",
        };
        return new AdminProblem("identity." + error.Code, chinese, error.Description, error.Code.StartsWith("Password", StringComparison.Ordinal) ? "password" : "userName");
    }

    [GeneratedRegex("^[A-Za-z0-9._@-]+$")]
    private static partial Regex UserNamePattern();
}
