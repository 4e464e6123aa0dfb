using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;

namespace Workflows.Host.Tests.Scheduling;

/// <summary>
/// The real host as a separate process (<c>dotnet Workflows.Host.dll</c>) on a loopback port, configured through
/// environment variables, so that it can be killed with SIGKILL and started again. Also used by bench/Workflows.TimerBench.
/// The demo accounts are seeded (unless the settings say otherwise); once <see cref="WaitHealthyAsync"/> returns,
/// <see cref="Client"/> is signed in as <c>admin</c>, and <see cref="CreateClientAsAsync"/> signs in as anyone else.
/// </summary>
public sealed class HostProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();

    private HostProcess(string name, int port, Process process)
    {
        Name = name;
        Port = port;
        _process = process;
        Client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
    }

    public string Name { get; }

    public int Port { get; }

    public Uri BaseAddress => new($"http://127.0.0.1:{Port}");

    /// <summary>A client of this host; signed in as <c>admin</c> (bearer token) once <see cref="WaitHealthyAsync"/> returned.</summary>
    public HttpClient Client { get; }

    public int ProcessId => _process.Id;

    public bool HasExited => _process.HasExited;

    /// <summary>The exit code once <see cref="HasExited"/> (137 after SIGKILL on Linux).</summary>
    public int ExitCode => _process.ExitCode;

    /// <summary>Waits for the process to exit (the operating system's exit event, no polling) and answers its exit code.</summary>
    public async Task<int> WaitForExitAsync(CancellationToken ct)
    {
        await _process.WaitForExitAsync(ct);
        return _process.ExitCode;
    }

    /// <summary>The last lines the process wrote (stdout and stderr), for failure messages.</summary>
    public string Output => string.Join(Environment.NewLine, _output.TakeLast(80));

    /// <summary>A TCP port on 127.0.0.1 that was free a moment ago.</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>
    /// The built host: <c>WORKFLOWS_HOST_DLL</c> when set, else <c>src/Host/bin/{Release|Debug}/net10.0/Workflows.Host.dll</c>
    /// of the repository above <paramref name="from"/> (the configuration of the caller's own build first).
    /// </summary>
    public static string FindHostDll(string? from = null)
    {
        if (Environment.GetEnvironmentVariable("WORKFLOWS_HOST_DLL") is { Length: > 0 } configured)
        {
            return configured;
        }

        var start = from ?? AppContext.BaseDirectory;
        var dir = new DirectoryInfo(start);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Workflows.sln")))
        {
            dir = dir.Parent;
        }

        if (dir is null)
        {
            throw new InvalidOperationException($"No Workflows.sln above {start}; set WORKFLOWS_HOST_DLL to the built Workflows.Host.dll.");
        }

        var own = start.Contains($"{Path.DirectorySeparatorChar}Debug{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Debug" : "Release";
        var candidates = new[] { own, own == "Release" ? "Debug" : "Release" }
            .Select(c => Path.Combine(dir.FullName, "src", "Host", "bin", c, "net10.0", "Workflows.Host.dll"))
            .ToList();
        return candidates.FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException($"The host is not built: none of {string.Join(", ", candidates)} exists. Build Workflows.sln first.");
    }

    /// <summary>
    /// Starts the host on <paramref name="port"/> with the settings (configuration keys such as
    /// <c>Workflows:Database:Provider</c>, passed as environment variables) in <paramref name="workingDirectory"/>.
    /// </summary>
    public static HostProcess Start(string name, int port, string workingDirectory, IReadOnlyDictionary<string, string> settings, string? hostDll = null)
    {
        Directory.CreateDirectory(workingDirectory);
        var info = new ProcessStartInfo(DotnetExecutable())
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(hostDll ?? FindHostDll());
        foreach (var inherited in new[] { "ASPNETCORE_URLS", "ASPNETCORE_HTTP_PORTS", "ASPNETCORE_HTTPS_PORTS", "DOTNET_URLS" })
        {
            info.Environment.Remove(inherited);
        }

        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        info.Environment["Workflows__Urls"] = $"http://127.0.0.1:{port}";
        info.Environment["Logging__LogLevel__Default"] = "Warning";
        info.Environment["Logging__LogLevel__Workflows.Host.Scheduling"] = "Information";
        info.Environment["Workflows__Seed__Demo"] = "true";
        foreach (var (key, value) in settings)
        {
            info.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        var host = new HostProcess(name, port, process);
        process.OutputDataReceived += (_, e) => host.Log(e.Data);
        process.ErrorDataReceived += (_, e) => host.Log(e.Data);
        if (!process.Start())
        {
            throw new InvalidOperationException($"Could not start {name}.");
        }

        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return host;
    }

    /// <summary>The <c>dotnet</c> muxer running this process (the test host or the bench), else the one on the PATH.</summary>
    public static string DotnetExecutable()
    {
        if (Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host))
        {
            return host;
        }

        return Environment.ProcessPath is { } path && Path.GetFileNameWithoutExtension(path) == "dotnet" ? path : "dotnet";
    }

    /// <summary>
    /// Waits until <c>/health</c> answers 200, then signs <see cref="Client"/> in as <c>admin</c> (when the host has
    /// the demo accounts); throws with the process output when it exits or the time is up.
    /// </summary>
    public async Task WaitHealthyAsync(TimeSpan timeout, bool signIn = true)
    {
        await WaitForHealthAsync(timeout);
        if (signIn)
        {
            Client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue(
                "Bearer", await BearerLogin.LoginAsync(Client, BearerLogin.AdminUserName, BearerLogin.AdminPassword));
        }
    }

    /// <summary>A new client of this host signed in as <paramref name="userName"/> (demo accounts other than admin have the password <c>Demo#2026</c>).</summary>
    public async Task<HttpClient> CreateClientAsAsync(string userName, string password)
    {
        var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        try
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue(
                "Bearer", await BearerLogin.LoginAsync(client, userName, password));
            return client;
        }
        catch
        {
            client.Dispose();
            throw;
        }
    }

    private async Task WaitForHealthAsync(TimeSpan timeout)
    {
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < timeout)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"{Name} exited with code {_process.ExitCode} before it was healthy:{Environment.NewLine}{Output}");
            }

            try
            {
                using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(2));
                using var response = await Client.GetAsync("/health", cts.Token);
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

            await Task.Delay(100);
        }

        throw new TimeoutException($"{Name} was not healthy after {timeout.TotalSeconds:0} s:{Environment.NewLine}{Output}");
    }

    /// <summary>Kills the process at once (SIGKILL on Linux: no shutdown code runs) and returns its exit code.</summary>
    public int Kill()
    {
        _process.Kill(entireProcessTree: false);
        _process.WaitForExit();
        return _process.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
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
    }

    private void Log(string? line)
    {
        if (line is null)
        {
            return;
        }

        _output.Enqueue($"[{Name}] {line}");
        while (_output.Count > 2000 && _output.TryDequeue(out _))
        {
        }
    }
}
