using Workflows.Engine.Runtime;

namespace Workflows.Engine.Tests.Runtime;

/// <summary>The characters refused in keys and names, and the text shown without them.</summary>
public sealed class TextRulesTests
{
    [Theory]
    [InlineData("a\u0000b")]
    [InlineData("a\r\nb")]
    [InlineData("a\tb")]
    [InlineData("a\u001Bb")]
    [InlineData("a\u007Fb")]
    [InlineData("a\u0085b")]
    [InlineData("a\u2028b")]
    [InlineData("a\u202Eb")]
    [InlineData("a\u2066b")]
    public void Control_and_direction_characters_are_refused_and_stripped(string text)
    {
        TextRules.HasControlCharacters(text).Should().BeTrue();
        TextRules.WithoutControlCharacters(text).Should().Be("ab");
    }

    [Theory]
    [InlineData("张三")]
    [InlineData("NOM-2026-001")]
    [InlineData("Zhang San · 高级技师")]
    public void Ordinary_text_passes_unchanged(string text)
    {
        TextRules.HasControlCharacters(text).Should().BeFalse();
        TextRules.WithoutControlCharacters(text).Should().BeSameAs(text);
    }
}
