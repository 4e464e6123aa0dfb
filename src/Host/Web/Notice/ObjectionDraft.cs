using Workflows.Host.Api;
using Workflows.Host.Web.Localization;

namespace Workflows.Host.Web.Notice;

/// <summary>
/// The objection form's fields and their checks, in the words of the page. The checks mirror those of
/// <c>POST /api/public/objections</c> (real name, a phone or e-mail contact, a text of a minimum length), so that the
/// user sees them at once; the API checks again and has the last word.
/// </summary>
public sealed class ObjectionDraft
{
    /// <summary>The longest name, contact and evidence text the form takes.</summary>
    public const int NameLength = 100;

    public const int EvidenceLength = 500;

    public Guid? NominationId { get; set; }

    public string Name { get; set; } = "";

    public string Contact { get; set; } = "";

    public string Content { get; set; } = "";

    public string Evidence { get; set; } = "";

    /// <summary>One idempotency key per draft: a repeated click on 提交 is answered once.</summary>
    public string RequestId { get; private set; } = Guid.NewGuid().ToString("N");

    public string? NomineeError => NominationId is null ? UiText.Notice.NomineeRequired : null;

    public string? NameError =>
        string.IsNullOrWhiteSpace(Name) ? UiText.Notice.NameRequired
        : Name.Trim().Length > NameLength ? UiText.Format(UiText.Notice.TooLong, NameLength)
        : null;

    public string? ContactError =>
        string.IsNullOrWhiteSpace(Contact) ? UiText.Notice.ContactRequired
        : !ObjectionContact.IsValid(Contact) ? UiText.Notice.ContactInvalid
        : null;

    public string? ContentError =>
        string.IsNullOrWhiteSpace(Content) ? UiText.Notice.ContentRequired
        : Content.Trim().Length < PublicNoticeApi.MinimumObjectionLength ? UiText.Format(UiText.Notice.ContentTooShort, PublicNoticeApi.MinimumObjectionLength)
        : Content.Trim().Length > Workflows.Activities.Honours.HonoursLimits.ReasonLength - EvidenceLength - 10
            ? UiText.Format(UiText.Notice.TooLong, Workflows.Activities.Honours.HonoursLimits.ReasonLength - EvidenceLength - 10)
        : null;

    public string? EvidenceError => Evidence.Trim().Length > EvidenceLength ? UiText.Format(UiText.Notice.TooLong, EvidenceLength) : null;

    public bool IsValid => NomineeError is null && NameError is null && ContactError is null && ContentError is null && EvidenceError is null;

    /// <summary>The API's request for a notice.</summary>
    public PublicObjectionRequest Request(Guid noticeId) => new(
        noticeId, NominationId, Name.Trim(), Contact.Trim(), Content.Trim(), string.IsNullOrWhiteSpace(Evidence) ? null : Evidence.Trim());
}
