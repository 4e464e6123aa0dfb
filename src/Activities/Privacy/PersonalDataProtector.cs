using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;

namespace Workflows.Activities.Privacy;

/// <summary>
/// Seals personal data (个人信息: a nominee's ID number, an objector's name and contact) for storage and opens it for
/// a reveal, with an ASP.NET Core Data Protection protector bound to the purpose <see cref="Purpose"/> (authenticated
/// encryption, AES-256-CBC + HMAC-SHA-256 by default, under the key ring the host shares with its sign-in: rotated every
/// 90 days, old keys kept to open old values). A sealed value starts with <see cref="Prefix"/>, so that a start-up pass
/// can tell sealed from clear values (<see cref="IsSealed"/>) and seal each once.
/// <para>
/// Where the key lives: the key ring is in the database (table <c>data_protection_keys</c>), next to the data, so in
/// production the ring itself must be encrypted at rest by a key that is not in the database (a certificate or a key
/// from configuration, the host's key encryptor); a database dump then holds neither the clear values nor a usable key.
/// Losing the ring makes the sealed values unreadable: back it up with the certificate, apart from the database.
/// </para>
/// Thread-safe.
/// </summary>
public sealed class PersonalDataProtector
{
    /// <summary>The data-protection purpose of personal data (a different purpose cannot open these values).</summary>
    public const string Purpose = "Workflows.PersonalData.v1";

    /// <summary>What a sealed value starts with.</summary>
    public const string Prefix = "pd1:";

    /// <summary>The longest sealed value of a 200-character text (a column size).</summary>
    public const int SealedLength = 1200;

    private readonly IDataProtector _protector;

    public PersonalDataProtector(IDataProtectionProvider provider)
    {
        ArgumentNullException.ThrowIfNull(provider);
        _protector = provider.CreateProtector(Purpose);
    }

    /// <summary>
    /// A protector with a key ring of its own that lives as long as the process (tests and tools; values sealed by it
    /// cannot be opened after a restart).
    /// </summary>
    public static PersonalDataProtector Ephemeral() => new(new EphemeralDataProtectionProvider());

    /// <summary>True when <paramref name="value"/> is a sealed value (or empty: nothing to seal).</summary>
    public static bool IsSealed(string? value) => string.IsNullOrEmpty(value) || value.StartsWith(Prefix, StringComparison.Ordinal);

    /// <summary>The sealed form of <paramref name="clear"/>; an empty text stays empty; a sealed one is returned as is.</summary>
    public string Seal(string? clear)
    {
        if (string.IsNullOrEmpty(clear) || IsSealed(clear))
        {
            return clear ?? "";
        }

        return Prefix + _protector.Protect(clear);
    }

    /// <summary>The clear text of a sealed value; empty for an empty one (erased data).</summary>
    /// <exception cref="CryptographicException">The value was not sealed by this key ring and purpose, or was changed.</exception>
    public string Open(string? sealedValue)
    {
        if (string.IsNullOrEmpty(sealedValue))
        {
            return "";
        }

        if (!sealedValue.StartsWith(Prefix, StringComparison.Ordinal))
        {
            throw new CryptographicException("The value is not sealed personal data.");
        }

        return _protector.Unprotect(sealedValue[Prefix.Length..]);
    }
}
