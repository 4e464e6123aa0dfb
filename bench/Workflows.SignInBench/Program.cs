using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using Workflows.Activities.Identity;
using Workflows.FilingBench;

namespace Workflows.SignInBench;

/// <summary>
/// Times failed sign-ins (<c>POST /api/auth/login</c> over real sockets) for real user names with a wrong password
/// and for names that do not exist: both must cost one password-hash verification, so that the time does not tell
/// which names exist (issue 11 finding 7). Each real name is tried at most four times, below the throttle.
/// </summary>
public static class SignInBenchMain
{
    public static async Task<int> Main(string[] args)
    {
        var rounds = args.Length > 1 && args[0] == "--rounds" ? int.Parse(args[1], CultureInfo.InvariantCulture) : 4;
        await using var host = new BenchHost();
        using var probe = host.CreateClient(); // starts the host
        using var client = new HttpClient { BaseAddress = host.BaseAddress };

        async Task<double> FailAsync(string userName)
        {
            var watch = Stopwatch.StartNew();
            using var response = await client.PostAsJsonAsync("/api/auth/login", new { userName, password = "Wrong#Bench-2026" });
            watch.Stop();
            if ((int)response.StatusCode != 401)
            {
                throw new InvalidOperationException($"{userName}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            }

            return watch.Elapsed.TotalMilliseconds;
        }

        await FailAsync("warm-up-unknown");
        await FailAsync("warm-up-unknown-2");
        var known = new List<double>();
        var unknown = new List<double>();
        for (var round = 0; round < Math.Min(rounds, SignInThrottling.FreeFailures - 1); round++)
        {
            foreach (var account in DemoSeed.Accounts)
            {
                known.Add(await FailAsync(account.UserName));
                unknown.Add(await FailAsync($"nobody-{round}-{account.UserName}"));
            }
        }

        Print("real user, wrong password", known);
        Print("unknown user name", unknown);
        return 0;
    }

    private static void Print(string kind, List<double> times)
    {
        times.Sort();
        string Ms(double value) => value.ToString("0.0", CultureInfo.InvariantCulture);
        Console.WriteLine($"{kind,-28} n={times.Count,3}  min {Ms(times[0])} ms  p50 {Ms(times[times.Count / 2])} ms  "
            + $"p95 {Ms(times[(int)(times.Count * 0.95)])} ms  max {Ms(times[^1])} ms  mean {Ms(times.Average())} ms");
    }
}
