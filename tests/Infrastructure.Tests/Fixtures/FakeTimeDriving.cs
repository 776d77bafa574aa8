using Microsoft.Extensions.Time.Testing;

namespace CertPlatform.Infrastructure.Tests.Fixtures;

internal static class FakeTimeDriving
{
    /// <summary>
    /// Runs <paramref name="action"/> while moving the fake clock on, a second at a time, whenever the action is
    /// waiting: a Retry-After of minutes passes in milliseconds, and the outcome does not depend on the machine's speed.
    /// </summary>
    public static async Task<T> DriveAsync<T>(this FakeTimeProvider time, Func<Task<T>> action)
    {
        var task = action();
        while (!task.IsCompleted)
        {
            await Task.WhenAny(task, Task.Delay(5));
            if (!task.IsCompleted)
            {
                time.Advance(TimeSpan.FromSeconds(1));
            }
        }

        return await task;
    }
}
