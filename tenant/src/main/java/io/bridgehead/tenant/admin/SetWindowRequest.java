package io.bridgehead.tenant.admin;

/**
 * Body of {@code POST /admin/v1/pools/NAME/update-window}.
 *
 * @param window days and hours such as {@code mon-fri 01:00-05:00} (see
 *     {@link io.bridgehead.wire.UpdateWindow}), or null or {@code any} for any time
 */
public record SetWindowRequest(String window) {}
