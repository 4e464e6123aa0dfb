using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using MiniExcelLibs;
using Xunit.Abstractions;

namespace Workflows.Host.Tests.Administration;

/// <summary>
/// 批量导入 over HTTP with workbooks made here by MiniExcel: a file with good and bad rows imports nothing and lists
/// every bad row (sheet, row number, column, Chinese sentence); a good file of 10,000 rows imports in seconds; the
/// template downloads with the column names.
/// </summary>
public sealed class DirectoryImportTests(HostFactory factory, ITestOutputHelper output) : IClassFixture<HostFactory>
{
    [Fact]
    public async Task A_file_with_bad_rows_imports_nothing_and_lists_each_bad_row_with_its_column()
    {
        using var admin = factory.CreateClient();
        var file = Workbook(
            [
                Org("/gd/gz/th", "ent-501", "导入测试一公司", "企业"), // row 2: good
                Org("/gd/gz/th/ent-501", "union", "导入测试一公司工会", "基层工会"), // row 3: good, parent from row 2
                Org("/gd/gz/nowhere", "ent-502", "上级不存在公司", "企业"), // row 4: unknown parent
                Org("/gd/gz/th", "bad code", "代码错误公司", "企业"), // row 5: bad code
                Org("/gd/gz/th", "ent-503", "类型错误公司", "工厂"), // row 6: unknown kind
            ],
            [
                Person("imp-good", "导入甲", "/gd/gz/th/ent-501/union", "enterprise-filer", null), // row 2: good
                Person("filer", "重名", "/gd/gz/th/ent-501/union", null, null), // row 3: taken user name
                Person("imp-role", "导入乙", "/gd/gz/th/ent-501/union", "emperor", null), // row 4: unknown role
                Person("imp-org", "导入丙", "/gd/xx", null, null), // row 5: unknown organisation
            ]);

        using var response = await PostAsync(admin, file, "bad.xlsx");
        var problem = await response.ProblemAsync(HttpStatusCode.UnprocessableEntity);
        var problems = problem.GetProperty("problems").EnumerateArray()
            .Select(p => (Sheet: p.GetProperty("sheet").GetString(), Row: p.GetProperty("row").GetInt32(), Column: p.GetProperty("field").GetString(), Chinese: p.GetProperty("chinese").GetString()!))
            .ToList();
        foreach (var p in problems)
        {
            output.WriteLine($"{p.Sheet} {p.Row} {p.Column}: {p.Chinese}");
        }

        problems.Select(p => (p.Sheet, p.Row, p.Column)).Should().BeEquivalentTo(new[]
        {
            ("组织", 4, "上级组织路径"), ("组织", 5, "代码"), ("组织", 6, "类型"),
            ("人员", 3, "用户名"), ("人员", 4, "角色"), ("人员", 5, "所属组织路径"),
        });
        problems.Should().OnlyContain(p => p.Chinese.Contains("第 " + p.Row + " 行", StringComparison.Ordinal));

        (await admin.BranchAsync("/gd/gz/th")).GetProperty("children").EnumerateArray()
            .Select(c => c.GetProperty("code").GetString()).Should().NotContain("ent-501", "nothing of a failed file is imported");
        (await admin.GetJsonAsync("/api/admin/users?search=imp-good")).GetProperty("total").GetInt32().Should().Be(0);
    }

