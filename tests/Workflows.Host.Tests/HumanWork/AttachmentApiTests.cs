using System.Net;
using System.Net.Http.Headers;
using System.Text;

namespace Workflows.Host.Tests.HumanWork;

/// <summary>Attachments through the API: checked by content, listed and downloaded by those who may read the instance only.</summary>
public sealed class AttachmentApiTests(HostFactory factory) : IClassFixture<HostFactory>
{
    private static readonly byte[] Pdf = Encoding.ASCII.GetBytes("%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n");

    private static MultipartFormDataContent Form(byte[] bytes, string fileName, string? taskId = null)
    {
        var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        form.Add(file, "file", fileName);
        if (taskId is not null)
        {
            form.Add(new StringContent(taskId), "taskId");
        }

        form.Add(new StringContent("deeds"), "materialCode");
        return form;
    }

    [Fact]
    public async Task A_file_is_checked_by_content_and_read_only_inside_the_organisation()
    {
        using var admin = factory.CreateAdminClient();
        await admin.DeployAndPublishAsync(ApprovalProcess.Xml("files"));
        using var filer = factory.CreateClientAs("filer");
        using var city = factory.CreateClientAs("city-reviewer");
        using var other = factory.CreateClientAs("filer2");
        var id = (await filer.StartAsync("files", "NOM-FILE-1")).GetProperty("id").GetString()!;
        var fill = await filer.MyTaskAsync(id);

        using (var upload = await filer.PostAsync($"/api/instances/{id}/attachments", Form(Pdf, "事迹材料.pdf", fill)))
        {
            var body = await upload.Content.ReadAsStringAsync();
            upload.StatusCode.Should().Be(HttpStatusCode.Created, body);
            var saved = await upload.JsonAsync();
            saved.GetProperty("contentType").GetString().Should().Be("application/pdf");
            saved.GetProperty("size").GetInt64().Should().Be(Pdf.Length);
            saved.GetProperty("taskId").GetString().Should().Be(fill);
        }

        // A program renamed .pdf is refused by its content, with a Chinese reason, and nothing is stored.
        var exe = new byte[] { 0x4D, 0x5A, 0x90, 0x00, 0x03, 0x00, 0x00, 0x00 };
        using (var refused = await filer.PostAsync($"/api/instances/{id}/attachments", Form(exe, "照片.pdf")))
        {
            var problem = await refused.ProblemAsync(HttpStatusCode.UnprocessableEntity);
            problem.GetProperty("detail").GetString().Should().Contain("按文件内容识别");
        }

        var list = await city.GetJsonAsync($"/api/instances/{id}/attachments");
        list.GetArrayLength().Should().Be(1);
        var fileId = list[0].GetProperty("id").GetString()!;
        list[0].GetProperty("fileName").GetString().Should().Be("事迹材料.pdf");

        using (var download = await city.GetAsync($"/api/attachments/{fileId}"))
        {
            download.StatusCode.Should().Be(HttpStatusCode.OK);
            (await download.Content.ReadAsByteArrayAsync()).Should().Equal(Pdf);
            download.Content.Headers.ContentType!.MediaType.Should().Be("application/pdf");
        }

        // Another enterprise neither lists, downloads nor uploads.
        using (var response = await other.GetAsync($"/api/instances/{id}/attachments"))
        {
            await response.ProblemAsync(HttpStatusCode.NotFound);
        }

        using (var response = await other.GetAsync($"/api/attachments/{fileId}"))
        {
            await response.ProblemAsync(HttpStatusCode.NotFound);
        }

        using (var response = await other.PostAsync($"/api/instances/{id}/attachments", Form(Pdf, "混入.pdf")))
        {
            await response.ProblemAsync(HttpStatusCode.NotFound);
        }

        (await filer.GetJsonAsync($"/api/instances/{id}/attachments")).GetArrayLength().Should().Be(1);
    }
}
