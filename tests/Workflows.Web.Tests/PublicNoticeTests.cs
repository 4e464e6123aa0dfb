using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace Workflows.Web.Tests;

/// <summary>
/// The public notice (公示) in the browser, signed out: a demo filer's (filer2) nominee of the demo labour-medal campaign is put
/// under a provincial notice, the visitor finds the nominee on /notice, files an objection through the form (a
/// missing contact is refused in Chinese first) and gets a receipt with a reference number; the provincial reviewer
/// then finds the investigation (调查核实异议) in 待办.
/// </summary>
/// <remarks>
/// The host of the UI tests is a separate process on the real clock: the shipped designs hold a nominee for five
/// working days of unit notice before the provincial one, which this suite cannot wait for (the host journeys in
/// Workflows.Host.Tests/Honours move a test clock over it). So the provincial notice here is opened by a small test
/// process made of the same honours activities as the designs' notice stage (honours.noticePeriod,
/// honours.openNotice, the objection message, honours.recordObjection and the provincial reviewer's investigation).
/// </remarks>
[Collection(WebCollection.Name)]
public sealed class PublicNoticeTests(WebFixture fixture)
{
    [Fact]
    public async Task A_visitor_files_an_objection_on_the_notice_page_and_the_province_reviewer_has_the_investigation_to_do()
    {
        var notice = await NoticeUnderWay.OpenAsync(fixture.Host, "公示人");

        await using (var visitor = await fixture.NewSessionAsync("notice-visitor"))
        {
            var page = visitor.Page;
            await OpenFormAsync(visitor, notice.NomineeName);
            await Assertions.Expect(page.Locator("[data-testid=notice-period]").First).ToContainTextAsync("公示期：");
            var nomineeRow = page.Locator("[data-testid=notice-nominee]", new() { HasText = notice.NomineeName });
            await Assertions.Expect(nomineeRow).ToContainTextAsync("个人");
            await Assertions.Expect(nomineeRow).ToContainTextAsync("广州珠江精密电气有限公司");
            await Assertions.Expect(nomineeRow).Not.ToContainTextAsync("440104"); // no ID number in public
            await Assertions.Expect(page.GetByRole(AriaRole.Navigation, new() { Name = "主菜单" })).ToHaveCountAsync(0);
            await visitor.ScreenshotAsync("notice-list");

            // The focus is in the form; a missing contact and a too short text are refused in Chinese before sending.
            var form = page.Locator("[data-testid=objection-form]");
            await Assertions.Expect(form.GetByLabel("真实姓名或单位名称")).ToBeFocusedAsync();
            await form.GetByLabel("真实姓名或单位名称").FillAsync("王实名");
            await form.GetByLabel("异议内容（写明具体事实）").FillAsync("不实");
            await form.GetByRole(AriaRole.Button, new() { Name = "提交异议" }).ClickAsync();
            await Assertions.Expect(form).ToContainTextAsync("请填写联系电话或电子邮箱，以便核实情况。");
            await Assertions.Expect(form).ToContainTextAsync("异议内容不少于4个字，请写明具体事实。");
            await visitor.ScreenshotAsync("objection-refused");

            await form.GetByLabel("联系电话或电子邮箱").FillAsync("13800138000");
            await form.GetByLabel("异议内容（写明具体事实）").FillAsync("申报的技术革新成果系他人主持完成。");
            await form.GetByLabel("佐证材料说明（选填）").FillAsync("项目验收报告及知情人证言");
            await form.GetByLabel("联系电话或电子邮箱").PressAsync("Enter"); // Enter in a one-line field submits
            var receipt = page.Locator("[data-testid=objection-receipt]");
            await Assertions.Expect(receipt).ToContainTextAsync("异议已受理");
            await Assertions.Expect(receipt.Locator("[data-testid=receipt-number]")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^受理编号：YY\d{8}-[0-9A-F]{8}$"));
            await visitor.ScreenshotAsync("objection-receipt");
            visitor.Errors.Should().BeEmpty();
        }

        // The objection reached the process: the provincial reviewer has the investigation in 待办.
        await using var province = await fixture.NewSessionAsync("notice-province");
        await province.SignInAsync("province-reviewer", "Demo#2026", "/inbox");
        var row = await InboxTests.TodoRowAsync(province.Page, notice.BusinessKey);
        await Assertions.Expect(row).ToContainTextAsync("调查核实异议");
        await province.ScreenshotAsync("province-todo");
    }

    [Fact]
    public async Task A_visitor_reaches_the_notice_from_the_sign_in_page_but_no_page_that_needs_a_sign_in()
    {
        await using var visitor = await fixture.NewSessionAsync("notice-signed-out");
        var page = visitor.Page;
        await page.GotoAsync("/login");
        await page.GetByRole(AriaRole.Link, new() { Name = "公示查询" }).ClickAsync();
        await page.WaitForURLAsync(url => url.EndsWith("/notice", StringComparison.Ordinal), new() { WaitUntil = WaitUntilState.Commit });
        await visitor.WaitInteractiveAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "评选公示", Level = 1 })).ToBeVisibleAsync();

        foreach (var path in new[] { "/", "/inbox", "/designer", "/definitions" })
        {
            await page.GotoAsync(path);
            await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/login", new() { WaitUntil = WaitUntilState.Commit });
        }

        visitor.Errors.Should().BeEmpty();
    }

    /// <summary>Opens /notice (signed out), waits for the nominee's row and opens the objection form from its button.</summary>
    internal static async Task OpenFormAsync(UiSession visitor, string nomineeName)
    {
        var page = visitor.Page;
        await page.GotoAsync("/notice");
        await visitor.WaitInteractiveAsync();
        var row = page.Locator("[data-testid=notice-nominee]", new() { HasText = nomineeName });
        await Assertions.Expect(row).ToHaveCountAsync(1);
        await row.GetByRole(AriaRole.Button, new() { Name = $"对“{nomineeName}”提出异议" }).ClickAsync();
        await Assertions.Expect(page.Locator("[data-testid=objection-form]")).ToBeVisibleAsync();
    }
}

