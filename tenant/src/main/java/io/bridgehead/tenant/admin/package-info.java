/**
 * The admin API's messages and the client that the {@code bridgehead tenant ...} commands and
 * the demo use to call it. The admin API lives under {@code /admin/v1} and takes the admin
 * token, made at the tenant's first start, as a bearer token.
 */
package io.bridgehead.tenant.admin;
