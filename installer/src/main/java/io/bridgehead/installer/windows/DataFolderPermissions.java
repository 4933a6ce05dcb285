package io.bridgehead.installer.windows;

import com.sun.jna.Native;
import com.sun.jna.platform.win32.AccCtrl;
import com.sun.jna.platform.win32.Advapi32;
import com.sun.jna.platform.win32.Kernel32;
import com.sun.jna.platform.win32.Kernel32Util;
import com.sun.jna.platform.win32.WinNT;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.ptr.PointerByReference;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Replaces a data folder's DACL with the protected one of {@link DataFolderAcl}, through
 * {@code SetNamedSecurityInfo}, which also passes the inherited entries on to the files and
 * folders already inside.
 *
 * <p>NOTE: never run; written on Linux.
 */
public final class DataFolderPermissions {

  /**
   * Sets the folder's DACL for the service account.
   *
   * @throws IOException when the account is not found or Windows rejects the change
   */
  public void apply(Path folder, ServiceAccount account) throws IOException {
    String sid = account.kind() == ServiceAccount.Kind.LOCAL_SYSTEM
        ? null
        : AccountSids.lookup(account).sidString;
    String sddl = DataFolderAcl.sddl(account, sid);

    PointerByReference descriptor = new PointerByReference();
    if (!Advapi32Additions.INSTANCE.ConvertStringSecurityDescriptorToSecurityDescriptor(sddl,
        Advapi32Additions.SDDL_REVISION_1, descriptor, null)) {
      throw failure(folder, Native.getLastError(), "converting " + sddl);
    }
    try {
      IntByReference present = new IntByReference();
      PointerByReference dacl = new PointerByReference();
      if (!Advapi32Additions.INSTANCE.GetSecurityDescriptorDacl(descriptor.getValue(), present,
          dacl, new IntByReference())) {
        throw failure(folder, Native.getLastError(), "reading the DACL of " + sddl);
      }
      int error = Advapi32.INSTANCE.SetNamedSecurityInfo(folder.toString(),
          AccCtrl.SE_OBJECT_TYPE.SE_FILE_OBJECT,
          WinNT.DACL_SECURITY_INFORMATION | WinNT.PROTECTED_DACL_SECURITY_INFORMATION,
          null, null, dacl.getValue(), null);
      if (error != 0) {
        throw failure(folder, error, "setting " + sddl);
      }
    } finally {
      Kernel32.INSTANCE.LocalFree(descriptor.getValue());
    }
  }

  private static IOException failure(Path folder, int error, String step) {
    return new IOException("setting the permissions of " + folder + " failed while " + step
        + ", with Windows error " + error + ": " + Kernel32Util.formatMessage(error).strip());
  }
}
