using System.Data.Common;
using Workflows.Engine;
using Workflows.Engine.Persistence;
using Workflows.Host.Mail;
using Workflows.Host.Scheduling;

namespace Workflows.Host.Configuration;

/// <summary>
/// The <c>Workflows</c> section of the configuration (root <c>appsettings.json</c>, overridable by environment
/// variables such as <c>Workflows__Database__Provider=PostgreSql</c> or by command-line arguments).
/// </summary>
public sealed class WorkflowsSettings
{
    public const string SectionName = "Workflows";
    public const string DefaultUrls = "http://127.0.0.1:5080";
    public const string DefaultConnectionString = "Data Source=data/workflows.db";

    public DatabaseSettings Database { get; set; } = new();
    public BpmnSettings Bpmn { get; set; } = new();
    public ExpressionSettings Expressions { get; set; } = new();
    public EngineSettings Engine { get; set; } = new();

    /// <summary>Bounds on the variables of a request and of an instance (<c>Workflows:Variables</c>).</summary>
    public VariableSettings Variables { get; set; } = new();

    /// <summary>How the keys of cookies and bearer tokens are protected at rest (<c>Workflows:DataProtection</c>).</summary>
    public DataProtectionSettings DataProtection { get; set; } = new();

    /// <summary>Hangfire and the reconciler of job rows (<c>Workflows:Scheduler</c>, see <see cref="SchedulerSettings"/>).</summary>
    public SchedulerSettings Scheduler { get; set; } = new();

    /// <summary>Mail: SMTP or <c>.eml</c> files, retries, sender (<c>Workflows:Mail</c>, see <see cref="MailSettings"/>).</summary>
    public MailSettings Mail { get; set; } = new();

    // ---- Identity (src/Host/Identity) ----

    /// <summary>Demo data (<c>Workflows:Seed</c>): on in the embedded default <c>appsettings.json</c>, off in production.</summary>
    public SeedSettings Seed { get; set; } = new();

    /// <summary>
    /// Where the server listens; several URLs are separated by <c>;</c>. Any address once every endpoint requires a
    /// sign-in; a non-loopback address is refused while the demo accounts (published passwords) are seeded, unless
    /// <see cref="AllowRemote"/> (see <see cref="ListenAddresses.Refusal"/>).
    /// </summary>
    public string? Urls { get; set; }

    /// <summary>
    /// Allows binding a non-loopback address even with <see cref="SeedSettings.Demo"/> on, whose accounts have
    /// passwords printed in the README (a demonstration on a trusted network). Not needed otherwise.
    /// </summary>
    public bool AllowRemote { get; set; }

    /// <summary>Reads the section, applying the defaults for missing keys and checking the values.</summary>
    public static WorkflowsSettings From(IConfiguration configuration)
    {
        var settings = new WorkflowsSettings();
        configuration.GetSection(SectionName).Bind(settings);
        settings.Validate();
        return settings;
    }

    /// <summary>The largest request body in bytes: twice the character limit (Chinese text takes 3 bytes a character in UTF-8, markup 1) plus 64 KiB.</summary>
    public long MaxRequestBodyBytes => checked((Bpmn.MaxDocumentCharacters * 2) + (64 * 1024));

    public WorkflowStoreOptions ToStoreOptions() => new()
    {
        Provider = Database.Provider,
        ConnectionString = string.IsNullOrWhiteSpace(Database.ConnectionString)
            ? (Database.Provider == WorkflowStoreProvider.Sqlite ? DefaultConnectionString : "")
            : Database.ConnectionString,
    };

    public WorkflowEngineOptions ToEngineOptions()
    {
        var options = new WorkflowEngineOptions { MaxStepsPerCommand = Engine.MaxStepsPerCommand };
        options.Bpmn.MaxDocumentCharacters = Bpmn.MaxDocumentCharacters;
        options.Bpmn.MaxNestingDepth = Bpmn.MaxNestingDepth;
        options.Bpmn.MaxElements = Bpmn.MaxElements;
        options.Expressions.Timeout = TimeSpan.FromSeconds(Expressions.TimeoutSeconds);
        options.Variables.MaxCount = Variables.MaxCount;
        options.Variables.MaxInstanceJsonBytes = Variables.MaxInstanceJsonBytes;
        return options;
    }

