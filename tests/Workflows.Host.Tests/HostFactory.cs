using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Workflows.Host.Tests;

/// <summary>
/// The host on its own SQLite file in a temporary folder, with the demo accounts; one per test class (xunit class
/// fixture). <c>CreateClient()</c> answers a client signed in as <c>admin</c>; <see cref="TestSignIn.CreateClientAs"/>
/// and <see cref="TestSignIn.CreateAnonymousClient"/> give the others.
/// </summary>
public sealed class HostFactory : WebApplicationFactory<Program>
{
    public HostFactory()
    {
        Folder = Path.Combine(Path.GetTempPath(), "workflows-host-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Folder);
    }

    public string Folder { get; }

    public string DatabasePath => Path.Combine(Folder, "workflows.db");

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Workflows:Database:Provider", "Sqlite");
        builder.UseSetting("Workflows:Database:ConnectionString", $"Data Source={DatabasePath}");
        builder.UseSetting("Workflows:Seed:Demo", "true");
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        builder.UseSetting("Logging:LogLevel:Microsoft.Hosting.Lifetime", "Warning");
    }

    /// <summary>A client signed in as <c>admin</c> (see <see cref="TestSignIn"/>); <c>CreateAnonymousClient()</c> for none.</summary>
    public new HttpClient CreateClient() => this.CreateAdminClient();

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        DeleteFolder();
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        DeleteFolder();
    }

    private void DeleteFolder()
    {
        try
        {
            if (Directory.Exists(Folder))
            {
                Directory.Delete(Folder, recursive: true);
            }
        }
        catch (IOException)
        {
            // A pooled SQLite handle may still be open on Windows; the temp folder is cleaned later.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
