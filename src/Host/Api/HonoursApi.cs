namespace Workflows.Host.Api;

/// <summary>
/// The honours API: campaigns and their decision (<see cref="HonoursCampaignsApi"/>), level submissions
/// (<see cref="HonoursLevelsApi"/>) and nominations with their files (<see cref="HonoursNominationsApi"/>).
/// </summary>
public static class HonoursApi
{
    public static IEndpointRouteBuilder MapHonoursApi(this IEndpointRouteBuilder routes) =>
        routes.MapHonoursCampaignsApi().MapHonoursLevelsApi().MapHonoursNominationsApi().MapPersonalDataApi();
}
