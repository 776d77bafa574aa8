namespace CertPlatform.Domain.Errors;

/// <summary>What sort of failure a catalog entry is; the host maps each kind to one HTTP status.</summary>
public enum ErrorKind
{
    InvalidInput,
    Unauthenticated,
    Locked,
    Forbidden,
    NotFound,
    Conflict,
    Gone,
    Unavailable,
    Busy,
    Failed,
    Information,
    UnsupportedMediaType,
    PayloadTooLarge,
    MisdirectedRequest,
    TooManyRequests,

    /// <summary>The request did not arrive in time (the server's own limits): 408.</summary>
    RequestTimeout,
}
