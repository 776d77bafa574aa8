using System.Text.Json;
using System.Text.Json.Serialization;
using CertPlatform.Application.Care;
using CertPlatform.Application.Certificates;
using CertPlatform.Application.Diagnostics;
using CertPlatform.Application.Renewals;
using CertPlatform.Application.Updates.CheckUpdate;
using CertPlatform.Application.Updates.Install;

namespace CertPlatform.LocalHost.Endpoints;

/// <summary>
/// The API's request and response types, their JSON contracts generated at build time: without it the first
/// request of each type builds its contract by reflection (several milliseconds for /status, which the bank's
/// page waits for at every start), and the installed Linux helper is compiled ahead of time, where no contract can
/// be made by reflection. The same rules as the API's options: web names, no nulls, enums as strings. There is no
/// reflection resolver behind this one (<see cref="Hosting.LocalHostServices"/>): a type missing here fails in the
/// tests as it would in the installed helper.
/// </summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull, UseStringEnumConverter = true)]
[JsonSerializable(typeof(HelperStatus))]
[JsonSerializable(typeof(CertificateEndpoints.IssueRequest))]
[JsonSerializable(typeof(CertificateEndpoints.RemovalRequest))]
[JsonSerializable(typeof(RenewalEndpoints.RenewalRequest))]
[JsonSerializable(typeof(RenewalEndpoints.OtpRequest))]
[JsonSerializable(typeof(RevocationEndpoints.RevocationRequest))]
[JsonSerializable(typeof(RevocationEndpoints.AdministratorRevocationRequest))]
[JsonSerializable(typeof(RevocationEndpoints.RevocationResult))]
[JsonSerializable(typeof(DiagnosticsEndpoints.DiagnosticsResult))]
[JsonSerializable(typeof(UpdateEndpoints.DownloadStatus))]
[JsonSerializable(typeof(UpdateEndpoints.UpdateScreen))]
[JsonSerializable(typeof(StatusEndpoints.OpenRequest))]
[JsonSerializable(typeof(StatusEndpoints.OpenResult))]
[JsonSerializable(typeof(ProxyEndpoints.ProxySignInRequest))]
[JsonSerializable(typeof(CertPlatform.Application.Proxy.ProxySignIn))]
[JsonSerializable(typeof(CertificateDetails))]
[JsonSerializable(typeof(CertificateList))]
[JsonSerializable(typeof(IssuedCertificate))]
[JsonSerializable(typeof(RemovedCertificate))]
[JsonSerializable(typeof(RenewalProgress))]
[JsonSerializable(typeof(InstalledUpdate))]
[JsonSerializable(typeof(UpdateInfo))]
[JsonSerializable(typeof(Microsoft.AspNetCore.Mvc.ProblemDetails))]
[JsonSerializable(typeof(Dictionary<string, string[]>))]
[JsonSerializable(typeof(string))]
internal sealed partial class ApiJsonContext : JsonSerializerContext;
