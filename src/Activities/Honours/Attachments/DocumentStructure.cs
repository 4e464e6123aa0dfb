using System.Globalization;
using System.IO.Compression;
using System.Text;

namespace Workflows.Activities.Honours.Attachments;

/// <summary>
/// Checks beyond the magic bytes, for files that are served back to other users: a PDF must also end like one
/// (<c>%%EOF</c> in its last KiB) and carry no HTML in its first KiB (a PDF header followed by a web page passes a
/// header check and is rendered by a browser that sniffs); a DOCX must not expand to more than
/// <see cref="MaxDocxExpandedBytes"/> or list more than <see cref="MaxDocxEntries"/> entries (a zip bomb), counted
/// both from the sizes the archive declares and by inflating its entries up to that budget.
/// </summary>
public static class DocumentStructure
{
    /// <summary>The most bytes the entries of a DOCX may expand to: 100 MiB (a long report with photos is far below).</summary>
    public const long MaxDocxExpandedBytes = 100L * 1024 * 1024;

    /// <summary>The most entries a DOCX may list (a real document has a few dozen, one with many images a few hundred).</summary>
    public const int MaxDocxEntries = 2_000;

    private const int Window = 1024;

    private static readonly string[] HtmlMarkers = ["<html", "<!doctype", "<script", "<head", "<body", "<iframe", "<meta", "<svg", "<object", "<embed"];

    /// <summary>Why <paramref name="bytes"/> (which start with <c>%PDF-</c>) are not a PDF, or null.</summary>
    public static string? PdfProblem(ReadOnlySpan<byte> bytes, string name)
    {
        var head = Encoding.Latin1.GetString(bytes[..Math.Min(Window, bytes.Length)]);
        if (HtmlMarkers.Any(marker => head.Contains(marker, StringComparison.OrdinalIgnoreCase)))
        {
            return $"文件「{name}」以 PDF 开头却含有网页（HTML）内容，不是有效的 PDF，已拒绝。The file starts like a PDF but contains HTML; it is refused.";
        }

        var tail = bytes[Math.Max(0, bytes.Length - Window)..];
        if (tail.IndexOf("%%EOF"u8) < 0)
        {
            return $"文件「{name}」缺少 PDF 文件尾（%%EOF），文件不完整或不是 PDF，请重新导出后上传。The file has no PDF trailer (%%EOF) near its end; it is incomplete or not a PDF.";
        }

        return null;
    }

    /// <summary>Why the DOCX <paramref name="zip"/> is refused (too many entries, expands too far), or null.</summary>
    public static string? DocxProblem(ZipArchive zip, string name)
    {
        ArgumentNullException.ThrowIfNull(zip);
        if (zip.Entries.Count > MaxDocxEntries)
        {
            return string.Create(CultureInfo.InvariantCulture,
                $"文件「{name}」包含 {zip.Entries.Count:N0} 个压缩条目，超过 {MaxDocxEntries:N0} 个的上限，疑似压缩炸弹，已拒绝。The DOCX lists {zip.Entries.Count:N0} entries, more than the limit of {MaxDocxEntries:N0}.");
        }

        long declared = 0;
        foreach (var entry in zip.Entries)
        {
            declared += entry.Length;
        }

        if (declared > MaxDocxExpandedBytes || Inflated(zip) > MaxDocxExpandedBytes)
        {
            return string.Create(CultureInfo.InvariantCulture,
                $"文件「{name}」解压后超过 {MaxDocxExpandedBytes / 1024 / 1024} MB 的上限，疑似压缩炸弹，已拒绝。The DOCX expands to more than {MaxDocxExpandedBytes / 1024 / 1024} MiB; it is refused as a possible zip bomb.");
        }

        return null;
    }

    /// <summary>The bytes the entries inflate to, counting at most one byte past the limit.</summary>
    private static long Inflated(ZipArchive zip)
    {
        var buffer = new byte[81920];
        long total = 0;
        foreach (var entry in zip.Entries)
        {
            using var stream = entry.Open();
            int read;
            while ((read = stream.Read(buffer, 0, buffer.Length)) > 0)
            {
                total += read;
                if (total > MaxDocxExpandedBytes)
                {
                    return total;
                }
            }
        }

        return total;
    }
}