    private void Validate()
    {
        if (Bpmn.MaxDocumentCharacters is < 1024 or > 1024L * 1024 * 1024)
        {
            throw new InvalidOperationException($"Workflows:Bpmn:MaxDocumentCharacters is {Bpmn.MaxDocumentCharacters}; it must be between 1024 and 1073741824.");
        }

        if (Bpmn.MaxNestingDepth is < 10 or > 10_000 || Bpmn.MaxElements is < 100 or > 10_000_000)
        {
            throw new InvalidOperationException($"Workflows:Bpmn:MaxNestingDepth is {Bpmn.MaxNestingDepth} and MaxElements {Bpmn.MaxElements}; the depth must be between 10 and 10000, the elements between 100 and 10000000.");
        }

        if (Variables.MaxCount < 10 || Variables.MaxRequestJsonBytes < 1024 || Variables.MaxInstanceJsonBytes < Variables.MaxRequestJsonBytes)
        {
            throw new InvalidOperationException($"Workflows:Variables: MaxCount is {Variables.MaxCount} (at least 10), MaxRequestJsonBytes {Variables.MaxRequestJsonBytes} (at least 1024), MaxInstanceJsonBytes {Variables.MaxInstanceJsonBytes} (at least MaxRequestJsonBytes).");
        }

        if (Expressions.TimeoutSeconds is <= 0 or > 3600)
        {
            throw new InvalidOperationException($"Workflows:Expressions:TimeoutSeconds is {Expressions.TimeoutSeconds}; it must be more than 0 and at most 3600.");
        }

        if (Engine.MaxStepsPerCommand < 1)
        {
            throw new InvalidOperationException($"Workflows:Engine:MaxStepsPerCommand is {Engine.MaxStepsPerCommand}; it must be at least 1.");
        }

        if (Database.Provider == WorkflowStoreProvider.PostgreSql && string.IsNullOrWhiteSpace(Database.ConnectionString))
        {
            throw new InvalidOperationException("Workflows:Database:Provider is PostgreSql but Workflows:Database:ConnectionString is empty. Set it, e.g. Host=localhost;Database=workflows;Username=…;Password=….");
        }

        Scheduler.Validate(Database);
        Mail.Validate();
    }

    /// <summary>Creates the folder of a SQLite database file (e.g. <c>data/</c> for <c>Data Source=data/workflows.db</c>).</summary>
    public static void EnsureSqliteDirectory(WorkflowStoreOptions options)
    {
        if (options.Provider != WorkflowStoreProvider.Sqlite)
        {
            return;
        }

        var builder = new DbConnectionStringBuilder { ConnectionString = options.ConnectionString };
        string? source = null;
        foreach (var key in new[] { "Data Source", "DataSource", "Filename" })
        {
            if (builder.TryGetValue(key, out var value) && value is string s && !string.IsNullOrWhiteSpace(s))
            {
                source = s;
                break;
            }
        }

        if (source is null || source == ":memory:" || source.StartsWith("file:", StringComparison.OrdinalIgnoreCase)
            || (builder.TryGetValue("Mode", out var mode) && string.Equals(mode as string, "Memory", StringComparison.OrdinalIgnoreCase)))
        {
            return;
        }

        var directory = Path.GetDirectoryName(Path.GetFullPath(source));
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }
    }
}

/// <summary>The <c>Workflows:Seed</c> section.</summary>
public sealed class SeedSettings
{
    public const string DefaultAdminUserName = "admin";

    /// <summary>
    /// Seeds the demo organisations and sign-ins (README, "Demo accounts") at start-up; idempotent. Off unless set:
    /// a production configuration leaves it out (or false) and gets no demo users.
    /// </summary>
    public bool Demo { get; set; }

