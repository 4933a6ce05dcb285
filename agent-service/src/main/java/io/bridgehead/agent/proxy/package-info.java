/**
 * How the agent reaches the tenant through an HTTP proxy: the stored {@link
 * io.bridgehead.agent.proxy.ProxySettings} (none, system or explicit), the {@code https_proxy}
 * and {@code no_proxy} variables that {@code system} reads, and {@link
 * io.bridgehead.agent.proxy.TenantProxy}, which resolves them for one tenant and responds to the
 * proxy's Basic authentication challenge.
 */
package io.bridgehead.agent.proxy;
