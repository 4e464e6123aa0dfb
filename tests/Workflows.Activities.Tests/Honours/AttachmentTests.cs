using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Workflows.Activities.Honours;
using Workflows.Activities.Honours.Attachments;
using Workflows.Activities.Identity;
using Workflows.Activities.Tests.Persistence;

namespace Workflows.Activities.Tests.Honours;

/// <summary>Files are accepted by what their bytes are (PDF, DOCX, JPEG, PNG up to 20 MB), never by their names.</summary>
public sealed class AttachmentTests(TestDatabases databases) : IClassFixture<TestDatabases>
{
    public static TheoryData<string, string> AcceptedFiles => new()
    {
        { "pdf", AttachmentInspector.PdfType },
        { "png", AttachmentInspector.PngType },
        { "jpeg", AttachmentInspector.JpegType },
        { "docx", AttachmentInspector.DocxType },
    };

    [Theory, MemberData(nameof(AcceptedFiles))]
    public void Real_files_of_the_four_types_are_recognised_by_their_bytes(string sample, string contentType)
    {
        var bytes = Sample(sample);

        var inspection = AttachmentInspector.Inspect(bytes, "材料");

        inspection.Accepted.Should().BeTrue(inspection.ProblemZh);
        inspection.ContentType.Should().Be(contentType);
    }

    [Fact]
    public void An_executable_renamed_pdf_is_refused()
    {
        var inspection = AttachmentInspector.Inspect(SampleFiles.Exe(), "事迹材料.pdf");

        inspection.Accepted.Should().BeFalse();
        inspection.ProblemZh.Should().Be("文件「事迹材料.pdf」的内容不是 PDF、DOCX、JPG、PNG 格式（系统按文件内容识别类型，与文件扩展名无关），请上传这四种格式之一。");
    }

    [Fact]
    public void A_zip_that_is_not_a_Word_document_an_old_doc_and_an_empty_file_are_refused()
    {
        AttachmentInspector.Inspect(SampleFiles.PlainZip(), "材料.docx").ProblemZh.Should().StartWith("文件「材料.docx」的内容不是 PDF、DOCX、JPG、PNG 格式");
        AttachmentInspector.Inspect(SampleFiles.Exe()[..2].Concat(SampleFiles.Docx()).ToArray(), "x.docx").Accepted.Should().BeFalse();
        AttachmentInspector.Inspect(SampleFiles.OldDoc(), "纪要.doc").ProblemZh.Should().Be("文件「纪要.doc」是旧版 Office 文件（如 .doc），请另存为 DOCX 或 PDF 后上传。");
        AttachmentInspector.Inspect(Array.Empty<byte>(), "空.pdf").ProblemZh.Should().Be("文件「空.pdf」是空文件，请重新选择。");
        var truncated = SampleFiles.Docx();
        AttachmentInspector.Inspect(truncated.AsMemory(0, truncated.Length / 2), "坏.docx").Accepted.Should().BeFalse("a broken archive is not a document");
    }

    [Fact]
    public void Twenty_megabytes_are_accepted_one_byte_more_is_refused()
    {
        AttachmentInspector.Inspect(SampleFiles.PdfOfSize(HonoursLimits.MaxAttachmentBytes), "big.pdf").Accepted.Should().BeTrue();

        var inspection = AttachmentInspector.Inspect(SampleFiles.PdfOfSize(HonoursLimits.MaxAttachmentBytes + 1), "big.pdf");

        inspection.Accepted.Should().BeFalse();
        inspection.ProblemZh.Should().Be("文件「big.pdf」大小为 20,971,521 字节（约 20.0 MB），超过 20 MB（20,971,520 字节）的上限，请压缩后再上传。");
    }

    [Theory, MemberData(nameof(TestDatabases.DurableKinds), MemberType = typeof(TestDatabases))]
    public async Task An_upload_is_stored_with_the_type_of_its_bytes_its_hash_and_its_content(DatabaseKind kind)
    {
        var world = await HonoursWorld.CreateAsync(databases, kind);
        var nomination = await NominationAsync(world);
        var png = SampleFiles.Png();

        var stored = await world.Services.Attachments.UploadAsync(Upload(nomination.Id, @"C:\Users\陈\Desktop\公示照片.pdf", "notice-photo"), new MemoryStream(png));

        stored.ContentType.Should().Be(AttachmentInspector.PngType, "the bytes are a PNG whatever the name says");
        stored.FileName.Should().Be("公示照片.pdf");
        stored.Size.Should().Be(png.Length);
        stored.Sha256.Should().Be(Convert.ToHexStringLower(SHA256.HashData(png)));
        stored.UploadedAt.Should().Be(world.Time.GetUtcNow());
        (await world.Services.Attachments.ReadContentAsync(stored.Id)).Should().Equal(png);
        (await world.Services.Attachments.ListForNominationAsync(nomination.Id)).Should().ContainSingle().Which.Id.Should().Be(stored.Id);

        var docx = await world.Services.Attachments.UploadAsync(Upload(nomination.Id, "事迹材料.docx", "deeds"), new MemoryStream(SampleFiles.Docx()));
        docx.ContentType.Should().Be(AttachmentInspector.DocxType);
    }

