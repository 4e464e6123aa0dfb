using System.Collections.Concurrent;
using System.Globalization;
using Workflows.Engine.Activities;
using Workflows.Engine.Time;

namespace Workflows.Designs.ProcessTests.Support;

/// <summary>
/// Stand-ins for the <c>honours.*</c> activities the designs call. The engine refuses a design whose activity types
/// are not registered (deploy-time validation); these routing tests register stand-ins with the same names and the
/// same input and output names as the real activities (the honours domain on its database), refuse a missing required
/// input the way they do, and keep what they were asked to do in memory so that the tests can look. The journeys on
/// the real activities, through the HTTP API, are in tests/Workflows.Host.Tests/Honours.
/// </summary>
/// <remarks>
/// The contract the designs rely on (inputs → outputs):
/// noticePeriod (<c>level</c> unit | provincial, <c>workingDays</c> | <c>calendarDays</c>, <c>start</c>? → <c>noticeStartsOn</c>,
/// <c>noticeEndsOn</c>, <c>noticeClosesAt</c>, <c>noticeDays</c>, <c>noticeInWorkingDays</c>);
/// requestOpinions (<c>nominationId</c> → <c>opinionDepartments</c>, <c>opinionGroups</c>, <c>opinionsNeeded</c>);
/// checkEligibility (<c>nominationId</c> → <c>eligible</c>, <c>eligibilityMessages</c>);
/// passOn (<c>nominationId</c>, <c>unitPath</c>, <c>nextLevelPath</c>?, <c>failOnRefusal</c>? → <c>passedOn</c>,
/// <c>passedTo</c>, <c>quotaPassed</c>, <c>compositionPassed</c>, <c>passOnMessages</c>);
/// updateNomination (<c>nominationId</c>, <c>state</c>, <c>reason</c>? → <c>nominationState</c>, <c>stateChanged</c>, <c>notifiedCount</c>);
/// openNotice (<c>campaignId</c>, <c>level</c>, <c>organisationPath</c>, <c>nominationId</c>, <c>start</c>, <c>days</c>,
/// <c>inWorkingDays</c> → <c>noticeId</c>, <c>noticeClosesAt</c> …);
/// recordObjection (raise: <c>noticeId</c>, <c>nominationId</c>, <c>objectorName</c>, <c>objectorContact</c>, <c>content</c>;
/// conclude: <c>objectionId</c>, <c>upheld</c>, <c>findings</c> → <c>objectionId</c>, <c>objectionState</c>, <c>nominationRejected</c>);
/// closeNotice (<c>noticeId</c>, <c>early</c>? → <c>noticeClean</c> …);
/// registerHonours (<c>campaignId</c>, <c>nominationIds</c> → <c>certificateNumbers</c> …); notify (<c>event</c>,
/// <c>nominationId</c>, <c>reason</c>? → <c>notifiedCount</c>); formCommittee (<c>campaignId</c> → <c>committee</c>,
/// <c>committeeName</c>, <c>committeePath</c>).
/// </remarks>
public sealed class StandInHonours(Func<WorkingDays> workingDays)
{
    private int _notices;
    private int _objections;
    private int _certificates;

    public static readonly string[] ActivityTypes =
    [
        "honours.noticePeriod", "honours.requestOpinions", "honours.checkEligibility", "honours.passOn", "honours.updateNomination",
        "honours.openNotice", "honours.closeNotice", "honours.recordObjection", "honours.registerHonours", "honours.notify",
        "honours.formCommittee",
    ];

    /// <summary>The members of each campaign's committee; a campaign not listed has the demo committee (committee1–5).</summary>
    public ConcurrentDictionary<string, string[]> Committees { get; } = new(StringComparer.Ordinal);

    /// <summary>Every call, in order: activity type, the nomination of the process, and the inputs.</summary>
    public ConcurrentQueue<(string Activity, string Nomination, IReadOnlyDictionary<string, object?> Inputs)> Calls { get; } = new();

    /// <summary>Quota of allocation units (city or industry union paths); a unit not listed has 10.</summary>
    public ConcurrentDictionary<string, int> Quotas { get; } = new(StringComparer.Ordinal);

    /// <summary>The state each nomination was last set to (returned, rejected, approved).</summary>
    public ConcurrentDictionary<string, string> States { get; } = new(StringComparer.Ordinal);

    /// <summary>Allocation units whose list breaks a composition rule, with the message.</summary>
    public ConcurrentDictionary<string, string> CompositionFailures { get; } = new(StringComparer.Ordinal);

