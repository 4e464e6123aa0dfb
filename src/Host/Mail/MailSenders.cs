using System.Net.Sockets;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;

namespace Workflows.Host.Mail;

/// <summary>Delivers a composed mail: to an SMTP server, or as a file.</summary>
public interface IMailSender
{
    /// <summary>Where mails go, for the log (<c>smtp://host:port</c> or the pickup folder).</summary>
    string Destination { get; }

    /// <summary>Delivers <paramref name="message"/>; throws <see cref="OutboxDispatchException"/> when it cannot.</summary>
    Task SendAsync(MimeMessage message, CancellationToken ct);
}

/// <summary>
/// Sends through an SMTP server with MailKit: one connection per mail (connect, optional sign-in, send, quit), each
/// step limited by <see cref="MailSettings.TimeoutSeconds"/>. A 5xx answer (recipient or message refused) is a
/// permanent failure; connection problems, timeouts and 4xx answers are transient and retried.
/// </summary>
public sealed class SmtpMailSender(MailSettings settings) : IMailSender
{
    public string Destination => $"smtp://{settings.SmtpHost}:{settings.SmtpPort} ({settings.Security})";

    public async Task SendAsync(MimeMessage message, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(message);
        using var client = new SmtpClient { Timeout = (int)TimeSpan.FromSeconds(settings.TimeoutSeconds).TotalMilliseconds };
        try
        {
            await client.ConnectAsync(settings.SmtpHost!, settings.SmtpPort, SocketOptions(settings.Security), ct);
            if (!string.IsNullOrEmpty(settings.UserName))
            {
                await client.AuthenticateAsync(settings.UserName, settings.Password ?? "", ct);
            }

            await client.SendAsync(message, ct);
            await client.DisconnectAsync(quit: true, ct);
        }
        catch (SmtpCommandException e) when ((int)e.StatusCode >= 500)
        {
            throw new OutboxDispatchException($"The SMTP server refused the mail: {(int)e.StatusCode} {e.Message}", permanent: true, e);
        }
        catch (Exception e) when (e is SmtpCommandException or SmtpProtocolException or ServiceNotConnectedException or AuthenticationException
            or SslHandshakeException or SocketException or IOException or TimeoutException
            || (e is OperationCanceledException && !ct.IsCancellationRequested))
        {
            throw new OutboxDispatchException($"Sending through {Destination} failed: {e.GetType().Name}: {e.Message}", permanent: false, e);
        }
    }

    public static SecureSocketOptions SocketOptions(MailSecurity security) => security switch
    {
        MailSecurity.StartTls => SecureSocketOptions.StartTls,
        MailSecurity.SslOnConnect => SecureSocketOptions.SslOnConnect,
        MailSecurity.Auto => SecureSocketOptions.Auto,
        _ => SecureSocketOptions.None,
    };
}

/// <summary>
/// Without an SMTP host (the embedded default): writes every mail as an <c>.eml</c> file (RFC 5322, what a mail
/// program opens) into <see cref="MailSettings.PickupDirectory"/>. The file is named after the Message-Id, so a mail
/// written twice (at-least-once dispatch) is one file; it is written to a temporary name and then moved into place,
/// so a reader never sees half a mail.
/// </summary>
public sealed class PickupDirectoryMailSender(MailSettings settings) : IMailSender
{
    public string Folder { get; } = Path.GetFullPath(settings.PickupDirectory);

    public string Destination => Folder;

    public async Task SendAsync(MimeMessage message, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(message);
        var path = PathOf(message);
        var temporary = path + "." + Guid.NewGuid().ToString("N") + ".tmp";
        try
        {
            Directory.CreateDirectory(Folder);
            await using (var file = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 16 * 1024, useAsync: true))
            {
                await message.WriteToAsync(file, ct);
                await file.FlushAsync(ct);
            }

            File.Move(temporary, path, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            TryDelete(temporary);
            throw new OutboxDispatchException($"Writing the mail to {path} failed: {e.Message}", permanent: false, e);
        }
        catch
        {
            TryDelete(temporary);
            throw;
        }
    }

    /// <summary>The file of a mail: its Message-Id's local part (letters, digits, '-', '.') + <c>.eml</c>.</summary>
    public string PathOf(MimeMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var id = message.MessageId ?? Guid.NewGuid().ToString("N");
        var at = id.IndexOf('@', StringComparison.Ordinal);
        var local = at > 0 ? id[..at] : id;
        var safe = new string([.. local.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '.' ? c : '_')]).Trim('.');
        return Path.Combine(Folder, (safe.Length == 0 ? "mail" : safe) + ".eml");
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
