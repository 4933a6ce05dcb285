package io.bridgehead.tenant.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Small JDBC helpers: bind parameters, map rows. Callers hold the database lock. */
final class Sql {
  /**
   * Instants are stored as UTC text with exactly nine fraction digits, so that SQL compares
   * and sorts them correctly as text. {@link Instant#toString()} varies the digits, and then
   * {@code ...:30Z} sorts after {@code ...:30.500Z}.
   */
  private static final DateTimeFormatter INSTANT_TEXT =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSSSS'Z'").withZone(ZoneOffset.UTC);

  /** Maps the current row of a result set. */
  interface RowMapper<T> {
    T map(ResultSet row) throws SQLException;
  }

  private Sql() {}

  static int update(Connection connection, String sql, Object... parameters) throws SQLException {
    try (PreparedStatement statement = prepare(connection, sql, parameters)) {
      return statement.executeUpdate();
    }
  }

  static <T> List<T> query(Connection connection, RowMapper<T> mapper, String sql,
      Object... parameters) throws SQLException {
    try (PreparedStatement statement = prepare(connection, sql, parameters);
         ResultSet rows = statement.executeQuery()) {
      List<T> result = new ArrayList<>();
      while (rows.next()) {
        result.add(mapper.map(rows));
      }
      return result;
    }
  }

  static <T> Optional<T> queryOne(Connection connection, RowMapper<T> mapper, String sql,
      Object... parameters) throws SQLException {
    List<T> rows = query(connection, mapper, sql, parameters);
    return rows.isEmpty() ? Optional.empty() : Optional.ofNullable(rows.get(0));
  }

  static Instant instant(ResultSet row, String column) throws SQLException {
    String text = row.getString(column);
    return text == null ? null : Instant.parse(text);
  }

  static Integer nullableInt(ResultSet row, String column) throws SQLException {
    int value = row.getInt(column);
    return row.wasNull() ? null : value;
  }

  private static PreparedStatement prepare(Connection connection, String sql,
      Object... parameters) throws SQLException {
    PreparedStatement statement = connection.prepareStatement(sql);
    for (int i = 0; i < parameters.length; i++) {
      Object value = parameters[i];
      if (value instanceof Instant) {
        statement.setString(i + 1, INSTANT_TEXT.format((Instant) value));
      } else if (value instanceof Boolean) {
        statement.setInt(i + 1, ((Boolean) value) ? 1 : 0);
      } else {
        statement.setObject(i + 1, value);
      }
    }
    return statement;
  }
}