/// <summary>A nominee of the demo labour-medal campaign under a provincial notice, arranged through the API.</summary>
internal sealed record NoticeUnderWay(string NomineeName, string NominationId, string InstanceId, string BusinessKey)
{
    private static int _sequence;

    /// <summary>The filer files a nominee; the administrator opens the provincial notice for it with the test process.</summary>
    public static async Task<NoticeUnderWay> OpenAsync(WebHost host, string namePrefix)
    {
        var n = Interlocked.Increment(ref _sequence) + Random.Shared.Next(1, 400);
        var name = namePrefix + "甲乙丙丁戊己庚辛壬癸"[n % 10];
        // filer2: the nomination's own task (民主推荐, keyed by the nomination id) stays out of the lists the other UI tests scan.
        using var filer = await BearerClientAsync(host, "filer2", "Demo#2026");
        var campaigns = await filer.GetFromJsonAsync<JsonElement>("/api/campaigns?honourType=labour-medal&state=open");
        var campaignId = campaigns.EnumerateArray().First().GetProperty("id").GetString()!;
        var deeds = string.Concat(Enumerable.Repeat("爱岗敬业技术革新", 120));
        using var filed = await filer.PostAsJsonAsync("/api/nominations", new
        {
            campaignId,
            nominee = new { kind = "individual", name, identifier = IdNumber(n), gender = "male", ethnicity = "汉族", position = "高级技师", categories = new[] { "industrialWorker" } },
            form = new { position = "高级技师", politicalStatus = "中共党员", workStartDate = "2005-07-01", deedsSummary = deeds[..120], deeds = deeds[..900] },
        });
        var body = await filed.Content.ReadAsStringAsync();
        filed.StatusCode.Should().Be(HttpStatusCode.Created, body);
        var nominationId = JsonDocument.Parse(body).RootElement.GetProperty("id").GetString()!;

        using var admin = await ApiUser.SignInAsync(host, "admin", "Admin#2026");
        var key = ApprovalProcess.NewKey("notice");
        await admin.DeployAndPublishAsync(Xml(key));
        var businessKey = ApprovalProcess.NewBusinessKey();
        var instanceId = await admin.StartAsync(key, businessKey, new { campaignId, nominationId });
        var notices = await admin.GetAsync($"/api/public/notices/{campaignId}");
        notices.EnumerateArray().SelectMany(x => x.GetProperty("nominees").EnumerateArray())
            .Should().Contain(x => x.GetProperty("nominationId").GetString() == nominationId, "the test process opened the notice");
        return new NoticeUnderWay(name, nominationId, instanceId, businessKey);
    }

