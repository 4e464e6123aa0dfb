using System.Security.Cryptography;
using System.Text;

namespace Workflows.Designs;

/// <summary>
/// One honour process shipped with the product: a BPMN 2.0 file embedded in this assembly
/// (<c>src/Designs/Processes/&lt;key&gt;.bpmn</c>) whose executable process has the id <see cref="Key"/>.
/// </summary>
public sealed class ProcessDesign
{
    private readonly Lazy<string> _xml;
    private readonly Lazy<string> _hash;

    internal ProcessDesign(string key, string nameZh, string nameEn, string honourType, Func<string> readXml)
    {
        Key = key;
        NameZh = nameZh;
        NameEn = nameEn;
        HonourType = honourType;
        _xml = new Lazy<string>(readXml);
        _hash = new Lazy<string>(() => ContentHashOf(Xml));
    }

    /// <summary>The process id and definition key (<c>labour-medal</c>); one instance per nomination.</summary>
    public string Key { get; }

    /// <summary>The name in Chinese (广东省五一劳动奖章推荐评选).</summary>
    public string NameZh { get; }

    /// <summary>The name in English.</summary>
    public string NameEn { get; }

    /// <summary>The code of the honour type in the honours domain that this process awards (<c>labour-medal</c>, <c>craftsman</c> …).</summary>
    public string HonourType { get; }

    /// <summary>The name of the embedded resource.</summary>
    public string ResourceName => DesignCatalog.ResourcePrefix + Key + ".bpmn";

    /// <summary>The BPMN XML.</summary>
    public string Xml => _xml.Value;

    /// <summary>SHA-256 of the XML (UTF-8, lower-case hex), the same hash the engine stores on a deployed definition.</summary>
    public string ContentHash => _hash.Value;

    /// <summary>The engine's content hash of a BPMN text.</summary>
    public static string ContentHashOf(string xml)
    {
        ArgumentNullException.ThrowIfNull(xml);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(xml)));
    }

    public override string ToString() => $"{Key} ({NameZh})";
}
