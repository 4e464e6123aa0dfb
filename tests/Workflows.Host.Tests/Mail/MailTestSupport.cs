using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using Npgsql;
using Workflows.Engine.Persistence;

namespace Workflows.Host.Tests.Mail;

// -------------------------------------------------------------------------------------------------------------
// Real SMTP servers for the mail tests: Debian's python3-aiosmtpd storing every message it receives in a Maildir.
//
// - The shared capture server of scripts/test.sh: WORKFLOWS_TEST_SMTP_HOST, WORKFLOWS_TEST_SMTP_PORT and
//   WORKFLOWS_TEST_MAILDIR. Without them the tests FAIL (they are never skipped): run scripts/test.sh, or
//   `scripts/test.sh --setup-only` and export what it prints.
// - SmtpServer: a private aiosmtpd on a free port that a test stops and starts again (server down, then back).
// Several tests share a Maildir: each one finds its own messages by a recipient address unique to the test.
// -------------------------------------------------------------------------------------------------------------

/// <summary>A message that arrived at a capture server: its raw bytes and MimeKit's reading of them.</summary>
public sealed record ArrivedMail(string File, byte[] Raw, MimeMessage Message)
{
    /// <summary>The header section exactly as it arrived (before the first empty line).</summary>
    public string RawHeaders
    {
        get
        {
            var text = Encoding.Latin1.GetString(Raw);
            var end = text.IndexOf("\n\n", StringComparison.Ordinal);
            var crlf = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
            var cut = crlf >= 0 && (end < 0 || crlf < end) ? crlf : end;
            return cut >= 0 ? text[..cut] : text;
        }
    }

    /// <summary>The envelope recipients (aiosmtpd's X-RcptTo header), or the To addresses.</summary>
    public IReadOnlyList<string> EnvelopeRecipients =>
        Message.Headers["X-RcptTo"] is { Length: > 0 } rcpt
            ? [.. rcpt.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)]
            : [.. Message.To.Mailboxes.Select(m => m.Address)];
}

/// <summary>Reads the messages of a Maildir (aiosmtpd's Mailbox handler writes each into <c>new/</c>).</summary>
public sealed class Maildir(string path)
{
    public string Path { get; } = path;

    public IReadOnlyList<ArrivedMail> ReadAll()
    {
        var result = new List<ArrivedMail>();
        foreach (var folder in new[] { "new", "cur" })
        {
            var dir = System.IO.Path.Combine(Path, folder);
            if (!Directory.Exists(dir))
            {
                continue;
            }

            foreach (var file in Directory.EnumerateFiles(dir))
            {
                byte[] raw;
                try
                {
                    raw = File.ReadAllBytes(file);
                }
                catch (IOException)
                {
                    continue; // being renamed into place
                }

                using var stream = new MemoryStream(raw);
                result.Add(new ArrivedMail(file, raw, MimeMessage.Load(stream)));
            }
        }

        return result;
    }

    /// <summary>The messages for <paramref name="address"/> (envelope recipient).</summary>
    public IReadOnlyList<ArrivedMail> For(string address) =>
        [.. ReadAll().Where(m => m.EnvelopeRecipients.Contains(address, StringComparer.OrdinalIgnoreCase))];

    /// <summary>Waits until <paramref name="count"/> messages for <paramref name="address"/> arrived; returns them.</summary>
    public async Task<IReadOnlyList<ArrivedMail>> WaitForAsync(string address, int count = 1, TimeSpan? timeout = null, MailHost? host = null)
    {
        IReadOnlyList<ArrivedMail> found = [];
        await Eventually.HoldsAsync(() =>
        {
            found = For(address);
            return Task.FromResult(found.Count >= count);
        }, timeout ?? TimeSpan.FromSeconds(30), async () => $"{found.Count} of {count} mail(s) for {address} arrived in {Path}"
            + (host is null ? "" : "; " + await host.DescribeOutboxAsync()));
        return found;
    }
}

/// <summary>The capture server that scripts/test.sh starts for the whole run.</summary>
public static class SharedSmtp
{
    public const string Missing =
        "The mail tests need the SMTP capture server of scripts/test.sh (python3-aiosmtpd): run scripts/test.sh, or run "
        + "`scripts/test.sh --setup-only` and export WORKFLOWS_TEST_SMTP_HOST, WORKFLOWS_TEST_SMTP_PORT and WORKFLOWS_TEST_MAILDIR as it prints them.";

    public static string Host => Environment.GetEnvironmentVariable("WORKFLOWS_TEST_SMTP_HOST") is { Length: > 0 } h ? h : throw new InvalidOperationException(Missing);

    public static int Port => int.TryParse(Environment.GetEnvironmentVariable("WORKFLOWS_TEST_SMTP_PORT"), out var p) ? p : throw new InvalidOperationException(Missing);

    public static Maildir Maildir =>
        Environment.GetEnvironmentVariable("WORKFLOWS_TEST_MAILDIR") is { Length: > 0 } dir && Directory.Exists(dir)
            ? new Maildir(dir)
            : throw new InvalidOperationException(Missing);