    private static async Task<HttpClient> BearerClientAsync(WebHost host, string userName, string password)
    {
        var client = new HttpClient { BaseAddress = host.BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        using var response = await client.PostAsJsonAsync("/api/auth/login", new { userName, password });
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(HttpStatusCode.OK, body);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", JsonDocument.Parse(body).RootElement.GetProperty("accessToken").GetString());
        return client;
    }

    /// <summary>A valid 18-digit ID number (广州越秀区), distinct per <paramref name="n"/>.</summary>
    private static string IdNumber(int n)
    {
        var first17 = "440104" + new DateOnly(1979, 5, 1).AddDays(n * 13).ToString("yyyyMMdd", CultureInfo.InvariantCulture)
            + ((n % 400 * 2) + 1).ToString("000", CultureInfo.InvariantCulture);
        int[] weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
        var sum = first17.Select((c, i) => (c - '0') * weights[i]).Sum();
        return first17 + "10X98765432"[sum % 11];
    }

    /// <summary>The notice stage of the shipped designs, on its own: notice period, notice, objection, investigation.</summary>
    private static string Xml(string key) => $$"""
        <?xml version="1.0" encoding="UTF-8"?>
        <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL"
                     xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI"
                     xmlns:dc="http://www.omg.org/spec/DD/20100524/DC"
                     xmlns:di="http://www.omg.org/spec/DD/20100524/DI"
                     xmlns:camunda="http://camunda.org/schema/1.0/bpmn"
                     xmlns:wf="urn:gd-workflows:bpmn"
                     targetNamespace="urn:test">
          <message id="Message_objection" name="objection" />
          <process id="{{key}}" name="省级公示与异议（测试）" isExecutable="true" camunda:candidateStarterGroups="enterprise-filer@/gd">
            <startEvent id="start" name="发起" />
            <sequenceFlow id="f1" sourceRef="start" targetRef="period" />
            <serviceTask id="period" name="计算省级公示期" wf:activityType="honours.noticePeriod">
              <extensionElements>
                <camunda:inputOutput>
                  <camunda:inputParameter name="campaignId">${campaignId}</camunda:inputParameter>
                  <camunda:inputParameter name="nominationId">${nominationId}</camunda:inputParameter>
                  <camunda:inputParameter name="level">provincial</camunda:inputParameter>
                  <camunda:inputParameter name="workingDays">${5}</camunda:inputParameter>
                  <camunda:outputParameter name="provinceNoticeStartsOn">${noticeStartsOn}</camunda:outputParameter>
                  <camunda:outputParameter name="provinceNoticeDays">${noticeDays}</camunda:outputParameter>
                  <camunda:outputParameter name="provinceNoticeInWorkingDays">${noticeInWorkingDays}</camunda:outputParameter>
                </camunda:inputOutput>
              </extensionElements>
            </serviceTask>
            <sequenceFlow id="f2" sourceRef="period" targetRef="open" />
            <serviceTask id="open" name="发布省级公示" wf:activityType="honours.openNotice">
              <extensionElements>
                <camunda:inputOutput>
                  <camunda:inputParameter name="campaignId">${campaignId}</camunda:inputParameter>
                  <camunda:inputParameter name="nominationId">${nominationId}</camunda:inputParameter>
                  <camunda:inputParameter name="level">provincial</camunda:inputParameter>
                  <camunda:inputParameter name="organisationPath">/gd</camunda:inputParameter>
                  <camunda:inputParameter name="start">${provinceNoticeStartsOn}</camunda:inputParameter>
                  <camunda:inputParameter name="days">${provinceNoticeDays}</camunda:inputParameter>
                  <camunda:inputParameter name="inWorkingDays">${provinceNoticeInWorkingDays}</camunda:inputParameter>
                  <camunda:outputParameter name="provinceNoticeId">${noticeId}</camunda:outputParameter>
                </camunda:inputOutput>
              </extensionElements>
            </serviceTask>
            <sequenceFlow id="f3" sourceRef="open" targetRef="objectionReceived" />
            <intermediateCatchEvent id="objectionReceived" name="收到异议" wf:correlationKey="${nominationId}">
              <messageEventDefinition id="objectionReceived_message" messageRef="Message_objection" />
            </intermediateCatchEvent>
            <sequenceFlow id="f4" sourceRef="objectionReceived" targetRef="record" />
            <serviceTask id="record" name="登记异议" wf:activityType="honours.recordObjection">
              <extensionElements>
                <camunda:inputOutput>
                  <camunda:inputParameter name="campaignId">${campaignId}</camunda:inputParameter>
                  <camunda:inputParameter name="nominationId">${nominationId}</camunda:inputParameter>
                  <camunda:inputParameter name="noticeId">${provinceNoticeId}</camunda:inputParameter>
                  <camunda:inputParameter name="objectorName">${execution.hasVariable('objectorName') ? objectorName : null}</camunda:inputParameter>
                  <camunda:inputParameter name="objectorContact">${execution.hasVariable('objectorContact') ? objectorContact : null}</camunda:inputParameter>
                  <camunda:inputParameter name="content">${execution.hasVariable('objectionContent') ? objectionContent : null}</camunda:inputParameter>
                  <camunda:outputParameter name="objectionId">${objectionId}</camunda:outputParameter>
                </camunda:inputOutput>
              </extensionElements>
            </serviceTask>
            <sequenceFlow id="f5" sourceRef="record" targetRef="investigateObjection" />
            <userTask id="investigateObjection" name="调查核实异议" camunda:candidateGroups="province-reviewer@/gd" />
            <sequenceFlow id="f6" sourceRef="investigateObjection" targetRef="end" />
            <endEvent id="end" name="结束" />
          </process>
          <bpmndi:BPMNDiagram id="diagram">
            <bpmndi:BPMNPlane id="plane" bpmnElement="{{key}}">
              <bpmndi:BPMNShape id="start_di" bpmnElement="start"><dc:Bounds x="100" y="142" width="36" height="36" /></bpmndi:BPMNShape>
              <bpmndi:BPMNShape id="period_di" bpmnElement="period"><dc:Bounds x="180" y="120" width="100" height="80" /></bpmndi:BPMNShape>
              <bpmndi:BPMNShape id="open_di" bpmnElement="open"><dc:Bounds x="330" y="120" width="100" height="80" /></bpmndi:BPMNShape>
              <bpmndi:BPMNShape id="objectionReceived_di" bpmnElement="objectionReceived"><dc:Bounds x="482" y="142" width="36" height="36" /></bpmndi:BPMNShape>
              <bpmndi:BPMNShape id="record_di" bpmnElement="record"><dc:Bounds x="570" y="120" width="100" height="80" /></bpmndi:BPMNShape>
              <bpmndi:BPMNShape id="investigateObjection_di" bpmnElement="investigateObjection"><dc:Bounds x="720" y="120" width="100" height="80" /></bpmndi:BPMNShape>
              <bpmndi:BPMNShape id="end_di" bpmnElement="end"><dc:Bounds x="872" y="142" width="36" height="36" /></bpmndi:BPMNShape>
              <bpmndi:BPMNEdge id="f1_di" bpmnElement="f1"><di:waypoint x="136" y="160" /><di:waypoint x="180" y="160" /></bpmndi:BPMNEdge>
              <bpmndi:BPMNEdge id="f2_di" bpmnElement="f2"><di:waypoint x="280" y="160" /><di:waypoint x="330" y="160" /></bpmndi:BPMNEdge>
              <bpmndi:BPMNEdge id="f3_di" bpmnElement="f3"><di:waypoint x="430" y="160" /><di:waypoint x="482" y="160" /></bpmndi:BPMNEdge>
              <bpmndi:BPMNEdge id="f4_di" bpmnElement="f4"><di:waypoint x="518" y="160" /><di:waypoint x="570" y="160" /></bpmndi:BPMNEdge>
              <bpmndi:BPMNEdge id="f5_di" bpmnElement="f5"><di:waypoint x="670" y="160" /><di:waypoint x="720" y="160" /></bpmndi:BPMNEdge>
              <bpmndi:BPMNEdge id="f6_di" bpmnElement="f6"><di:waypoint x="820" y="160" /><di:waypoint x="872" y="160" /></bpmndi:BPMNEdge>
            </bpmndi:BPMNPlane>
          </bpmndi:BPMNDiagram>
        </definitions>
        """;
}
