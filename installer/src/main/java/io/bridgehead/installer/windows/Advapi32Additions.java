package io.bridgehead.installer.windows;

import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.Structure;
import com.sun.jna.platform.win32.NTSecApi;
import com.sun.jna.platform.win32.WinNT;
import com.sun.jna.platform.win32.Winsvc;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.ptr.PointerByReference;
import com.sun.jna.win32.StdCallLibrary;
import com.sun.jna.win32.W32APIOptions;

/**
 * Advapi32 functions and structures that jna-platform 5.19.1 does not declare, or declares
 * with a {@code String} password that would stay in memory. Raw bindings only: the callers
 * check the results. The library loads on first use of {@link #INSTANCE}, so this interface
 * is harmless on other systems.
 *
 * <p>NOTE: never called; written from the Windows SDK signatures on Linux.
 */
interface Advapi32Additions extends StdCallLibrary {
  Advapi32Additions INSTANCE =
      Native.load("advapi32", Advapi32Additions.class, W32APIOptions.DEFAULT_OPTIONS);

  /** {@code SERVICE_NO_CHANGE}: keep this setting in {@code ChangeServiceConfig}. */
  int SERVICE_NO_CHANGE = 0xFFFFFFFF;
  /** {@code POLICY_CREATE_ACCOUNT}: add an account to the LSA policy database. */
  int POLICY_CREATE_ACCOUNT = 0x00000010;
  /** {@code POLICY_LOOKUP_NAMES}: look up names and SIDs. */
  int POLICY_LOOKUP_NAMES = 0x00000800;
  int SDDL_REVISION_1 = 1;

  /**
   * {@code CreateServiceW}, with the password as a NUL-terminated {@code char[]} so that the
   * caller can clear it.
   */
  Winsvc.SC_HANDLE CreateService(Winsvc.SC_HANDLE manager, String serviceName,
      String displayName, int desiredAccess, int serviceType, int startType, int errorControl,
      String binaryPathName, String loadOrderGroup, IntByReference tagId, String dependencies,
      String serviceStartName, char[] password);

  /** {@code ChangeServiceConfigW}; absent from jna-platform. */
  boolean ChangeServiceConfig(Winsvc.SC_HANDLE service, int serviceType, int startType,
      int errorControl, String binaryPathName, String loadOrderGroup, IntByReference tagId,
      String dependencies, String serviceStartName, char[] password, String displayName);

  int LsaOpenPolicy(NTSecApi.LSA_UNICODE_STRING systemName, LsaObjectAttributes attributes,
      int desiredAccess, PointerByReference policyHandle);

  int LsaAddAccountRights(Pointer policyHandle, WinNT.PSID accountSid,
      NTSecApi.LSA_UNICODE_STRING userRights, int countOfRights);

  int LsaRemoveAccountRights(Pointer policyHandle, WinNT.PSID accountSid, boolean allRights,
      NTSecApi.LSA_UNICODE_STRING userRights, int countOfRights);

  int LsaClose(Pointer policyHandle);

  int LsaNtStatusToWinError(int status);

  boolean ConvertStringSecurityDescriptorToSecurityDescriptor(String sddl, int revision,
      PointerByReference descriptor, IntByReference length);

  boolean GetSecurityDescriptorDacl(Pointer descriptor, IntByReference daclPresent,
      PointerByReference dacl, IntByReference daclDefaulted);

  /** {@code LSA_OBJECT_ATTRIBUTES}; LsaOpenPolicy ignores every field but the length. */
  @Structure.FieldOrder({"Length", "RootDirectory", "ObjectName", "Attributes",
      "SecurityDescriptor", "SecurityQualityOfService"})
  final class LsaObjectAttributes extends Structure {
    public int Length;
    public Pointer RootDirectory;
    public Pointer ObjectName;
    public int Attributes;
    public Pointer SecurityDescriptor;
    public Pointer SecurityQualityOfService;

    LsaObjectAttributes() {
      Length = size();
    }
  }

  /** {@code SERVICE_DELAYED_AUTO_START_INFO}. */
  @Structure.FieldOrder("fDelayedAutostart")
  final class DelayedAutoStartInfo extends Winsvc.ChangeServiceConfig2Info {
    public int fDelayedAutostart;

    DelayedAutoStartInfo(boolean delayed) {
      fDelayedAutostart = delayed ? 1 : 0;
    }
  }

  /** {@code SERVICE_PRESHUTDOWN_INFO}; the timeout is in milliseconds. */
  @Structure.FieldOrder("dwPreshutdownTimeout")
  final class PreshutdownInfo extends Winsvc.ChangeServiceConfig2Info {
    public int dwPreshutdownTimeout;

    PreshutdownInfo(int timeoutMillis) {
      dwPreshutdownTimeout = timeoutMillis;
    }
  }
}
