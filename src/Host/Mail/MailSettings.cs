using System.Globalization;
using MimeKit;

namespace Workflows.Host.Mail;

/// <summary>How the connection to the SMTP server is secured (MailKit's <c>SecureSocketOptions</c>).</summary>
public enum MailSecurity
{
    /// <summary>Plain SMTP, no TLS (a relay on the same host or network, the test capture server).</summary>
    None,

    /// <summary>STARTTLS after connecting; refused if the server does not offer it (typically port 587).</summary>
    StartTls,

    /// <summary>TLS from the first byte (SMTPS, typically port 465).</summary>
    SslOnConnect,

    /// <summary>TLS on port 465, STARTTLS elsewhere when the server offers it.</summary>
    Auto,
}

/// <summary>
/// The <c>Workflows:Mail</c> section: how mail leaves the host. Mails are outbox rows written in the command's
/// transaction; the dispatcher sends them after the commit, retries with back-off and marks a mail failed after
/// <see cref="MaxAttempts"/>. Without <see cref="SmtpHost"/> (the embedded default) every mail is written as an
/// <c>.eml</c> file under <see cref="PickupDirectory"/>.
/// </summary>
public sealed class MailSettings
{
    public const string SectionName = "Workflows:Mail";
    public const string DefaultFromAddress = "noreply@honours.gdftu.local";
    public const string DefaultFromName = "广东省总工会荣誉评选系统";

    /// <summary>Runs the outbox dispatcher on this node (default). Off: this node writes outbox rows but sends nothing; other nodes do.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>The SMTP server; empty: mails are written as <c>.eml</c> files to <see cref="PickupDirectory"/>.</summary>
    public string? SmtpHost { get; set; }

    public int SmtpPort { get; set; } = 25;

    public MailSecurity Security { get; set; } = MailSecurity.None;

    /// <summary>Signs in to the SMTP server when set.</summary>
    public string? UserName { get; set; }

    public string? Password { get; set; }

    public string FromAddress { get; set; } = DefaultFromAddress;

    public string FromName { get; set; } = DefaultFromName;

    /// <summary>Where mails are written when there is no SMTP host (relative to the working directory).</summary>
    public string PickupDirectory { get; set; } = "data/outbox";

    /// <summary>Attempts of one mail before it is marked failed (and listed for administrators).</summary>
    public int MaxAttempts { get; set; } = 6;

    /// <summary>Delay after the first failed attempt; doubled after each further one (30 s, 1 min, 2 min, 4 min …).</summary>
    public double RetrySeconds { get; set; } = 30;

    /// <summary>Longest delay between two attempts.</summary>
    public double MaxRetrySeconds { get; set; } = 3600;

    /// <summary>How often each node looks for outbox rows due for dispatch (seconds).</summary>
    public double DispatchSeconds { get; set; } = 5;

    /// <summary>
    /// How long a node holds a claimed row before another node may take it over (seconds): covers the wait in
    /// Hangfire's queue and one send; a node that dies while holding rows delays them by at most this.
    /// </summary>
    public double ClaimSeconds { get; set; } = 300;

    /// <summary>Rows claimed per sweep at most (the next sweep goes on at once when a sweep was full).</summary>
    public int BatchSize { get; set; } = 100;

    /// <summary>Time limit of one SMTP conversation step (connect, authenticate, send).</summary>
    public double TimeoutSeconds { get; set; } = 30;

    /// <summary>
    /// Addresses of names the user directory does not resolve (users without an address, outside mailboxes, plain role
    /// names; see <see cref="IdentityRecipientResolver"/>): name → address, or several separated by commas,
    /// e.g. <c>"zhangsan": "张三 &lt;zhangsan@example.org&gt;"</c>, <c>"province-reviewer": "a@example.org, b@example.org"</c>.
    /// Recipients that are addresses themselves need no entry.
    /// </summary>
    public Dictionary<string, string> Directory { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>True when mails go to an SMTP server rather than to <see cref="PickupDirectory"/>.</summary>
    public bool UsesSmtp => !string.IsNullOrWhiteSpace(SmtpHost);

    /// <summary>The sender as a mailbox.</summary>
    public MailboxAddress From => new(FromName, FromAddress);

    /// <summary>Delay before the next attempt after <paramref name="failedAttempts"/> failed ones: RetrySeconds × 2^(n−1), at most MaxRetrySeconds.</summary>
    public TimeSpan RetryDelay(int failedAttempts)
    {
        var exponent = Math.Clamp(failedAttempts - 1, 0, 30);
        return TimeSpan.FromSeconds(Math.Min(MaxRetrySeconds, RetrySeconds * Math.Pow(2, exponent)));
    }

    /// <summary>Throws with a message naming the setting when a value is out of range.</summary>
    public void Validate()
    {
        static InvalidOperationException Bad(string key, object? value, string rule) =>
            new(string.Create(CultureInfo.InvariantCulture, $"{SectionName}:{key} is {value}; {rule}"));

        if (UsesSmtp && SmtpPort is < 1 or > 65535)
        {
            throw Bad(nameof(SmtpPort), SmtpPort, "it must be between 1 and 65535.");
        }

        if (!Enum.IsDefined(Security))
        {
            throw Bad(nameof(Security), Security, "use None, StartTls, SslOnConnect or Auto.");
        }

        if (!MailboxAddress.TryParse(FromAddress, out var from) || from.Address.IndexOf('@', StringComparison.Ordinal) <= 0)
        {
            throw Bad(nameof(FromAddress), FromAddress, "it must be an e-mail address such as noreply@example.org.");
        }

        if (!UsesSmtp && string.IsNullOrWhiteSpace(PickupDirectory))
        {
            throw new InvalidOperationException($"{SectionName}:SmtpHost and {SectionName}:PickupDirectory are both empty; set one of them.");
        }

        if (MaxAttempts is < 1 or > 100)
        {
            throw Bad(nameof(MaxAttempts), MaxAttempts, "it must be between 1 and 100.");
        }

        if (RetrySeconds is <= 0 or > 86_400 || double.IsNaN(RetrySeconds))
        {
            throw Bad(nameof(RetrySeconds), RetrySeconds, "it must be more than 0 and at most 86400.");
        }

        if (MaxRetrySeconds < RetrySeconds || MaxRetrySeconds > 7 * 86_400 || double.IsNaN(MaxRetrySeconds))
        {
            throw Bad(nameof(MaxRetrySeconds), MaxRetrySeconds, $"it must be at least RetrySeconds ({RetrySeconds}) and at most 604800.");
        }

        if (DispatchSeconds is < 0.05 or > 3600 || double.IsNaN(DispatchSeconds))
        {
            throw Bad(nameof(DispatchSeconds), DispatchSeconds, "it must be between 0.05 and 3600.");
        }

        if (TimeoutSeconds is < 1 or > 600 || double.IsNaN(TimeoutSeconds))
        {
            throw Bad(nameof(TimeoutSeconds), TimeoutSeconds, "it must be between 1 and 600.");
        }

        if (ClaimSeconds < (3 * TimeoutSeconds) + 1 || ClaimSeconds > 86_400 || double.IsNaN(ClaimSeconds))
        {
            throw Bad(nameof(ClaimSeconds), ClaimSeconds, $"it must cover one send (at least 3 × TimeoutSeconds + 1 = {(3 * TimeoutSeconds) + 1}) and be at most 86400.");
        }

        if (BatchSize is < 1 or > 10_000)
        {
            throw Bad(nameof(BatchSize), BatchSize, "it must be between 1 and 10000.");
        }
    }
}
