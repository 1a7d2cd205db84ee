/**
 * The API front ends use to drive Piecewise: start a {@link dev.piecewise.api.Client}, add torrents, watch them, pick
 * strategies and policies. Everything here is a snapshot or a handle; nothing exposes the engine's internals.
 */
package dev.piecewise.api;
