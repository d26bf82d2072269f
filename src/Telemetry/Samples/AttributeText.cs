using System.Buffers;
using System.Collections;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace MeshFed.Telemetry;

/// <summary>
/// An attribute's value as text, for the sinks whose attributes are text (CloudWatch dimensions, Cloud Monitoring
/// labels, Cloud Trace's string values, X-Ray annotations, the local store). Scalars as invariant text; an array as
/// its JSON text, which is what OpenTelemetry asks of exporters to protocols without arrays ("Attribute": "for
/// protocols that do not natively support array values such values SHOULD be represented as JSON strings",
/// https://opentelemetry.io/docs/specs/otel/common/#attribute) — not the array type's name.
/// </summary>
public static class AttributeText
{
    private static readonly JsonWriterOptions s_options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The text of <paramref name="value"/>; never throws (see <see cref="Scalar"/>).</summary>
    public static string Of(object? value) => value switch
    {
        null => "",
        string text => text,
        IEnumerable elements => Json(elements),
        _ => Scalar(value),
    };

    /// <summary>
    /// <paramref name="value"/> as a JSON scalar where it is one: a <see cref="bool"/>, an integer (as a <see cref="long"/>,
    /// or a <see cref="ulong"/> beyond it), a finite number (as a <see cref="double"/>); null for anything else, which a sink
    /// writes as its text (<see cref="Of"/>). The one place the sinks with typed values (X-Ray's annotations and
    /// metadata, Cloud Trace's integers and booleans, the arrays' JSON here) decide what is a number.
    /// </summary>
    public static object? JsonScalar(object value) => value switch
    {
        bool b => b,
        int or long or short or byte or sbyte or uint or ushort => Convert.ToInt64(value, CultureInfo.InvariantCulture),
        ulong u => u <= long.MaxValue ? (long)u : u,
        double or float or decimal when double.IsFinite(Convert.ToDouble(value, CultureInfo.InvariantCulture)) => Convert.ToDouble(value, CultureInfo.InvariantCulture),
        _ => null,
    };

    // Any library may tag a span with any object. One whose ToString throws would fail the export of its batch, which
    // the delivery keeps and retries (BatchDelivery), so that span would hold back every span after it until the
    // buffer dropped it: its text says what it is instead.
    private static string Scalar(object value)
    {
        try
        {
            return Convert.ToString(value, CultureInfo.InvariantCulture) ?? "";
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return $"({value.GetType().Name}: ToString threw {e.GetType().Name})";
        }
    }

    // The elements of an array attribute as JSON: numbers and booleans as themselves, a number JSON cannot hold (NaN,
    // infinity) and anything else as its text, so that writing never fails; an enumeration that throws says so.
    private static string Json(IEnumerable elements)
    {
        try
        {
            return JsonOf(elements);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return $"({elements.GetType().Name}: enumeration threw {e.GetType().Name})";
        }
    }

    private static string JsonOf(IEnumerable elements)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, s_options))
        {
            writer.WriteStartArray();
            foreach (var element in elements)
            {
                switch (element is null ? null : JsonScalar(element))
                {
                    case null when element is null: writer.WriteNullValue(); break;
                    case bool b: writer.WriteBooleanValue(b); break;
                    case long integer: writer.WriteNumberValue(integer); break;
                    case ulong large: writer.WriteNumberValue(large); break;
                    case double number: writer.WriteNumberValue(number); break;
                    default: writer.WriteStringValue(Of(element)); break;
                }
            }
            writer.WriteEndArray();
        }
        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
