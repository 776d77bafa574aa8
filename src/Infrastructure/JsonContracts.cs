using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace CertPlatform.Infrastructure;

/// <summary>
/// JSON contracts taken from an options object's own resolver, a context generated at build time: the installed
/// Linux helper is compiled ahead of time, where no contract can be made by reflection. Every options object that
/// goes through here has no reflection resolver behind its context, so the tests, run on the JIT, fail for a type
/// the context lacks just as the ahead-of-time helper would.
/// </summary>
public static class JsonContracts
{
    public static JsonTypeInfo<T> Contract<T>(this JsonSerializerOptions options) => (JsonTypeInfo<T>)options.GetTypeInfo(typeof(T));
}
