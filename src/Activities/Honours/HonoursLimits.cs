namespace Workflows.Activities.Honours;

/// <summary>Column sizes and hard limits of the honours tables.</summary>
public static class HonoursLimits
{
    public const int CodeLength = 64;
    public const int NameLength = 200;
    public const int TitleLength = 300;
    public const int PathLength = 512;
    public const int EnumLength = 32;
    public const int UserLength = 450;
    public const int HashLength = 64;
    public const int MaskedLength = 32;
    public const int EthnicityLength = 32;
    public const int CertificateLength = 64;
    public const int ReasonLength = 2000;
    public const int ContactLength = 200;
    public const int FileNameLength = 255;
    public const int ContentTypeLength = 128;
    public const int SourceKeyLength = 300;
    public const int StageLength = 64;

    /// <summary>The longest notice text of a campaign (通知正文).</summary>
    public const int NoticeTextLength = 20_000;

    /// <summary>The largest attachment: 20 MB.</summary>
    public const long MaxAttachmentBytes = 20L * 1024 * 1024;

    /// <summary>The largest multipart request body with one attachment: the file's limit plus the form's own bytes.</summary>
    public const long MaxAttachmentRequestBytes = MaxAttachmentBytes + (64 * 1024);

    /// <summary>The most nominations in one level's batch.</summary>
    public const int MaxBatchSize = 5_000;
}
