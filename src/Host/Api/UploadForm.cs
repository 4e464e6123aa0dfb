using Microsoft.Net.Http.Headers;
using Workflows.Engine.Runtime;
using Workflows.Host.Errors;

namespace Workflows.Host.Api;

/// <summary>
/// Reads the multipart form of an upload and its <c>file</c> part, answering a malformed form with 400 problem
/// details instead of the reader's exception: no or a wrong boundary, a body cut short, a file name with control
/// characters (NUL, line breaks).
/// </summary>
internal static class UploadForm
{
    public static async Task<(IFormCollection Form, IFormFile File)> ReadAsync(HttpRequest http, CancellationToken ct)
    {
        if (!http.HasFormContentType)
        {
            throw ApiProblemException.BadRequest("Send the file as multipart/form-data with a 'file' part. 请以表单上传文件。");
        }

        if (MediaTypeHeaderValue.TryParse(http.ContentType, out var type)
            && type.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase)
            && HeaderUtilities.RemoveQuotes(type.Boundary).Length == 0)
        {
            throw ApiProblemException.BadRequest("The multipart/form-data request has no boundary. 上传请求格式不正确（缺少分隔符）。");
        }

        IFormCollection form;
        try
        {
            form = await http.ReadFormAsync(ct);
        }
        catch (Exception ex) when (ex is InvalidDataException or IOException && !http.HttpContext.RequestAborted.IsCancellationRequested)
        {
            throw ApiProblemException.BadRequest($"The multipart form cannot be read (wrong boundary or a body cut short): {ex.Message} 上传内容不完整或格式不正确，请重新上传。");
        }

        var file = form.Files.GetFile("file") ?? throw ApiProblemException.BadRequest("The form has no 'file' part. 请选择要上传的文件。");
        if (string.IsNullOrWhiteSpace(file.FileName) || TextRules.HasControlCharacters(file.FileName))
        {
            throw ApiProblemException.BadRequest("The file name is empty or contains control characters (NUL, line breaks). 文件名为空或含有控制字符，请改名后上传。");
        }

        return (form, file);
    }
}
