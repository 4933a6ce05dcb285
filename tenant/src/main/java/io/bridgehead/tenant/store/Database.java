package io.bridgehead.tenant.store;

import java.io.IOException;
import io.bridgehead.tenant.security.PrivateFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The tenant's embedded SQLite database, one file in the data folder.
 *
 * <p>One connection serves the whole tenant and callers serialise on {@link #lock()}: the
 * reference tenant's write rate is small, and one writer avoids SQLite's busy errors. The
 * journal is WAL with {@code synchronous=FULL}, so a committed change survives a crash or a
 * power cut, not only a clean stop.
 */
public final class Database implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Database.class);
  /** The schema version this tenant writes; older databases are migrated when opened. */
  static final int SCHEMA_VERSION = Schema.VERSIONS.size();

  private final Connection connection;
  private final Object lock = new Object();

  private Database(Connection connection) {
    this.connection = connection;
  }

  /** Opens (creating when absent) the database at {@code file} and brings its schema up. */
  public static Database open(Path file) throws IOException {
    // The database contains task scripts and variables, so it is made readable by the owner
    // alone; SQLite gives its -wal and -shm files the database file's mode.
    if (!Files.exists(file)) {
      PrivateFiles.write(file, new byte[0]);
    }
    try {
      Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
      try (Statement statement = connection.createStatement()) {
        statement.execute("PRAGMA journal_mode=WAL");
        statement.execute("PRAGMA synchronous=FULL");
        statement.execute("PRAGMA foreign_keys=ON");
        statement.execute("PRAGMA busy_timeout=10000");
      }
      Database database = new Database(connection);
      database.migrate();
      return database;
    } catch (SQLException e) {
      throw new IOException("cannot open the tenant database " + file + ": " + e.getMessage(), e);
    }
  }

  /** Returns the monitor that guards the connection; hold it for every use of it. */
  public Object lock() {
    return lock;
  }

  /** Returns the connection; callers hold {@link #lock()} while they use it. */
  public Connection connection() {
    return connection;
  }

  private void migrate() throws SQLException {
    synchronized (lock) {
      int version;
      try (Statement statement = connection.createStatement();
           var rows = statement.executeQuery("PRAGMA user_version")) {
        version = rows.next() ? rows.getInt(1) : 0;
      }
      if (version > SCHEMA_VERSION) {
        throw new SQLException("the database has schema version " + version
            + ", newer than this tenant's " + SCHEMA_VERSION + "; run a newer tenant");
      }
      if (version == SCHEMA_VERSION) {
        return;
      }
      // All steps commit together, so a failed migration leaves the old version intact.
      connection.setAutoCommit(false);
      try (Statement statement = connection.createStatement()) {
        for (int next = version + 1; next <= SCHEMA_VERSION; next++) {
          for (String sql : Schema.VERSIONS.get(next - 1)) {
            statement.execute(sql);
          }
        }
        statement.execute("PRAGMA user_version=" + SCHEMA_VERSION);
        connection.commit();
        if (version > 0) {
          log.info("Migrated the tenant database from schema version {} to {}", version,
              SCHEMA_VERSION);
        }
      } catch (SQLException e) {
        connection.rollback();
        throw e;
      } finally {
        connection.setAutoCommit(true);
      }
    }
  }

  @Override
  public void close() {
    synchronized (lock) {
      try {
        connection.close();
      } catch (SQLException e) {
        // Closing only releases the file; every change was committed already.
      }
    }
  }
}