    /// <summary>Vetoes by nomination (wage arrears, a safety accident within three years …).</summary>
    public ConcurrentDictionary<string, string> Vetoes { get; } = new(StringComparer.Ordinal);

    /// <summary>Prerequisite honour of a campaign (its honour type's data): 南粤最美职工 needs the year's labour medal.</summary>
    public ConcurrentDictionary<string, string> Prerequisites { get; } = new(StringComparer.Ordinal);

    /// <summary>Honours each nomination's nominee holds already.</summary>
    public ConcurrentDictionary<string, string[]> HeldHonours { get; } = new(StringComparer.Ordinal);

    /// <summary>The registry: nomination → certificate number.</summary>
    public ConcurrentDictionary<string, string> Registry { get; } = new(StringComparer.Ordinal);

    /// <summary>Notices: id → (nomination, closes at, open).</summary>
    public ConcurrentDictionary<string, (string Nomination, DateTimeOffset ClosesAt, bool Open)> Notices { get; } = new(StringComparer.Ordinal);

    /// <summary>Objections: id → (nomination, state).</summary>
    public ConcurrentDictionary<string, (string Nomination, string State)> Objections { get; } = new(StringComparer.Ordinal);

    public IReadOnlyList<IReadOnlyDictionary<string, object?>> CallsOf(string activity, string nomination) =>
        Calls.Where(c => c.Activity == activity && c.Nomination == nomination).Select(c => c.Inputs).ToList();

    public ActivityRegistry Register(ActivityRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        foreach (var type in ActivityTypes)
        {
            var descriptor = new ActivityDescriptor
            {
                Type = type,
                Category = "honours",
                DisplayNameZh = "测试替身：" + type,
                DisplayNameEn = "Stand-in: " + type,
            };
            registry.Register(descriptor, () => new Activity(this, type));
        }

        return registry;
    }

    private Dictionary<string, object?> Run(string type, ActivityContext context)
    {
        var nomination = Text(context.Get("nominationId")) ?? "";
        Calls.Enqueue((type, nomination, new Dictionary<string, object?>(context.Inputs)));
        return type switch
        {
            "honours.noticePeriod" => NoticePeriod(context),
            "honours.requestOpinions" => RequestOpinions(context, Require(context, type, "nominationId")),
            "honours.checkEligibility" => Eligibility(context, Require(context, type, "nominationId")),
            "honours.passOn" => PassOn(context, type),
            "honours.updateNomination" => UpdateNomination(context, type),
            "honours.openNotice" => OpenNotice(context, type),
            "honours.recordObjection" => RecordObjection(context, type),
            "honours.closeNotice" => CloseNotice(context, type),
            "honours.registerHonours" => RegisterHonours(context, type),
            "honours.notify" => Notify(context, type),
            "honours.formCommittee" => FormCommittee(context, type),
            _ => throw new InvalidOperationException(type),
        };
    }

    private Dictionary<string, object?> NoticePeriod(ActivityContext context)
    {
        var start = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(context.Time.GetUtcNow(), workingDays().TimeZone).DateTime);
        var calendarDays = Int(context, "calendarDays");
        var working = Int(context, "workingDays");
        if ((calendarDays is null) == (working is null))
        {
            throw new ArgumentException("honours.noticePeriod: give 'workingDays' or 'calendarDays'.");
        }

