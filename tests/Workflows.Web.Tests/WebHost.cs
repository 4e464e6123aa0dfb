using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Workflows.Web.Tests;

/// <summary>
/// The real host as a process (<c>dotnet Workflows.Host.dll</c>) on a free loopback port with the demo seed, so that
/// Chromium talks to Kestrel, Blazor's circuit and the static files exactly as a user's browser does.
/// </summary>
public sealed class WebHost : IAsyncDisposable
{
    /// <summary>
    /// The engine's store. The SQLite store refuses to start on this branch (the engine's records gained columns whose
    /// migration comes with the store work), so the UI tests run the engine in memory; the honours database (users,
    /// organisations) is then a private SQLite database in memory. Set WORKFLOWS_WEB_TEST_DATABASE=Sqlite to use a file.
    /// </summary>
    public static string DatabaseProvider => Environment.GetEnvironmentVariable("WORKFLOWS_WEB_TEST_DATABASE") is { Length: > 0 } p ? p : "InMemory";

    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();

    private WebHost(Uri baseAddress, Process process, string directory)
    {
        BaseAddress = baseAddress;
        _process = process;
        Directory = directory;
    }

    public Uri BaseAddress { get; }

    /// <summary>The working folder of the process (its database file, outbox).</summary>
    public string Directory { get; }

    public string Output => string.Join(Environment.NewLine, _output.TakeLast(100));

    public static async Task<WebHost> StartAsync()
    {
        var port = FreePort();
        var directory = Path.Combine(Path.GetTempPath(), "workflows-web-tests", Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(directory);
        var info = new ProcessStartInfo(DotnetExecutable())
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(FindHostDll());
        foreach (var inherited in new[] { "ASPNETCORE_URLS", "ASPNETCORE_HTTP_PORTS", "ASPNETCORE_HTTPS_PORTS", "DOTNET_URLS" })
        {
            info.Environment.Remove(inherited);
        }

        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        info.Environment["Workflows__Urls"] = $"http://127.0.0.1:{port}";
        info.Environment["Workflows__Seed__Demo"] = "true";
        info.Environment["Workflows__Database__Provider"] = DatabaseProvider;
        info.Environment["Workflows__Database__ConnectionString"] = $"Data Source={Path.Combine(directory, "workflows.db")}";
        info.Environment["Workflows__Mail__PickupDirectory"] = Path.Combine(directory, "outbox");
        info.Environment["Logging__LogLevel__Default"] = "Warning";

        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        var host = new WebHost(new Uri($"http://127.0.0.1:{port}"), process, directory);
        process.OutputDataReceived += (_, e) => host.Log(e.Data);
        process.ErrorDataReceived += (_, e) => host.Log(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await host.WaitHealthyAsync(TimeSpan.FromSeconds(90));
        return host;
    }

    private async Task WaitHealthyAsync(TimeSpan timeout)
    {
        using var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < timeout)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"The host exited with code {_process.ExitCode}:{Environment.NewLine}{Output}");
            }

            try
            {
                using var response = await client.GetAsync("/health");
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }

            await Task.Delay(200);
        }

        throw new TimeoutException($"The host was not healthy after {timeout.TotalSeconds:0} s:{Environment.NewLine}{Output}");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>The repository root (the folder of Workflows.sln) above the test assembly.</summary>
    public static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Workflows.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException($"No Workflows.sln above {AppContext.BaseDirectory}.");
    }

    /// <summary><c>WORKFLOWS_HOST_DLL</c>, else the host built in the configuration of this test assembly (then the other).</summary>
    private static string FindHostDll()
    {
        if (Environment.GetEnvironmentVariable("WORKFLOWS_HOST_DLL") is { Length: > 0 } configured)
        {
            return configured;
        }

        var own = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Debug{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Debug" : "Release";
        var candidates = new[] { own, own == "Release" ? "Debug" : "Release" }
            .Select(c => Path.Combine(RepositoryRoot(), "src", "Host", "bin", c, "net10.0", "Workflows.Host.dll"))
            .ToList();
        return candidates.FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException($"The host is not built: none of {string.Join(", ", candidates)} exists.");
    }

    private static string DotnetExecutable() =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host
        : Environment.ProcessPath is { } path && Path.GetFileNameWithoutExtension(path) == "dotnet" ? path
        : "dotnet";

    private void Log(string? line)
    {
        if (line is null)
        {
            return;
        }

        _output.Enqueue(line);
        while (_output.Count > 2000 && _output.TryDequeue(out _))
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync();
            }
        }
        catch (InvalidOperationException)
        {
        }

        _process.Dispose();
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
