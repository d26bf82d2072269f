using System.Buffers;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using MeshFed.Adapters.Aws.Client;

namespace MeshFed.Adapters.Aws.Signing;

/// <summary>
/// Signs proxied HTTP requests with AWS Signature Version 4 without reading their bodies: the payload hash is
/// the literal <c>UNSIGNED-PAYLOAD</c>, which VPC Lattice requires ("VPC Lattice does not support payload
/// signing. You must send an x-amz-content-sha256 header with the value set to UNSIGNED-PAYLOAD",
/// https://docs.aws.amazon.com/vpc-lattice/latest/ug/sigv4-authenticated-requests.html), so a streaming body is
/// never buffered. Only <c>host</c> and the <c>x-amz-*</c> headers this signer sets are signed (SigV4 requires
/// no more, https://docs.aws.amazon.com/IAM/latest/UserGuide/create-signed-request.html, step 1): every other
/// header of a proxied request belongs to the caller, and handlers after this one (trace propagation) may still
/// add or change them, which would break a signature that covered them.
/// </summary>
/// <remarks>
/// One instance per signing name and region, shared by all requests. The derived signing key is kept per day and
/// credentials (<see cref="SigningKey"/>); the canonical request and string to sign are written into a pooled
/// buffer and hashed there, so a request costs the header strings it adds and nothing else when its path is
/// already canonical.
/// </remarks>
/// <param name="service">The signing name, e.g. <c>vpc-lattice-svcs</c>.</param>
/// <param name="region">The region, e.g. <c>us-east-1</c>.</param>
public sealed class UnsignedPayloadSigner(string service, string region)
{
    /// <summary>The payload hash that says the body is not signed.</summary>
    public const string UnsignedPayload = "UNSIGNED-PAYLOAD";

    private const string SignedHeaders = "host;x-amz-content-sha256;x-amz-date";
    private const string SignedHeadersWithToken = "host;x-amz-content-sha256;x-amz-date;x-amz-security-token";

    private SigningKey? _key;

    /// <summary>The signing name.</summary>
    public string Service { get; } = service;

    /// <summary>The region.</summary>
    public string Region { get; } = region;

    /// <summary>
    /// Signs <paramref name="request"/> as of <paramref name="signedAt"/>: sets <c>x-amz-date</c>,
    /// <c>x-amz-content-sha256</c>, <c>x-amz-security-token</c> (temporary credentials) and <c>Authorization</c>,
    /// replacing any the request carried (a retried request is signed again).
    /// </summary>
    /// <exception cref="ArgumentException">The request has no absolute URI.</exception>
    public void Sign(HttpRequestMessage request, AwsCredentials credentials, DateTimeOffset signedAt)
    {
        var uri = request.RequestUri is { IsAbsoluteUri: true } absolute ? absolute : throw new ArgumentException("the request has no absolute URI", nameof(request));
        var host = request.Headers.Host ?? (uri.IsDefaultPort ? uri.IdnHost : $"{uri.IdnHost}:{uri.Port}");
        Span<char> dateBuffer = stackalloc char[16];
        signedAt.UtcDateTime.TryFormat(dateBuffer, out var written, "yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
        var date = new string(dateBuffer[..written]);
        var key = KeyFor(credentials, dateBuffer[..8]);
        var token = credentials.SessionToken;

        var buffer = new Utf8Buffer(1024);
        try
        {
            buffer.Append(request.Method.Method);
            buffer.Append("\n");
            buffer.Append(SigV4Canonical.Path(uri.AbsolutePath));
            buffer.Append("\n");
            buffer.Append(uri.Query.Length > 1 ? SigV4Canonical.Query(uri.Query) : "");
            buffer.Append("\nhost:");
            buffer.Append(host);
            buffer.Append("\nx-amz-content-sha256:" + UnsignedPayload + "\nx-amz-date:");
            buffer.Append(date);
            buffer.Append("\n");
            if (token is not null)
            {
                buffer.Append("x-amz-security-token:");
                buffer.Append(token.AsSpan().Trim());
                buffer.Append("\n");
            }
            buffer.Append("\n");
            buffer.Append(token is null ? SignedHeaders : SignedHeadersWithToken);
            buffer.Append("\n" + UnsignedPayload);

            Span<byte> hash = stackalloc byte[32];
            SHA256.HashData(buffer.Written, hash);
            buffer.Clear();
            buffer.Append("AWS4-HMAC-SHA256\n");
            buffer.Append(date);
            buffer.Append("\n");
            buffer.Append(key.Scope);
            buffer.Append("\n");
            buffer.AppendHex(hash);
            HMACSHA256.HashData(key.Key, buffer.Written, hash);

            Span<char> signature = stackalloc char[64];
            Convert.TryToHexStringLower(hash, signature, out _);
            var authorization = string.Concat(key.AuthorizationPrefix, token is null ? SignedHeaders : SignedHeadersWithToken, ", Signature=", signature);

            var headers = request.Headers;
            headers.Remove("x-amz-date");
            headers.Remove("x-amz-content-sha256");
            headers.Remove("x-amz-security-token");
            headers.Remove("Authorization");
            headers.TryAddWithoutValidation("x-amz-date", date);
            headers.TryAddWithoutValidation("x-amz-content-sha256", UnsignedPayload);
            if (token is not null)
                headers.TryAddWithoutValidation("x-amz-security-token", token);
            headers.TryAddWithoutValidation("Authorization", authorization);
        }
        finally
        {
            buffer.Dispose();
        }
    }

    private SigningKey KeyFor(AwsCredentials credentials, ReadOnlySpan<char> day)
    {
        var key = Volatile.Read(ref _key);
        if (key is not null && key.IsFor(credentials, day))
            return key;
        // Racing requests may each derive it once; the last one written wins, and every one of them is right.
        key = SigningKey.Derive(credentials, day.ToString(), Region, Service);
        Volatile.Write(ref _key, key);
        return key;
    }

    /// <summary>UTF-8 text in a pooled array.</summary>
    /// <remarks>A mutable struct used only as a local, never copied.</remarks>
    private struct Utf8Buffer(int capacity) : IDisposable
    {
        private byte[] _bytes = ArrayPool<byte>.Shared.Rent(capacity);
        private int _length;

        public readonly ReadOnlySpan<byte> Written => _bytes.AsSpan(0, _length);

        public void Append(ReadOnlySpan<char> text)
        {
            Reserve(Encoding.UTF8.GetMaxByteCount(text.Length));
            _length += Encoding.UTF8.GetBytes(text, _bytes.AsSpan(_length));
        }

        public void AppendHex(ReadOnlySpan<byte> bytes)
        {
            Reserve(bytes.Length * 2);
            foreach (var b in bytes)
            {
                _bytes[_length++] = (byte)"0123456789abcdef"[b >> 4];
                _bytes[_length++] = (byte)"0123456789abcdef"[b & 0xF];
            }
        }

        public void Clear() => _length = 0;

        public void Dispose()
        {
            ArrayPool<byte>.Shared.Return(_bytes);
            _bytes = [];
        }

        private void Reserve(int count)
        {
            if (_length + count <= _bytes.Length)
                return;
            var larger = ArrayPool<byte>.Shared.Rent(Math.Max(_bytes.Length * 2, _length + count));
            _bytes.AsSpan(0, _length).CopyTo(larger);
            ArrayPool<byte>.Shared.Return(_bytes);
            _bytes = larger;
        }
    }
}