        var (end, closesAt) = Period(start, working ?? calendarDays!.Value, working is not null);
        return Out(("noticeStartsOn", Day(start)), ("noticeEndsOn", Day(end)), ("noticeClosesAt", Moment(closesAt)),
            ("noticeDays", (long)(working ?? calendarDays!.Value)), ("noticeInWorkingDays", working is not null));
    }

    private static Dictionary<string, object?> RequestOpinions(ActivityContext context, string nomination)
    {
        _ = nomination;
        var enterpriseHead = new[] { "dept-scjg", "dept-sw", "dept-rs", "dept-yjgl", "dept-sthj" };
        var type = context.Variables.TryGetVariable("nomineeType", out var t) ? Text(t) : null;
        string[] codes = type switch
        {
            "enterprise-head" or "unit" => enterpriseHead,
            "state-enterprise-head" => [.. enterpriseHead, "dept-sj", "dept-jjjc"],
            "cadre" => ["dept-jjjc"],
            _ => [],
        };
        var groups = codes.Select(c => (object?)("department-reviewer@/gd/" + c)).ToList();
        return Out(
            ("opinionDepartments", codes.Select(c => (object?)new Dictionary<string, object?> { ["code"] = c, ["path"] = "/gd/" + c }).ToList()),
            ("opinionGroups", groups),
            ("opinionsNeeded", groups.Count > 0));
    }

    /// <summary>Like the real step: the campaign's committee, whatever the start variables said.</summary>
    private Dictionary<string, object?> FormCommittee(ActivityContext context, string type)
    {
        var campaign = Require(context, type, "campaignId");
        var members = Committees.TryGetValue(campaign, out var named) ? named : [.. Enumerable.Range(1, 5).Select(i => $"committee{i}")];
        return Out(("committee", (object?)members.Cast<object?>().ToList()), ("committeeName", "评审委员会"), ("committeePath", Activities.Identity.DemoSeed.CommitteePath));
    }

    private Dictionary<string, object?> Eligibility(ActivityContext context, string nomination)
    {
        var messages = new List<object?>();
        if (Vetoes.TryGetValue(nomination, out var veto))
        {
            messages.Add(veto);
        }

        if (Text(context.Get("campaignId")) is { } campaign && Prerequisites.TryGetValue(campaign, out var required)
            && !(HeldHonours.TryGetValue(nomination, out var held) && held.Contains(required)))
        {
            messages.Add($"推荐对象须持有当年的 {required}。");
        }

        return Out(("eligible", messages.Count == 0), ("eligibilityMessages", messages));
    }

    /// <summary>Like the real step: an allocation unit's list over its quota or breaking a rule is refused with the messages.</summary>
    private Dictionary<string, object?> PassOn(ActivityContext context, string type)
    {
        Require(context, type, "nominationId");
        var unit = Require(context, type, "unitPath");
        var quota = Quotas.TryGetValue(unit, out var q) ? q : 10;
        var messages = new List<object?>();
        if (quota < 1)
        {
            messages.Add($"{unit} 的名额为 {quota} 名，名单中有 1 名，超出 1 名。");
        }

        if (CompositionFailures.TryGetValue(unit, out var failure))
        {
            messages.Add(failure);
        }

        if (messages.Count > 0 && context.Get("failOnRefusal") is true)
        {
            throw new InvalidOperationException(string.Join("\n", messages));
        }

        return Out(("passedOn", messages.Count == 0), ("passedTo", Text(context.Get("nextLevelPath")) ?? "next level of " + unit),
            ("quotaPassed", quota >= 1), ("compositionPassed", failure is null), ("passOnMessages", messages));
    }

    private Dictionary<string, object?> UpdateNomination(ActivityContext context, string type)
    {
        var nomination = Require(context, type, "nominationId");
        var state = Require(context, type, "state");
        if (state is not ("returned" or "rejected" or "approved" or "underReview"))
        {
            throw new ArgumentException($"{type}: a process sets the state returned, rejected, approved or underReview, not {state}.");
        }

        var changed = !States.TryGetValue(nomination, out var before) || before != state;
        States[nomination] = state;
        return Out(("nominationState", state), ("stateChanged", changed), ("notifiedCount", state == "underReview" ? 0L : 1L));
    }

    private Dictionary<string, object?> OpenNotice(ActivityContext context, string type)
    {
        Require(context, type, "campaignId");
        Require(context, type, "organisationPath");
        var nomination = Require(context, type, "nominationId");
        if (Require(context, type, "level") is not ("unit" or "provincial"))
        {
            throw new ArgumentException($"{type}: the input 'level' must be unit or provincial.");
        }

        var start = DateOnly.ParseExact(Require(context, type, "start"), "yyyy-MM-dd", CultureInfo.InvariantCulture);
        var (_, closesAt) = Period(start, Int(context, "days") ?? throw new ArgumentException($"{type} needs the input 'days'."), context.Get("inWorkingDays") is true);
        var id = "notice-" + Interlocked.Increment(ref _notices).ToString("D3", CultureInfo.InvariantCulture);
        Notices[id] = (nomination, closesAt, true);
        return Out(("noticeId", id), ("noticeClosesAt", Moment(closesAt)));
    }

    /// <summary>
    /// Like the honours domain's notice period: the start day counts when it is a working day, holidays do not, declared
    /// working days do; the notice closes at midnight (China time) after its last day.
    /// </summary>
    private (DateOnly End, DateTimeOffset ClosesAt) Period(DateOnly start, int days, bool inWorkingDays)
    {
        var calendar = workingDays();
        var end = start;
        if (inWorkingDays)
        {
            var counted = calendar.Calendar.IsWorkingDay(end) ? 1 : 0;
            while (counted < days)
            {
                end = end.AddDays(1);
                counted += calendar.Calendar.IsWorkingDay(end) ? 1 : 0;
            }
        }
        else
        {
            end = start.AddDays(days - 1);
        }

        var midnight = end.AddDays(1).ToDateTime(TimeOnly.MinValue);
        return (end, new DateTimeOffset(midnight, calendar.TimeZone.GetUtcOffset(midnight)));
    }

    private static string Moment(DateTimeOffset at) => at.ToString("yyyy-MM-dd'T'HH:mm:ssK", CultureInfo.InvariantCulture);

    private Dictionary<string, object?> RecordObjection(ActivityContext context, string type)
    {
        if (Text(context.Get("objectionId")) is { } objectionId && context.Get("upheld") is bool upheld)
        {
            Require(context, type, "findings");
            var (nomination, _) = Objections[objectionId];
            var state = upheld ? "upheld" : "dismissed";
            Objections[objectionId] = (nomination, state);
            return Out(("objectionId", objectionId), ("objectionState", state), ("nominationRejected", upheld));
        }

        var notice = Require(context, type, "noticeId");
        var nominationId = Require(context, type, "nominationId");
        foreach (var input in new[] { "objectorName", "objectorContact", "content" })
        {
            Require(context, type, input);
        }

        if (!Notices.TryGetValue(notice, out var n) || !n.Open || n.Nomination != nominationId)
        {
            throw new ArgumentException($"{type}: the notice {notice} does not list {nominationId} or is closed.");
        }

        var id = "objection-" + Interlocked.Increment(ref _objections).ToString("D3", CultureInfo.InvariantCulture);
        Objections[id] = (nominationId, "investigating");
        return Out(("objectionId", id), ("objectionState", "investigating"), ("nominationRejected", false));
    }

    private Dictionary<string, object?> CloseNotice(ActivityContext context, string type)
    {
        var id = Require(context, type, "noticeId");
        var notice = Notices[id];
        if (context.Get("early") is not true && context.Time.GetUtcNow() < notice.ClosesAt)
        {
            throw new ArgumentException($"{type}: the notice {id} runs until {notice.ClosesAt:O}; close it early only by decision.");
        }

        Notices[id] = notice with { Open = false };
        var upheld = Objections.Values.Count(o => o.Nomination == notice.Nomination && o.State == "upheld");
        var investigating = Objections.Values.Count(o => o.Nomination == notice.Nomination && o.State == "investigating");
        return Out(("noticeClean", upheld == 0 && investigating == 0), ("objectionsUpheld", (long)upheld), ("objectionsInvestigating", (long)investigating));
    }

    private Dictionary<string, object?> RegisterHonours(ActivityContext context, string type)
    {
        var campaign = Require(context, type, "campaignId");
        var nomination = Require(context, type, "nominationIds");
        var honour = Text(context.Get("honourType")) ?? campaign;
        var number = Registry.GetOrAdd(nomination, _ =>
            $"GD-{honour}-{context.Time.GetUtcNow().Year.ToString(CultureInfo.InvariantCulture)}-{Interlocked.Increment(ref _certificates).ToString("D4", CultureInfo.InvariantCulture)}");
        return Out(("registeredCount", 1L), ("certificateNumbers", new List<object?> { number }));
    }

    private static Dictionary<string, object?> Notify(ActivityContext context, string type)
    {
        if (Require(context, type, "event") is not ("submitted" or "returned" or "rejected" or "objection" or "approved" or "published"))
        {
            throw new ArgumentException($"{type}: unknown event '{context.Get("event")}'.");
        }

        Require(context, type, "nominationId");
        return Out(("notifiedCount", 1L));
    }

    private static string Require(ActivityContext context, string type, string name) =>
        Text(context.Get(name)) ?? throw new ArgumentException($"{type} needs the input '{name}'.");

    private static int? Int(ActivityContext context, string name) =>
        context.Get(name) is { } value ? Convert.ToInt32(value, CultureInfo.InvariantCulture) : null;

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static Dictionary<string, object?> Out(params (string Name, object? Value)[] values) =>
        values.ToDictionary(v => v.Name, v => v.Value, StringComparer.Ordinal);

    private static string? Text(object? value) =>
        value is null ? null : Convert.ToString(value, CultureInfo.InvariantCulture) is { Length: > 0 } s && !string.IsNullOrWhiteSpace(s) ? s : null;

    private sealed class Activity(StandInHonours owner, string type) : IWorkflowActivity
    {
        public ValueTask<IReadOnlyDictionary<string, object?>> ExecuteAsync(ActivityContext context, CancellationToken cancellationToken) =>
            ValueTask.FromResult<IReadOnlyDictionary<string, object?>>(owner.Run(type, context));
    }
}
