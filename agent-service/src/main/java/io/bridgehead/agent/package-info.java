/**
 * The service runtime. One binary serves three roles (access, automation, provisioning); each
 * runs as its own service, enrolled with the tenant, long-polling it for its role's jobs and
 * running them under leases.
 *
 * <p>{@link io.bridgehead.agent.AgentService} runs one role;
 * {@link io.bridgehead.agent.Enrollment} joins a pool. Only the automation role takes jobs so
 * far.
 */
package io.bridgehead.agent;
