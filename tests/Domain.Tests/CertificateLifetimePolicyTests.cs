using CertPlatform.Domain.Certificates;

namespace CertPlatform.Domain.Tests;

public class CertificateLifetimePolicyTests
{
    private static readonly DateTimeOffset NotAfter = new(2027, 11, 27, 0, 25, 18, TimeSpan.Zero);
    private static readonly CertificateLifetimePolicy Policy = CertificateLifetimePolicy.Standard;

    [Fact]
    public void A_certificate_is_valid_for_366_days()
    {
        var issuedAt = new DateTimeOffset(2026, 11, 26, 9, 0, 0, TimeSpan.FromHours(9));

        var (notBefore, notAfter) = Policy.ValidityFrom(issuedAt);

        Assert.Equal(issuedAt, notBefore);
        Assert.Equal(366, (notAfter - notBefore).TotalDays);
    }

    [Fact]
    public void Renewal_opens_exactly_40_days_before_NotAfter()
    {
        Assert.Equal(NotAfter.AddDays(-40), Policy.RenewalOpensAt(NotAfter));
        Assert.Equal(RenewalStatus.Open, Policy.StatusAt(NotAfter, NotAfter.AddDays(-40)));
    }

    [Fact]
    public void Renewal_is_not_open_one_tick_before_the_window()
    {
        Assert.Equal(RenewalStatus.NotYetOpen, Policy.StatusAt(NotAfter, NotAfter.AddDays(-40).AddTicks(-1)));
    }

    [Fact]
    public void Renewal_is_still_open_at_the_NotAfter_instant()
    {
        Assert.Equal(RenewalStatus.Open, Policy.StatusAt(NotAfter, NotAfter));
    }

    [Fact]
    public void A_certificate_is_expired_one_tick_after_NotAfter_and_never_renewable()
    {
        Assert.Equal(RenewalStatus.Expired, Policy.StatusAt(NotAfter, NotAfter.AddTicks(1)));
        Assert.Equal(RenewalStatus.Expired, Policy.StatusAt(NotAfter, NotAfter.AddYears(3)));
    }

    [Fact]
    public void A_new_certificate_is_not_yet_renewable()
    {
        Assert.Equal(RenewalStatus.NotYetOpen, Policy.StatusAt(NotAfter, NotAfter.AddDays(-366)));
    }

    [Theory]
    [InlineData(40 * 24.0, 40)]
    [InlineData(39 * 24 + 23.99, 39)]
    [InlineData(0.5, 0)]
    [InlineData(-0.5, -1)]
    public void Days_left_are_whole_days_rounded_down(double hoursLeft, int expected)
    {
        Assert.Equal(expected, CertificateLifetimePolicy.DaysLeft(NotAfter, NotAfter.AddHours(-hoursLeft)));
    }

    [Fact]
    public void A_bank_may_configure_another_renewal_lead()
    {
        var policy = new CertificateLifetimePolicy(CertificateLifetimePolicy.StandardLifetime, TimeSpan.FromDays(30));

        Assert.Equal(RenewalStatus.NotYetOpen, policy.StatusAt(NotAfter, NotAfter.AddDays(-31)));
        Assert.Equal(RenewalStatus.Open, policy.StatusAt(NotAfter, NotAfter.AddDays(-30)));
    }
}
