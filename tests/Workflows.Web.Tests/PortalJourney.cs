using System.Globalization;
using System.Text.Json;

namespace Workflows.Web.Tests;

/// <summary>
/// What the portal's browser tests share: valid nominee identities, a PDF to upload, the demo labour-medal campaign,
/// the shipped labour-medal design with its unit notice shortened to seconds (the test host runs on the real clock,
/// so five working days cannot pass), and waiting for a task that a timer brings.
/// </summary>
internal static class PortalJourney
{
    private static readonly int[] Weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    private static int _sequence = Random.Shared.Next(1, 5000);
    private static int _designDeployed;

    /// <summary>A valid 18-character ID number (GB 11643 check character), unique in the run.</summary>
    public static string IdNumber(bool male = true)
    {
        var n = Interlocked.Increment(ref _sequence);
        var first17 = "440106" + new DateOnly(1975, 1, 1).AddDays(n * 7 % 9000).ToString("yyyyMMdd", CultureInfo.InvariantCulture)
            + (((n % 400) * 2) + (male ? 1 : 0)).ToString("000", CultureInfo.InvariantCulture);
        var sum = first17.Select((c, i) => (c - '0') * Weights[i]).Sum();
        return first17 + "10X98765432"[sum % 11];
    }

    /// <summary>A Chinese name unique in the run: the surname, then two characters picked at random (no Latin letters, which the language scan would flag).</summary>
    public static string Name(string surname)
    {
        const string given = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华建国志红文林海波宁飞鹏辉";
        return surname + given[Random.Shared.Next(given.Length)] + given[Random.Shared.Next(given.Length)] + given[Random.Shared.Next(given.Length)];
    }

    /// <summary>A small PDF of about <paramref name="bytes"/> bytes (a header the server recognises, then padding).</summary>
    public static byte[] Pdf(int bytes = 64 * 1024)
    {
        var head = "%PDF-1.4\n1 0 obj <<>> endobj\n"u8.ToArray();
        var tail = "\ntrailer <<>>\n%%EOF\n"u8.ToArray();
        var body = Enumerable.Repeat((byte)' ', Math.Max(0, bytes - head.Length - tail.Length)).ToArray();
        return [.. head, .. body, .. tail];
    }

    /// <summary>The open labour-medal campaign of the demo seed.</summary>
    public static async Task<(string Id, string Title)> CampaignAsync(ApiUser user)
    {
        var list = await user.GetAsync("/api/campaigns?honourType=labour-medal&state=open");
        var campaign = list.EnumerateArray().First();
        return (campaign.GetProperty("id").GetString()!, campaign.GetProperty("title").GetString()!);
    }

    /// <summary>
    /// Deploys, once per host, the shipped labour-medal design with the unit notice's timer at two seconds instead of
    /// its computed end: every other step, rule and service task is the shipped one.
    /// </summary>
    public static async Task ShortUnitNoticeAsync(WebHost host)
    {
        if (Interlocked.Exchange(ref _designDeployed, 1) == 1)
        {
            return;
        }

        var xml = await File.ReadAllTextAsync(Path.Combine(WebHost.RepositoryRoot(), "src", "Designs", "Processes", "labour-medal.bpmn"));
        const string timer = "<bpmn:timeDate xsi:type=\"bpmn:tFormalExpression\">${unitNoticeClosesAt}</bpmn:timeDate>";
        xml.Should().Contain(timer, "the shipped design waits for the unit notice's end");
        using var admin = await ApiUser.SignInAsync(host, "admin", "Admin#2026");
        await admin.DeployAndPublishAsync(xml.Replace(timer, "<bpmn:timeDuration xsi:type=\"bpmn:tFormalExpression\">PT2S</bpmn:timeDuration>", StringComparison.Ordinal));
    }

    /// <summary>The user's open task of the instance at <paramref name="elementId"/>, waited for (a timer or a service step brings it).</summary>
    public static async Task<string> TaskAtAsync(ApiUser user, string instanceId, string elementId, int seconds = 90)
    {
        var until = DateTime.UtcNow.AddSeconds(seconds);
        while (true)
        {
            var page = await user.GetAsync("/api/me/todo?take=1000");
            var task = page.GetProperty("items").EnumerateArray()
                .FirstOrDefault(t => t.GetProperty("instanceId").GetString() == instanceId && t.GetProperty("elementId").GetString() == elementId);
            if (task.ValueKind == JsonValueKind.Object)
            {
                return task.GetProperty("id").GetString()!;
            }

            if (DateTime.UtcNow > until)
            {
                throw new TimeoutException($"{user.UserName} has no task {elementId} of {instanceId} after {seconds} s.");
            }

            await Task.Delay(1000);
        }
    }

    /// <summary>整批报送 of one nomination by a level's reviewer.</summary>
    public static Task<JsonElement> SubmitLevelAsync(ApiUser reviewer, string campaignId, string unitPath, string nominationId) =>
        reviewer.PostAsync($"/api/campaigns/{campaignId}/levels/{Uri.EscapeDataString(unitPath)}/submit", new { nominationIds = new[] { nominationId } });
}
