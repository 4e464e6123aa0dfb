using System.Net;
using System.Net.Http.Json;

namespace Workflows.Host.Tests;

/// <summary>The official calendar through the host: the shipped years, an administrator adding a year, and processes counting on it.</summary>
public sealed class CalendarApiTests(HostFactory factory) : IClassFixture<HostFactory>
{
    private readonly HttpClient _client = factory.CreateClient();

    [Fact]
    public async Task The_shipped_years_are_listed_with_their_holidays()
    {
        var years = await _client.GetJsonAsync("/api/calendar/years");
        years.EnumerateArray().Select(y => y.GetProperty("year").GetInt32()).Should().Contain([2025, 2026]);
        var y2026 = await _client.GetJsonAsync("/api/calendar/years/2026");
        y2026.GetProperty("holidays").EnumerateArray().Should().Contain(h => h.GetProperty("name").GetString()!.Contains("国庆", StringComparison.Ordinal));
        y2026.GetProperty("adjustedWorkdays").EnumerateArray().Select(w => w.GetProperty("date").GetString()).Should().Contain("2026-10-10");
        (await (await _client.GetAsync("/api/calendar/years/1999")).ProblemAsync(HttpStatusCode.NotFound)).GetProperty("detail").GetString().Should().Contain("PUT");
    }

    [Fact]
    public async Task Processes_count_working_days_on_the_official_calendar()
    {
        await _client.DeployAndPublishAsync($$"""
            <?xml version="1.0" encoding="UTF-8"?>
            <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="d" targetNamespace="urn:t">
              <process id="notice-period" isExecutable="true" camunda:candidateStarterGroups="enterprise-filer@/gd">
                <startEvent id="s" />
                <scriptTask id="compute" scriptFormat="javascript"><script>execution.setVariable('noticeEnds', addWorkingDays('2026-09-30T10:00:00+08:00', 1)); execution.setVariable('workday', isWorkingDay('2026-10-10'))</script></scriptTask>
                <userTask id="t" />
                <sequenceFlow id="f1" sourceRef="s" targetRef="compute" /><sequenceFlow id="f2" sourceRef="compute" targetRef="t" />
              </process>
            </definitions>
            """);
        var instance = await _client.StartAsync("notice-period");
        var variables = instance.GetProperty("variables");
        DateTimeOffset.Parse(variables.GetProperty("noticeEnds").GetString()!, System.Globalization.CultureInfo.InvariantCulture)
            .Should().Be(new DateTimeOffset(2026, 10, 8, 10, 0, 0, TimeSpan.FromHours(8)), "1–7 October 2026 is the National Day holiday");
        variables.GetProperty("workday").GetBoolean().Should().BeTrue("Saturday 10 October 2026 is an adjusted working day");
    }

    [Fact]
    public async Task An_administrator_adds_a_year_and_a_bad_year_is_refused_with_every_problem()
    {
        var body = new
        {
            sourceNote = "测试数据，非官方 / TEST DATA",
            holidays = new[] { new { name = "元旦", from = "2031-01-01", to = "2031-01-01" }, new { name = "国庆节", from = "2031-10-01", to = "2031-10-07" } },
            adjustedWorkdays = new[] { new { date = "2031-09-28", holiday = "国庆节" } },
        };
        using (var created = await _client.PutAsJsonAsync("/api/calendar/years/2031", body))
        {
            created.StatusCode.Should().Be(HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        }

        using (var replaced = await _client.PutAsJsonAsync("/api/calendar/years/2031", body))
        {
            replaced.StatusCode.Should().Be(HttpStatusCode.OK);
        }

        (await _client.GetJsonAsync("/api/calendar/years/2031")).GetProperty("sourceNote").GetString().Should().Contain("TEST");

        var bad = new { sourceNote = "x", holidays = new[] { new { name = "错年", from = "2030-05-01", to = "2030-05-02" } }, adjustedWorkdays = new[] { new { date = "2032-03-03", holiday = "x" } } };
        using var refused = await _client.PutAsJsonAsync("/api/calendar/years/2032", bad);
        var problem = await refused.ProblemAsync(HttpStatusCode.UnprocessableEntity);
        problem.GetProperty("problems").GetArrayLength().Should().BeGreaterThan(1);
        (await _client.GetAsync("/api/calendar/years/2032")).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }
}
