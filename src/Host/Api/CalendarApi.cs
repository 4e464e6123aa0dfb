using Microsoft.AspNetCore.Http.HttpResults;
using Workflows.Activities.Calendar;
using Workflows.Host.Identity;

namespace Workflows.Host.Api;

/// <summary>
/// The official working-day calendar: the years it knows, and an administrator adding or replacing a year
/// (法定节假日与调休) without a redeploy. Reading: any signed-in user; adding or replacing a year: administrators.
/// </summary>
public static class CalendarApi
{
    /// <summary>The body of <c>PUT /api/calendar/years/{year}</c>.</summary>
    public sealed record CalendarYearBody(int? Year, string? SourceNote, IReadOnlyList<HolidayPeriod>? Holidays, IReadOnlyList<AdjustedWorkday>? AdjustedWorkdays);

    public static IEndpointRouteBuilder MapCalendarApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/calendar").WithTags("Calendar")
            .RequireAuthorization(IdentityServices.Policies.SignedIn);
        group.MapGet("/years", ListAsync).WithName("ListCalendarYears").WithSummary("The years of the official calendar");
        group.MapGet("/years/{year:int}", GetAsync).WithName("GetCalendarYear").WithSummary("One year: holidays and adjusted working days")
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPut("/years/{year:int}", PutAsync).WithName("PutCalendarYear").WithSummary("Add or replace a year (administrators)")
            .ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .RequireAuthorization(IdentityServices.Policies.Admin);
        return app;
    }

    private static async Task<Ok<IReadOnlyList<CalendarYearDetails>>> ListAsync(CalendarService calendar, CancellationToken ct) =>
        TypedResults.Ok(await calendar.ListYearsAsync(ct));

    private static async Task<Results<Ok<CalendarYearDetails>, ProblemHttpResult>> GetAsync(int year, CalendarService calendar, CancellationToken ct) =>
        await calendar.GetYearAsync(year, ct) is { } details
            ? TypedResults.Ok(details)
            : TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: $"The calendar has no year {year}. Add it with PUT /api/calendar/years/{year}.");

    private static async Task<Results<Created<CalendarYearDetails>, Ok<CalendarYearDetails>, ProblemHttpResult>> PutAsync(
        int year, CalendarYearBody body, CalendarService calendar, CancellationToken ct)
    {
        if (body.Year is { } inBody && inBody != year)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "The request is not valid",
                detail: $"The body names the year {inBody} but the address names {year}.");
        }

        var result = await calendar.PutYearAsync(new CalendarYearInput(year, body.SourceNote, body.Holidays, body.AdjustedWorkdays), ct);
        return result.Created
            ? TypedResults.Created($"/api/calendar/years/{year}", result.Year)
            : TypedResults.Ok(result.Year);
    }
}
