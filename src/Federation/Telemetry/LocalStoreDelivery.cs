using MeshFed.Telemetry;
using Microsoft.Data.Sqlite;

namespace MeshFed.Federation.Telemetry;

/// <summary>
/// How both local exporters deliver: each item made into its row on its own (<see cref="ItemEncoding"/>: one the
/// store cannot hold is dropped alone and counted), then the rows written in one transaction; a locked or full disk
/// (<see cref="SqliteException"/>) keeps the items that had rows for the next export, bounded and counted.
/// </summary>
internal static class LocalStoreDelivery
{
    public static BatchDelivery<T> For<T>(ExportCounters counters, int maxPending, Func<T, object?[]?> row, Action<IEnumerable<object?[]>> append) =>
        new(counters, maxPending, items =>
        {
            var rows = counters.EncodeEach(items, row);
            try
            {
                append(rows.Select(r => r.Encoded));
                counters.AddSent(rows.Count);
                return Task.FromResult<IReadOnlyList<T>>([]);
            }
            catch (SqliteException e)
            {
                counters.Failures.SendFailed(rejected: false, 0, $"{e.GetType().Name}: {e.Message}");
                return Task.FromResult<IReadOnlyList<T>>([.. rows.Select(r => r.Item)]);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                // A bug in the store's writing: kept and said like a locked disk, rather than thrown to the delivery,
                // which would keep the whole batch, the items dropped above included.
                counters.Failures.Threw(e);
                return Task.FromResult<IReadOnlyList<T>>([.. rows.Select(r => r.Item)]);
            }
        });
}
