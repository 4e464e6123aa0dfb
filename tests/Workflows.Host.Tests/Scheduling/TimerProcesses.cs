using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Workflows.Host.Tests.Scheduling;

/// <summary>The timer process of the scheduling tests and what its instances did, read through the HTTP API.</summary>
public static class TimerProcesses
{
    public const string Key = "scheduledTimer";

    /// <summary>start → intermediate timer due at the variable <c>due</c> (an ISO-8601 date) → end.</summary>
    public static string Xml { get; } = Models.Document(Key, $"""
        <startEvent id="start" />
        <intermediateCatchEvent id="wait" name="到期"><timerEventDefinition><timeDate>${"{"}due{"}"}</timeDate></timerEventDefinition></intermediateCatchEvent>
        <endEvent id="end" />
        {Models.Flow("f1", "start", "wait")}
        {Models.Flow("f2", "wait", "end")}
        """, "定时");

    public static string Iso(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    /// <summary>Starts an instance whose timer is due at <paramref name="due"/>; returns its id.</summary>
    public static async Task<Guid> StartAsync(HttpClient client, DateTimeOffset due, string? businessKey = null)
    {
        using var response = await client.PostAsJsonAsync("/api/instances", new { definitionKey = Key, businessKey, variables = new { due = Iso(due) } });
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(HttpStatusCode.Created, body);
        using var document = JsonDocument.Parse(body);
        return document.RootElement.GetProperty("id").GetGuid();
    }

    public static async Task<string> StatusAsync(HttpClient client, Guid id)
    {
        var instance = await client.GetJsonAsync($"/api/instances/{id}");
        return instance.GetProperty("status").GetString()!;
    }

    /// <summary>The times at which the instance's timer fired (one per TimerFired history event).</summary>
    public static async Task<IReadOnlyList<DateTimeOffset>> FiredAsync(HttpClient client, Guid id)
    {
        var history = await client.GetJsonAsync($"/api/instances/{id}/history");
        return history.EnumerateArray()
            .Where(e => e.GetProperty("type").GetString() == "TimerFired")
            .Select(e => e.GetProperty("at").GetDateTimeOffset())
            .ToList();
    }

    /// <summary>Waits until every instance is completed, at most until <paramref name="deadline"/>.</summary>
    public static async Task<bool> WaitCompletedAsync(HttpClient client, IEnumerable<Guid> ids, DateTimeOffset deadline)
    {
        var open = ids.ToHashSet();
        while (open.Count > 0 && DateTimeOffset.UtcNow < deadline)
        {
            foreach (var id in open.ToList())
            {
                if (await StatusAsync(client, id) == "completed")
                {
                    open.Remove(id);
                }
            }

            if (open.Count > 0)
            {
                await Task.Delay(250);
            }
        }

        return open.Count == 0;
    }
}
