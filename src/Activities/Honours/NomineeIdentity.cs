using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Workflows.Activities.Honours;

/// <summary>
/// Checks, hashes and masks the identifiers of nominees: the 18-character resident ID number of a person
/// (GB 11643, with its check character), the 18-character unified social credit code of a unit (GB 32100, with its
/// check character), and for a team its organisation path and name. The hash is an HMAC-SHA-256 under a key of the
/// deployment (configuration <c>Workflows:Honours:IdentifierKey</c>), so the table cannot be reversed by trying all
/// ID numbers without the key.
/// </summary>
public sealed class NomineeIdentity
{
    /// <summary>The key used when the configuration gives none (development and tests only).</summary>
    public const string DevelopmentKey = "gd-honours-development-identifier-key";

    private static readonly int[] IdWeights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    private const string IdCheckCharacters = "10X98765432";
    private const string CreditCodeCharacters = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    private static readonly int[] CreditCodeWeights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

    private static readonly System.Buffers.SearchValues<char> Digits = System.Buffers.SearchValues.Create("0123456789");

    private readonly byte[] _key;

    public NomineeIdentity(string? key = null)
    {
        _key = Encoding.UTF8.GetBytes(string.IsNullOrWhiteSpace(key) ? DevelopmentKey : key);
    }

    /// <summary>The normalised identifier (upper case, trimmed), or a Chinese problem when it is not valid for <paramref name="kind"/>.</summary>
    public static (string? Normalised, string? Problem) Check(NomineeKind kind, string? identifier, string? organisationPath = null, string? name = null)
    {
        switch (kind)
        {
            case NomineeKind.Individual:
            {
                var id = (identifier ?? "").Trim().ToUpperInvariant();
                return IsValidIdNumber(id) ? (id, null) : (null, "「身份证号码」不是有效的18位居民身份证号码（请核对出生日期和末位校验码）。");
            }

            case NomineeKind.Unit:
            {
                var code = (identifier ?? "").Trim().ToUpperInvariant();
                return IsValidCreditCode(code) ? (code, null) : (null, "「统一社会信用代码」不是有效的18位代码（请核对末位校验码）。");
            }

            default:
                return string.IsNullOrWhiteSpace(organisationPath) || string.IsNullOrWhiteSpace(name)
                    ? (null, "班组须填写「班组名称」和所属单位。")
                    : (organisationPath.Trim() + "#" + name.Trim(), null);
        }
    }

    /// <summary>The keyed hash of a normalised identifier of <paramref name="kind"/>, lowercase hex.</summary>
    public string Hash(NomineeKind kind, string normalised)
    {
        ArgumentNullException.ThrowIfNull(normalised);
        var data = Encoding.UTF8.GetBytes(kind.ToString() + ":" + normalised);
        return Convert.ToHexStringLower(HMACSHA256.HashData(_key, data));
    }

    /// <summary>The identifier as shown to users: the first 4 and last 4 characters of an ID number or code; a team's name as is.</summary>
    public static string Mask(NomineeKind kind, string normalised)
    {
        ArgumentNullException.ThrowIfNull(normalised);
        if (kind == NomineeKind.Team || normalised.Length <= 8)
        {
            var name = normalised[(normalised.IndexOf('#', StringComparison.Ordinal) + 1)..];
            return name.Length > HonoursLimits.MaskedLength ? name[..HonoursLimits.MaskedLength] : name;
        }

        return normalised[..4] + new string('*', normalised.Length - 8) + normalised[^4..];
    }

    /// <summary>True for an 18-character ID number with a real birth date and the right check character.</summary>
    public static bool IsValidIdNumber(string id)
    {
        if (id is not { Length: 18 } || id.AsSpan(0, 17).ContainsAnyExcept(Digits) || BirthDate(id) is null)
        {
            return false;
        }

        var sum = 0;
        for (var i = 0; i < 17; i++)
        {
            sum += (id[i] - '0') * IdWeights[i];
        }

        return IdCheckCharacters[sum % 11] == id[17];
    }

    /// <summary>The check character (0–9 or X) of the first 17 digits of an ID number (for building test data).</summary>
    public static char IdCheckCharacter(string first17)
    {
        ArgumentNullException.ThrowIfNull(first17);
        var sum = 0;
        for (var i = 0; i < 17; i++)
        {
            sum += (first17[i] - '0') * IdWeights[i];
        }

        return IdCheckCharacters[sum % 11];
    }

    /// <summary>The birth date in an ID number (characters 7–14), or null.</summary>
    public static DateOnly? BirthDate(string id) =>
        id is { Length: 18 } && DateOnly.TryParseExact(id.AsSpan(6, 8), "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? date
            : null;

    /// <summary>The gender in an ID number (character 17: odd male, even female).</summary>
    public static Gender GenderOf(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        return (id[16] - '0') % 2 == 1 ? Gender.Male : Gender.Female;
    }

    /// <summary>True for an 18-character unified social credit code with the right check character.</summary>
    public static bool IsValidCreditCode(string code)
    {
        if (code is not { Length: 18 })
        {
            return false;
        }

        var sum = 0;
        for (var i = 0; i < 17; i++)
        {
            var value = CreditCodeCharacters.IndexOf(code[i], StringComparison.Ordinal);
            if (value < 0)
            {
                return false;
            }

            sum += value * CreditCodeWeights[i];
        }

        var check = (31 - (sum % 31)) % 31;
        return CreditCodeCharacters[check] == code[17];
    }

    /// <summary>The check character of the first 17 characters of a credit code (for building test data).</summary>
    public static char CreditCodeCheckCharacter(string first17)
    {
        ArgumentNullException.ThrowIfNull(first17);
        var sum = 0;
        for (var i = 0; i < 17; i++)
        {
            sum += CreditCodeCharacters.IndexOf(first17[i], StringComparison.Ordinal) * CreditCodeWeights[i];
        }

        return CreditCodeCharacters[(31 - (sum % 31)) % 31];
    }
}
