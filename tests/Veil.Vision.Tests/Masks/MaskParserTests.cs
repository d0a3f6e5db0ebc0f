using Veil.Vision.Masks;

namespace Veil.Vision.Tests.Masks;

public sealed class MaskParserTests
{
    [Fact]
    public void Whole_numbers_are_pixels()
    {
        var mask = MaskParser.ParseRectangle(" 10, 20 ,300,200 ");

        Assert.Equal(new MaskRect(10, 20, 300, 200), mask.Rect);
        Assert.Equal(MaskUnits.Pixels, mask.Units);
        Assert.Null(mask.Polygon);
        Assert.Equal("10, 20 ,300,200", mask.Name);
    }

    [Fact]
    public void Decimals_are_fractions_of_the_frame()
    {
        var mask = MaskParser.ParseRectangle("0.1,0.2,0.3,0.4", "window");

        Assert.Equal(new MaskRect(0.1, 0.2, 0.3, 0.4), mask.Rect);
        Assert.Equal(MaskUnits.Relative, mask.Units);
        Assert.Equal("window", mask.Name);
    }

    [Fact]
    public void One_decimal_makes_the_whole_mask_relative()
    {
        var mask = MaskParser.ParseRectangle("0,0,1.0,0.5");

        Assert.Equal(MaskUnits.Relative, mask.Units);
        Assert.Equal(new MaskRect(0, 0, 1, 0.5), mask.Rect);
    }

    [Fact]
    public void Percentages_are_fractions()
    {
        var mask = MaskParser.ParseRectangle("10%,20%,50%,25%");

        Assert.Equal(MaskUnits.Relative, mask.Units);
        Assert.Equal(new MaskRect(0.1, 0.2, 0.5, 0.25), mask.Rect);
    }

    [Theory]
    [InlineData("10,20,x,5", "--mask \"10,20,x,5\": expected x,y,w,h as numbers")]
    [InlineData("10,20,30", "--mask \"10,20,30\": expected x,y,w,h as numbers (4 values, got 3)")]
    [InlineData("", "expected x,y,w,h as numbers (4 values, got 0)")]
    [InlineData("1,2,3,4,5", "(4 values, got 5)")]
    [InlineData("10,20,0,5", "width and height must be positive")]
    [InlineData("10,20,30,-5", "width and height must be positive")]
    [InlineData("0.5,0.5,1.5,0.2", "fractions of the frame must lie between 0 and 1")]
    [InlineData("10,20.5,30,40", "fractions of the frame must lie between 0 and 1; write pixels as whole numbers")]
    [InlineData("10%,20,30%,40%", "percentages or none")]
    [InlineData("NaN,1,2,3", "\"NaN\" is not a number")]
    [InlineData("1,,2,3", "\"\" is not a number")]
    public void Bad_input_says_what_is_wrong(string text, string expected)
    {
        var e = Assert.Throws<FormatException>(() => MaskParser.ParseRectangle(text));

        Assert.Contains(expected, e.Message);
    }
}