    /// <summary>Settings that send through the shared capture server.</summary>
    public static Dictionary<string, string?> Settings() => new()
    {
        ["Workflows:Mail:SmtpHost"] = Host,
        ["Workflows:Mail:SmtpPort"] = Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Workflows:Mail:Security"] = "None",
    };
}

/// <summary>
/// A private SMTP capture server (aiosmtpd) on a free loopback port with its own Maildir, which a test stops and
/// starts again. Needs Debian's python3 with aiosmtpd (scripts/test.sh installs python3-aiosmtpd); fails otherwise.
/// </summary>
public sealed class SmtpServer : IAsyncDisposable
{
    private Process? _process;
    private readonly StringBuilder _log = new();

    public SmtpServer()
    {
        Port = FreePort();
        Folder = Path.Combine(Path.GetTempPath(), "workflows-smtp-tests", Guid.NewGuid().ToString("N"));
        foreach (var sub in new[] { "new", "cur", "tmp" })
        {
            Directory.CreateDirectory(Path.Combine(Folder, sub));
        }

        Maildir = new Maildir(Folder);
    }

    public int Port { get; }

    public string Folder { get; }

    public Maildir Maildir { get; }

    public bool IsRunning => _process is { HasExited: false };

    /// <summary>Settings that send through this server.</summary>
    public Dictionary<string, string?> Settings() => new()
    {
        ["Workflows:Mail:SmtpHost"] = "127.0.0.1",
        ["Workflows:Mail:SmtpPort"] = Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Workflows:Mail:Security"] = "None",
    };

    public static string Python =>
        Environment.GetEnvironmentVariable("WORKFLOWS_TEST_PYTHON") is { Length: > 0 } configured ? configured
        : File.Exists("/usr/bin/python3") ? "/usr/bin/python3" : "python3";

    /// <summary>Starts the server and waits until it accepts connections.</summary>
    public async Task StartAsync()
    {
        if (IsRunning)
        {
            return;
        }

        var info = new ProcessStartInfo(Python)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { "-m", "aiosmtpd", "-n", "-l", $"127.0.0.1:{Port}", "-c", "aiosmtpd.handlers.Mailbox", Folder })
        {
            info.ArgumentList.Add(arg);
        }

        Process process;
        try
        {
            process = Process.Start(info) ?? throw new InvalidOperationException($"Could not start {Python}.");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException($"Could not start {Python} -m aiosmtpd ({e.Message}). {SharedSmtp.Missing}", e);
        }

