/**
 * What all plugin kinds share: an id to pick a provider by, a description, a version and typed options.
 *
 * <p>Every SPI of Piecewise follows the same shape: a stateless {@link dev.piecewise.spi.PluginProvider provider},
 * found with {@link java.util.ServiceLoader}, creates the instances the core uses (one per torrent for strategies and
 * choking policies, one per session for tracker transports).
 */
package dev.piecewise.spi;
