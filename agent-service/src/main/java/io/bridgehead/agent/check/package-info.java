/**
 * The connection check: DNS, proxy, TCP, TLS and the tenant's answer, each reported as a step
 * with what failed and what to do. {@link io.bridgehead.agent.check.ConnectionCheck} runs it
 * in process; {@code bridgehead check} prints its result.
 */
package io.bridgehead.agent.check;
