using System.Text;
using MeshFed.Federation.Rendering;
using MeshFed.Federation.Rendering.Targets;

namespace MeshFed.Federation.Tests.Rendering;

/// <summary>
/// What a held-back target writes (<see cref="KeptText"/>): everything in the order written, a whole built stream kept
/// by reference (not copied) between what was written before and after it.
/// </summary>
public sealed class KeptTextTests
{
    [Fact]
    public void WritesAndKeptStreams_ComeOutInTheOrderWritten()
    {
        var kept = new KeptText();
        kept.Write("before\n");
        YamlStreamWriter.Write(kept, [new StringBuilder("---\nkind: A\n")]);
        kept.Write('x');
        kept.WriteLine(" after");
        YamlStreamWriter.Write(kept, [new StringBuilder("---\nkind: B\n")]);

        var written = new StringWriter();
        kept.WriteTo(written);

        Assert.Equal("before\n---\nkind: A\nx after" + Environment.NewLine + "---\nkind: B\n", written.ToString());
        Assert.Equal(written.ToString(), kept.ToString());
    }

    [Fact]
    public void AStreamBuiltWhole_IsKeptNotCopied()
    {
        var kept = new KeptText();
        var stream = new StringBuilder("---\nkind: A\n");
        YamlStreamWriter.Write(kept, [stream]);

        // Against the contract (a kept builder is not changed afterwards), on purpose: only a reference, not a copy,
        // shows the later text.
        stream.Append("kind: changed\n");

        Assert.Equal("---\nkind: A\nkind: changed\n", kept.ToString());
    }
}