    [Fact]
    public async Task Ten_thousand_rows_import_in_seconds_with_their_roles_and_audit_entries()
    {
        using var admin = factory.CreateClient();
        const int Enterprises = 5_000;
        var organisations = Enumerable.Range(1, Enterprises).Select(i => Org("/gd/sz", $"bulk-{i:D5}", $"深圳批量测试{i}号公司", "enterprise")).ToList();
        var people = Enumerable.Range(1, Enterprises).Select(i => Person($"bulk{i:D5}", $"批量{i}", $"/gd/sz/bulk-{i:D5}", "org-leader", null)).ToList();
        var file = Workbook(organisations, people);

        var watch = Stopwatch.StartNew();
        using var response = await PostAsync(admin, file, "bulk.xlsx");
        watch.Stop();
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(HttpStatusCode.OK, body);
        var report = await response.JsonAsync();
        output.WriteLine($"10,000 rows ({file.Length / 1024} KiB): {watch.ElapsedMilliseconds} ms over HTTP, {report.GetProperty("elapsedMilliseconds").GetInt64()} ms in the import");
        report.GetProperty("organisations").GetInt32().Should().Be(Enterprises);
        report.GetProperty("users").GetInt32().Should().Be(Enterprises);
        report.GetProperty("roles").GetInt32().Should().Be(Enterprises);
        // A few seconds on an idle 2-core machine; the bound leaves room for a machine shared with many builds.
        watch.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(120), "10,000 rows import in one request");

        (await admin.BranchAsync("/gd/sz")).GetProperty("children").GetArrayLength().Should().BeGreaterThanOrEqualTo(Enterprises);
        var user = (await admin.GetJsonAsync("/api/admin/users?search=bulk04321")).GetProperty("users").EnumerateArray().Single();
        AdminApi.Strings(user.GetProperty("roles")).Should().Equal("org-leader@/gd/sz/bulk-04321");
        (await admin.GetJsonAsync("/api/admin/audit?action=directory.import")).GetProperty("entries").EnumerateArray()
            .Should().Contain(e => e.GetProperty("subject").GetString() == "bulk.xlsx");
        (await admin.GetJsonAsync("/api/admin/audit?subject=/gd/sz/bulk-00007")).GetProperty("entries").EnumerateArray().Single()
            .GetProperty("action").GetString().Should().Be("organisation.import");
    }

    [Fact]
    public async Task The_template_downloads_with_the_column_names_and_a_file_that_is_no_workbook_is_refused()
    {
        using var admin = factory.CreateClient();
        using var template = await admin.GetAsync("/api/admin/organisations/import/template");
        template.StatusCode.Should().Be(HttpStatusCode.OK);
        using var stream = new MemoryStream(await template.Content.ReadAsByteArrayAsync());
        stream.GetSheetNames().Should().Contain(["组织", "人员", "填写说明"]);
        stream.Position = 0;
        var header = (IDictionary<string, object?>)stream.Query(useHeaderRow: false, sheetName: "人员").First();
        header.Values.Should().Contain(["用户名", "姓名", "所属组织路径", "角色", "角色所在组织路径", "邮箱"]);

        using var notExcel = await PostAsync(admin, "not a workbook"u8.ToArray(), "x.xlsx");
        (await notExcel.ProblemAsync(HttpStatusCode.UnprocessableEntity)).GetProperty("detail").GetString().Should().Contain("不是有效的 Excel 工作簿");
    }

    private static Dictionary<string, object?> Org(string parent, string code, string name, string kind) =>
        new() { ["上级组织路径"] = parent, ["代码"] = code, ["名称"] = name, ["类型"] = kind };

    private static Dictionary<string, object?> Person(string userName, string name, string path, string? role, string? rolePath) =>
        new() { ["用户名"] = userName, ["姓名"] = name, ["所属组织路径"] = path, ["角色"] = role, ["角色所在组织路径"] = rolePath, ["邮箱"] = null };

    private static byte[] Workbook(List<Dictionary<string, object?>> organisations, List<Dictionary<string, object?>> people)
    {
        using var stream = new MemoryStream();
        stream.SaveAs(new Dictionary<string, object> { ["组织"] = organisations, ["人员"] = people }, excelType: ExcelType.XLSX);
        return stream.ToArray();
    }

    private static async Task<HttpResponseMessage> PostAsync(HttpClient client, byte[] file, string name)
    {
        using var content = new MultipartFormDataContent();
        var part = new ByteArrayContent(file);
        part.Headers.ContentType = new MediaTypeHeaderValue("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        content.Add(part, "file", name);
        return await client.PostAsync("/api/admin/organisations/import", content);
    }
}
