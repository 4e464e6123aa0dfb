using System.Collections.Frozen;
using Microsoft.AspNetCore.Identity;

namespace Workflows.Activities.Identity;

/// <summary>
/// Refuses a password that is in the shipped list of common passwords (<c>common-passwords.txt</c>, compared without
/// regard to case). Identity's own rules (length ≥ <see cref="MinLength"/>, digits,
/// cases, symbols) run beside it.
/// </summary>
public sealed class CommonPasswordValidator : IPasswordValidator<WorkflowUser>
{
    /// <summary>The shortest password accepted (Identity's <c>RequiredLength</c>).</summary>
    public const int MinLength = 12;

    public const string CommonCode = "PasswordTooCommon";

    private static readonly Lazy<FrozenSet<string>> List = new(Load);

    /// <summary>How many passwords the list holds.</summary>
    public static int Count => List.Value.Count;

    /// <summary>Whether <paramref name="password"/> is in the list.</summary>
    public static bool IsCommon(string password) => List.Value.Contains(password);

    public Task<IdentityResult> ValidateAsync(UserManager<WorkflowUser> manager, WorkflowUser user, string? password)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (string.IsNullOrEmpty(password))
        {
            return Task.FromResult(IdentityResult.Success); // Identity's length rule answers
        }

        if (IsCommon(password))
        {
            return Task.FromResult(IdentityResult.Failed(new IdentityError
            {
                Code = CommonCode,
                Description = "这个密码太常见，容易被猜中，请换一个。 / This password is too common; choose another one.",
            }));
        }

        return Task.FromResult(IdentityResult.Success);
    }

    private static FrozenSet<string> Load()
    {
        using var stream = typeof(CommonPasswordValidator).Assembly.GetManifestResourceStream("Workflows.Activities.Identity.common-passwords.txt")
            ?? throw new InvalidOperationException("The list of common passwords is not in the assembly.");
        using var reader = new StreamReader(stream);
        var words = new List<string>();
        while (reader.ReadLine() is { } line)
        {
            if (line.Length > 0 && line[0] != '#')
            {
                words.Add(line.Trim());
            }
        }

        return words.ToFrozenSet(StringComparer.OrdinalIgnoreCase);
    }
}
