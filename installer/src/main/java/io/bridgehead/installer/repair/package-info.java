/**
 * {@code bridgehead repair}: puts an installation's program files, {@code current} and service
 * registrations back in order from its install record, and starts the services again. The
 * configuration, credentials, outbox and logs of the services stay as they are.
 */
package io.bridgehead.installer.repair;
