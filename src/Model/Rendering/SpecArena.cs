using System.Buffers;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace MeshFed.Model.Rendering;

/// <summary>
/// Where one translation keeps the serialised specs of the objects it renders (<see cref="KubernetesObject.SpecUtf8"/>):
/// slices of a few large blocks rather than an array per object.
/// </summary>
/// <remarks>
/// At 10,000 services a site has 26,000 objects whose specs live to the end of the command: as arrays of their own
/// they were small objects that two collections each copied on the way to the oldest generation; a block of
/// <see cref="LargestBlock"/> bytes is a large object the collector never moves (bench/README.md, "Ninth session").
/// Blocks grow from a small first one, so a small rendering stays small. A slice handed out is never written again.
/// Not thread-safe: one arena per translation.
/// </remarks>
public sealed class SpecArena
{
    internal const int FirstBlock = 16 * 1024;
    internal const int LargestBlock = 1024 * 1024;

    private readonly ArrayBufferWriter<byte> _scratch = new(4096);
    private Utf8JsonWriter? _writer;
    private JsonSerializerOptions? _writerOptionsOf;
    private byte[] _block = [];
    private int _used;

    /// <summary><paramref name="value"/> serialised as <paramref name="typeInfo"/> says, kept here.</summary>
    public ReadOnlyMemory<byte> Serialize(object value, JsonTypeInfo typeInfo)
    {
        _scratch.ResetWrittenCount();
        var writer = WriterFor(typeInfo.Options);
        writer.Reset(_scratch);
        JsonSerializer.Serialize(writer, value, typeInfo);
        writer.Flush();
        return Keep(_scratch.WrittenSpan);
    }

    /// <summary>A copy of <paramref name="utf8"/> kept here.</summary>
    public ReadOnlyMemory<byte> Keep(ReadOnlySpan<byte> utf8)
    {
        if (utf8.Length > LargestBlock / 4)
            return utf8.ToArray();
        if (_block.Length - _used < utf8.Length)
        {
            var size = Math.Clamp(_block.Length * 2, FirstBlock, LargestBlock);
            while (size < utf8.Length)
                size *= 2; // at most LargestBlock: a larger spec has an array of its own
            _block = GC.AllocateUninitializedArray<byte>(size);
            _used = 0;
        }
        utf8.CopyTo(_block.AsSpan(_used));
        var kept = new ReadOnlyMemory<byte>(_block, _used, utf8.Length);
        _used += utf8.Length;
        return kept;
    }

    // The writer JsonSerializer.SerializeToUtf8Bytes would use for these options (JsonSerializerOptions'
    // internal GetWriterOptions: its encoder, indentation, new line and effective depth, validation left to the
    // serializer), so the bytes kept are the serializer's, whatever the options.
    private Utf8JsonWriter WriterFor(JsonSerializerOptions options)
    {
        if (_writer is null || !ReferenceEquals(_writerOptionsOf, options))
        {
            _writer?.Dispose();
            _writer = new Utf8JsonWriter(_scratch, new JsonWriterOptions
            {
                Encoder = options.Encoder,
                Indented = options.WriteIndented,
                IndentCharacter = options.IndentCharacter,
                IndentSize = options.IndentSize,
                NewLine = options.NewLine,
                MaxDepth = options.MaxDepth == 0 ? SerializerMaxDepth : options.MaxDepth,
                SkipValidation = true,
            });
            _writerOptionsOf = options;
        }
        return _writer;
    }

    /// <summary>How deep a spec may be with default options: JsonSerializerOptions.MaxDepth's documented default (0 means 64).</summary>
    public const int SerializerMaxDepth = 64;
}