    [Theory, MemberData(nameof(TestDatabases.DurableKinds), MemberType = typeof(TestDatabases))]
    public async Task Refused_uploads_store_nothing(DatabaseKind kind)
    {
        var world = await HonoursWorld.CreateAsync(databases, kind);
        var nomination = await NominationAsync(world);

        var exe = () => world.Services.Attachments.UploadAsync(Upload(nomination.Id, "推荐审批表.pdf", "approval-form"), new MemoryStream(SampleFiles.Exe()));
        (await exe.Should().ThrowAsync<HonoursException>()).Which.Message.Should().StartWith("文件「推荐审批表.pdf」的内容不是 PDF、DOCX、JPG、PNG 格式");

        // A stream that cannot seek is cut off after 20 MB + 1 byte, without reading the rest.
        var big = () => world.Services.Attachments.UploadAsync(Upload(nomination.Id, "big.pdf", "deeds"), new OneWayStream(SampleFiles.PdfOfSize(HonoursLimits.MaxAttachmentBytes + 1000)));
        (await big.Should().ThrowAsync<HonoursException>()).Which.Message.Should().Contain("超过 20 MB（20,971,520 字节）的上限");

        var seekable = () => world.Services.Attachments.UploadAsync(Upload(nomination.Id, "big.pdf", "deeds"), new MemoryStream(SampleFiles.PdfOfSize(HonoursLimits.MaxAttachmentBytes + 1)));
        (await seekable.Should().ThrowAsync<HonoursException>()).Which.Message.Should().StartWith("文件「big.pdf」大小为 20,971,521 字节");

        (await world.WithDbAsync(db => db.Attachments.CountAsync())).Should().Be(0);
        (await world.WithDbAsync(db => db.AttachmentContents.CountAsync())).Should().Be(0);
    }

    [Theory, MemberData(nameof(TestDatabases.DurableKinds), MemberType = typeof(TestDatabases))]
    public async Task Missing_materials_follow_the_campaign_and_the_nominee_s_categories(DatabaseKind kind)
    {
        var world = await HonoursWorld.CreateAsync(databases, kind);
        var campaign = await world.OpenCampaignAsync();
        var migrant = await world.FileAsync(campaign, await world.PersonAsync("农民工甲", NomineeCategories.MigrantWorker));

        (await world.Services.Attachments.MissingMaterialsAsync(migrant.Id)).Select(m => m.NameZh).Should().Equal("推荐审批表", "户口簿");

        await world.Services.Attachments.UploadAsync(Upload(migrant.Id, "审批表.pdf", "approval-form"), new MemoryStream(SampleFiles.Pdf()));
        await world.Services.Attachments.UploadAsync(Upload(migrant.Id, "户口簿.jpg", "household-register"), new MemoryStream(SampleFiles.Jpeg()));

        (await world.Services.Attachments.MissingMaterialsAsync(migrant.Id)).Should().BeEmpty();
    }

    private static async Task<Nomination> NominationAsync(HonoursWorld world)
    {
        var campaign = await world.OpenCampaignAsync();
        return await world.FileAsync(campaign, await world.PersonAsync("陈明", NomineeCategories.IndustrialWorker));
    }

    private static AttachmentUpload Upload(Guid nominationId, string name, string material) => new()
    {
        FileName = name,
        NominationId = nominationId,
        MaterialCode = material,
        UploadedBy = HonoursWorld.Filer,
        OrganisationPath = DemoSeed.Enterprise1UnionPath,
    };

    private static byte[] Sample(string name) => name switch
    {
        "pdf" => SampleFiles.Pdf(),
        "png" => SampleFiles.Png(),
        "jpeg" => SampleFiles.Jpeg(),
        _ => SampleFiles.Docx(),
    };

    /// <summary>A stream that can only be read forwards (as a request body), counting what was read.</summary>
    private sealed class OneWayStream(byte[] bytes) : Stream
    {
        private int _position;

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var n = Math.Min(count, bytes.Length - _position);
            Array.Copy(bytes, _position, buffer, offset, n);
            _position += n;
            return n;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
