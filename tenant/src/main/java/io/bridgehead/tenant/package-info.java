/**
 * The reference tenant: the cloud side of Bridgehead, run on one machine so that the agent can
 * be demonstrated and tested for real. It serves the agent API and an admin API over HTTPS,
 * keeps pools, enrollment keys, agents and jobs in an embedded SQLite database, and hands
 * jobs out under leases.
 *
 * <p>{@link io.bridgehead.tenant.TenantServer} is the entry point; {@code bridgehead tenant
 * start} runs it.
 */
package io.bridgehead.tenant;
