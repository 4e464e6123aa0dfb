using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Workflows.FilingBench;

/// <summary>
/// One real host in this process: the host's own Program over Kestrel on a free loopback port, the engine and the
/// honours data in one SQLite file of a temporary folder, Hangfire in memory (the host's default), the demo seed (its
/// open labour-medal campaign). Clients talk to it through sockets like any browser or integration would.
/// </summary>
public sealed class BenchHost : WebApplicationFactory<Program>
{
    public BenchHost()
    {
        Folder = Directory.CreateTempSubdirectory("workflows-filing-bench-").FullName;
        Port = FreePort();
        BaseAddress = new Uri($"http://127.0.0.1:{Port}");
        UseKestrel();
    }

    /// <summary>The folder of the database file (deleted on dispose unless kept).</summary>
    public string Folder { get; }

    public int Port { get; }

    public Uri BaseAddress { get; }

    public string DatabaseFile => Path.Combine(Folder, "workflows.db");

    /// <summary>Keep the folder after the run (the database can be inspected).</summary>
    public bool Keep { get; set; }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseContentRoot(AppContext.BaseDirectory); // the bench's output folder: no project folder is needed
        builder.UseEnvironment("Production");
        builder.UseSetting("Workflows:Urls", BaseAddress.ToString().TrimEnd('/'));
        builder.UseSetting("Workflows:Database:Provider", "Sqlite");
        builder.UseSetting("Workflows:Database:ConnectionString", $"Data Source={DatabaseFile}");
        builder.UseSetting("Workflows:Seed:Demo", "true");
        builder.UseSetting("Workflows:Mail:PickupDirectory", Path.Combine(Folder, "outbox"));
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        builder.UseSetting("Logging:LogLevel:Microsoft.Hosting.Lifetime", "Warning");
        builder.UseSetting("Logging:LogLevel:Microsoft.AspNetCore", "Error");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing && !Keep)
        {
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
}
