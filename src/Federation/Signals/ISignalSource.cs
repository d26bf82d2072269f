namespace MeshFed.Federation.Signals;

/// <summary>Where <c>signals compare</c> reads golden signals back from: the local store, CloudWatch or Cloud Monitoring.</summary>
public interface ISignalSource
{
    /// <summary>Says where the data comes from, for the report.</summary>
    string Description { get; }

    /// <summary>The rows of <paramref name="service"/> for the window [<paramref name="from"/>, <paramref name="to"/>], one per site and version.</summary>
    Task<IReadOnlyList<SignalRow>> ReadAsync(string service, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken = default);
}
