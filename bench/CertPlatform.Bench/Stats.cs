using System.Globalization;

namespace CertPlatform.Bench;

/// <summary>min / median / p99 of a sample (nearest rank), in milliseconds unless said otherwise.</summary>
public sealed record Stats(double Min, double Median, double P99, int Count)
{
    public static Stats Of(IReadOnlyCollection<double> values)
    {
        var sorted = values.Order().ToArray();
        return new Stats(sorted[0], Percentile(sorted, 50), Percentile(sorted, 99), sorted.Length);
    }

    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{Min:0.00} / {Median:0.00} / {P99:0.00}");

    private static double Percentile(double[] sorted, double p)
    {
        var rank = (int)Math.Ceiling(p / 100 * sorted.Length);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Length - 1)];
    }
}
