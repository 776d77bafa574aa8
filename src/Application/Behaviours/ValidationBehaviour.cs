using CertPlatform.Domain.Errors;
using FluentValidation;
using Mediator;

namespace CertPlatform.Application.Behaviours;

/// <summary>Runs the message's validators first; any failure is the catalog's G006e with per-field messages.</summary>
public sealed class ValidationBehaviour<TMessage, TResponse>(IEnumerable<IValidator<TMessage>> validators)
    : IPipelineBehavior<TMessage, TResponse>
    where TMessage : IMessage
{
    public async ValueTask<TResponse> Handle(
        TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        var failures = new List<FluentValidation.Results.ValidationFailure>();
        foreach (var validator in validators)
        {
            var result = await validator.ValidateAsync(message, cancellationToken);
            failures.AddRange(result.Errors);
        }

        if (failures.Count > 0)
        {
            throw new CertPlatformException(ErrorCatalog.G006e, fieldErrors: ToFieldErrors(failures));
        }

        return await next(message, cancellationToken);
    }

    private static Dictionary<string, LocalizedText[]> ToFieldErrors(IEnumerable<FluentValidation.Results.ValidationFailure> failures) =>
        failures
            .GroupBy(f => JsonName(f.PropertyName), StringComparer.Ordinal)
            .ToDictionary(
                g => g.Key,
                g => g.Select(f => f.CustomState as LocalizedText ?? new LocalizedText(f.ErrorMessage, f.ErrorMessage)).ToArray(),
                StringComparer.Ordinal);

    private static string JsonName(string propertyName) =>
        string.IsNullOrEmpty(propertyName) ? propertyName : char.ToLowerInvariant(propertyName[0]) + propertyName[1..];
}
