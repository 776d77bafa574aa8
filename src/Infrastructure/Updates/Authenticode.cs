using System.Runtime.InteropServices;
using System.Runtime.Versioning;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Win32.SafeHandles;

namespace CertPlatform.Infrastructure.Updates;

/// <summary>
/// The Authenticode check of a Windows installer: <c>WinVerifyTrust</c> with the generic verify action (signature,
/// chain to a root Windows trusts, revocation of the whole chain except the root, no UI), on the open handle that the
/// hash was checked on, then the signer compared with the bank's publisher. Exercised on Windows only; the publisher
/// comparison is tested everywhere.
/// </summary>
internal static partial class Authenticode
{
    /// <summary>
    /// Whether <paramref name="signer"/> is the configured publisher: its SHA-1 thumbprint, its whole subject, or its
    /// subject's CN (case-insensitive, surrounding spaces ignored).
    /// </summary>
    public static bool IsPublisher(X509Certificate2 signer, string publisher)
    {
        ArgumentNullException.ThrowIfNull(signer);
        var wanted = publisher.Trim();
        if (wanted.Length == 0)
        {
            return false;
        }

        var thumbprint = wanted.Replace(" ", string.Empty, StringComparison.Ordinal).Replace(":", string.Empty, StringComparison.Ordinal);
        return string.Equals(signer.Thumbprint, thumbprint, StringComparison.OrdinalIgnoreCase)
            || string.Equals(signer.Subject, wanted, StringComparison.OrdinalIgnoreCase)
            || string.Equals(signer.SubjectName.Decode(X500DistinguishedNameFlags.None), wanted, StringComparison.OrdinalIgnoreCase)
            || string.Equals(signer.GetNameInfo(X509NameType.SimpleName, forIssuer: false), wanted, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>The WinVerifyTrust result (0 is trusted) of the file open as <paramref name="file"/>.</summary>
    [SupportedOSPlatform("windows")]
    public static int Verify(string path, SafeFileHandle file)
    {
        var fileInfo = new WintrustFileInfo
        {
            Size = (uint)Marshal.SizeOf<WintrustFileInfo>(),
            FilePath = path,
            File = file.DangerousGetHandle(),
        };
        var fileInfoPointer = Marshal.AllocHGlobal(Marshal.SizeOf<WintrustFileInfo>());
        var data = new WintrustData
        {
            Size = (uint)Marshal.SizeOf<WintrustData>(),
            UiChoice = WtdUiNone,
            RevocationChecks = WtdRevokeWholeChain,
            UnionChoice = WtdChoiceFile,
            StateAction = WtdStateActionVerify,
            ProviderFlags = WtdRevocationCheckChainExcludeRoot,
        };
        var action = GenericVerifyV2;
        var added = false;
        try
        {
            file.DangerousAddRef(ref added);
            Marshal.StructureToPtr(fileInfo, fileInfoPointer, fDeleteOld: false);
            data.FileInfo = fileInfoPointer;
            var result = WinVerifyTrust(InvalidHandle, ref action, ref data);
            data.StateAction = WtdStateActionClose;
            _ = WinVerifyTrust(InvalidHandle, ref action, ref data);
            return result;
        }
        finally
        {
            Marshal.DestroyStructure<WintrustFileInfo>(fileInfoPointer);
            Marshal.FreeHGlobal(fileInfoPointer);
            if (added)
            {
                file.DangerousRelease();
            }
        }
    }

    /// <summary>The certificate that signed the file (Windows reads it from the file's PKCS#7 signature).</summary>
    [SupportedOSPlatform("windows")]
    public static X509Certificate2 SignerOf(string path)
    {
#pragma warning disable SYSLIB0057 // The signer of an Authenticode file has no X509CertificateLoader counterpart.
        using var signer = X509Certificate.CreateFromSignedFile(path);
#pragma warning restore SYSLIB0057
        return X509CertificateLoader.LoadCertificate(signer.GetRawCertData());
    }

    private static readonly IntPtr InvalidHandle = new(-1);
    private static readonly Guid GenericVerifyV2 = new("00AAC56B-CD44-11d0-8CC2-00C04FC295EE");
    private const uint WtdUiNone = 2;
    private const uint WtdRevokeWholeChain = 1;
    private const uint WtdChoiceFile = 1;
    private const uint WtdStateActionVerify = 1;
    private const uint WtdStateActionClose = 2;
    private const uint WtdRevocationCheckChainExcludeRoot = 0x80;

    [LibraryImport("wintrust.dll")]
    [SupportedOSPlatform("windows")]
    private static partial int WinVerifyTrust(IntPtr window, ref Guid action, ref WintrustData data);

    [StructLayout(LayoutKind.Sequential, CharSet = CharSet.Unicode)]
    private struct WintrustFileInfo
    {
        public uint Size;
        [MarshalAs(UnmanagedType.LPWStr)]
        public string FilePath;
        public IntPtr File;
        public IntPtr KnownSubject;
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct WintrustData
    {
        public uint Size;
        public IntPtr PolicyCallbackData;
        public IntPtr SipClientData;
        public uint UiChoice;
        public uint RevocationChecks;
        public uint UnionChoice;
        public IntPtr FileInfo;
        public uint StateAction;
        public IntPtr StateData;
        public IntPtr UrlReference;
        public uint ProviderFlags;
        public uint UiContext;
        public IntPtr SignatureSettings;
    }
}
