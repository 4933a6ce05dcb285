package io.bridgehead.wire;

/**
 * The response to {@link AgentApi#HELLO}.
 *
 * @param service the kind of server, {@value #SERVICE} for a Bridgehead tenant
 * @param version the tenant's version, for example {@code 0.1.0}
 */
public record HelloResponse(String service, String version) {
  public static final String SERVICE = "bridgehead-tenant";
}
