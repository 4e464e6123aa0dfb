using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Workflows.Host.Tests.HumanWork;

namespace Workflows.Host.Tests.Hardening;

/// <summary>
/// Hostile uploads: malformed multipart forms and file names answer 400 problem details (not 500), a zip bomb
/// dressed as DOCX and a PDF header in front of a web page are refused by their content, and nothing is stored.
/// </summary>
public sealed class UploadHardeningTests(HostFactory factory) : IClassFixture<HostFactory>
{
    private static readonly byte[] Pdf = Encoding.ASCII.GetBytes("%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n");

    private async Task<(HttpClient Filer, string InstanceId)> InstanceAsync(string key)
    {
        using var admin = factory.CreateAdminClient();
        await admin.DeployAndPublishAsync(ApprovalProcess.Xml(key));
        var filer = factory.CreateClientAs("filer");
        var id = (await filer.StartAsync(key)).GetProperty("id").GetString()!;
        return (filer, id);
    }

    /// <summary>A multipart body written by hand: <paramref name="disposition"/> is the file part's Content-Disposition.</summary>
    private static ByteArrayContent Raw(string boundary, string bodyBoundary, string disposition, byte[] file, bool cutShort = false)
    {
        using var body = new MemoryStream();
        void Write(string text) => body.Write(Encoding.UTF8.GetBytes(text));
        Write($"--{bodyBoundary}\r\nContent-Disposition: {disposition}\r\nContent-Type: application/octet-stream\r\n\r\n");
        body.Write(file);
        Write($"\r\n--{bodyBoundary}\r\nContent-Disposition: form-data; name=\"materialCode\"\r\n\r\ndeeds\r\n--{bodyBoundary}--\r\n");
        var bytes = body.ToArray();
        var content = new ByteArrayContent(cutShort ? bytes[..(bytes.Length / 2)] : bytes);
        content.Headers.TryAddWithoutValidation("Content-Type", $"multipart/form-data; boundary={boundary}");
        return content;
    }

    private static MultipartFormDataContent Form(byte[] bytes, string fileName)
    {
        var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        form.Add(file, "file", fileName);
        return form;
    }

    public static TheoryData<string, string, string, bool> MalformedForms => new()
    {
        { "NUL in the file name", "b1", "form-data; name=\"file\"; filename=\"a\0b.pdf\"", false },
        { "NUL in the encoded file name", "b1", "form-data; name=\"file\"; filename*=UTF-8''a%00b.pdf", false },
        { "CRLF in the encoded file name", "b1", "form-data; name=\"file\"; filename*=UTF-8''a%0D%0AX-Evil%3A%201.pdf", false },
        { "a raw line break in the file name", "b1", "form-data; name=\"file\"; filename=\"a\r\nb.pdf\"", false },
        { "a body cut short", "b1", "form-data; name=\"file\"; filename=\"a.pdf\"", true },
        { "a wrong boundary", "other-boundary", "form-data; name=\"file\"; filename=\"a.pdf\"", false },
    };

    [Theory]
    [MemberData(nameof(MalformedForms))]
    public async Task A_malformed_multipart_upload_answers_400_and_stores_nothing(string what, string boundary, string disposition, bool cutShort)
    {
        var (filer, id) = await InstanceAsync("upload-" + Math.Abs(what.GetHashCode(StringComparison.Ordinal)));
        using (filer)
        {
            using var response = await filer.PostAsync($"/api/instances/{id}/attachments", Raw(boundary, "b1", disposition, Pdf, cutShort));
            var problem = await response.ProblemAsync(HttpStatusCode.BadRequest);
            problem.GetProperty("detail").GetString().Should().NotBeNullOrWhiteSpace(what);
            (await filer.GetJsonAsync($"/api/instances/{id}/attachments")).GetArrayLength().Should().Be(0, what);
        }
    }

    [Fact]
    public async Task A_multipart_content_type_without_a_boundary_answers_400()
    {
        var (filer, id) = await InstanceAsync("upload-no-boundary");
        using (filer)
        {
            using var content = new ByteArrayContent(Pdf);
            content.Headers.TryAddWithoutValidation("Content-Type", "multipart/form-data");
            using var response = await filer.PostAsync($"/api/instances/{id}/attachments", content);
            await response.ProblemAsync(HttpStatusCode.BadRequest);
        }
    }

    /// <summary>A DOCX whose one extra entry is <paramref name="expandedMiB"/> MiB of zeros (about 1 MB per GiB compressed).</summary>
    private static byte[] ZipBomb(int expandedMiB)
    {
        using var stream = new MemoryStream();
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
        {
            using (var writer = new StreamWriter(zip.CreateEntry("[Content_Types].xml").Open()))
            {
                writer.Write("<?xml version=\"1.0\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"/>");
            }

            using (var writer = new StreamWriter(zip.CreateEntry("word/document.xml").Open()))
            {
                writer.Write("<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"/>");
            }

            using var bomb = zip.CreateEntry("word/media/zeros.bin", CompressionLevel.Optimal).Open();
            var zeros = new byte[1024 * 1024];
            for (var i = 0; i < expandedMiB; i++)
            {
                bomb.Write(zeros);
            }
        }

        return stream.ToArray();
    }

    [Fact]
    public async Task A_docx_zip_bomb_is_refused_with_a_chinese_and_english_reason()
    {
        var bomb = ZipBomb(1024);
        bomb.Length.Should().BeLessThan(2 * 1024 * 1024, "the bomb is small on the wire");
        var (filer, id) = await InstanceAsync("upload-bomb");
        using (filer)
        {
            using var response = await filer.PostAsync($"/api/instances/{id}/attachments", Form(bomb, "事迹材料.docx"));
            var detail = (await response.ProblemAsync(HttpStatusCode.UnprocessableEntity)).GetProperty("detail").GetString();
            detail.Should().Contain("压缩炸弹").And.Contain("zip bomb");
            (await filer.GetJsonAsync($"/api/instances/{id}/attachments")).GetArrayLength().Should().Be(0);
        }
    }

    [Fact]
    public async Task A_pdf_header_followed_by_html_is_refused_and_a_real_pdf_is_kept()
    {
        var (filer, id) = await InstanceAsync("upload-polyglot");
        using (filer)
        {
            var html = Encoding.ASCII.GetBytes("%PDF-1.4\n<html><body><script>alert(document.cookie)</script></body></html>\n");
            using (var response = await filer.PostAsync($"/api/instances/{id}/attachments", Form(html, "report.pdf")))
            {
                var detail = (await response.ProblemAsync(HttpStatusCode.UnprocessableEntity)).GetProperty("detail").GetString();
                detail.Should().Contain("HTML");
            }

            var noTrailer = Encoding.ASCII.GetBytes("%PDF-1.4\n1 0 obj <<>> endobj\n" + new string('x', 4000));
            using (var response = await filer.PostAsync($"/api/instances/{id}/attachments", Form(noTrailer, "cut.pdf")))
            {
                (await response.ProblemAsync(HttpStatusCode.UnprocessableEntity)).GetProperty("detail").GetString().Should().Contain("%%EOF");
            }

            using (var response = await filer.PostAsync($"/api/instances/{id}/attachments", Form(Pdf, "事迹.pdf")))
            {
                response.StatusCode.Should().Be(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
            }

            (await filer.GetJsonAsync($"/api/instances/{id}/attachments")).GetArrayLength().Should().Be(1);
        }
    }
}
