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

    /// <summary>The text of <paramref name="value"/>.</summary>
    public static string Of(object? value) => value switch
    {
        null => "",
        string text => text,
        IEnumerable elements => Json(elements),
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "",
    };

    /// <summary>
    /// The elements of an array attribute as JSON: numbers and booleans as themselves, a number JSON cannot hold (NaN,
    /// infinity) and anything else as its text, so that writing never fails.
    /// </summary>
    public static string Json(IEnumerable elements)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, s_options))
        {
            writer.WriteStartArray();
            foreach (var element in elements)
            {
                switch (element)
                {
                    case null: writer.WriteNullValue(); break;
                    case bool b: writer.WriteBooleanValue(b); break;
                    case int or long or short or byte or sbyte or uint or ushort: writer.WriteNumberValue(Convert.ToInt64(element, CultureInfo.InvariantCulture)); break;
                    case ulong u: writer.WriteNumberValue(u); break;
                    case double or float or decimal when double.IsFinite(Convert.ToDouble(element, CultureInfo.InvariantCulture)):
                        writer.WriteNumberValue(Convert.ToDouble(element, CultureInfo.InvariantCulture)); break;
                    default: writer.WriteStringValue(Of(element)); break;
                }
            }
            writer.WriteEndArray();
        }
        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