    /// <summary>
    /// The password of the first administrator of a database without one (production's first start, see
    /// <see cref="Identity.FirstAdministrator"/>); ignored once an administrator exists. Pass it as an environment
    /// variable (<c>Workflows__Seed__AdminPassword</c>) for the first start, then remove it.
    /// </summary>
    public string? AdminPassword { get; set; }

    /// <summary>The user name of that first administrator (<see cref="DefaultAdminUserName"/> unless set).</summary>
    public string AdminUserName { get; set; } = DefaultAdminUserName;
}

public sealed class DatabaseSettings
{
    /// <summary>Sqlite (default), PostgreSql or InMemory.</summary>
    public WorkflowStoreProvider Provider { get; set; } = WorkflowStoreProvider.Sqlite;
    public string? ConnectionString { get; set; } = WorkflowsSettings.DefaultConnectionString;
}

public sealed class BpmnSettings
{
    /// <summary>Largest BPMN document accepted, in characters (10 MB).</summary>
    public long MaxDocumentCharacters { get; set; } = 10 * 1024 * 1024;

    /// <summary>Deepest element nesting accepted (see <see cref="Engine.Parsing.BpmnLimits"/>).</summary>
    public int MaxNestingDepth { get; set; } = Engine.Parsing.BpmnLimits.DefaultMaxNestingDepth;

    /// <summary>Most elements accepted in one document.</summary>
    public int MaxElements { get; set; } = Engine.Parsing.BpmnLimits.DefaultMaxElements;
}

public sealed class ExpressionSettings
{
    /// <summary>Wall-clock limit of one expression or script evaluation.</summary>
    public double TimeoutSeconds { get; set; } = 2;
}

public sealed class EngineSettings
{
    /// <summary>Steps one command may run before it is stopped as a cycle without wait states.</summary>
    public int MaxStepsPerCommand { get; set; } = 10_000;
}

/// <summary>The <c>Workflows:Variables</c> section: bounds checked at the API (each request) and in the engine (each instance).</summary>
public sealed class VariableSettings
{
    /// <summary>Most variables of one request, and of one instance in all its scopes.</summary>
    public int MaxCount { get; set; } = Engine.Runtime.VariableLimits.DefaultMaxCount;

    /// <summary>Largest variables of one request, in UTF-8 bytes of their JSON (names and values).</summary>
    public int MaxRequestJsonBytes { get; set; } = 1024 * 1024;

    /// <summary>Largest stored state of one instance (its variables and executions), in UTF-8 bytes of JSON.</summary>
    public int MaxInstanceJsonBytes { get; set; } = Engine.Runtime.VariableLimits.DefaultMaxInstanceJsonBytes;
}

/// <summary>
/// The <c>Workflows:DataProtection</c> section: a PKCS#12 certificate (with its private key) that encrypts the
/// data-protection keys in the database. Without one the keys are stored as plain XML (the embedded default, warned
/// at start-up): a generated key file beside the database would protect nothing against whoever copies the data
/// folder, and every node of a cluster must be able to read the keys.
/// </summary>
public sealed class DataProtectionSettings
{
    /// <summary>The <c>.pfx</c> file; empty: keys unencrypted.</summary>
    public string? CertificatePath { get; set; }

    /// <summary>Its password (pass it as <c>Workflows__DataProtection__CertificatePassword</c>, not in a file).</summary>
    public string? CertificatePassword { get; set; }

    /// <summary>The certificate, or null when none is configured.</summary>
    public System.Security.Cryptography.X509Certificates.X509Certificate2? Certificate()
    {
        if (string.IsNullOrWhiteSpace(CertificatePath))
        {
            return null;
        }

        if (!File.Exists(CertificatePath))
        {
            throw new InvalidOperationException($"Workflows:DataProtection:CertificatePath is '{CertificatePath}', which does not exist.");
        }

        var certificate = System.Security.Cryptography.X509Certificates.X509CertificateLoader.LoadPkcs12FromFile(CertificatePath, CertificatePassword);
        return certificate.HasPrivateKey
            ? certificate
            : throw new InvalidOperationException($"The certificate {CertificatePath} (Workflows:DataProtection:CertificatePath) has no private key; export it with its key as .pfx.");
    }
}
