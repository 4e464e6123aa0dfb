using System.Globalization;
using Workflows.Activities.Honours;
using Workflows.Host.Web.Localization;

namespace Workflows.Host.Web.Portal;

/// <summary>How the portal writes dates, states and nominee kinds.</summary>
public static class PortalFormat
{
    private static readonly TimeSpan Beijing = TimeSpan.FromHours(8);

    /// <summary>A Beijing date: 2026年11月24日 (Chinese UI), 2026-11-24 (English UI); "—" for none.</summary>
    public static string Date(DateTimeOffset? time) => time?.ToOffset(Beijing) is not { } t ? "—"
        : UiCulture.IsChinese ? t.ToString("yyyy年M月d日", CultureInfo.InvariantCulture) : t.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>The chip colour of a nomination's state.</summary>
    public static MudBlazor.Color StateColor(NominationState state) => state switch
    {
        NominationState.Returned => MudBlazor.Color.Warning,
        NominationState.Rejected or NominationState.Withdrawn => MudBlazor.Color.Error,
        NominationState.Approved or NominationState.Published => MudBlazor.Color.Success,
        NominationState.Draft => MudBlazor.Color.Default,
        _ => MudBlazor.Color.Info,
    };

    /// <summary>A state's name in the UI's language (the API's Chinese name in the Chinese UI).</summary>
    public static string State(NominationState state, string chinese) => UiCulture.IsChinese ? chinese : state.ToString();

    /// <summary>个人, 集体（单位）, 集体（班组）.</summary>
    public static string Kind(NomineeKind kind) => kind switch
    {
        NomineeKind.Unit => UiText.Portal.KindUnit,
        NomineeKind.Team => UiText.Portal.KindTeam,
        _ => UiText.Portal.KindIndividual,
    };

    /// <summary>True when filing is open on the campaign now (state open, the window includes now).</summary>
    public static bool IsOpen(Workflows.Host.Api.CampaignSummaryDto campaign, DateTimeOffset now) =>
        campaign.State == CampaignState.Open && campaign.WindowOpensAt <= now && now <= campaign.WindowClosesAt;
}
