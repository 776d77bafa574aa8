using CertPlatform.Application.Input;
using CertPlatform.Application.Ports;
using CertPlatform.Domain.Credentials;
using FluentValidation;
using Mediator;
using Microsoft.Extensions.Logging;

namespace CertPlatform.Application.Proxy;

/// <summary>
/// The proxy sign-in screen's 「認証」: a proxy answered 407 (G009e) on the way to the center, the CA, the update feed or
/// the diagnostics' peers, and the user gives its ID and password. They replace any given before, for this run of the
/// helper only; the page then repeats the request that met the 407. Whether they are right, the next request tells.
/// </summary>
public sealed record SignInToProxy(string? UserName, string? Password) : ICommand<ProxySignIn>
{
    /// <summary>Never the ID or the password, whoever prints the command.</summary>
    public override string ToString() => nameof(SignInToProxy);
}

/// <summary>The proxy sign-in screen's 「キャンセル」 after a sign-in, or a user who wants the pair gone before the helper ends.</summary>
public sealed record SignOutOfProxy : ICommand<ProxySignIn>;

public sealed record ProxySignIn(bool SignedIn);

public sealed class SignInToProxyValidator : AbstractValidator<SignInToProxy>
{
    public const int MaxUserNameLength = 256;

    public SignInToProxyValidator()
    {
        RuleFor(c => c.UserName)
            .Must(u => u is { Length: >= 1 and <= MaxUserNameLength } && !u.Any(char.IsControl))
            .WithState(_ => InputMessages.ProxyUserName);
        RuleFor(c => c.Password).Must(ProxyPassword.IsValid).WithState(_ => InputMessages.ProxyPassword);
    }
}

public sealed class SignInToProxyHandler(IProxyCredentials credentials, ILogger<SignInToProxyHandler> logger)
    : ICommandHandler<SignInToProxy, ProxySignIn>, ICommandHandler<SignOutOfProxy, ProxySignIn>
{
    public ValueTask<ProxySignIn> Handle(SignInToProxy command, CancellationToken cancellationToken)
    {
        credentials.SignIn(command.UserName!, ProxyPassword.Parse(command.Password));
        // Neither the ID nor the password: the ID is the user's company account.
        logger.LogInformation("Proxy credentials given on the sign-in screen; they are kept in memory for this run");
        return ValueTask.FromResult(new ProxySignIn(true));
    }

    public ValueTask<ProxySignIn> Handle(SignOutOfProxy command, CancellationToken cancellationToken)
    {
        credentials.SignOut();
        logger.LogInformation("Proxy credentials of the sign-in screen forgotten");
        return ValueTask.FromResult(new ProxySignIn(false));
    }
}
