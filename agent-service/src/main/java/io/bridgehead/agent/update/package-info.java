/**
 * The agent's side of updates: the folder that a service and the updater share, the request a
 * service leaves there for the updater, and the result the updater leaves for the services.
 * A service's {@link io.bridgehead.agent.update.UpdateManager} downloads and checks the
 * package that the tenant's heartbeat response names, against the release key that packages
 * must be signed with, and then starts the updater.
 */
package io.bridgehead.agent.update;
