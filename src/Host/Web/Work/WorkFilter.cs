using System.Globalization;

namespace Workflows.Host.Web.Work;

/// <summary>
/// The filters of a work list as the user set them, and the query string of <c>/api/me/…</c> they make (with the
/// page's skip and take). Each list shows the filters its endpoint takes.
/// </summary>
public sealed class WorkFilter
{
    /// <summary>The process key; empty: every process.</summary>
    public string Process { get; set; } = "";

    public string Campaign { get; set; } = "";

    /// <summary>To do only: tasks due before the start of this day (Beijing time).</summary>
    public DateTime? DueBefore { get; set; }

    /// <summary>Done and started: the instance's status (active, completed, terminated, cancelled); empty: any.</summary>
    public string Status { get; set; } = "";

    /// <summary>Copies: "unread", "read" or empty (both).</summary>
    public string Read { get; set; } = "";

    /// <summary>To do: created, -created or due.</summary>
    public string Sort { get; set; } = "created";

    public bool IsEmpty => Process == "" && Campaign == "" && DueBefore is null && Status == "" && Read == "" && Sort == "created";

    public void Clear()
    {
        Process = "";
        Campaign = "";
        DueBefore = null;
        Status = "";
        Read = "";
        Sort = "created";
    }

    /// <summary>The query string (without "?") for the list endpoint.</summary>
    public string Query(int skip, int take)
    {
        var parts = new List<string>
        {
            $"skip={skip.ToString(CultureInfo.InvariantCulture)}",
            $"take={take.ToString(CultureInfo.InvariantCulture)}",
        };
        Add(parts, "definitionKey", Process);
        Add(parts, "campaign", Campaign.Trim());
        Add(parts, "status", Status);
        Add(parts, "unread", Read switch { "unread" => "true", "read" => "false", _ => "" });
        if (DueBefore is { } day)
        {
            var start = new DateTimeOffset(day.Date, TimeSpan.FromHours(8));
            Add(parts, "dueBefore", start.ToString("yyyy-MM-ddTHH:mm:sszzz", CultureInfo.InvariantCulture));
        }

        if (Sort != "created")
        {
            Add(parts, "sort", Sort);
        }

        return string.Join('&', parts);
    }

    private static void Add(List<string> parts, string name, string value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            parts.Add($"{name}={Uri.EscapeDataString(value)}");
        }
    }
}
