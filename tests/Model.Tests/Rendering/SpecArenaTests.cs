using System.Runtime.InteropServices;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using MeshFed.Model.Rendering;

namespace MeshFed.Model.Tests.Rendering;

/// <summary>
/// A translation's specs kept as slices of a few blocks (<see cref="SpecArena"/>, bench/README.md, "Ninth session"):
/// each slice keeps its own bytes, whatever is kept after it.
/// </summary>
public sealed class SpecArenaTests
{
    [Fact]
    public void EveryKeptSlice_HoldsItsOwnBytes_AcrossBlocks()
    {
        var arena = new SpecArena();
        var kept = new List<(string Text, ReadOnlyMemory<byte> Slice)>();
        for (var i = 0; i < 20_000; i++)
        {
            var text = $"{{\"name\":\"object-{i}\",\"pad\":\"{new string('x', i % 300)}\"}}";
            kept.Add((text, arena.Keep(Encoding.UTF8.GetBytes(text))));
        }
        Assert.All(kept, k => Assert.Equal(k.Text, Encoding.UTF8.GetString(k.Slice.Span)));
        // About 3.4 MB in all: several blocks, the first small, none larger than the largest.
        var blocks = kept.Select(k => Block(k.Slice)).Distinct().ToList();
        Assert.InRange(blocks.Count, 4, 20);
        Assert.Equal(SpecArena.FirstBlock, blocks[0].Length);
        Assert.All(blocks, b => Assert.True(b.Length <= SpecArena.LargestBlock));
    }

    [Fact]
    public void ALargeSpec_IsAnArrayOfItsOwn_AndASmallRenderingStaysSmall()
    {
        var arena = new SpecArena();
        var small = arena.Keep("{}"u8);
        var large = arena.Keep(new byte[SpecArena.LargestBlock / 4 + 1]);
        var after = arena.Keep("{\"a\":1}"u8);

        Assert.Equal(SpecArena.FirstBlock, Block(small).Length);
        Assert.Equal(large.Length, Block(large).Length);
        Assert.Same(Block(small), Block(after));
        Assert.Equal("{}", Encoding.UTF8.GetString(small.Span));
        Assert.Equal("{\"a\":1}", Encoding.UTF8.GetString(after.Span));
    }

    [Theory]
    [InlineData(20 * 1024, 0)]
    [InlineData(100 * 1024, 3)]
    [InlineData(SpecArena.LargestBlock / 4, 3)]
    public void ASpecLargerThanTheNextBlock_GetsABlockItFits(int length, int smallBefore)
    {
        // A block grows from FirstBlock; a spec larger than the next doubling (a site with many routes) must still fit.
        var arena = new SpecArena();
        for (var i = 0; i < smallBefore; i++)
            arena.Keep("{}"u8);
        var spec = Enumerable.Range(0, length).Select(i => (byte)('a' + i % 26)).ToArray();

        var kept = arena.Keep(spec);

        Assert.Equal(spec, kept.ToArray());
        Assert.InRange(Block(kept).Length, length, SpecArena.LargestBlock);
    }

    [Fact]
    public void Serialize_WritesWhatTheSerializerWrites_WhateverTheOptions()
    {
        // The writer follows the options (encoder, indentation, depth), as JsonSerializer.SerializeToUtf8Bytes does.
        var value = new Dictionary<string, object> { ["text"] = "<a&b>'ü\"", ["list"] = new[] { 1, 2 } };
        JsonSerializerOptions[] options =
        [
            new() { TypeInfoResolver = new DefaultJsonTypeInfoResolver() },
            new() { TypeInfoResolver = new DefaultJsonTypeInfoResolver(), Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping },
            new() { TypeInfoResolver = new DefaultJsonTypeInfoResolver(), WriteIndented = true, IndentSize = 3 },
        ];
        var arena = new SpecArena();
        foreach (var option in options)
        {
            var typeInfo = option.GetTypeInfo(value.GetType());
            Assert.Equal(JsonSerializer.SerializeToUtf8Bytes(value, typeInfo), arena.Serialize(value, typeInfo).ToArray());
        }
        Assert.NotEqual(JsonSerializer.SerializeToUtf8Bytes(value, options[0]), JsonSerializer.SerializeToUtf8Bytes(value, options[1]));
    }

    private static byte[] Block(ReadOnlyMemory<byte> slice) =>
        MemoryMarshal.TryGetArray(slice, out var segment) ? segment.Array! : throw new InvalidOperationException("not an array");
}
