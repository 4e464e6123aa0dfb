using System.Globalization;
using System.IO.Compression;

namespace Workflows.Activities.Honours.Attachments;

/// <summary>What <see cref="AttachmentInspector"/> found: the accepted type, or the Chinese reason for a refusal.</summary>
public sealed record AttachmentInspection(bool Accepted, string? ContentType, string? Extension, string? ProblemZh)
{
    public static AttachmentInspection Refused(string problem) => new(false, null, null, problem);
}

/// <summary>
/// Decides the type of an uploaded file from its bytes, never from its name: PDF (<c>%PDF-</c>), PNG (its 8-byte
/// signature), JPEG (<c>FF D8 FF</c>) and DOCX (a ZIP archive holding <c>[Content_Types].xml</c> and a <c>word/</c>
/// part, read with <see cref="ZipArchive"/>), each also checked by <see cref="DocumentStructure"/> (a PDF's trailer and no
/// HTML; a DOCX's expanded size and entry count). Anything else is refused, and so is a file of
/// more than <see cref="HonoursLimits.MaxAttachmentBytes"/> (20 MB) or an empty one: an <c>.exe</c> renamed
/// <c>.pdf</c> is refused because its bytes are not a PDF.
/// </summary>
public static class AttachmentInspector
{
    public const string PdfType = "application/pdf";
    public const string PngType = "image/png";
    public const string JpegType = "image/jpeg";
    public const string DocxType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

    private static readonly byte[] PdfMagic = "%PDF-"u8.ToArray();
    private static readonly byte[] PngMagic = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];
    private static readonly byte[] JpegMagic = [0xFF, 0xD8, 0xFF];
    private static readonly byte[] ZipMagic = [0x50, 0x4B, 0x03, 0x04];
    private static readonly byte[] OleMagic = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

    /// <summary>The types accepted, for messages: PDF、DOCX、JPG、PNG.</summary>
    public const string AcceptedZh = "PDF、DOCX、JPG、PNG";

    /// <summary>Inspects <paramref name="bytes"/> of the file named <paramref name="fileName"/> (the name is used only in messages).</summary>
    public static AttachmentInspection Inspect(ReadOnlyMemory<byte> bytes, string fileName)
    {
        var name = string.IsNullOrWhiteSpace(fileName) ? "未命名文件" : fileName;
        if (bytes.Length == 0)
        {
            return AttachmentInspection.Refused($"文件「{name}」是空文件，请重新选择。");
        }

        if (bytes.Length > HonoursLimits.MaxAttachmentBytes)
        {
            return AttachmentInspection.Refused(TooLarge(name, bytes.Length));
        }

        var span = bytes.Span;
        if (span.StartsWith(PdfMagic))
        {
            return DocumentStructure.PdfProblem(span, name) is { } notPdf
                ? AttachmentInspection.Refused(notPdf)
                : new AttachmentInspection(true, PdfType, ".pdf", null);
        }

        if (span.StartsWith(PngMagic))
        {
            return new AttachmentInspection(true, PngType, ".png", null);
        }

        if (span.StartsWith(JpegMagic))
        {
            return new AttachmentInspection(true, JpegType, ".jpg", null);
        }

        if (span.StartsWith(ZipMagic) && IsDocx(bytes, name, out var bomb))
        {
            return bomb is null ? new AttachmentInspection(true, DocxType, ".docx", null) : AttachmentInspection.Refused(bomb);
        }

        if (span.StartsWith(OleMagic))
        {
            return AttachmentInspection.Refused($"文件「{name}」是旧版 Office 文件（如 .doc），请另存为 DOCX 或 PDF 后上传。");
        }

        return AttachmentInspection.Refused(
            $"文件「{name}」的内容不是 {AcceptedZh} 格式（系统按文件内容识别类型，与文件扩展名无关），请上传这四种格式之一。");
    }

    /// <summary>The refusal of a file of <paramref name="size"/> bytes that is over the limit.</summary>
    public static string TooLarge(string fileName, long size) =>
        string.Create(CultureInfo.InvariantCulture,
            $"文件「{fileName}」大小为 {size:N0} 字节（约 {size / 1024d / 1024d:0.0} MB），超过 20 MB（{HonoursLimits.MaxAttachmentBytes:N0} 字节）的上限，请压缩后再上传。");

    private static bool IsDocx(ReadOnlyMemory<byte> bytes, string name, out string? problem)
    {
        problem = null;
        try
        {
            using var stream = new ReadOnlyMemoryStream(bytes);
            using var zip = new ZipArchive(stream, ZipArchiveMode.Read);
            var contentTypes = false;
            var word = false;
            foreach (var entry in zip.Entries)
            {
                contentTypes |= entry.FullName == "[Content_Types].xml";
                word |= entry.FullName.StartsWith("word/", StringComparison.Ordinal);
            }

            if (contentTypes && word)
            {
                problem = DocumentStructure.DocxProblem(zip, name);
                return true;
            }

            return false;
        }
        catch (InvalidDataException)
        {
            return false;
        }
    }

    /// <summary>A read-only seekable stream over memory, without copying it.</summary>
    private sealed class ReadOnlyMemoryStream(ReadOnlyMemory<byte> memory) : Stream
    {
        private long _position;

        public override bool CanRead => true;
        public override bool CanSeek => true;
        public override bool CanWrite => false;
        public override long Length => memory.Length;

        public override long Position
        {
            get => _position;
            set => _position = Math.Clamp(value, 0, memory.Length);
        }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            var available = (int)Math.Max(0, memory.Length - _position);
            var n = Math.Min(available, buffer.Length);
            memory.Span.Slice((int)_position, n).CopyTo(buffer);
            _position += n;
            return n;
        }

        public override long Seek(long offset, SeekOrigin origin)
        {
            Position = origin switch
            {
                SeekOrigin.Begin => offset,
                SeekOrigin.Current => _position + offset,
                _ => memory.Length + offset,
            };
            return _position;
        }

        public override void Flush()
        {
        }

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