        process.OutputDataReceived += (_, e) => Log(e.Data);
        process.ErrorDataReceived += (_, e) => Log(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _process = process;

        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < TimeSpan.FromSeconds(20))
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"aiosmtpd exited with code {process.ExitCode} (python3-aiosmtpd missing?): {LogText}. {SharedSmtp.Missing}");
            }

            if (await AcceptsAsync())
            {
                return;
            }

            await Task.Delay(50);
        }

        throw new TimeoutException($"aiosmtpd did not listen on 127.0.0.1:{Port} within 20 s: {LogText}");
    }

    /// <summary>Stops the server (connections are refused from then on).</summary>
    public async Task StopAsync()
    {
        if (_process is not { } process)
        {
            return;
        }

        _process = null;
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        process.Dispose();
        var watch = Stopwatch.StartNew();
        while (await AcceptsAsync() && watch.Elapsed < TimeSpan.FromSeconds(10))
        {
            await Task.Delay(50);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private string LogText
    {
        get
        {
            lock (_log)
            {
                return _log.ToString();
            }
        }
    }

    private void Log(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_log)
        {
            if (_log.Length < 20_000)
            {
                _log.AppendLine(line);
            }
        }
    }

    private async Task<bool> AcceptsAsync()
    {
        try
        {
            using var client = new TcpClient();
            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(1));
            await client.ConnectAsync(IPAddress.Loopback, Port, cts.Token);
            return true;
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException)
        {
            return false;
        }
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

/// <summary>
/// The host in process for the mail tests: its own SQLite file (or a given PostgreSQL database), mail settings for
/// quick tests (sweep every 0.2 s, retries after 0.3 s doubling up to 1 s, .eml files in its own folder), the demo
/// accounts, and the test's <paramref name="settings"/> on top. <c>CreateClient()</c> signs in as <c>admin</c>
/// (see <see cref="TestSignIn"/>).
/// </summary>
public sealed class MailHost(IReadOnlyDictionary<string, string?> settings, string? postgres = null) : WebApplicationFactory<Program>
{
    public string Folder { get; } = Path.Combine(Path.GetTempPath(), "workflows-mail-tests", Guid.NewGuid().ToString("N"));

    public string PickupDirectory => Path.Combine(Folder, "outbox");

    public IWorkflowStore Store => Services.GetRequiredService<IWorkflowStore>();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        Directory.CreateDirectory(Folder);
        builder.UseEnvironment("Testing");
        var all = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase)
        {
            ["Workflows:Database:Provider"] = postgres is null ? "Sqlite" : "PostgreSql",
            ["Workflows:Database:ConnectionString"] = postgres ?? $"Data Source={Path.Combine(Folder, "workflows.db")}",
            ["Workflows:Seed:Demo"] = "true",
            ["Workflows:Mail:SmtpHost"] = "",
            ["Workflows:Mail:PickupDirectory"] = PickupDirectory,
            ["Workflows:Mail:DispatchSeconds"] = "0.2",
            ["Workflows:Mail:RetrySeconds"] = "0.3",
            ["Workflows:Mail:MaxRetrySeconds"] = "1",
            ["Workflows:Mail:TimeoutSeconds"] = "5",
            ["Workflows:Mail:ClaimSeconds"] = "30",
            ["Logging:LogLevel:Default"] = "Warning",
            ["Logging:LogLevel:Microsoft.Hosting.Lifetime"] = "Warning",
            ["Logging:LogLevel:Workflows.Host.Mail"] = "Critical",
        };
        foreach (var (key, value) in settings)
        {
            all[key] = value;
        }

        foreach (var (key, value) in all)
        {
            builder.UseSetting(key, value);
        }
    }

    /// <summary>A client signed in as <c>admin</c> (see <see cref="TestSignIn"/>); <c>CreateAnonymousClient()</c> for none.</summary>
    public new HttpClient CreateClient() => this.CreateAdminClient();

    /// <summary>The outbox rows of an instance in every state (pending, dispatched, failed), read from the database.</summary>
    public async Task<IReadOnlyList<OutboxMessage>> OutboxOfAsync(Guid instanceId)
    {
        var store = Store as EfWorkflowStore ?? throw new InvalidOperationException("The mail tests run on a database store.");
        await using var db = store.CreateDbContext();
        var rows = await db.Outbox.Where(o => o.InstanceId == instanceId).ToListAsync();
        return [.. rows.OrderBy(o => o.CreatedAt).ThenBy(o => o.IdempotencyKey, StringComparer.Ordinal)];
    }

    /// <summary>The rows not yet dispatched, for failure messages.</summary>
    public async Task<string> DescribeOutboxAsync()
    {
        var store = (EfWorkflowStore)Store;
        await using var db = store.CreateDbContext();
        var rows = await db.Outbox.Where(o => o.DispatchedAt == null).ToListAsync();
        var now = DateTimeOffset.UtcNow;
        return $"{rows.Count} row(s) not dispatched at {now:HH:mm:ss.fff}:" + string.Concat(rows.Select(r =>
            $"{Environment.NewLine}  {r.Id} attempts {r.Attempts}, next {r.NextAttemptAt:HH:mm:ss.fff}, failed {r.FailedAt:HH:mm:ss.fff}, error {r.LastError}"));
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}

/// <summary>Polls a condition until it holds or the time is up.</summary>
public static class Eventually
{
    public static Task HoldsAsync(Func<Task<bool>> condition, TimeSpan timeout, Func<string> describe) =>
        HoldsAsync(condition, timeout, () => Task.FromResult(describe()));

    public static async Task HoldsAsync(Func<Task<bool>> condition, TimeSpan timeout, Func<Task<string>> describe)
    {
        var watch = Stopwatch.StartNew();
        while (true)
        {
            if (await condition())
            {
                return;
            }

            if (watch.Elapsed > timeout)
            {
                throw new TimeoutException($"Not within {timeout.TotalSeconds:0.#} s: {await describe()}");
            }

            await Task.Delay(100);
        }
    }
}

/// <summary>A fresh PostgreSQL database on the server of <c>WORKFLOWS_TEST_PG</c>, dropped on dispose; fails the test without the variable.</summary>
public sealed class MailTestDatabase : IAsyncDisposable
{
    private readonly string _admin;
    private readonly string _name;

    private MailTestDatabase(string admin, string name, string connectionString)
    {
        _admin = admin;
        _name = name;
        ConnectionString = connectionString;
    }

    public string ConnectionString { get; }

    public static async Task<MailTestDatabase> CreateAsync()
    {
        var server = Environment.GetEnvironmentVariable("WORKFLOWS_TEST_PG");
        if (string.IsNullOrWhiteSpace(server))
        {
            throw new InvalidOperationException("Set WORKFLOWS_TEST_PG (scripts/test.sh --setup-only starts a PostgreSQL server and prints it).");
        }

        var admin = new NpgsqlConnectionStringBuilder(server) { Database = "postgres", Pooling = false }.ConnectionString;
        var name = "wf_mail_" + Guid.NewGuid().ToString("N");
        await using (var connection = new NpgsqlConnection(admin))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            await command.ExecuteNonQueryAsync();
        }

        return new MailTestDatabase(admin, name, new NpgsqlConnectionStringBuilder(server) { Database = name }.ConnectionString);
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(_admin);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{_name}\" WITH (FORCE)", connection);
        await command.ExecuteNonQueryAsync();
    }
}
