package io.bridgehead.installer.windows;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The access control list a role's data folder gets, in SDDL: SYSTEM and Administrators have
 * full control, the service account may modify (read, write, run and delete, but not change
 * permissions or take ownership), and no other account has access. Every entry is inherited by
 * files and subfolders ({@code OICI}). The DACL is protected ({@code P}), so the entries of
 * {@code %ProgramData%}, which let every user read and create files, do not reach the folder.
 *
 * <p>With LocalSystem as the service account, SYSTEM's entry already covers it and no third
 * entry is added.
 */
public final class DataFolderAcl {
  /**
   * {@code FILE_GENERIC_READ | FILE_GENERIC_WRITE | FILE_GENERIC_EXECUTE | DELETE}, the
   * "Modify" right of the Explorer security page, as SDDL access-mask text.
   */
  public static final String MODIFY_RIGHTS = "0x1301bf";
  /** {@code FILE_ALL_ACCESS} in SDDL. */
  public static final String FULL_CONTROL = "FA";

  private static final Pattern SID = Pattern.compile("S-1-\\d{1,14}(-\\d{1,10}){1,15}");

  private DataFolderAcl() {
  }

  /** One allow entry: a trustee as an SDDL alias or SID string, and its rights. */
  public record Entry(String trustee, String rights) {
    String sddl() {
      return "(A;OICI;" + rights + ";;;" + trustee + ")";
    }
  }

  /**
   * Returns the entries for a data folder.
   *
   * @param account the service account
   * @param accountSid the account's SID string, such as {@code S-1-5-21-...-1105}; ignored
   *     for LocalSystem, where it may be null
   * @throws IllegalArgumentException when the SID is needed and is not a SID string
   */
  public static List<Entry> entries(ServiceAccount account, String accountSid) {
    List<Entry> entries = new ArrayList<>();
    entries.add(new Entry("SY", FULL_CONTROL));
    entries.add(new Entry("BA", FULL_CONTROL));
    if (account.kind() != ServiceAccount.Kind.LOCAL_SYSTEM) {
      if (accountSid == null || !SID.matcher(accountSid).matches()) {
        throw new IllegalArgumentException("invalid SID '" + accountSid + "' for service"
            + " account " + account + ": expected a SID string such as S-1-5-21-1-2-3-1105");
      }
      entries.add(new Entry(accountSid, MODIFY_RIGHTS));
    }
    return List.copyOf(entries);
  }

  /** Returns the protected DACL of {@link #entries} as SDDL text. */
  public static String sddl(ServiceAccount account, String accountSid) {
    StringBuilder sddl = new StringBuilder("D:P");
    for (Entry entry : entries(account, accountSid)) {
      sddl.append(entry.sddl());
    }
    return sddl.toString();
  }
}
